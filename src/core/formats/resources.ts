/**
 * azure/resources.json: every resource the plan deploys, with its final
 * property values (its expressions resolved as far as the plan can). Written by
 * artifacts/arm/emit.ts; read by the rules, the cost estimate, the diagram and
 * `deploy` (src/deploy/stages.ts). Its JSON Schema is
 * schemas/output/resources.schema.json; a resource's body is Azure's (the
 * vendored ARM schemas check it).
 */

export const RESOURCES_PATH = 'azure/resources.json';

/** The placeholder of a subscription known only at deployment, in IDs and scopes; `deploy` fills it in. */
export { SUBSCRIPTION_PLACEHOLDER } from '../artifacts/arm/expression.js';

export interface ResolvedResource {
  /** The ID Azure will give it; `<subscription-id>` where the subscription is chosen at deployment. */
  readonly id: string;
  /** The stage (deployment-order.json) that deploys it. */
  readonly stage: string;
  readonly type: string;
  readonly name: string;
  readonly apiVersion: string;
  readonly location?: string;
  readonly sku?: Readonly<Record<string, unknown>>;
  readonly tags?: Readonly<Record<string, string>>;
  readonly properties?: Readonly<Record<string, unknown>>;
  /** The rest of the ARM resource (kind, zones, identity, scope, dependsOn...). */
  readonly [key: string]: unknown;
}

export interface ResolvedResources {
  readonly resources: readonly ResolvedResource[];
}
