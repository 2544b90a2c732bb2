/**
 * VM sizes Baseplate knows the shape of, for node pool capacity and for deciding
 * whether an ephemeral OS disk fits.
 *
 * Sources (stored copies, read 2026-11-24): Microsoft Learn size pages in
 * MicrosoftDocs/azure-compute-docs (Dv2/DSv2, Dsv3, Dsv5, Ddsv5, Dasv5, Ddsv6, Esv5, Edsv5,
 * Fsv2, B-series, NCasT4_v3) and the AKS "Ephemeral OS disk" page
 * (MicrosoftDocs/azure-aks-docs). Quota family names: Azure quota errors and the compute
 * usages API as seen in public code; compare them case-insensitively.
 * Ddsv6 has no cache: its local NVMe disk (tempDiskGiB) holds an ephemeral OS disk.
 * Microsoft content: CC BY 4.0 / MIT, see NOTICE.md.
 */
import { closest, distance } from 'fastest-levenshtein';

export interface VmSize {
  readonly name: string;
  readonly vCpus: number;
  readonly memoryGiB: number;
  /** Cache size, where an ephemeral OS disk goes first; null when the size has none. */
  readonly cacheGiB: number | null;
  /** Temporary (resource) disk, the ephemeral OS disk's place on sizes without cache. */
  readonly tempDiskGiB: number | null;
  /** Usage name of the regional vCPU quota (Microsoft.Compute/locations/usages). */
  readonly quotaFamily: string;
}

export const VM_SIZES: readonly VmSize[] = [
  {
    name: 'Standard_B2ms',
    vCpus: 2,
    memoryGiB: 8,
    cacheGiB: null,
    tempDiskGiB: 16,
    quotaFamily: 'standardBSFamily',
  },
  {
    name: 'Standard_B2s',
    vCpus: 2,
    memoryGiB: 4,
    cacheGiB: null,
    tempDiskGiB: 8,
    quotaFamily: 'standardBSFamily',
  },
  {
    name: 'Standard_B4ms',
    vCpus: 4,
    memoryGiB: 16,
    cacheGiB: null,
    tempDiskGiB: 32,
    quotaFamily: 'standardBSFamily',
  },
  {
    name: 'Standard_D16ds_v5',
    vCpus: 16,
    memoryGiB: 64,
    cacheGiB: null,
    tempDiskGiB: 600,
    quotaFamily: 'standardDDSv5Family',
  },
  {
    name: 'Standard_D16s_v3',
    vCpus: 16,
    memoryGiB: 64,
    cacheGiB: 400,
    tempDiskGiB: 128,
    quotaFamily: 'standardDSv3Family',
  },
  {
    name: 'Standard_D16s_v5',
    vCpus: 16,
    memoryGiB: 64,
    cacheGiB: null,
    tempDiskGiB: 0,
    quotaFamily: 'standardDSv5Family',
  },
  {
    name: 'Standard_D2as_v5',
    vCpus: 2,
    memoryGiB: 8,
    cacheGiB: null,
    tempDiskGiB: 0,
    quotaFamily: 'standardDASv5Family',
  },
  {
    name: 'Standard_D2ds_v5',
    vCpus: 2,
    memoryGiB: 8,
    cacheGiB: null,
    tempDiskGiB: 75,
    quotaFamily: 'standardDDSv5Family',
  },
  {
    name: 'Standard_D2s_v3',
    vCpus: 2,
    memoryGiB: 8,
    cacheGiB: 50,
    tempDiskGiB: 16,
    quotaFamily: 'standardDSv3Family',
  },
  {
    name: 'Standard_D2s_v5',
    vCpus: 2,
    memoryGiB: 8,
    cacheGiB: null,
    tempDiskGiB: 0,
    quotaFamily: 'standardDSv5Family',
  },
  {
    name: 'Standard_D4as_v5',
    vCpus: 4,
    memoryGiB: 16,
    cacheGiB: null,
    tempDiskGiB: 0,
    quotaFamily: 'standardDASv5Family',
  },
  {
    name: 'Standard_D4ds_v5',
    vCpus: 4,
    memoryGiB: 16,
    cacheGiB: null,
    tempDiskGiB: 150,
    quotaFamily: 'standardDDSv5Family',
  },
  {
    name: 'Standard_D4ds_v6',
    vCpus: 4,
    memoryGiB: 16,
    cacheGiB: null,
    tempDiskGiB: 220,
    quotaFamily: 'StandardDdsv6Family',
  },
  {
    name: 'Standard_D4s_v3',
    vCpus: 4,
    memoryGiB: 16,
    cacheGiB: 100,
    tempDiskGiB: 32,
    quotaFamily: 'standardDSv3Family',
  },
  {
    name: 'Standard_D4s_v5',
    vCpus: 4,
    memoryGiB: 16,
    cacheGiB: null,
    tempDiskGiB: 0,
    quotaFamily: 'standardDSv5Family',
  },
  {
    name: 'Standard_D8as_v5',
    vCpus: 8,
    memoryGiB: 32,
    cacheGiB: null,
    tempDiskGiB: 0,
    quotaFamily: 'standardDASv5Family',
  },
  {
    name: 'Standard_D8ds_v5',
    vCpus: 8,
    memoryGiB: 32,
    cacheGiB: null,
    tempDiskGiB: 300,
    quotaFamily: 'standardDDSv5Family',
  },
  {
    name: 'Standard_D8ds_v6',
    vCpus: 8,
    memoryGiB: 32,
    cacheGiB: null,
    tempDiskGiB: 440,
    quotaFamily: 'StandardDdsv6Family',
  },
  {
    name: 'Standard_D8s_v3',
    vCpus: 8,
    memoryGiB: 32,
    cacheGiB: 200,
    tempDiskGiB: 64,
    quotaFamily: 'standardDSv3Family',
  },
  {
    name: 'Standard_D8s_v5',
    vCpus: 8,
    memoryGiB: 32,
    cacheGiB: null,
    tempDiskGiB: 0,
    quotaFamily: 'standardDSv5Family',
  },
  {
    name: 'Standard_DS2_v2',
    vCpus: 2,
    memoryGiB: 7,
    cacheGiB: 86,
    tempDiskGiB: 14,
    quotaFamily: 'standardDSv2Family',
  },
  {
    name: 'Standard_DS3_v2',
    vCpus: 4,
    memoryGiB: 14,
    cacheGiB: 172,
    tempDiskGiB: 28,
    quotaFamily: 'standardDSv2Family',
  },
  {
    name: 'Standard_DS4_v2',
    vCpus: 8,
    memoryGiB: 28,
    cacheGiB: 344,
    tempDiskGiB: 56,
    quotaFamily: 'standardDSv2Family',
  },
  {
    name: 'Standard_DS5_v2',
    vCpus: 16,
    memoryGiB: 56,
    cacheGiB: 688,
    tempDiskGiB: 112,
    quotaFamily: 'standardDSv2Family',
  },
  {
    name: 'Standard_E2s_v5',
    vCpus: 2,
    memoryGiB: 16,
    cacheGiB: null,
    tempDiskGiB: 0,
    quotaFamily: 'standardESv5Family',
  },
  {
    name: 'Standard_E4ds_v5',
    vCpus: 4,
    memoryGiB: 32,
    cacheGiB: null,
    tempDiskGiB: 150,
    quotaFamily: 'standardEDSv5Family',
  },
  {
    name: 'Standard_E4s_v5',
    vCpus: 4,
    memoryGiB: 32,
    cacheGiB: null,
    tempDiskGiB: 0,
    quotaFamily: 'standardESv5Family',
  },
  {
    name: 'Standard_E8ds_v5',
    vCpus: 8,
    memoryGiB: 64,
    cacheGiB: null,
    tempDiskGiB: 300,
    quotaFamily: 'standardEDSv5Family',
  },
  {
    name: 'Standard_E8s_v5',
    vCpus: 8,
    memoryGiB: 64,
    cacheGiB: null,
    tempDiskGiB: 0,
    quotaFamily: 'standardESv5Family',
  },
  {
    name: 'Standard_F4s_v2',
    vCpus: 4,
    memoryGiB: 8,
    cacheGiB: 64,
    tempDiskGiB: 32,
    quotaFamily: 'standardFSv2Family',
  },
  {
    name: 'Standard_F8s_v2',
    vCpus: 8,
    memoryGiB: 16,
    cacheGiB: 128,
    tempDiskGiB: 64,
    quotaFamily: 'standardFSv2Family',
  },
  {
    name: 'Standard_NC4as_T4_v3',
    vCpus: 4,
    memoryGiB: 28,
    cacheGiB: null,
    tempDiskGiB: 180,
    quotaFamily: 'Standard NCASv3_T4 Family',
  },
];

const BY_NAME = new Map(VM_SIZES.map((size) => [size.name.toLowerCase(), size]));

/** A size Azure no longer deploys, and what Microsoft moves its workloads to. */
export interface RetiredVmSize {
  readonly name: string;
  /** The day Azure retired it (ISO date). */
  readonly retired: string;
  readonly replacement: string;
  readonly source: string;
}

export const RETIRED_VM_SIZES: readonly RetiredVmSize[] = [
  // "On September 30, 2025, Microsoft Azure will retire the Standard_NC6s_v3, Standard_NC12s_v3 and
  // Standard_NC24s_v3 virtual machines": github.com/MicrosoftDocs/azure-docs,
  // articles/virtual-machines/ncv3-nc6s-nc12s-nc24s-retirement.md (its table names the targets).
  ...(
    [
      ['Standard_NC6s_v3', 'Standard_NC24ads_A100_v4'],
      ['Standard_NC12s_v3', 'Standard_NC48ads_A100_v4'],
      ['Standard_NC24s_v3', 'Standard_NC96ads_A100_v4'],
    ] as const
  ).map(([name, replacement]) => ({
    name,
    retired: '2025-09-30',
    replacement,
    source: 'https://learn.microsoft.com/azure/virtual-machines/ncv3-nc6s-nc12s-nc24s-retirement',
  })),
];

const RETIRED = new Map(RETIRED_VM_SIZES.map((size) => [size.name.toLowerCase(), size]));

/** A size Azure has retired, which a deployment can no longer create. */
export function retiredVmSize(name: string): RetiredVmSize | undefined {
  return RETIRED.get(name.toLowerCase());
}

/** VM size names are case-insensitive in Azure. */
export function findVmSize(name: string): VmSize | undefined {
  return BY_NAME.get(name.toLowerCase());
}

/** How far a name may be from a known size to be taken for its typo: a letter or two. */
const TYPO_DISTANCE = 2;

/**
 * The known size `name` is likely a typo of (`Standard_DS4_v3`, `standard_ds2v2`), or
 * undefined. Azure has hundreds of sizes this table lacks, so a size close to a known
 * one may still be real: callers say "did you mean", never that the name is wrong.
 */
export function nearVmSize(name: string): string | undefined {
  const lower = name.toLowerCase();
  if (BY_NAME.has(lower)) return undefined;
  const best = closest(lower, [...BY_NAME.keys()]);
  return distance(lower, best) <= TYPO_DISTANCE ? BY_NAME.get(best)?.name : undefined;
}

/**
 * Whether an ephemeral OS disk of this size fits: in the cache where the VM size
 * has one, else in its temporary or NVMe disk (AKS "Ephemeral OS disk").
 */
export function ephemeralOsDiskFits(size: VmSize, osDiskSizeGB: number): boolean {
  const local = size.cacheGiB ?? size.tempDiskGiB ?? 0;
  return local > 0 && osDiskSizeGB <= local;
}
