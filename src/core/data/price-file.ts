/**
 * A price table the user supplies (`plan --prices FILE`), in the shape of the
 * built-in one (data/prices.ts): read as JSON and checked field by field, so a
 * mistyped price is named rather than priced as nothing.
 */
import { z } from 'zod';
import type { Diagnostic } from '../diagnostics.js';
import { inputError } from '../diagnostics.js';
import type { PriceTable } from './prices.js';

const price = z.number().nonnegative();
const byName = z.record(z.string(), price);

const regionPrices = z.strictObject({
  vmHourly: byName,
  aksTierHourly: byName,
  firewallHourly: byName,
  appGatewayWafV2: z.strictObject({ fixedHourly: price, capacityUnitHourly: price }).optional(),
  bastionHourly: byName,
  registryDaily: byName,
  publicIpHourly: price,
  privateEndpointHourly: price,
  loadBalancerHourly: price,
  privateDnsZoneMonthly: price.optional(),
  logAnalyticsPerGb: price,
  basicLogsPerGb: price.optional(),
  retentionPerGbMonth: price.optional(),
  keyVaultPer10kOperations: price,
  premiumSsdMonthly: byName,
  defenderContainersPerVCoreHour: price,
});

/** What `plan --prices` accepts, and report/prices.json holds (schemas/output/prices.schema.json is made from it). */
export const PriceTableSchema = z.strictObject({
  source: z.string().min(1),
  date: z.string().min(1),
  currency: z.string().min(1),
  regions: z
    .record(z.string(), regionPrices)
    .refine((regions) => Object.keys(regions).length > 0, 'must price at least one region'),
});

export type PriceFile = { ok: true; table: PriceTable } | { ok: false; diagnostics: readonly Diagnostic[] };

export function parsePriceTable(name: string, text: string): PriceFile {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return {
      ok: false,
      diagnostics: [
        {
          ...inputError('prices/invalid', undefined, `is not valid JSON: ${(error as Error).message}`),
          file: name,
          fix: 'Give a JSON price table in the shape of report/prices.json, which plan writes.',
        },
      ],
    };
  }
  const parsed = PriceTableSchema.safeParse(value);
  if (parsed.success) return { ok: true, table: parsed.data };
  return {
    ok: false,
    diagnostics: parsed.error.issues.map((issue) => ({
      ...inputError(
        'prices/invalid',
        issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p)),
        issue.message,
      ),
      file: name,
      fix: 'Give every price as a number of the currency per the unit its field names (per hour, day, month or GB).',
    })),
  };
}
