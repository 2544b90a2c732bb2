/**
 * The VM sizes the pool fields offer in a region: the sizes the price table
 * sells there (the Retail Prices API lists a size in a region only where it is
 * sold), each with its vCPUs, memory and hourly list price; where the table
 * has no prices for the region, every size Baseplate knows, saying so.
 */
import type { VmSize } from '../core/index.js';
import { PRICES, VM_SIZES } from '../core/index.js';

export interface SizeOption {
  readonly name: string;
  readonly label: string;
}

export interface RegionSizes {
  /** Whether the price table has this region's sizes. */
  readonly priced: boolean;
  readonly options: readonly SizeOption[];
}

const shape = (size: VmSize | undefined) => (size ? `${size.vCpus} vCPU · ${size.memoryGiB} GiB` : '');

const bySize = (a: VmSize | undefined, b: VmSize | undefined) =>
  (a?.vCpus ?? 0) - (b?.vCpus ?? 0) || (a?.memoryGiB ?? 0) - (b?.memoryGiB ?? 0);

export function regionSizes(location: string): RegionSizes {
  const known = new Map(VM_SIZES.map((size) => [size.name.toLowerCase(), size]));
  const hourly = PRICES.regions[location]?.vmHourly;
  if (!hourly || Object.keys(hourly).length === 0)
    return {
      priced: false,
      options: [...VM_SIZES]
        .sort((a, b) => bySize(a, b) || a.name.localeCompare(b.name))
        .map((size) => ({ name: size.name, label: `${shape(size)} · no list price for ${location}` })),
    };
  const options = Object.entries(hourly)
    .map(([name, price]) => ({ name, price, size: known.get(name.toLowerCase()) }))
    .sort((a, b) => bySize(a.size, b.size) || a.name.localeCompare(b.name))
    .map(({ name, price, size }) => ({
      name,
      label: [shape(size), `${price} ${PRICES.currency} an hour`].filter(Boolean).join(' · '),
    }));
  return { priced: true, options };
}
