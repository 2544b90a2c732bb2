/** What `baseplate plan` prints: the plan at a glance, as data and as text. */
import type { Config } from '../config/schema/index.js';
import type { Design } from '../design/design.js';
import type { PoolCapacity, PoolDesign } from '../design/capacity.js';
import type { Stage } from '../artifacts/arm/template.js';
import type { Diagnostic, Severity } from '../diagnostics.js';
import { ipPlanText } from './ip-plan-table.js';
import { textTable } from './table.js';
import type { CostEstimate, Monthly } from '../formats/cost.js';
import type { DeploymentOrder, DeploymentOrderStage } from '../formats/deployment-order.js';
import { formatMonthly } from './cost.js';

export interface PlanSummary {
  readonly source: string;
  readonly preset: string;
  readonly location: string;
  readonly zones: readonly number[];
  readonly hub: {
    readonly virtualNetwork: string;
    readonly addressSpace: string;
    readonly existing: boolean;
  };
  readonly clusters: ReadonlyArray<{
    readonly spoke: string;
    readonly environment: string;
    readonly name: string;
    readonly kubernetesVersion: string;
    readonly tier: string;
    readonly registry: string;
    readonly registryReplicas: readonly string[];
    readonly keyVault: string;
    readonly pools: readonly PoolDesign[];
  }>;
  /** The ARM stages in deployment order. */
  readonly stages: ReadonlyArray<{
    readonly order: number;
    readonly name: string;
    readonly target: string;
    readonly resources: number;
    readonly appliedBy: DeploymentOrderStage['appliedBy'];
  }>;
  /** How many findings of each severity: those report/findings.json and the report count. */
  readonly findings: Readonly<Record<Severity, number>>;
  /** How many of the plan's other diagnostics (on the configuration, or a price the table lacks) of each severity. */
  readonly otherDiagnostics: Readonly<Record<Severity, number>>;
  readonly files: readonly string[];
  /** The monthly cost range (report/cost.md has the lines). */
  readonly cost: {
    readonly currency: string;
    /** The sum of the priced items; unknown when none has a price. */
    readonly total: Monthly;
    readonly unknownItems: number;
    /** The date of the price table the estimate used. */
    readonly pricesDate: string;
  };
}

export function summarize(
  source: string,
  config: Config,
  design: Design,
  stages: readonly Stage[],
  order: DeploymentOrder,
  diagnostics: readonly Diagnostic[],
  files: readonly string[],
  cost: CostEstimate,
): PlanSummary {
  const count = (severity: Severity, findings = true) =>
    diagnostics.filter((d) => d.severity === severity && (d.kind === 'finding') === findings).length;
  return {
    source,
    preset: config.preset,
    location: design.region.name,
    zones: design.zones,
    hub: {
      virtualNetwork: design.hub.virtualNetworkName,
      addressSpace: design.hub.addressSpace,
      existing: design.hub.existing,
    },
    clusters: design.spokes.map((spoke) => ({
      spoke: spoke.name,
      environment: spoke.environment,
      name: spoke.names.cluster,
      kubernetesVersion: spoke.kubernetesVersion,
      tier: spoke.tier,
      registry: spoke.names.registry,
      registryReplicas: spoke.registryReplicas,
      keyVault: spoke.names.keyVault,
      pools: spoke.pools,
    })),
    stages: stages.map((stage, index) => ({
      order: index,
      name: stage.name,
      target:
        stage.scope.kind === 'resourceGroup' ? `resource group ${stage.scope.resourceGroup}` : 'subscription',
      resources: stage.resources.length,
      // deployment-order.json's decision, not made again here.
      appliedBy: order.stages[index]?.appliedBy ?? 'baseplate',
    })),
    findings: { error: count('error'), warning: count('warning'), info: count('info') },
    otherDiagnostics: {
      error: count('error', false),
      warning: count('warning', false),
      info: count('info', false),
    },
    files,
    cost: {
      currency: cost.currency,
      total: cost.total,
      unknownItems: cost.unknownLines,
      pricesDate: cost.prices.date,
    },
  };
}

function range(capacity: { atMin: PoolCapacity; atMax: PoolCapacity } | undefined, key: keyof PoolCapacity) {
  return capacity ? `${capacity.atMin[key]}–${capacity.atMax[key]}` : 'unknown';
}

export function summaryText(summary: PlanSummary, design: Design, outDir: string): string {
  const lines = [
    `Baseplate plan of ${summary.source} (preset ${summary.preset})`,
    `Region ${design.region.displayName} (${summary.location}), zones ${summary.zones.join(', ') || 'none'}`,
    '',
    'IP address plan',
    ipPlanText(design.ipPlan, '  '),
    '',
    'Clusters (workload capacity: 80% of each node, at min–max nodes)',
  ];
  for (const cluster of summary.clusters) {
    const replicas = cluster.registryReplicas.length
      ? `, replicated to ${cluster.registryReplicas.join(', ')}`
      : '';
    lines.push(
      `  ${cluster.name}: Kubernetes ${cluster.kubernetesVersion}, ${cluster.tier} tier, environment ${cluster.environment}`,
      `  registry ${cluster.registry}${replicas}; Key Vault ${cluster.keyVault}`,
      textTable(
        [
          { title: 'Pool', value: (p: PoolDesign) => `${p.name} (${p.mode})` },
          { title: 'VM size', value: (p) => p.vmSize },
          {
            title: 'Nodes',
            value: (p) => `${p.minCount}–${p.maxCount} +${p.surgeNodes} surge`,
            align: 'right',
          },
          { title: 'Zones', value: (p) => p.zones.join(',') || 'none' },
          { title: 'OS disk', value: (p) => p.osDiskType },
          { title: 'vCPU', value: (p) => range(p.capacity, 'vCpus'), align: 'right' },
          { title: 'Memory GiB', value: (p) => range(p.capacity, 'memoryGiB'), align: 'right' },
          { title: 'Pods', value: (p) => range(p.capacity, 'pods'), align: 'right' },
        ],
        cluster.pools,
        '    ',
      ),
    );
  }
  lines.push(
    '',
    'Azure deployment stages (azure/deployment-order.json)',
    textTable(
      [
        {
          title: '#',
          value: (s: PlanSummary['stages'][number]) => String(s.order),
          align: 'right',
        },
        { title: 'Stage', value: (s) => s.name },
        { title: 'Target', value: (s) => s.target },
        { title: 'Resources', value: (s) => String(s.resources), align: 'right' },
        { title: 'Applied by', value: (s) => s.appliedBy },
      ],
      summary.stages,
      '  ',
    ),
  );
  const { error, warning, info } = summary.findings;
  const other = summary.otherDiagnostics;
  const others = other.error + other.warning + other.info;
  const { cost } = summary;
  const unknown = cost.unknownItems > 0 ? ` (${cost.unknownItems} item(s) unknown)` : '';
  lines.push(
    '',
    cost.total === 'unknown'
      ? `Cost: unknown (no price for this region or these SKUs in the prices of ${cost.pricesDate}); report/cost.md`
      : `Cost: ${formatMonthly(cost.total)} ${cost.currency} a month${unknown}, prices of ${cost.pricesDate}; report/cost.md`,
    // Each finding is told once, after the summary, with its setting and fix.
    `Findings: ${error} error(s), ${warning} warning(s), ${info} note(s); report/findings.json`,
    ...(others > 0
      ? [
          `Configuration and prices: ${other.error} error(s), ${other.warning} warning(s), ${other.info} note(s), below`,
        ]
      : []),
    `Wrote ${summary.files.length} files to ${outDir}`,
  );
  return `${lines.join('\n')}\n`;
}
