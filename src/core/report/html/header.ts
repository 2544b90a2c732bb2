/**
 * The page's header, what identifies the plan a signature covers: the plan
 * date, Baseplate's version and the SHA-256 of the configuration as
 * baseplate.resolved.json holds it (every default filled in, keys in canonical
 * order), which `sha256sum baseplate.resolved.json` reproduces. Then the plan
 * at a glance.
 */
import type { Config } from '../../config/schema/index.js';
import type { CostEstimate } from '../../formats/cost.js';
import type { FindingsReport } from '../../formats/findings.js';
import { toJson } from '../../serialize.js';
import { formatMonthly } from '../cost.js';
import { escape, section, table } from './markup.js';
import { sha256Hex } from './sha256.js';

/** What the page says of itself beyond the plan: given by whoever writes it (the CLI, the configurator). */
export interface ReportMeta {
  /** The plan date, YYYY-MM-DD (UTC). */
  readonly date?: string;
  /** Baseplate's version. */
  readonly version?: string;
}

/** The SHA-256 of the configuration, as baseplate.resolved.json holds it. */
export const configHash = (config: Config): string => sha256Hex(toJson(config));

export function header(config: Config, clusters: readonly string[], meta: ReportMeta): string {
  const facts = table(
    ['', ''],
    [
      ['Plan date', meta.date ?? 'not given'],
      ['Baseplate version', meta.version ?? 'not given'],
      ['Configuration SHA-256 (baseplate.resolved.json)', `${configHash(config)}`],
      ['Region', config.location],
      ['Clusters', clusters.join(', ')],
    ],
    { rowHeaders: true, className: 'facts' },
  );
  return `<header><h1>Baseplate plan: ${escape(clusters.join(', '))}</h1><p class="muted">The AKS baseline architecture, as planned, for the network, security, identity and finance teams to review and sign.</p>${facts}</header>`;
}

export function summarySection(
  config: Config,
  findings: FindingsReport,
  cost: CostEstimate,
  stages: number,
): string {
  const count = (severity: string) => findings.findings.filter((f) => f.severity === severity).length;
  const budget = config.cost.monthlyBudget;
  return section(
    'summary',
    'Summary',
    table(
      ['', 'This plan'],
      [
        ['Region', config.location],
        ['Deployment stages', stages],
        ['Findings', `${count('error')} error(s), ${count('warning')} warning(s), ${count('info')} note(s)`],
        [
          'Monthly cost',
          `${formatMonthly(cost.total)} ${cost.currency}${cost.unknownLines ? ` (${cost.unknownLines} item(s) unknown)` : ''}`,
        ],
        ['Monthly budget', budget === undefined ? 'not set' : `${budget} ${cost.currency}`],
      ],
      { rowHeaders: true },
    ),
  );
}
