// The built-in price table (src/core/data/prices.json): valid, every price with its source, every price
// not found named with why, in each region teams deploy to.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { parsePriceTable } from '../src/core/data/price-file.js';
import type { RegionPrices } from '../src/core/data/prices.js';
import { PRICES, sourceOf } from '../src/core/data/prices.js';
import { METERS } from '../src/core/data/retail-prices.js';
import { VM_SIZES } from '../src/core/data/vm-sizes.js';
import { REQUIRED_REGIONS } from './support/price-regions.js';

/** Every price a design can need: the VM sizes offered, the AKS Free tier, and each metered service. */
const NEEDED = [
  ...VM_SIZES.map((s) => `vmHourly.${s.name}`),
  'aksTierHourly.Free',
  ...new Set(METERS.map((m) => (m.key.startsWith('appGatewayWafV2.') ? 'appGatewayWafV2' : m.key))),
];

function priced(region: RegionPrices, key: string): boolean {
  const [group, name] = key.split('.') as [keyof RegionPrices, string | undefined];
  const value = region[group];
  if (name === undefined) return typeof value === 'number' || (typeof value === 'object' && value !== null);
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Record<string, unknown>)[name] === 'number'
  );
}

describe('the built-in price table', () => {
  it('is a valid price file, as baseplate plan --prices reads one', () => {
    const url = new URL('../src/core/data/prices.json', import.meta.url);
    const parsed = parsePriceTable('prices.json', readFileSync(url, 'utf8'));
    assert.ok(parsed.ok, parsed.ok ? '' : parsed.diagnostics.map((d) => d.message).join('\n'));
    assert.match(PRICES.date, /^\d{4}-\d{2}(-\d{2})?$/);
    assert.equal(PRICES.currency, 'USD');
  });

  it('has each region teams deploy to', () => {
    for (const region of REQUIRED_REGIONS) assert.ok(PRICES.regions[region], region);
  });

  it('names the source of every price, and the source is described', () => {
    for (const [name, region] of Object.entries(PRICES.regions)) {
      for (const key of NEEDED.filter((k) => priced(region, k))) {
        const source = sourceOf(PRICES, name, key);
        assert.ok(source, `${name}: ${key} has no source`);
        const id = region.sources?.[key] ?? region.sources?.[key.split('.')[0] ?? key];
        assert.ok(id && PRICES.sources?.[id], `${name}: ${key}'s source ${id} is not described`);
      }
    }
  });

  it('names every price it lacks, with why, and never one it has', () => {
    for (const [name, region] of Object.entries(PRICES.regions)) {
      for (const key of NEEDED) {
        const reason = region.unknown?.[key];
        if (priced(region, key))
          assert.equal(reason, undefined, `${name}: ${key} is priced and named unknown`);
        else assert.ok(reason && reason.length > 10, `${name}: ${key} is neither priced nor named unknown`);
      }
    }
  });

  it('prices the sizes and disks of the default design in each region', () => {
    for (const region of REQUIRED_REGIONS) {
      const prices = PRICES.regions[region]!;
      for (const key of ['vmHourly.Standard_D4ds_v5', 'vmHourly.Standard_D8ds_v5', 'premiumSsdMonthly.P20']) {
        assert.ok(priced(prices, key), `${region}: ${key}`);
      }
    }
  });

  it('has no price that is not a positive number, but for what is free', () => {
    for (const [name, region] of Object.entries(PRICES.regions)) {
      for (const key of NEEDED.filter((k) => priced(region, k))) {
        const [group, sub] = key.split('.') as [keyof RegionPrices, string | undefined];
        const value = region[group] as unknown;
        const numbers =
          sub !== undefined
            ? [(value as Record<string, number>)[sub]!]
            : typeof value === 'number'
              ? [value]
              : Object.values(value as Record<string, number>);
        for (const n of numbers) {
          if (key === 'aksTierHourly.Free') assert.equal(n, 0);
          else assert.ok(Number.isFinite(n) && n > 0, `${name}: ${key} = ${n}`);
        }
      }
    }
  });
});
