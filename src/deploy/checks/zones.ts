/**
 * Is each node pool's VM size offered in the region, and in every zone the pool asks
 * for? Reads the Microsoft.Compute/skus list of the deploying subscription (zones are
 * logical per subscription). Research: docs/research/deploy.md §5.4.
 */
import type { PreflightProblem } from './problem.js';
import { listText, sameRegion, sameText } from './problem.js';
import type { NodePoolPlan } from './quota.js';

/** The fields of a resource SKU the checks read; the REST ResourceSku (rest.ts) fits. */
export interface SkuInfo {
  readonly resourceType?: string;
  readonly name?: string;
  readonly family?: string;
  readonly locations?: readonly string[];
  readonly locationInfo?: readonly { readonly location?: string; readonly zones?: readonly string[] }[];
  readonly capabilities?: readonly { readonly name?: string; readonly value?: string }[];
  readonly restrictions?: readonly SkuRestriction[];
}

export interface SkuRestriction {
  /** 'Location' or 'Zone'. */
  readonly type?: string;
  readonly values?: readonly string[];
  /** 'NotAvailableForSubscription' or 'QuotaId'. */
  readonly reasonCode?: string;
  readonly restrictionInfo?: { readonly locations?: readonly string[]; readonly zones?: readonly string[] };
}

/** Where a VM size can run in one region for this subscription. */
export type SkuOffer =
  | { readonly offered: false; readonly reasonCode?: string }
  | {
      readonly offered: true;
      /** Zones that offer the size: the location's zones minus the restricted ones. */
      readonly zones: readonly string[];
      /** Restricted zones and why. */
      readonly restrictedZones: ReadonlyMap<string, string | undefined>;
    };

/** "zone 3", "zones 1 and 2". */
const zonesText = (zones: readonly string[]): string =>
  `zone${zones.length === 1 ? '' : 's'} ${listText(zones)}`;

const inRegion = (names: readonly string[] | undefined, region: string): boolean =>
  (names ?? []).some((name) => sameRegion(name, region));

/**
 * The virtual machine SKU of this size for the region. An entry that names other
 * regions only does not count; one that names none is taken as the region's (the
 * list is fetched with a location filter).
 */
export function findSku(skus: readonly SkuInfo[], vmSize: string, region: string): SkuInfo | undefined {
  const candidates = skus.filter(
    (sku) =>
      (sku.resourceType === undefined || sameText(sku.resourceType, 'virtualMachines')) &&
      sku.name !== undefined &&
      sameText(sku.name, vmSize),
  );
  const named = (sku: SkuInfo) =>
    inRegion(sku.locations, region) ||
    (sku.locationInfo ?? []).some((l) => l.location !== undefined && sameRegion(l.location, region));
  const unnamed = (sku: SkuInfo) =>
    (sku.locations ?? []).length === 0 && (sku.locationInfo ?? []).length === 0;
  return candidates.find(named) ?? candidates.find(unnamed);
}

/** A SKU capability as a number, e.g. vCPUs. */
export function skuNumber(sku: SkuInfo, capability: string): number | undefined {
  const value = sku.capabilities?.find((c) => c.name !== undefined && sameText(c.name, capability))?.value;
  const parsed = value === undefined ? NaN : Number(value);
  return Number.isFinite(parsed) ? parsed : undefined;
}

/** Whether and where the region offers this SKU to the subscription. */
export function skuOffer(sku: SkuInfo | undefined, region: string): SkuOffer {
  if (sku === undefined) return { offered: false };
  const restrictions = sku.restrictions ?? [];
  const blocked = restrictions.find(
    (r) =>
      r.type !== undefined &&
      sameText(r.type, 'Location') &&
      (inRegion(r.values, region) || inRegion(r.restrictionInfo?.locations, region)),
  );
  if (blocked)
    return blocked.reasonCode === undefined
      ? { offered: false }
      : { offered: false, reasonCode: blocked.reasonCode };
  const restrictedZones = new Map<string, string | undefined>();
  for (const r of restrictions) {
    if (r.type === undefined || !sameText(r.type, 'Zone')) continue;
    const locations = [...(r.values ?? []), ...(r.restrictionInfo?.locations ?? [])];
    if (locations.length > 0 && !inRegion(locations, region)) continue;
    for (const zone of r.restrictionInfo?.zones ?? []) restrictedZones.set(zone, r.reasonCode);
  }
  const listed = (sku.locationInfo ?? []).filter(
    (l) => l.location !== undefined && sameRegion(l.location, region),
  );
  const zones = [...new Set(listed.flatMap((l) => l.zones ?? []))]
    .filter((zone) => !restrictedZones.has(zone))
    .sort();
  return { offered: true, zones, restrictedZones };
}

function notOfferedFix(vmSize: string, region: string, reasonCode: string | undefined): string {
  const list = `choose a VM size that ${region} offers (az vm list-skus --location ${region} --resource-type virtualMachines --output table)`;
  if (reasonCode !== undefined && sameText(reasonCode, 'QuotaId'))
    return `The subscription's offer type excludes ${vmSize}: ${list}, or use a subscription of another offer type.`;
  if (reasonCode !== undefined && sameText(reasonCode, 'NotAvailableForSubscription'))
    return `Ask Azure support to enable ${vmSize} in ${region} for the subscription (a quota request for its family), or ${list}, or deploy to another region.`;
  return `Set the pool's vmSize: ${list}, or deploy to another region.`;
}

/** One problem per pool whose size is not offered in the region or in one of its zones. */
export function zoneProblems(
  pools: readonly NodePoolPlan[],
  skus: readonly SkuInfo[],
  region: string,
): PreflightProblem[] {
  const problems: PreflightProblem[] = [];
  for (const pool of pools) {
    if (pool.vmSize === undefined) continue;
    const sku = findSku(skus, pool.vmSize, region);
    const offer = skuOffer(sku, region);
    if (!offer.offered) {
      const why =
        sku === undefined
          ? `the region's list of VM sizes for this subscription has no ${pool.vmSize}`
          : `it is restricted for this subscription${offer.reasonCode === undefined ? '' : ` (${offer.reasonCode})`}`;
      problems.push({
        check: 'zones',
        message: `Node pool ${pool.name} uses ${pool.vmSize}, which ${region} does not offer: ${why}.`,
        fix: notOfferedFix(pool.vmSize, region, offer.reasonCode),
      });
      continue;
    }
    const wanted = pool.availabilityZones ?? [];
    const missing = wanted.filter((zone) => !offer.zones.includes(zone));
    if (missing.length === 0) continue;
    const reasons = missing.map((zone) => {
      if (!offer.restrictedZones.has(zone)) return `zone ${zone} is not among its zones there`;
      const code = offer.restrictedZones.get(zone);
      return `zone ${zone} is restricted for this subscription${code === undefined ? '' : ` (${code})`}`;
    });
    const available = offer.zones.length === 0 ? 'no zone' : zonesText(offer.zones);
    const keep = wanted.filter((zone) => offer.zones.includes(zone));
    const target = keep.length > 0 ? keep : offer.zones;
    problems.push({
      check: 'zones',
      message: `Node pool ${pool.name} asks for ${pool.vmSize} in ${zonesText(wanted)} of ${region}, but ${listText(reasons)}; it is offered in ${available}.`,
      fix:
        target.length === 0
          ? `Choose a VM size that ${region} offers in ${zonesText(wanted)}, or give the pool no zones (zones: []).`
          : `Set the zones of node pool ${pool.name} (or the top-level zones) to ${listText(target)}, choose a VM size offered in ${zonesText(missing)}, or deploy to another region.`,
    });
  }
  return problems;
}
