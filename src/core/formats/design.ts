/**
 * report/design.json: the design the artifacts were built from (design/design.ts),
 * without its IP plan, which report/ip-plan.json holds. Its JSON Schema is
 * schemas/output/design.schema.json.
 */
import type { Design } from '../design/design.js';

export const DESIGN_PATH = 'report/design.json';

export type DesignSummary = Omit<Design, 'ipPlan'>;

/** What report/design.json holds of a design. */
export function designSummary(design: Design): DesignSummary {
  const { ipPlan, ...summary } = design;
  return summary;
}
