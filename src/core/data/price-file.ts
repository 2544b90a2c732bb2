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

/** Every price is optional: what a table lacks, the estimate gives as unknown and warns of. */
const regionPrices = z.strictObject({
  vmHourly: byName.optional(),
  aksTierHourly: byName.optional(),
  firewallHourly: byName.optional(),
  appGatewayWafV2: z.strictObject({ fixedHourly: price, capacityUnitHourly: price }).optional(),
  bastionHourly: byName.optional(),
  registryDaily: byName.optional(),
  registryReplicaDaily: price.optional(),
  publicIpHourly: price.optional(),
  privateEndpointHourly: price.optional(),
  loadBalancerHourly: price.optional(),
  privateDnsZoneMonthly: price.optional(),
  logAnalyticsPerGb: price.optional(),
  basicLogsPerGb: price.optional(),
  retentionPerGbMonth: price.optional(),
  keyVaultPer10kOperations: price.optional(),
  premiumSsdMonthly: byName.optional(),
  defenderContainersPerVCoreHour: price.optional(),
  prometheusPer10MSamples: price.optional(),
  sources: z.record(z.string(), z.string()).optional(),
  unknown: z.record(z.string(), z.string()).optional(),
});

/** What `plan --prices` accepts, and report/prices.json holds (schemas/output/prices.schema.json is made from it). */
export const PriceTableSchema = z.strictObject({
  source: z.string().min(1),
  date: z.string().min(1),
  currency: z.string().min(1),
  sources: z.record(z.string(), z.string()).optional(),
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
    diagnostics: parsed.error.issues.map((issue) => {
      const path = issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
      const [message, fix] = explain(issue, path, at(value, path) === undefined);
      return { ...inputError('prices/invalid', path, message), file: name, fix };
    }),
  };
}

/** The value at `path` in what was read; undefined where it has none. */
function at(value: unknown, path: readonly PropertyKey[]): unknown {
  let here = value;
  for (const key of path) {
    if (typeof here !== 'object' || here === null) return undefined;
    here = (here as Record<PropertyKey, unknown>)[key];
  }
  return here;
}

/** What the header fields hold, for the fix of one that is missing or wrong. */
const HEADER: Readonly<Record<string, string>> = {
  source: 'where the prices come from (a sentence)',
  date: 'the date of the prices (such as 2026-09)',
  currency: 'the currency code (such as USD)',
  regions: 'the prices by region: { "eastus2": { "vmHourly": { "Standard_D4ds_v5": 0.226 } } }',
};

/** A zod issue in the table's own terms: what is wrong, and the change that puts it right. */
function explain(issue: z.core.$ZodIssue, path: readonly PropertyKey[], absent: boolean): [string, string] {
  const field = path.length === 1 ? HEADER[String(path[0])] : undefined;
  const missing = issue.code === 'invalid_type' && absent;
  if (field !== undefined)
    return [missing ? 'is required' : issue.message, `Give "${String(path[0])}": ${field}.`];
  if (issue.code === 'unrecognized_keys')
    return [
      issue.message,
      'Remove it, or check its spelling against report/prices.json, which plan writes (its schema: schemas/output/prices.schema.json).',
    ];
  if (path[0] === 'sources' || path.at(-2) === 'sources' || path.at(-2) === 'unknown')
    return [issue.message, 'Give each source or reason as text.'];
  return [
    missing ? 'is required' : issue.message,
    'Give every price as a number of the currency per the unit its field names (per hour, day, month or GB).',
  ];
}
