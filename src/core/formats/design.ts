/**
 * report/design.json: the design's decisions as a reviewer reads them
 * (design/design.ts). It leaves out what another file of the plan already
 * holds, so that each value is written once: the configuration's settings the
 * design passes on as they are (baseplate.resolved.json) and the address plan
 * (report/ip-plan.json). Each spoke's egress appears as the names of its rules;
 * their destinations and sources are in the firewall's rule collection groups
 * (azure/). Its JSON Schema is schemas/output/design.schema.json.
 */
import type { Design, HubDesign, SpokeDesign } from '../design/design.js';

export const DESIGN_PATH = 'report/design.json';

type Passed =
  'ipPlan' | 'monitoring' | 'gitops' | 'upgrades' | 'policy' | 'defender' | 'budget' | 'hub' | 'spokes';

export type DesignSummary = Omit<Design, Passed> & {
  readonly budget: { readonly name: string };
  readonly hub: Omit<HubDesign, 'network' | 'firewall'>;
  readonly spokes: readonly (Omit<SpokeDesign, 'network' | 'ranges' | 'cluster' | 'workload' | 'egress'> & {
    readonly egress: { readonly addresses: readonly string[]; readonly rules: readonly string[] };
  })[];
};

/** What report/design.json holds of a design. */
export function designSummary(design: Design): DesignSummary {
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
