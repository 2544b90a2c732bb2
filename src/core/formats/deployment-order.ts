/**
 * azure/deployment-order.json: each ARM stage's place, scope, inputs and
 * prerequisites. Written by artifacts/arm/emit.ts; read by `deploy`
 * (src/deploy/stages.ts), the HTML report and people. Its JSON Schema is
 * schemas/output/deployment-order.schema.json.
 */
import type { RoleNeed, Stage } from '../artifacts/arm/template.js';

export const DEPLOYMENT_ORDER_PATH = 'azure/deployment-order.json';

/** A parameter whose value is another stage's output, passed at deployment. */
export interface ConsumedOutput {
  readonly parameter: string;
  readonly stage: string;
  readonly output: string;
}

export interface DeploymentOrderStage {
  readonly order: number;
  readonly name: string;
  /** Its Resource Manager deployment record, which a re-run updates. */
  readonly deploymentName: string;
  readonly description: string;
  /** The team that owns what the stage deploys. */
  readonly owner: Stage['owner'];
  /** The Azure roles the deployer needs, and where. */
  readonly roles: readonly RoleNeed[];
  /** 'hub owner' for the stages handed to the owner of an existing hub. */
  readonly appliedBy: 'baseplate' | 'hub owner';
  readonly scope: 'subscription' | 'resourceGroup';
  /** Absent when the stage deploys to the subscription given at deployment. */
  readonly subscriptionId?: string;
  readonly resourceGroup?: string;
  /** Where a subscription deployment keeps its record. */
  readonly location?: string;
  /** The template and parameters files, relative to azure/. */
  readonly template: string;
  readonly parameters: string;
  readonly dependsOn: readonly string[];
  readonly prerequisites?: readonly string[];
  readonly followUps?: readonly string[];
  readonly consumes: readonly ConsumedOutput[];
  readonly outputs: readonly string[];
}

export interface DeploymentOrder {
  readonly stages: readonly DeploymentOrderStage[];
}
