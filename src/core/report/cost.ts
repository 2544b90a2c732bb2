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
import type { PriceKey, PriceTable, RegionPrices } from '../data/prices.js';
import { refreshCommand } from '../data/prices.js';
import type { Diagnostic } from '../diagnostics.js';
import { inputWarning } from '../diagnostics.js';
import type { CostEstimate, CostLine, MissingPrice, Monthly } from '../formats/cost.js';
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
  /**
   * Metric samples each Azure Monitor workspace ingests from managed Prometheus: a
   * stated guess for a few nodes under the default scrape targets (Prometheus is
   * billed per sample ingested: https://azure.microsoft.com/pricing/details/monitor/).
   */
  prometheusSamplesPerSecond: 1_000,
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

/** A line, and for an unknown one the price the table lacks. */
interface Priced extends CostLine {
  readonly missing?: PriceKey;
}

function line(resource: string, item: string, monthly: Monthly, basis: string): Priced {
  return { resource, item, monthly, basis };
}

/** The prices of one region, and the lines that need a price it does not have. */
interface Prices {
  readonly region: string;
  readonly table: RegionPrices;
}

/** An unknown line for a price the table lacks: named, so the estimate can warn of it. */
function unpriced(p: Prices, resource: string, item: string, key: PriceKey): Priced {
  return { ...line(resource, item, 'unknown', `no price for ${key} in ${p.region}`), missing: key };
}

/** A price by key (`vmHourly.Standard_D4ds_v5`, `publicIpHourly`), if the table has it. */
function priceOf(p: Prices, key: PriceKey): number | undefined {
  const [group, name] = key.split('.') as [keyof RegionPrices, string | undefined];
  const value = p.table[group];
  if (name === undefined) return typeof value === 'number' ? value : undefined;
  const found = (value as Readonly<Record<string, number>> | undefined)?.[name];
  return typeof found === 'number' ? found : undefined;
}

/** A line billed by the hour at the price of `key`, or unknown. */
function hourly(p: Prices, resource: string, item: string, key: PriceKey): Priced {
  const price = priceOf(p, key);
  return price === undefined
    ? unpriced(p, resource, item, key)
    : line(resource, item, range(price * HOURS_PER_MONTH), `${price}/h`);
}

function clusterLines(r: PricedResource, p: Prices): Priced[] {
  const tier = literalString(r.sku?.['tier']) ?? 'Free';
  const lines = [
    hourly(p, r.name, `control plane (${tier})`, `aksTierHourly.${tier}`),
    // The internal load balancer AKS creates for Traefik: the Standard SKU's first five rules.
    hourly(
      p,
      r.name,
      'internal load balancer (Standard, made by AKS), before data processed',
      'loadBalancerHourly',
    ),
  ];
  for (const pool of (at(r, 'properties.agentPoolProfiles') ?? []) as Json[]) {
    const size = literalString(pool['vmSize']) ?? '';
    const min = literalNumber(pool['minCount']) ?? literalNumber(pool['count']);
    const max = literalNumber(pool['maxCount']) ?? literalNumber(pool['count']) ?? min;
    const spot = pool['scaleSetPriority'] === 'Spot';
    if (min === undefined || max === undefined) {
      lines.push(line(r.name, `node pool ${String(pool['name'])}`, 'unknown', 'no node count'));
      continue;
    }
    const item = `node pool ${String(pool['name'])} (${min}–${max} × ${size})`;
    // VM size names are case-insensitive in Azure: the table's spelling is the catalogue's.
    const key = `vmHourly.${findVmSize(size)?.name ?? size}`;
    const vm = priceOf(p, key);
    lines.push(
      spot
        ? line(r.name, item, 'unknown', 'spot prices change with demand')
        : vm === undefined
          ? unpriced(p, r.name, item, key)
          : line(
              r.name,
              item,
              range(min * vm * HOURS_PER_MONTH, max * vm * HOURS_PER_MONTH),
              `${vm}/h a node`,
            ),
    );
    if (pool['osDiskType'] === 'Ephemeral') continue;
    const tier = ssdTier(literalNumber(pool['osDiskSizeGB']) ?? 128);
    const disk = tier ? priceOf(p, `premiumSsdMonthly.${tier}`) : undefined;
    lines.push(
      !tier
        ? line(r.name, `OS disks of ${String(pool['name'])}`, 'unknown', 'an OS disk larger than P30')
        : disk === undefined
          ? unpriced(p, r.name, `OS disks of ${String(pool['name'])} (${tier})`, `premiumSsdMonthly.${tier}`)
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

/** A usage-priced line: `quantity` units a month at the price of `key` per unit. */
function perUnit(
  p: Prices,
  resource: string,
  item: string,
  key: PriceKey,
  quantity: number,
  basis: (price: number) => string,
): Priced {
  const price = priceOf(p, key);
  return price === undefined
    ? unpriced(p, resource, item, key)
    : line(resource, item, range(quantity * price), basis(price));
}

function priced(r: PricedResource, p: Prices, context: Context): Priced[] {
  switch (r.type.toLowerCase()) {
    case 'microsoft.containerservice/managedclusters':
      return clusterLines(r, p);
    case 'microsoft.network/azurefirewalls': {
      const tier = literalString(at(r, 'properties.sku.tier')) ?? 'Standard';
      return [hourly(p, r.name, `firewall (${tier}), before data processed`, `firewallHourly.${tier}`)];
    }
    case 'microsoft.network/applicationgateways': {
      const scale = (at(r, 'properties.autoscaleConfiguration') ?? {}) as Json;
      const sku = (at(r, 'properties.sku') ?? {}) as Json;
      // A fixed capacity, without autoscaling, is sku.capacity.
      const min = literalNumber(scale['minCapacity']) ?? literalNumber(sku['capacity']);
      const max = literalNumber(scale['maxCapacity']) ?? min;
      const tier = String(sku['tier'] ?? 'WAF_v2');
      if (tier !== 'WAF_v2')
        return [line(r.name, `Application Gateway ${tier}`, 'unknown', 'only WAF_v2 is priced')];
      const waf = p.table.appGatewayWafV2;
      if (!waf) return [unpriced(p, r.name, 'Application Gateway WAF_v2', 'appGatewayWafV2')];
      if (min === undefined || max === undefined)
        return [line(r.name, 'Application Gateway WAF_v2', 'unknown', 'no instance count')];
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
      // The SKU's price covers its two included instances; Baseplate sets no scale units beyond them.
      const sku = literalString(r.sku?.['name']) ?? 'Basic';
      return [hourly(p, r.name, `Bastion (${sku})`, `bastionHourly.${sku}`)];
    }
    case 'microsoft.containerregistry/registries': {
      const sku = literalString(r.sku?.['name']) ?? 'Premium';
      return [
        perUnit(
          p,
          r.name,
          `registry (${sku})`,
          `registryDaily.${sku}`,
          HOURS_PER_MONTH / 24,
          (d) => `${d}/day`,
        ),
      ];
    }
    case 'microsoft.containerregistry/registries/replications':
      // A Premium registry's replica is billed in its own region, by the replication meter.
      return [
        perUnit(
          p,
          r.name,
          `geo-replica in ${p.region}`,
          'registryReplicaDaily',
          HOURS_PER_MONTH / 24,
          (d) => `${d}/day`,
        ),
      ];
    case 'microsoft.network/publicipaddresses':
      return [hourly(p, r.name, 'public IP (Standard)', 'publicIpHourly')];
    case 'microsoft.network/privateendpoints':
      return [hourly(p, r.name, 'private endpoint, before data processed', 'privateEndpointHourly')];
    case 'microsoft.network/privatednszones':
      return [perUnit(p, r.name, 'private DNS zone', 'privateDnsZoneMonthly', 1, (m) => `${m}/month`)];
    case 'microsoft.operationalinsights/workspaces': {
      const days = HOURS_PER_MONTH / 24;
      const lines = [
        perUnit(
          p,
          r.name,
          `log ingestion, ${ASSUMPTIONS.analyticsGbPerDay} GB/day (Analytics)`,
          'logAnalyticsPerGb',
          ASSUMPTIONS.analyticsGbPerDay * days,
          (gb) => `${gb}/GB, assumed volume`,
        ),
      ];
      // Beyond the 31 days included, each day of retention keeps a day's ingestion stored.
      const retention = literalNumber(at(r, 'properties.retentionInDays')) ?? 30;
      if (retention > 31)
        lines.push(
          perUnit(
            p,
            r.name,
            `retention of ${retention} days`,
            'retentionPerGbMonth',
            ASSUMPTIONS.analyticsGbPerDay * (retention - 31),
            (gb) => `${gb}/GB-month beyond 31 days`,
          ),
        );
      if (context.containerLogWorkspaces.has(r.name)) {
        const basic = context.containerLogsBasic;
        lines.push(
          perUnit(
            p,
            r.name,
            `container logs, ${ASSUMPTIONS.containerLogGbPerDay} GB/day (${basic ? 'Basic' : 'Analytics'})`,
            basic ? 'basicLogsPerGb' : 'logAnalyticsPerGb',
            ASSUMPTIONS.containerLogGbPerDay * days,
            (gb) => `${gb}/GB, assumed volume`,
          ),
        );
      }
      return lines;
    }
    case 'microsoft.keyvault/vaults':
      return [
        perUnit(
          p,
          r.name,
          `Key Vault operations, ${withCommas(ASSUMPTIONS.keyVaultOperationsPerMonth)} a month`,
          'keyVaultPer10kOperations',
          ASSUMPTIONS.keyVaultOperationsPerMonth / 10_000,
          (price) => `${price}/10,000 operations, assumed volume`,
        ),
      ];
    case 'microsoft.security/pricings': {
      if (!/containers/i.test(r.name) || literalString(at(r, 'properties.pricingTier')) !== 'Standard')
        return [];
      const { min, max } = context.vCores;
      const item = `Defender for Containers, ${min}–${max} vCores of the nodes`;
      const price = priceOf(p, 'defenderContainersPerVCoreHour');
      if (price === undefined) return [unpriced(p, r.name, item, 'defenderContainersPerVCoreHour')];
      const per = price * HOURS_PER_MONTH;
      return [
        line(
          r.name,
          item,
          range(min * per, max * per),
          `${price}/vCore-hour; the plan covers the whole subscription`,
        ),
      ];
    }
    case 'microsoft.monitor/accounts': {
      const samples = ASSUMPTIONS.prometheusSamplesPerSecond * HOURS_PER_MONTH * 3600;
      return [
        perUnit(
          p,
          r.name,
          `managed Prometheus, ${withCommas(ASSUMPTIONS.prometheusSamplesPerSecond)} samples/s ingested`,
          'prometheusPer10MSamples',
          samples / 10_000_000,
          (price) => `${price}/10 million samples, assumed volume; queries not included`,
        ),
      ];
    }
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
  const missing = new Map<string, MissingPrice>();
  const regions = new Set<string>(home ? [home] : []);
  const lines = resources.flatMap((r): CostLine[] => {
    // Global resources (and subscription settings without a region) are priced at home.
    const region = (regionOf(r) === undefined || regionOf(r) === 'global' ? home : regionOf(r)) ?? '(none)';
    const prices = table.regions[region];
    const found = priced(r, { region, table: prices ?? {} }, context);
    if (found.length > 0) regions.add(region);
    return found.map(({ missing: key, ...l }) => {
      if (key === undefined) return l;
      const reason = prices?.unknown?.[key];
      missing.set(`${region} ${key}`, { region, price: key, ...(reason ? { reason } : {}) });
      return prices ? l : { ...l, basis: `no prices for region ${region} in the table` };
    });
  });
  const known = lines.flatMap((l) => (l.monthly === 'unknown' ? [] : [l.monthly]));
  return {
    currency: table.currency,
    prices: { source: table.source, date: table.date },
    regions: [...regions],
    hoursPerMonth: HOURS_PER_MONTH,
    assumptions: [
      `${HOURS_PER_MONTH} hours a month; list prices, no reservations or discounts`,
      'node pools from their minimum to their maximum node count',
      `${ASSUMPTIONS.analyticsGbPerDay} GB/day into each Log Analytics workspace, ${ASSUMPTIONS.containerLogGbPerDay} GB/day of container logs per cluster`,
      `${withCommas(ASSUMPTIONS.keyVaultOperationsPerMonth)} Key Vault operations a month`,
      `${withCommas(ASSUMPTIONS.prometheusSamplesPerSecond)} Prometheus samples a second into each Azure Monitor workspace`,
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
    missingPrices: [...missing.values()],
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
  const defenderPerVCoreMonth =
    home?.defenderContainersPerVCoreHour === undefined
      ? undefined
      : home.defenderContainersPerVCoreHour * HOURS_PER_MONTH;
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

/** How the budget stands against the estimate: `cost.monthlyBudget` below it is a warning. */
export interface BudgetComparison {
  readonly budget: number;
  readonly currency: string;
  readonly estimate: Monthly;
  /**
   * `below-minimum`: the plan costs more than the budget even at the node pools'
   * minimum; `below-maximum`: it does when the pools scale out; `covers`: the
   * budget holds the whole range; `unknown`: nothing is priced.
   */
  readonly verdict: 'below-minimum' | 'below-maximum' | 'covers' | 'unknown';
  /** The comparison in a sentence, with both figures. */
  readonly text: string;
}

const whole = (n: number) => withCommas(Math.round(n));

/** The monthly budget against the estimate (the report's cost section and the plan's warning). */
export function compareWithBudget(
  estimate: Pick<CostEstimate, 'total' | 'currency' | 'unknownLines'>,
  budget: number,
): BudgetComparison {
  const { total, currency, unknownLines } = estimate;
  const base = { budget, currency, estimate: total };
  const figures = `the monthly budget of ${whole(budget)} ${currency}`;
  const partial =
    unknownLines > 0 ? `; ${unknownLines} item(s) have no price and would add to the estimate` : '';
  if (total === 'unknown')
    return {
      ...base,
      verdict: 'unknown',
      text: `${figures} cannot be compared: no item of the estimate has a price`,
    };
  const range = `${formatMonthly(total)} ${currency} a month`;
  if (budget < total.min)
    return {
      ...base,
      verdict: 'below-minimum',
      text: `${figures} is below the estimate of ${range}: the plan costs more even at the node pools' minimum${partial}`,
    };
  if (budget < total.max)
    return {
      ...base,
      verdict: 'below-maximum',
      text: `${figures} is below the estimate's maximum (${range}): the plan costs more when the node pools scale out${partial}`,
    };
  return {
    ...base,
    verdict: 'covers',
    text: `${figures} covers the estimate of ${range}${partial}`,
  };
}

/**
 * What the plan says of its cost: a budget below the estimate (a warning), and
 * each region's prices the table lacks (the total leaves them out), with the
 * command that fetches them: a warning for a region the table does not price at
 * all, a note for a line of a region it does (the total is then only short of
 * that line, and says so).
 */
export function costDiagnostics(
  estimate: CostEstimate,
  monthlyBudget: number | undefined,
  pricedRegions: readonly string[],
): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  if (monthlyBudget !== undefined) {
    const comparison = compareWithBudget(estimate, monthlyBudget);
    if (comparison.verdict === 'below-minimum' || comparison.verdict === 'below-maximum') {
      const needed = estimate.total === 'unknown' ? 0 : Math.ceil(estimate.total.max);
      diagnostics.push(
        inputWarning(
          'cost/over-budget',
          ['cost', 'monthlyBudget'],
          `${comparison.text} (report/cost.md).`,
          `Raise cost.monthlyBudget to at least ${withCommas(needed)}, or lower the cost: fewer or smaller nodes, other SKUs (the cost levers in report/cost.md).`,
        ),
      );
    }
  }
  const regions = [...new Set(estimate.missingPrices.map((m) => m.region))];
  for (const region of regions) {
    const missing = estimate.missingPrices.filter((m) => m.region === region);
    const named = missing.map((m) => (m.reason ? `${m.price} (${m.reason})` : m.price)).join(', ');
    const fix = `Run \`${refreshCommand(estimate.regions)}\` (the Azure Retail Prices API, no sign-in), then plan with --prices prices.json.`;
    const said = inputWarning(
      'prices/missing',
      undefined,
      pricedRegions.includes(region)
        ? `the price table of ${estimate.prices.date} lacks ${missing.length} price(s) in ${region} for what the plan deploys: ${named}; the estimate's total leaves them out.`
        : `the price table of ${estimate.prices.date} has no prices in ${region} for what the plan deploys: the estimate's total leaves out ${named}.`,
      fix,
    );
    diagnostics.push(pricedRegions.includes(region) ? { ...said, severity: 'info' } : said);
  }
  return diagnostics;
}

/** The estimate as a Markdown table, for the report; with the budget when one is set. */
export function costMarkdown(estimate: CostEstimate, monthlyBudget?: number): string {
  const money = formatMonthly;
  const escape = (s: string) => s.replace(/\|/g, '\\|');
  const budget = monthlyBudget === undefined ? undefined : compareWithBudget(estimate, monthlyBudget);
  return [
    `# Monthly cost estimate (${estimate.currency})`,
    '',
    `Prices as of ${estimate.prices.date}: ${estimate.prices.source}.`,
    '',
    ...(budget ? [`Budget: ${budget.text[0]?.toUpperCase()}${budget.text.slice(1)}.`, ''] : []),
    '| Resource | Item | Per month | Basis |',
    '| --- | --- | --- | --- |',
    ...estimate.lines.map(
      (l) => `| ${escape(l.resource)} | ${escape(l.item)} | ${money(l.monthly)} | ${escape(l.basis)} |`,
    ),
    `| **Total** | ${estimate.unknownLines > 0 ? `without ${estimate.unknownLines} unknown item(s)` : ''} | **${money(estimate.total)}** | |`,
    '',
    ...(estimate.missingPrices.length > 0
      ? [
          'Prices the table lacks (the total leaves them out):',
          '',
          ...estimate.missingPrices.map(
            (m) => `- ${m.region}: ${m.price}${m.reason ? ` (${m.reason})` : ''}`,
          ),
          '',
          `Fetch them with \`${refreshCommand(estimate.regions)}\`, then plan with \`--prices prices.json\`.`,
          '',
        ]
      : []),
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
