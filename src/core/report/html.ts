/**
 * report/report.html: one self-contained page for the people who sign off the
 * design. Built from the values the plan wrote its files from, as formats/
 * declares them (never from the model behind them, so it cannot drift from
 * what gets deployed): the summary, the diagram, the IP plan with its
 * headroom, the findings with their spec citations and fixes, the cost, the
 * deployment stages with what each needs, the spec coverage and the
 * configuration. No script, font, image or style is fetched.
 */
import type { Config } from '../config/schema/index.js';
import { COVERAGE } from '../coverage/table.js';
import type { CostEstimate } from '../formats/cost.js';
import type { DeploymentOrder } from '../formats/deployment-order.js';
import type { FindingsReport } from '../formats/findings.js';
import type { IpPlan } from '../formats/ip-plan.js';
import { toJson } from '../serialize.js';
import { formatMonthly } from './cost.js';

/** What the page shows: the values of baseplate.resolved.json, azure/deployment-order.json and report/*.json. */
export interface ReportInput {
  readonly config: Config;
  readonly design: { readonly ipPlan: IpPlan };
  readonly deploymentOrder: DeploymentOrder;
  readonly findings: FindingsReport;
  readonly cost: CostEstimate;
}

const escape = (text: unknown) =>
  String(text ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');

function table(headers: readonly string[], rows: ReadonlyArray<readonly unknown[]>): string {
  const head = headers.map((h) => `<th scope="col">${escape(h)}</th>`).join('');
  const body = rows
    .map((row) => `<tr>${row.map((cell) => `<td>${escape(cell)}</td>`).join('')}</tr>`)
    .join('\n');
  return `<table><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

function section(id: string, title: string, content: string): string {
  return `<section id="${id}"><h2>${escape(title)}</h2>\n${content}\n</section>`;
}

const money = formatMonthly;

const STYLE = `
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; margin: 0 auto; max-width: 1200px; padding: 0 24px 48px; color: #1a202c; }
h1 { margin: 24px 0 4px; } h2 { border-bottom: 1px solid #cbd5e0; padding-bottom: 4px; margin-top: 36px; }
nav a { margin-right: 12px; } table { border-collapse: collapse; width: 100%; margin: 8px 0; }
th, td { border: 1px solid #e2e8f0; padding: 4px 8px; text-align: left; vertical-align: top; }
th { background: #f7fafc; } .figure svg { width: 100%; height: auto; border: 1px solid #e2e8f0; }
.error { color: #c53030; } .warning { color: #b7791f; } .info { color: #2b6cb0; }
pre { background: #f7fafc; padding: 12px; overflow: auto; font-size: 12px; }
.muted { color: #718096; }`;

/** The page, from the plan's values and the diagram laid out from report/diagram.dot. */
export function reportHtml(plan: ReportInput, diagramSvg: string): string {
  const { config, cost } = plan;
  const order = plan.deploymentOrder.stages;
  const ipPlan = plan.design.ipPlan;
  const rules = new Map(plan.findings.rules.map((r) => [r.id, r]));
  const found = plan.findings.findings;
  const count = (severity: string) => found.filter((f) => f.severity === severity).length;
  const clusters = ipPlan.clusters.map((c) => c.cluster);

  const summary = table(
    ['', 'This plan'],
    [
      ['Region', config.location],
      ['Clusters', clusters.join(', ')],
      ['Deployment stages', order.length],
      ['Findings', `${count('error')} error(s), ${count('warning')} warning(s), ${count('info')} note(s)`],
      [
        'Monthly cost',
        `${money(cost.total)} ${cost.currency}${cost.unknownLines ? ` (${cost.unknownLines} item(s) unknown)` : ''}`,
      ],
    ],
  );

  const networks = ipPlan.networks.flatMap((n) =>
    n.subnets.map((s) => [n.name, s.name, s.prefix, s.usable, s.required, s.headroom, s.holds]),
  );
  const ranges = ipPlan.clusters.map((c) => [
    c.cluster,
    c.podCidr,
    c.serviceCidr,
    c.nodesNeeded,
    c.podCidrNodeCapacity,
  ]);
  const ip =
    table(['Network', 'Subnet', 'Range', 'Usable', 'Needed', 'Headroom', 'Holds'], networks) +
    table(
      ['Cluster', 'Pod range', 'Service range', 'Nodes needed at most', 'Nodes the pod range holds'],
      ranges,
    );

  const bySeverity = ['error', 'warning', 'info'].map((severity) => {
    const list = found.filter((f) => f.severity === severity);
    const rows = list.map((f) => {
      const spec = rules.get(f.code)?.spec;
      return `<li class="${severity}"><strong>${escape(f.code)}</strong> ${escape(f.message)}${
        spec ? `<br><span class="muted">Spec "${escape(spec.section)}": “${escape(spec.quote)}”</span>` : ''
      }${f.fix ? `<br>Fix: ${escape(f.fix)}` : ''}</li>`;
    });
    return `<h3 class="${severity}">${severity} (${list.length})</h3>${rows.length ? `<ul>${rows.join('\n')}</ul>` : '<p class="muted">None.</p>'}`;
  });
  const suppressed = plan.findings.suppressed;
  const findingsHtml =
    bySeverity.join('\n') +
    (suppressed.length
      ? `<h3>suppressed (${suppressed.length})</h3><ul>${suppressed.map((s) => `<li>${escape(s.finding.message)} — ${escape(s.reason)} <span class="muted">(${s.by})</span></li>`).join('')}</ul>`
      : '');

  const costHtml =
    table(
      ['Resource', 'Item', `Per month (${cost.currency})`, 'Basis'],
      [
        ...cost.lines.map((l) => [l.resource, l.item, money(l.monthly), l.basis]),
        [
          'Total',
          cost.unknownLines ? `without ${cost.unknownLines} unknown item(s)` : '',
          money(cost.total),
          '',
        ],
      ],
    ) +
    `<p class="muted">Prices: ${escape(cost.prices.source)}, as of ${escape(cost.prices.date)}. Assumptions: ${escape(cost.assumptions.join('; '))}.</p>` +
    `<ul>${cost.notes.map((n) => `<li>${escape(n)}</li>`).join('')}</ul>`;

  const stages = table(
    ['#', 'Stage', 'Where', 'Applied by', 'Azure roles of the deployer', 'Before it runs', 'After it runs'],
    order.map((s) => [
      s.order,
      `${s.name}: ${s.description}`,
      s.resourceGroup ? `resource group ${s.resourceGroup}` : s.scope,
      s.appliedBy,
      s.roles.map((r) => `${r.role} on ${r.scope}`).join('; '),
      [...(s.prerequisites ?? []), ...s.dependsOn.map((d) => `after ${d}`)].join('; '),
      (s.followUps ?? []).join('; '),
    ]),
  );

  const coverage = COVERAGE.flatMap((s) => s.recommendations.map((r) => ({ heading: s.heading, r })));
  const left = coverage.filter(({ r }) => r.leftOut);
  const coverageHtml =
    `<p>${coverage.length} recommendations of the spec: ${coverage.filter(({ r }) => r.rules?.length).length} verified by a rule, ${left.length} left out, each with its reason (docs/coverage.md has them all).</p>` +
    table(
      ['Section', 'Left out', 'Why'],
      left.map(({ heading, r }) => [heading, r.text, `${r.leftOut?.because ?? ''}: ${r.leftOut?.why ?? ''}`]),
    );

  return [
    '<!DOCTYPE html>',
    '<html lang="en"><head><meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>Baseplate plan: ${escape(clusters.join(', '))}</title>`,
    `<style>${STYLE}</style></head><body>`,
    `<h1>Baseplate plan</h1><p class="muted">The AKS baseline architecture for ${escape(clusters.join(', '))}, as planned.</p>`,
    '<nav><a href="#summary">Summary</a><a href="#diagram">Diagram</a><a href="#ip-plan">IP plan</a><a href="#findings">Findings</a><a href="#cost">Cost</a><a href="#stages">Stages</a><a href="#coverage">Spec coverage</a><a href="#config">Configuration</a></nav>',
    section('summary', 'Summary', summary),
    section(
      'diagram',
      'Architecture',
      `<div class="figure">${diagramSvg.replace(/<\?xml[^>]*>\s*/, '').replace(/<!DOCTYPE[^>]*>\s*/, '')}</div>`,
    ),
    section('ip-plan', 'IP address plan', ip),
    section('findings', 'Findings', findingsHtml),
    section('cost', 'Monthly cost estimate', costHtml),
    section('stages', 'Deployment stages, in order', stages),
    section('coverage', 'Spec coverage', coverageHtml),
    section(
      'config',
      'Configuration (every default filled in)',
      // As baseplate.resolved.json holds it.
      `<pre>${escape(toJson(config).trimEnd())}</pre>`,
    ),
    '</body></html>',
    '',
  ].join('\n');
}
