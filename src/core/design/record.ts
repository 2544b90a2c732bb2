/**
 * report/design.json: the design's decisions as a reviewer reads them. It
 * leaves out what another file of the plan already holds, so that each value
 * is written once: the configuration's settings the design passes on as they
 * are (baseplate.resolved.json) and the address plan (report/ip-plan.json).
 * Each spoke's egress appears as the names of its rules; their destinations
 * and sources are in the firewall's rule collection groups (azure/).
 */
import type { Design } from './design.js';

export function designRecord(design: Design): object {
  const { ipPlan, monitoring, gitops, upgrades, policy, defender, budget, hub, spokes, ...decided } = design;
  const { network, firewall, ...hubDecisions } = hub;
  return {
    ...decided,
    budget: { name: budget.name },
    hub: hubDecisions,
    spokes: spokes.map(({ network, ranges, cluster, workload, egress, ...spoke }) => ({
      ...spoke,
      egress: { addresses: egress.addresses, rules: egress.rules.map((rule) => rule.name) },
    })),
  };
}
