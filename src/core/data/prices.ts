/**
 * Azure retail list prices for what Baseplate deploys: USD, pay-as-you-go,
 * Linux, no discounts. The built-in table is the data file prices.json beside
 * this module: dated, each price with the source it was read from (`sources`),
 * and each price looked for and not found named with why (`unknown`). A price
 * not in the table is estimated as unknown, never as free, and never taken
 * from another region. `baseplate prices --refresh` writes a newer table of
 * the same shape from the Azure Retail Prices API (prices-refresh.ts), which
 * `plan --prices` reads; a maintainer refreshes the built-in file the same way.
 * Microsoft content: see NOTICE.md.
 */
import { RUN_ANYWHERE } from '../package-name.js';
import BUILT_IN from './prices.json' with { type: 'json' };

/** What one region costs. Every price is optional: what a table lacks is unknown. */
export interface RegionPrices {
  /** Linux VMs, per hour, by ARM size name. */
  readonly vmHourly?: Readonly<Record<string, number>>;
  /** The AKS control plane, per cluster-hour, by tier. */
  readonly aksTierHourly?: Readonly<Record<string, number>>;
  /** Azure Firewall deployment, per hour, by tier. */
  readonly firewallHourly?: Readonly<Record<string, number>>;
  /** Application Gateway WAF_v2: per gateway-hour, and per capacity unit-hour. */
  readonly appGatewayWafV2?: { readonly fixedHourly: number; readonly capacityUnitHourly: number };
  /** Azure Bastion, per hour, by SKU (the SKU's two included instances). */
  readonly bastionHourly?: Readonly<Record<string, number>>;
  /** Container Registry, per day, by SKU. */
  readonly registryDaily?: Readonly<Record<string, number>>;
  /** A Premium registry's geo-replica in this region, per day ("Premium Registry Replication Unit"). */
  readonly registryReplicaDaily?: number;
  /** A Standard static IPv4 public IP, per hour. */
  readonly publicIpHourly?: number;
  readonly privateEndpointHourly?: number;
  /** A Standard load balancer's first five rules, per hour. */
  readonly loadBalancerHourly?: number;
  /** A private DNS zone, per month (the first 25 zones). */
  readonly privateDnsZoneMonthly?: number;
  /** Log Analytics, per GB ingested beyond the free 5 GB, on the Analytics plan. */
  readonly logAnalyticsPerGb?: number;
  /** Per GB ingested on the Basic plan. */
  readonly basicLogsPerGb?: number;
  /** Log Analytics retention beyond the 31 days included, per GB-month. */
  readonly retentionPerGbMonth?: number;
  /** Key Vault Standard, per 10,000 operations. */
  readonly keyVaultPer10kOperations?: number;
  /** Premium SSD LRS managed disks, per month, by tier. */
  readonly premiumSsdMonthly?: Readonly<Record<string, number>>;
  /** Defender for Containers, per vCore-hour of the nodes. */
  readonly defenderContainersPerVCoreHour?: number;
  /** Azure Monitor managed service for Prometheus, per 10 million metric samples ingested. */
  readonly prometheusPer10MSamples?: number;
  /**
   * Where each price was read: a price's key (`vmHourly.Standard_D4ds_v5`) or
   * its group's (`vmHourly`) → an id of the table's `sources`.
   */
  readonly sources?: Readonly<Record<string, string>>;
  /** Prices looked for and not found, by key, with why: the estimate names them. */
  readonly unknown?: Readonly<Record<string, string>>;
}

export interface PriceTable {
  /** Where the prices come from, in a sentence. */
  readonly source: string;
  /** When they were read (YYYY-MM-DD, or YYYY-MM). */
  readonly date: string;
  readonly currency: string;
  /** The sources the regions' `sources` name, by id: what, where (a URL) and when. */
  readonly sources?: Readonly<Record<string, string>>;
  readonly regions: Readonly<Record<string, RegionPrices>>;
}

/** The built-in table (prices.json; test/prices-data.test.ts checks it against the schema). */
export const PRICES: PriceTable = BUILT_IN;

/** The command that writes a newer table, as the warnings and the README give it. */
export function refreshCommand(regions: readonly string[]): string {
  const list = regions.length > 0 ? ` --region ${regions.join(',')}` : '';
  return `${RUN_ANYWHERE} prices --refresh${list} --out prices.json`;
}

/** A price's key as `sources` and `unknown` give it: `vmHourly.Standard_D4ds_v5`, `publicIpHourly`. */
export type PriceKey = string;

/** Where a region's price was read, by its key or its group's; undefined if the table does not say. */
export function sourceOf(table: PriceTable, region: string, key: PriceKey): string | undefined {
  const sources = table.regions[region]?.sources;
  if (!sources) return undefined;
  const id = sources[key] ?? sources[key.split('.')[0] ?? key];
  return id === undefined ? undefined : (table.sources?.[id] ?? id);
}
