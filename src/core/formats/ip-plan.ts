/**
 * report/ip-plan.json: every virtual network and subnet laid out, with its
 * headroom, and each cluster's pod and service ranges. The type is the IP
 * plan itself (ipplan/plan.ts), written as it is; its JSON Schema is
 * schemas/output/ip-plan.schema.json.
 */
export type { IpPlan, PlannedClusterRanges, PlannedNetwork, PlannedSubnet } from '../ipplan/plan.js';

export const IP_PLAN_PATH = 'report/ip-plan.json';
