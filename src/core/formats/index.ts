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

/** Each file with a JSON Schema of Baseplate's in schemas/output/ (named `<schema>.schema.json`). */
export const OUTPUT_SCHEMAS = [
  { path: 'azure/deployment-order.json', schema: 'deployment-order' },
  { path: 'azure/resources.json', schema: 'resources' },
  { path: 'report/findings.json', schema: 'findings' },
  { path: 'report/ip-plan.json', schema: 'ip-plan' },
  { path: 'report/cost.json', schema: 'cost' },
  { path: 'report/prices.json', schema: 'prices' },
  { path: 'report/design.json', schema: 'design' },
  { path: 'gitops/images.json', schema: 'images' },
] as const;
