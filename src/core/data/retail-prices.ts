/**
 * The Azure Retail Prices API's side of `baseplate prices --refresh`: which
 * meters price each key of a region's table, the OData filters that fetch
 * them, and the table made from the items the API returns. No I/O here: the
 * command (src/cli/commands/prices.ts) pages through the API.
 *
 * The API (no sign-in): https://prices.azure.com/api/retail/prices, documented at
 * https://learn.microsoft.com/rest/api/cost-management/retail-prices/azure-retail-prices
 * — `$filter` takes OData `eq`, `and`, `or` and parentheses on the item fields
 * (armRegionName, serviceName, meterName, armSkuName, priceType, ...; values
 * case-sensitive in newer API versions), `currencyCode='EUR'` prices in another
 * currency, and a response carries at most 1,000 `Items` with a `NextPageLink`
 * to the next page (null on the last).
 * The meter names are those the API publishes (docs/research/prices.md lists
 * the items they were read from).
 */
import type { PriceKey, PriceTable, RegionPrices } from './prices.js';

/** One price of the API's response (the fields Baseplate reads). */
export interface RetailItem {
  readonly currencyCode: string;
  readonly tierMinimumUnits: number;
  readonly retailPrice: number;
  readonly armRegionName: string;
  readonly meterName: string;
  readonly productName: string;
  readonly skuName: string;
  readonly serviceName: string;
  readonly unitOfMeasure: string;
  readonly type: string;
  readonly armSkuName?: string;
  readonly effectiveStartDate?: string;
}

/** A response page. */
export interface RetailPage {
  readonly Items: readonly RetailItem[];
  readonly NextPageLink?: string | null;
}

interface Meter {
  readonly key: PriceKey;
  readonly serviceName: string;
  readonly meterName: string;
  readonly productName?: string;
  readonly skuName?: string;
  /** Where the API publishes the meter when the region has no row of it: `Global`, or DNS's billing zone. */
  readonly fallback?: string;
  /** A tiered meter whose first tier is free (Log Analytics' 5 GB): the paid tier's price. */
  readonly paidTier?: boolean;
}

const premiumSsd = (tier: string): Meter => ({
  key: `premiumSsdMonthly.${tier}`,
  serviceName: 'Storage',
  productName: 'Premium SSD Managed Disks',
  meterName: `${tier} LRS Disk`,
});

/** The meter of each price but the VMs'. */
export const METERS: readonly Meter[] = [
  // The Free tier has no meter: AKS bills no control plane in it (learn.microsoft.com/azure/aks/free-standard-pricing-tiers).
  {
    key: 'aksTierHourly.Standard',
    serviceName: 'Azure Kubernetes Service',
    meterName: 'Standard Uptime SLA',
  },
  {
    key: 'aksTierHourly.Premium',
    serviceName: 'Azure Kubernetes Service',
    meterName: 'Standard Long Term Support',
  },
  ...(['Basic', 'Standard', 'Premium'] as const).map((tier): Meter => ({
    key: `firewallHourly.${tier}`,
    serviceName: 'Azure Firewall',
    productName: 'Azure Firewall',
    meterName: `${tier} Deployment`,
  })),
  {
    key: 'appGatewayWafV2.fixedHourly',
    serviceName: 'Application Gateway',
    productName: 'Application Gateway WAF v2',
    meterName: 'Standard Fixed Cost',
  },
  {
    key: 'appGatewayWafV2.capacityUnitHourly',
    serviceName: 'Application Gateway',
    productName: 'Application Gateway WAF v2',
    meterName: 'Standard Capacity Units',
  },
  ...(['Basic', 'Standard', 'Premium'] as const).map((sku): Meter => ({
    key: `bastionHourly.${sku}`,
    serviceName: 'Azure Bastion',
    meterName: `${sku} Gateway`,
  })),
  ...(['Basic', 'Standard', 'Premium'] as const).map((sku): Meter => ({
    key: `registryDaily.${sku}`,
    serviceName: 'Container Registry',
    meterName: `${sku} Registry Unit`,
  })),
  {
    key: 'registryReplicaDaily',
    serviceName: 'Container Registry',
    meterName: 'Premium Registry Replication Unit',
  },
  {
    key: 'publicIpHourly',
    serviceName: 'Virtual Network',
    productName: 'IP Addresses',
    meterName: 'Standard IPv4 Static Public IP',
  },
  {
    key: 'privateEndpointHourly',
    serviceName: 'Virtual Network',
    productName: 'Virtual Network Private Link',
    meterName: 'Standard Private Endpoint',
    fallback: 'Global',
  },
  {
    key: 'loadBalancerHourly',
    serviceName: 'Load Balancer',
    meterName: 'Standard Included LB Rules and Outbound Rules',
    fallback: 'Global',
  },
  // Private DNS zones are global resources, billed in DNS's zone 1 in the API.
  { key: 'privateDnsZoneMonthly', serviceName: 'Azure DNS', meterName: 'Private Zone', fallback: 'Zone 1' },
  {
    key: 'logAnalyticsPerGb',
    serviceName: 'Log Analytics',
    meterName: 'Analytics Logs Data Ingestion',
    paidTier: true,
  },
  { key: 'retentionPerGbMonth', serviceName: 'Log Analytics', meterName: 'Analytics Logs Data Retention' },
  { key: 'basicLogsPerGb', serviceName: 'Azure Monitor', meterName: 'Basic Logs Data Ingestion' },
  {
    key: 'prometheusPer10MSamples',
    serviceName: 'Azure Monitor',
    meterName: 'Metrics ingestion Metric samples',
  },
  { key: 'keyVaultPer10kOperations', serviceName: 'Key Vault', skuName: 'Standard', meterName: 'Operations' },
  ...['P10', 'P15', 'P20', 'P30'].map(premiumSsd),
  {
    key: 'defenderContainersPerVCoreHour',
    serviceName: 'Microsoft Defender for Cloud',
    productName: 'Microsoft Defender for Containers',
    meterName: 'Standard vCore vCore Pack',
  },
];

/** An OData string literal: a quote inside is doubled. */
const literal = (value: string) => `'${value.replace(/'/g, "''")}'`;
const anyOf = (terms: readonly string[]) => `(${terms.join(' or ')})`;
const meterTerm = (m: Meter) =>
  `(serviceName eq ${literal(m.serviceName)} and meterName eq ${literal(m.meterName)})`;

/** The filters that fetch a region's prices: its VM sizes, then the other meters. */
export function regionFilters(region: string, vmSizes: readonly string[]): string[] {
  const where = `armRegionName eq ${literal(region)} and priceType eq 'Consumption'`;
  return [
    `serviceName eq 'Virtual Machines' and ${where} and ${anyOf(vmSizes.map((s) => `armSkuName eq ${literal(s)}`))}`,
    `${where} and ${anyOf(METERS.map(meterTerm))}`,
  ];
}

/** The filter of the meters published outside any region (Global, DNS's zone 1), fetched once. */
export function fallbackFilter(): string {
  const places = [...new Set(METERS.flatMap((m) => (m.fallback ? [m.fallback] : [])))];
  return `${anyOf(places.map((p) => `armRegionName eq ${literal(p)}`))} and priceType eq 'Consumption' and ${anyOf(
    METERS.filter((m) => m.fallback).map(meterTerm),
  )}`;
}

const matches = (item: RetailItem, m: Meter) =>
  item.serviceName === m.serviceName &&
  item.meterName === m.meterName &&
  (m.productName === undefined || item.productName === m.productName) &&
  (m.skuName === undefined || item.skuName === m.skuName) &&
  item.type === 'Consumption';

/** The price of a tiered meter: its first tier, or its first paid one. */
function tierPrice(items: readonly RetailItem[], paidTier: boolean): number | undefined {
  const tiers = [...items].sort((a, b) => a.tierMinimumUnits - b.tierMinimumUnits);
  return (paidTier ? tiers.find((i) => i.retailPrice > 0) : tiers[0])?.retailPrice;
}

/**
 * A Linux pay-as-you-go VM price: a "Virtual Machines …" product, not its Windows one, not
 * spot, not low priority. The API also sells VM sizes as Cloud Services ("Dasv5 Series Cloud
 * Services"), priced as Windows though the name does not say so: never a Linux price.
 */
function vmPrice(items: readonly RetailItem[], region: string, size: string): number | undefined {
  const rows = items.filter(
    (i) =>
      i.serviceName === 'Virtual Machines' &&
      i.armRegionName === region &&
      i.armSkuName === size &&
      i.type === 'Consumption' &&
      i.unitOfMeasure === '1 Hour' &&
      i.productName.startsWith('Virtual Machines ') &&
      !/ Windows$/.test(i.productName) &&
      !/Spot|Low Priority/.test(`${i.meterName} ${i.skuName}`),
  );
  // A size sold under two products (Dv2 and DSv2) has one price; the lower, should they differ.
  return rows.length === 0 ? undefined : Math.min(...rows.map((i) => i.retailPrice));
}

/** The source id the refreshed table names its prices by. */
export const RETAIL_API_SOURCE = 'retail-api';

/**
 * A region's prices from the API's items (the region's and the fallback
 * places'): each price found named with its source, each not found named
 * in `unknown`, never taken from another region.
 */
export function regionPricesFrom(
  items: readonly RetailItem[],
  region: string,
  vmSizes: readonly string[],
): RegionPrices {
  const found = new Map<PriceKey, { price: number; source: string }>();
  const unknown: Record<string, string> = {};
  for (const size of vmSizes) {
    const price = vmPrice(items, region, size);
    if (price === undefined) unknown[`vmHourly.${size}`] = `no Linux pay-as-you-go price in ${region}`;
    else found.set(`vmHourly.${size}`, { price, source: RETAIL_API_SOURCE });
  }
  for (const meter of METERS) {
    const regional = items.filter((i) => i.armRegionName === region && matches(i, meter));
    const fallback = meter.fallback
      ? items.filter((i) => i.armRegionName === meter.fallback && matches(i, meter))
      : [];
    const rows = regional.length > 0 ? regional : fallback;
    const price = tierPrice(rows, meter.paidTier === true);
    if (price === undefined) {
      unknown[meter.key] = `the API has no meter "${meter.meterName}" of ${meter.serviceName} in ${region}`;
      continue;
    }
    found.set(meter.key, {
      price,
      source: regional.length > 0 ? RETAIL_API_SOURCE : `${RETAIL_API_SOURCE} (${meter.fallback})`,
    });
  }
  return tableOf(found, unknown);
}

/** The region's table from its prices by key. */
function tableOf(
  found: ReadonlyMap<PriceKey, { price: number; source: string }>,
  unknown: Readonly<Record<string, string>>,
): RegionPrices {
  const groups: Record<string, Record<string, number> | number> = {};
  const sources: Record<string, string> = {};
  for (const [key, { price, source }] of [...found].sort(([a], [b]) => a.localeCompare(b))) {
    const [group, name] = key.split('.') as [string, string | undefined];
    sources[key] = source;
    if (name === undefined) groups[group] = price;
    else groups[group] = { ...(groups[group] as Record<string, number> | undefined), [name]: price };
  }
  // AKS bills no control plane in the Free tier.
  groups['aksTierHourly'] = { Free: 0, ...(groups['aksTierHourly'] as Record<string, number> | undefined) };
  sources['aksTierHourly.Free'] = 'aks-free-tier';
  const waf = groups['appGatewayWafV2'] as { fixedHourly?: number; capacityUnitHourly?: number } | undefined;
  // The gateway is priced by both of its meters, or not at all.
  if (waf && (waf.fixedHourly === undefined || waf.capacityUnitHourly === undefined)) {
    delete groups['appGatewayWafV2'];
    (unknown as Record<string, string>)['appGatewayWafV2'] ??= 'the API has only one of its two meters';
  }
  return {
    ...(groups as RegionPrices),
    sources,
    ...(Object.keys(unknown).length > 0 ? { unknown } : {}),
  };
}

/** A refreshed table's sources: the API (at `api`), read on `date`, and the AKS Free tier's page. */
export function refreshedSources(date: string, api: string): Record<string, string> {
  return {
    [RETAIL_API_SOURCE]: `Azure Retail Prices API (${api}), read ${date}; a price marked (Global) or (Zone 1) is published there rather than in the region`,
    'aks-free-tier':
      'AKS pricing tiers: the Free tier bills no cluster management (https://learn.microsoft.com/azure/aks/free-standard-pricing-tiers)',
  };
}

/** The table a refresh writes. */
export function refreshedTable(
  date: string,
  api: string,
  currency: string,
  regions: Readonly<Record<string, RegionPrices>>,
): PriceTable {
  return {
    source: `Azure Retail Prices API, list prices (${currency}, pay-as-you-go, Linux), read by baseplate prices --refresh`,
    date,
    currency,
    sources: refreshedSources(date, api),
    regions,
  };
}
