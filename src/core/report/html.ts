/**
 * report/report.html: one self-contained page for the teams who sign off the
 * design, each in its own part with no raw JSON: the network team's
 * (addresses, firewall, egress allow-list with its sources, security rules,
 * routes, reachability), the security and identity teams' (policies,
 * identities and role assignments, findings with what passed, suppressions),
 * the finance team's (cost against the budget), the platform team's (stages,
 * spec coverage), then an approval block. Built from the values the plan wrote
 * its files from, as formats/ declares them (never from the model behind them,
 * so it cannot drift from what gets deployed). No script, font, image or style
 * is fetched. The same plan and meta give the same bytes.
 *
 * Each part lives in html/, one module per part.
 */
import type { Config } from '../config/schema/index.js';
import type { CostEstimate } from '../formats/cost.js';
import type { DeploymentOrder } from '../formats/deployment-order.js';
import type { FindingsReport } from '../formats/findings.js';
import type { IpPlan } from '../formats/ip-plan.js';
import type { ResolvedResource } from '../formats/resources.js';
import { approvalSection } from './html/approval.js';
import { financeSection } from './html/finance.js';
import type { ReportMeta } from './html/header.js';
import { configHash, header, summarySection } from './html/header.js';
import { escape, part, section } from './html/markup.js';
import type { EgressDesign } from './html/network.js';
import { addressSpaces, egressAllowList, ipPlanSection, routeTables, securityRules } from './html/network.js';
import { coverageSection, stagesSection } from './html/operations.js';
import { reachabilitySection } from './html/reachability.js';
import {
  findingsSection,
  identitySection,
  policySection,
  rulesSection,
  suppressionsSection,
} from './html/security.js';
import { STYLE } from './html/style.js';

export type { ReportMeta } from './html/header.js';

/** What the page shows: the values of baseplate.resolved.json, azure/resources.json, azure/deployment-order.json and report/*.json. */
export interface ReportInput {
  readonly config: Config;
  /** The IP plan, and where each spoke's egress rules are documented. */
  readonly design: { readonly ipPlan: IpPlan } & EgressDesign;
  readonly resources: readonly ResolvedResource[];
  readonly deploymentOrder: DeploymentOrder;
  readonly findings: FindingsReport;
  readonly cost: CostEstimate;
}

const NETWORK = [
  ['network', 'Address spaces and connected networks'],
  ['ip-plan', 'IP address plan'],
  ['egress', 'Egress allow-list'],
  ['nsg', 'Security rules'],
  ['routes', 'Route tables'],
  ['reachability', 'Reachability'],
] as const;
const SECURITY = [
  ['policies', 'Policies'],
  ['identities', 'Identities and roles'],
  ['findings', 'Findings'],
  ['rules', 'Rules checked'],
  ['suppressions', 'Suppressions'],
] as const;
const FINANCE = [['cost', 'Cost and budget']] as const;
const PLATFORM = [
  ['stages', 'Stages'],
  ['coverage', 'Spec coverage'],
] as const;

const titles = (entries: ReadonlyArray<readonly [string, string]>) => entries.map(([, title]) => title);

/** The page, from the plan's values and the diagram laid out from report/diagram.dot. */
export function reportHtml(plan: ReportInput, diagramSvg: string, meta: ReportMeta = {}): string {
  const { config, cost, findings, resources } = plan;
  const ipPlan = plan.design.ipPlan;
  const clusters = ipPlan.clusters.map((c) => c.cluster);
  const nav = [
    ['summary', 'Summary'],
    ['diagram', 'Diagram'],
    ...NETWORK,
    ...SECURITY,
    ...FINANCE,
    ...PLATFORM,
    ['approval', 'Approval'],
  ]
    .map(([id, title]) => `<a href="#${id}">${escape(title)}</a>`)
    .join('');
  return [
    '<!DOCTYPE html>',
    '<html lang="en"><head><meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>Baseplate plan: ${escape(clusters.join(', '))}</title>`,
    `<style>${STYLE}</style></head><body>`,
    header(config, clusters, meta),
    `<nav>${nav}</nav>`,
    summarySection(config, findings, cost, plan.deploymentOrder.stages.length),
    section(
      'diagram',
      'Architecture',
      `<div class="figure">${diagramSvg.replace(/<\?xml[^>]*>\s*/, '').replace(/<!DOCTYPE[^>]*>\s*/, '')}</div>`,
    ),
    part(
      'part-network',
      'Network',
      'For the network team: what the plan takes of the address space, and what may go where.',
      [
        addressSpaces(config, ipPlan, resources),
        ipPlanSection(ipPlan),
        egressAllowList(resources, plan.design),
        securityRules(resources),
        routeTables(resources),
        reachabilitySection(findings.reachability),
      ],
    ),
    part(
      'part-security',
      'Security and identity',
      'For the security and identity teams: what policy enforces, who may do what where, and what the rules found.',
      [
        policySection(resources),
        identitySection(resources),
        findingsSection(findings),
        rulesSection(findings),
        suppressionsSection(findings),
      ],
    ),
    part(
      'part-finance',
      'Finance',
      'For the finance team: what the plan costs a month, on what assumptions, against the budget.',
      [financeSection(config, cost)],
    ),
    part(
      'part-platform',
      'Deployment',
      'For the platform team: how the plan is deployed, and what of the spec it leaves out.',
      [stagesSection(plan.deploymentOrder), coverageSection()],
    ),
    approvalSection(
      [
        { name: 'Network', reviews: titles(NETWORK) },
        { name: 'Security', reviews: titles(SECURITY) },
        { name: 'Identity', reviews: ['Identities and roles', 'Findings', 'Suppressions'] },
        { name: 'Finance', reviews: titles(FINANCE) },
      ],
      configHash(config),
      meta.date,
    ),
    '</body></html>',
    '',
  ].join('\n');
}
