/**
 * The files Baseplate writes and reads back, each declared once: the writer
 * produces the type, every reader (deploy, the report, the web page, the tests)
 * takes it, and schemas/output/ publishes it as JSON Schema for scripts.
 */
export type { ConsumedOutput, DeploymentOrder, DeploymentOrderStage } from './deployment-order.js';
export { DEPLOYMENT_ORDER_PATH } from './deployment-order.js';
export type { ResolvedResource, ResolvedResources } from './resources.js';
export { RESOURCES_PATH, SUBSCRIPTION_PLACEHOLDER } from './resources.js';
export type { ParametersFile, TemplateFile } from './template.js';
export type { FindingsReport, RuleSummary } from './findings.js';
export { FINDINGS_PATH } from './findings.js';
export type { IpPlan, PlannedClusterRanges, PlannedNetwork, PlannedSubnet } from './ip-plan.js';
export { IP_PLAN_PATH } from './ip-plan.js';
export type { CostEstimate, CostLine, Monthly, PriceTable, RegionPrices } from './cost.js';
export { COST_PATH, PRICES_PATH } from './cost.js';
export type { ImageList } from './images.js';
export { IMAGES_PATH } from './images.js';
export type { DesignSummary } from './design.js';
export { DESIGN_PATH, designSummary } from './design.js';

import { COST_PATH, PRICES_PATH } from './cost.js';
import { DEPLOYMENT_ORDER_PATH } from './deployment-order.js';
import { DESIGN_PATH } from './design.js';
import { FINDINGS_PATH } from './findings.js';
import { IMAGES_PATH } from './images.js';
import { IP_PLAN_PATH } from './ip-plan.js';
import { RESOURCES_PATH } from './resources.js';

/** Each file with a JSON Schema of Baseplate's in schemas/output/ (named `<schema>.schema.json`). */
export const OUTPUT_SCHEMAS = [
  { path: DEPLOYMENT_ORDER_PATH, schema: 'deployment-order' },
  { path: RESOURCES_PATH, schema: 'resources' },
  { path: FINDINGS_PATH, schema: 'findings' },
  { path: IP_PLAN_PATH, schema: 'ip-plan' },
  { path: COST_PATH, schema: 'cost' },
  { path: PRICES_PATH, schema: 'prices' },
  { path: DESIGN_PATH, schema: 'design' },
  { path: IMAGES_PATH, schema: 'images' },
] as const;
