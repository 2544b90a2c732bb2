/**
 * ARM resources and deployment stages as typed data. A stage becomes one
 * template and its parameters file; stages pass values to each other through
 * outputs wired to parameters, recorded in deployment-order.json.
 */
import type { ResourceType } from './api-versions.js';
import { API_VERSIONS } from './api-versions.js';
import type { ArmExpression, ArmObject, ArmValue, Resolved } from './expression.js';
import { expression, literal } from './expression.js';
import type { ArmScope } from './scope.js';

export interface ArmResource extends ArmObject {
  readonly type: ResourceType;
  readonly apiVersion: string;
  readonly name: string;
  /** Why the resource is as it is: ARM keeps it with the deployment. */
  readonly comments?: string;
}

/** A resource of `type` at the API version of the one table. */
export function armResource(
  type: ResourceType,
  name: string,
  body: Omit<ArmObject, 'type' | 'apiVersion' | 'name'>,
): ArmResource {
  return { type, apiVersion: API_VERSIONS[type], name, ...body };
}

/** `securestring`: never logged by Resource Manager, never written by Baseplate. */
export type ParameterType = 'string' | 'securestring' | 'int' | 'bool' | 'array' | 'object';

export interface StageParameter {
  readonly type: ParameterType;
  readonly description: string;
  /** The value the plan expects: written to the parameters file. */
  readonly value: Resolved | readonly Resolved[];
  /**
   * A default computed at deployment (e.g. `[utcNow('yyyy-MM-01')]`, which ARM
   * allows only here): the parameters file leaves such a parameter out, and
   * `value` only describes it.
   */
  readonly defaultValue?: string;
  /**
   * Read at every deployment from what exists in Azure (a budget's start date, which
   * Azure never changes): `deploy` and deploy.sh give it, over any `defaultValue`
   * (which is right for a new resource only), and the parameters file leaves it out;
   * `value` only describes it.
   */
  readonly atDeployment?: true;
  /** The earlier stage output that supplies it at deployment time. */
  readonly from?: { readonly stage: string; readonly output: string };
}

export interface StageOutput {
  readonly type: ParameterType;
  readonly description: string;
  readonly value: ArmValue;
}

export type StageScope =
  | ({ readonly kind: 'resourceGroup' } & ArmScope)
  | {
      readonly kind: 'subscription';
      readonly subscriptionId?: string;
      readonly location: string;
      /** The design's key (`bu0001a0008-prod-eus2`), which keeps its deployment records apart from other designs'. */
      readonly design: string;
    };

export interface RoleNeed {
  /** A built-in role name. */
  readonly role: string;
  /** Where: `subscription <id>`, `resource group <name>`, or a resource ID. */
  readonly scope: string;
  readonly why: string;
}

export interface Stage {
  /** Short identifier, e.g. `hub`, `spoke-00`. */
  readonly name: string;
  /** What the stage deploys, for people. */
  readonly description: string;
  /** Who usually deploys it (spec: "Isolate workload responsibilities"). */
  readonly owner: 'network team' | 'workload team';
  /** The Azure roles whoever deploys the stage needs, each at its narrowest scope. */
  readonly roles: readonly RoleNeed[];
  readonly scope: StageScope;
  readonly parameters: Readonly<Record<string, StageParameter>>;
  readonly resources: readonly ArmResource[];
  readonly outputs: Readonly<Record<string, StageOutput>>;
  /** Stages that must be deployed first. */
  readonly dependsOn: readonly string[];
  /** Applied by the owner of an existing hub, not by Baseplate: written under `network-team/`. */
  readonly handoff?: boolean;
  /** What must be true before the stage, beyond the stages it depends on (e.g. a certificate in the vault). */
  readonly prerequisites?: readonly string[];
  /** What people do once the stage is deployed (e.g. a DNS record), which no template can. */
  readonly followUps?: readonly string[];
}

/**
 * The name of the stage's Resource Manager deployment record, which a re-run
 * updates. Records are kept per scope: a resource group holds one design's, but
 * a subscription holds every design's (and binds each name to one location), so
 * a subscription stage's name carries its design.
 */
export function deploymentName(stage: Pick<Stage, 'name' | 'scope'>): string {
  return stage.scope.kind === 'subscription'
    ? `baseplate-${stage.scope.design}-${stage.name}`
    : `baseplate-${stage.name}`;
}

/** `[parameters('name')]`, resolving to the planned value. */
export function parameter(name: string, value: Resolved): ArmExpression {
  return expression(`parameters(${literal(name)})`, value);
}

/** A role on the resource group of `at`, which a stage's deployer needs. */
export function groupRole(at: ArmScope): (role: string, why: string) => RoleNeed {
  return (role, why) => ({ role, scope: `resource group ${at.resourceGroup}`, why });
}
