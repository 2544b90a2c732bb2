/**
 * A monthly cost estimate, drawn from the resources the plan deploys (the
 * resolved list of azure/resources.json), priced from a dated price table:
 * per resource and in total, as a range from the node pools at their minimum
 * to their maximum. What the table has no price for is unknown, never free;
 * usage-based meters are priced on stated assumptions.
 */
import type { Json } from '../arm-values.js';
import { at, literalNumber, literalString } from '../arm-values.js';
import { findVmSize } from '../data/vm-sizes.js';
import type { PriceTable, RegionPrices } from '../data/prices.js';
import type { CostEstimate, CostLine, Monthly } from '../formats/cost.js';
import type { ResolvedResource } from '../formats/resources.js';

/** The Azure calculator's month. */
export const HOURS_PER_MONTH = 730;

/** Usage the estimate assumes, stated in the report. */
export const ASSUMPTIONS = {
  /** Analytics-plan ingestion into each Log Analytics workspace. */
  analyticsGbPerDay: 1,
  /** Container logs (ContainerLogV2) of each cluster workspace. */
  containerLogGbPerDay: 2,
  /** Secret reads of each Key Vault: the CSI driver polls for rotations every two minutes. */
  keyVaultOperationsPerMonth: 100_000,
} as const;

/** What the estimate reads of a resource of azure/resources.json. */
export type PricedResource = Pick<
  ResolvedResource,
  'type' | 'name' | 'location' | 'sku' | 'properties' | 'tags'
>;

/**
 * A whole number as `toLocaleString('en-US')` writes it (100,000), without
 * starting the ICU number formatter that call costs a fresh process.
 */
function withCommas(n: number): string {
  return Number.isSafeInteger(n) && n >= 0
    ? String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',')
    : n.toLocaleString('en-US');
}

const cents = (n: number) => Math.round(n * 100) / 100;
const range = (min: number, max = min): Monthly => ({ min: cents(min), max: cents(max) });

/** A region the table has no prices for: what would be billed there is listed, each line unknown. */
const UNPRICED: RegionPrices = {
  vmHourly: {},
  aksTierHourly: {},
  firewallHourly: {},
  bastionHourly: {},
  registryDaily: {},
  publicIpHourly: Number.NaN,
  privateEndpointHourly: Number.NaN,
  loadBalancerHourly: Number.NaN,
  logAnalyticsPerGb: Number.NaN,
  keyVaultPer10kOperations: Number.NaN,
  premiumSsdMonthly: {},
  defenderContainersPerVCoreHour: Number.NaN,
};

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The names in the texts between `/` or `'` and one of `'"/` or the end, each text's tokens kept once. */
const tokensOf = new WeakMap<readonly string[], Set<string>>();

/**
 * Whether a text names `name` as `[/']name(['"/]|$)` does: looked up among the
 * texts' tokens when the name holds no delimiter (a workspace's never does),
 * not matched by a new expression per name and text.
 */
function namedIn(texts: readonly string[], name: string): boolean {
  if (/['"/]/.test(name))
    return texts.some((text) => new RegExp(`[/']${escapeRegExp(name)}(['"/]|$)`).test(text));
  let tokens = tokensOf.get(texts);
  if (!tokens) {
    tokens = new Set();
    for (const text of texts)
      for (let at = 0; at < text.length; at += 1) {
        if (text[at] !== '/' && text[at] !== "'") continue;
        let end = at + 1;
        while (end < text.length && text[end] !== "'" && text[end] !== '"' && text[end] !== '/') end += 1;
        tokens.add(text.slice(at + 1, end));
      }
    tokensOf.set(texts, tokens);
  }
  return tokens.has(name);
}

/** The Premium SSD tier that holds a disk of this size. */
function ssdTier(sizeGb: number): string | undefined {
  return (
    [
      [128, 'P10'],
      [256, 'P15'],
      [512, 'P20'],
      [1024, 'P30'],
    ] as const
  ).find(([gb]) => sizeGb <= gb)?.[1];
}

function line(resource: string, item: string, monthly: Monthly, basis: string): CostLine {
  return { resource, item, monthly, basis };
}

function clusterLines(r: PricedResource, p: RegionPrices): CostLine[] {
  const tier = literalString(r.sku?.['tier']) ?? 'Free';
  const hourly = p.aksTierHourly[tier];
  const lines = [
    hourly === undefined
      ? line(r.name, `control plane (${tier})`, 'unknown', `no price for the ${tier} tier`)
      : line(r.name, `control plane (${tier})`, range(hourly * HOURS_PER_MONTH), `${hourly}/h`),
  ];
  // The internal load balancer AKS creates for Traefik: the Standard SKU's first five rules.
  lines.push(
    line(
      r.name,
      'internal load balancer (Standard, made by AKS), before data processed',
      range(p.loadBalancerHourly * HOURS_PER_MONTH),
      `${p.loadBalancerHourly}/h`,
    ),
  );
  for (const pool of (at(r, 'properties.agentPoolProfiles') ?? []) as Json[]) {
    const size = literalString(pool['vmSize']) ?? '';
    const min = literalNumber(pool['minCount']) ?? literalNumber(pool['count']);
    const max = literalNumber(pool['maxCount']) ?? literalNumber(pool['count']) ?? min;
    const spot = pool['scaleSetPriority'] === 'Spot';
    const vm = p.vmHourly[size];
    if (min === undefined || max === undefined) {
      lines.push(line(r.name, `node pool ${String(pool['name'])}`, 'unknown', 'no node count'));
      continue;
    }
    const item = `node pool ${String(pool['name'])} (${min}–${max} × ${size})`;
    lines.push(
      vm === undefined || spot
        ? line(r.name, item, 'unknown', spot ? 'spot prices change with demand' : `no price for ${size}`)
        : line(r.name, item, range(min * vm * HOURS_PER_MONTH, max * vm * HOURS_PER_MONTH), `${vm}/h a node`),
    );
    if (pool['osDiskType'] === 'Ephemeral') continue;
    const tier = ssdTier(literalNumber(pool['osDiskSizeGB']) ?? 128);
    const disk = tier ? p.premiumSsdMonthly[tier] : undefined;
    lines.push(
      disk === undefined
        ? line(r.name, `OS disks of ${String(pool['name'])}`, 'unknown', 'no price for the disk tier')
        : line(
            r.name,
            `OS disks of ${String(pool['name'])} (${tier})`,
            range(min * disk, max * disk),
            `${disk}/month a node`,
          ),
    );
  }
  return lines;
}

interface Context {
  /** The vCPUs of every cluster's nodes, at the pools' minimum and maximum. */
  readonly vCores: { readonly min: number; readonly max: number };
  /** ContainerLogV2 is on the Basic plan. */
  readonly containerLogsBasic: boolean;
  /** The workspaces container insights sends container logs to. */
  readonly containerLogWorkspaces: ReadonlySet<string>;
}

function priced(r: PricedResource, p: RegionPrices, context: Context): CostLine[] {
  const perHour = (item: string, hourly: number | undefined, missing: string) =>
    hourly === undefined
      ? [line(r.name, item, 'unknown', missing)]
      : [line(r.name, item, range(hourly * HOURS_PER_MONTH), `${hourly}/h`)];
  switch (r.type.toLowerCase()) {
    case 'microsoft.containerservice/managedclusters':
      return clusterLines(r, p);
    case 'microsoft.network/azurefirewalls': {
      const tier = literalString(at(r, 'properties.sku.tier')) ?? 'Standard';
      return perHour(
        `firewall (${tier}), before data processed`,
        p.firewallHourly[tier],
        `no price for ${tier}`,
      );
    }
    case 'microsoft.network/applicationgateways': {
      const scale = (at(r, 'properties.autoscaleConfiguration') ?? {}) as Json;
      const sku = (at(r, 'properties.sku') ?? {}) as Json;
      // A fixed capacity, without autoscaling, is sku.capacity.
      const min = literalNumber(scale['minCapacity']) ?? literalNumber(sku['capacity']);
      const max = literalNumber(scale['maxCapacity']) ?? min;
      const waf = sku['tier'] === undefined || sku['tier'] === 'WAF_v2' ? p.appGatewayWafV2 : undefined;
      if (!waf || min === undefined || max === undefined)
        return [
          line(
            r.name,
            `Application Gateway ${String(sku['tier'] ?? 'WAF_v2')}`,
            'unknown',
            waf ? 'no instance count' : 'no price for this tier and region',
          ),
        ];
      // An instance is about ten capacity units; the minimum instances are billed whatever the traffic.
      const monthly = (instances: number) =>
        (waf.fixedHourly + instances * 10 * waf.capacityUnitHourly) * HOURS_PER_MONTH;
      return [
        line(
          r.name,
          `Application Gateway WAF_v2 (${min}–${max} instances)`,
          range(monthly(min), monthly(max)),
          `${waf.fixedHourly}/h + ${waf.capacityUnitHourly}/h a capacity unit, 10 a instance`,
        ),
      ];
    }
    case 'microsoft.network/bastionhosts': {
      const sku = literalString(r.sku?.['name']) ?? 'Basic';
      return perHour(`Bastion (${sku})`, p.bastionHourly[sku], `no price for Bastion ${sku} in the table`);
    }
    case 'microsoft.containerregistry/registries':
    case 'microsoft.containerregistry/registries/replications': {
      const replica = r.type.toLowerCase().endsWith('replications');
      const sku = replica ? 'Premium' : (literalString(r.sku?.['name']) ?? 'Premium');
      const daily = p.registryDaily[sku];
      const item = replica ? 'geo-replica' : `registry (${sku})`;
      return daily === undefined
        ? [line(r.name, item, 'unknown', `no price for ${sku}`)]
        : [line(r.name, item, range((daily * HOURS_PER_MONTH) / 24), `${daily}/day`)];
    }
    case 'microsoft.network/publicipaddresses':
      return perHour('public IP (Standard)', p.publicIpHourly, 'no price');
    case 'microsoft.network/privateendpoints':
      return perHour('private endpoint, before data processed', p.privateEndpointHourly, 'no price');
    case 'microsoft.network/privatednszones':
      return p.privateDnsZoneMonthly === undefined
        ? [line(r.name, 'private DNS zone', 'unknown', 'no price for the region')]
        : [
            line(
              r.name,
              'private DNS zone',
              range(p.privateDnsZoneMonthly),
              `${p.privateDnsZoneMonthly}/month`,
            ),
          ];
    case 'microsoft.operationalinsights/workspaces': {
      const days = HOURS_PER_MONTH / 24;
      const lines = [
        line(
          r.name,
          `log ingestion, ${ASSUMPTIONS.analyticsGbPerDay} GB/day (Analytics)`,
          range(ASSUMPTIONS.analyticsGbPerDay * days * p.logAnalyticsPerGb),
          `${p.logAnalyticsPerGb}/GB, assumed volume`,
        ),
      ];
      // Beyond the 31 days included, each day of retention keeps a day's ingestion stored.
      const retention = literalNumber(at(r, 'properties.retentionInDays')) ?? 30;
      if (retention > 31) {
        const stored = ASSUMPTIONS.analyticsGbPerDay * (retention - 31);
        lines.push(
          p.retentionPerGbMonth === undefined
            ? line(r.name, `retention of ${retention} days`, 'unknown', 'no retention price for the region')
            : line(
                r.name,
                `retention of ${retention} days`,
                range(stored * p.retentionPerGbMonth),
                `${p.retentionPerGbMonth}/GB-month beyond 31 days`,
              ),
        );
      }
      if (context.containerLogWorkspaces.has(r.name)) {
        const basic = context.containerLogsBasic;
        const perGb = basic ? p.basicLogsPerGb : p.logAnalyticsPerGb;
        const item = `container logs, ${ASSUMPTIONS.containerLogGbPerDay} GB/day (${basic ? 'Basic' : 'Analytics'})`;
        lines.push(
          perGb === undefined
            ? line(r.name, item, 'unknown', 'no Basic logs price for the region')
            : line(
                r.name,
                item,
                range(ASSUMPTIONS.containerLogGbPerDay * days * perGb),
                `${perGb}/GB, assumed volume`,
              ),
        );
      }
      return lines;
    }
    case 'microsoft.keyvault/vaults':
      return [
        line(
          r.name,
          `Key Vault operations, ${withCommas(ASSUMPTIONS.keyVaultOperationsPerMonth)} a month`,
          range((ASSUMPTIONS.keyVaultOperationsPerMonth / 10_000) * p.keyVaultPer10kOperations),
          `${p.keyVaultPer10kOperations}/10,000 operations, assumed volume`,
        ),
      ];
    case 'microsoft.security/pricings': {
      if (!/containers/i.test(r.name) || literalString(at(r, 'properties.pricingTier')) !== 'Standard')
        return [];
      const { min, max } = context.vCores;
      const per = p.defenderContainersPerVCoreHour * HOURS_PER_MONTH;
      return [
        line(
          r.name,
          `Defender for Containers, ${min}–${max} vCores of the nodes`,
          range(min * per, max * per),
          `${p.defenderContainersPerVCoreHour}/vCore-hour; the plan covers the whole subscription`,
        ),
      ];
    }
    case 'microsoft.monitor/accounts':
      return [line(r.name, 'managed Prometheus', 'unknown', 'billed by metric samples ingested and queried')];
    default:
      return [];
  }
}

/** The estimate for the resources, in the regions they are deployed to. */
export function costEstimate(resources: readonly PricedResource[], table: PriceTable): CostEstimate {
  const containerLogsBasic = resources.some(
    (r) =>
      r.type.toLowerCase() === 'microsoft.operationalinsights/workspaces/tables' &&
      r.name.endsWith('/ContainerLogV2') &&
      literalString(at(r, 'properties.plan')) === 'Basic',
  );
  // A workspace a container insights data collection rule names.
  const rules = resources
    .filter(
      (r) =>
        r.type.toLowerCase() === 'microsoft.insights/datacollectionrules' &&
        JSON.stringify(r.properties ?? {}).includes('ContainerInsights'),
    )
    .map((r) => JSON.stringify(r.properties ?? {}));
  const pools = resources
    .filter((r) => r.type.toLowerCase() === 'microsoft.containerservice/managedclusters')
    .flatMap((c) => (at(c, 'properties.agentPoolProfiles') ?? []) as Json[]);
  const cores = (count: 'minCount' | 'maxCount') =>
    pools.reduce(
      (sum, pool) =>
        sum +
        (findVmSize(literalString(pool['vmSize']) ?? '')?.vCpus ?? 0) *
          (literalNumber(pool[count]) ?? literalNumber(pool['count']) ?? 0),
      0,
    );
  const context: Context = {
    vCores: { min: cores('minCount'), max: cores('maxCount') },
    containerLogsBasic,
    containerLogWorkspaces: new Set(
      resources
        .filter((r) => r.type.toLowerCase() === 'microsoft.operationalinsights/workspaces')
        .map((r) => r.name)
        .filter((name) => namedIn(rules, name)),
    ),
  };
  const regionOf = (r: PricedResource) => r.location?.toLowerCase().replace(/\s/g, '');
  // Global resources (private DNS zones) are priced as in the region the others are deployed to.
  const home = resources.map(regionOf).find((region) => region !== undefined && region !== 'global');
  const lines = resources.flatMap((r) => {
    // Global resources (and subscription settings without a region) are priced at home.
    const region = regionOf(r) === undefined || regionOf(r) === 'global' ? home : regionOf(r);
    const prices = region ? table.regions[region] : undefined;
    if (prices) return priced(r, prices, context);
    // Priced only where the table knows the region: elsewhere each billable resource is unknown.
    return priced(r, UNPRICED, context).map((l) => ({
      ...l,
      monthly: 'unknown' as const,
      basis: `no prices for region ${region ?? '(none)'}`,
    }));
  });
  const known = lines.flatMap((l) => (l.monthly === 'unknown' ? [] : [l.monthly]));
  return {
    currency: table.currency,
    prices: { source: table.source, date: table.date },
    hoursPerMonth: HOURS_PER_MONTH,
    assumptions: [
      `${HOURS_PER_MONTH} hours a month; list prices, no reservations or discounts`,
      'node pools from their minimum to their maximum node count',
      `${ASSUMPTIONS.analyticsGbPerDay} GB/day into each Log Analytics workspace, ${ASSUMPTIONS.containerLogGbPerDay} GB/day of container logs per cluster`,
      `${withCommas(ASSUMPTIONS.keyVaultOperationsPerMonth)} Key Vault operations a month`,
      'data processed by the firewall, private endpoints and peerings is not included',
    ],
    lines,
    total:
      known.length === 0
        ? 'unknown'
        : range(
            known.reduce((sum, m) => sum + m.min, 0),
            known.reduce((sum, m) => sum + m.max, 0),
          ),
    unknownLines: lines.filter((l) => l.monthly === 'unknown').length,
    notes: costNotes(resources, context, home ? table.regions[home] : undefined),
  };
}

/** The spec's cost levers ("Cost management") where they apply. */
function costNotes(
  resources: readonly PricedResource[],
  { containerLogsBasic, vCores }: Context,
  home: RegionPrices | undefined,
): string[] {
  const defended = resources.some(
    (r) => r.type.toLowerCase() === 'microsoft.security/pricings' && /containers/i.test(r.name),
  );
  const defenderPerVCoreMonth = home ? home.defenderContainersPerVCoreHour * HOURS_PER_MONTH : undefined;
  const clusters = resources.filter(
    (r) => r.type.toLowerCase() === 'microsoft.containerservice/managedclusters',
  );
  const pools = clusters.flatMap((c) => (at(c, 'properties.agentPoolProfiles') ?? []) as Json[]);
  const preproduction = clusters.some((c) => {
    const environment = c.tags?.['environment'];
    return typeof environment === 'string' && !/^prod/.test(environment);
  });
  const vcpus = vCores.min;
  return [
    'Reserved VM instances (one or three years) lower the node cost of pools that run for a long time.',
    ...(pools.some((p) => p['mode'] !== 'System' && p['scaleSetPriority'] !== 'Spot')
      ? ['Spot node pools suit interruptible workloads at a fraction of the node price.']
      : []),
    ...(containerLogsBasic
      ? [
          'ContainerLogV2 is on the Basic plan: cheaper ingestion, paid queries (spec "Cost optimization for logging").',
        ]
      : []),
    'The autoscaler minimums are the reserved capacity: the lower bound of the estimate is what always runs.',
    ...(preproduction
      ? [
          'Preproduction clusters can use the Free tier, fewer nodes, and the AKS start/stop feature outside working hours.',
        ]
      : []),
    ...(vcpus > 0 && defenderPerVCoreMonth !== undefined && !defended
      ? [
          `Defender for Containers, if enabled, adds about ${defenderPerVCoreMonth.toFixed(2)} a vCore a month (${vcpus} vCores at the minimum).`,
        ]
      : []),
  ];
}

/** A monthly figure as the reports show it: `12.34`, `12.34–56.78` or `unknown`. */
export function formatMonthly(m: Monthly): string {
  if (m === 'unknown') return 'unknown';
  return m.min === m.max ? m.min.toFixed(2) : `${m.min.toFixed(2)}–${m.max.toFixed(2)}`;
}

/** The estimate as a Markdown table, for the report. */
export function costMarkdown(estimate: CostEstimate): string {
  const money = formatMonthly;
  const escape = (s: string) => s.replace(/\|/g, '\\|');
  return [
    `# Monthly cost estimate (${estimate.currency})`,
    '',
    `Prices: ${estimate.prices.source}, as of ${estimate.prices.date}.`,
    '',
    '| Resource | Item | Per month | Basis |',
    '| --- | --- | --- | --- |',
    ...estimate.lines.map(
      (l) => `| ${escape(l.resource)} | ${escape(l.item)} | ${money(l.monthly)} | ${escape(l.basis)} |`,
    ),
    `| **Total** | ${estimate.unknownLines > 0 ? `without ${estimate.unknownLines} unknown item(s)` : ''} | **${money(estimate.total)}** | |`,
    '',
    'Assumptions:',
    '',
    ...estimate.assumptions.map((a) => `- ${a}`),
    '',
    'Cost levers:',
    '',
    ...estimate.notes.map((n) => `- ${n}`),
    '',
  ].join('\n');
}
