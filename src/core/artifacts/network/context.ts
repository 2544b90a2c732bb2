/** What the components of one stage share. */
import type { Design } from '../../design/design.js';
import type { ArmExpression } from '../arm/expression.js';
import type { ArmScope } from '../arm/scope.js';

export interface StageContext {
  readonly design: Design;
  /** Where the stage deploys. */
  readonly at: ArmScope;
  readonly location: string;
  readonly tags: (component: string) => Record<string, string>;
  /** The hub's Log Analytics workspace, where network diagnostics go; none with an existing hub. */
  readonly workspace?: Workspace;
}

/** In the hub the workspace always exists: the hub deploys it. */
export interface HubContext extends StageContext {
  readonly workspace: Workspace;
}

export interface Workspace {
  readonly id: ArmExpression | string;
  /** Deployed by this stage: its diagnostic settings must wait for it. */
  readonly deployedHere: boolean;
}
