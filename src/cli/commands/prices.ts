/**
 * `baseplate prices`: what the built-in price table holds; with `--refresh`,
 * a newer table read from the public Azure Retail Prices API (no sign-in),
 * written to `--out` for `plan --prices` (a maintainer refreshes the built-in
 * file, src/core/data/prices.json, the same way). The API and its paging:
 * https://learn.microsoft.com/rest/api/cost-management/retail-prices/azure-retail-prices
 */
import { rename, rm, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { PriceTable, RegionPrices } from '../../core/data/prices.js';
import { PRICES } from '../../core/data/prices.js';
import { REGIONS } from '../../core/data/regions.js';
import type { RetailItem, RetailPage } from '../../core/data/retail-prices.js';
import {
  fallbackFilter,
  refreshedTable,
  regionFilters,
  regionPricesFrom,
} from '../../core/data/retail-prices.js';
import { VM_SIZES } from '../../core/data/vm-sizes.js';
import { toJson } from '../../core/index.js';
import { workingFolder } from '../config-file.js';
import { ExitCode, UsageError } from '../exit-codes.js';
import type { Io } from '../io.js';
import { formatOf, PRICES_FORMATS, printData } from '../output-format.js';

export interface PricesOptions {
  readonly refresh?: boolean;
  /** Regions to show or read, comma-separated; the built-in table's when absent. */
  readonly region?: string;
  /** With --refresh: where the table goes (prices.json). */
  readonly out?: string;
  /** With --refresh: the currency the API converts to (USD). */
  readonly currency?: string;
  /** `-o`: table (default), json or yaml. */
  readonly output?: string;
  /** `--json`, the same as `-o json`. */
  readonly json?: boolean;
}

/** The API; BASEPLATE_PRICES_API points elsewhere (a mirror, or a test's stand-in). */
export const RETAIL_PRICES_API = 'https://prices.azure.com/api/retail/prices';

/** More pages than any of Baseplate's filters can return: a link that never ends is an error. */
const MAX_PAGES = 100;

/** The API failed or could not be reached: exit code 3, nothing written. */
class ApiError extends Error {}

export async function pricesCommand(options: PricesOptions, io: Io): Promise<ExitCode> {
  const format = formatOf(options, PRICES_FORMATS);
  const data = format === 'json' || format === 'yaml' ? format : undefined;
  if (!options.refresh) {
    const given = (['out', 'currency'] as const).filter((name) => options[name] !== undefined);
    if (given.length > 0)
      throw new UsageError(
        `${given.map((name) => `--${name}`).join(' and ')} ${given.length > 1 ? 'apply' : 'applies'} to --refresh alone: add --refresh to read the API, or leave ${given.length > 1 ? 'them' : 'it'} out to see the built-in table.`,
      );
    const shown = builtIn(PRICES, regionsOf(options.region, Object.keys(PRICES.regions)));
    if (data) printData(io, data, shown);
    else io.out(describe(shown));
    return ExitCode.ok;
  }
  const regions = regionsOf(options.region);
  const out = options.out ?? 'prices.json';
  const currency = options.currency ?? 'USD';
  if (!/^[A-Z]{3}$/.test(currency))
    throw new UsageError(`--currency: "${currency}" is not a currency code such as USD or EUR.`);
  const env = io.env ?? process.env;
  const api = env['BASEPLATE_PRICES_API'] || RETAIL_PRICES_API;
  const sizes = VM_SIZES.map((s) => s.name);
  let table: PriceTable;
  try {
    io.progress?.('Reading the prices published outside any region…');
    const fallback = await query(api, fallbackFilter(), currency);
    const priced: Record<string, RegionPrices> = {};
    for (const [index, region] of regions.entries()) {
      io.progress?.(`Reading the prices of ${region} (${index + 1}/${regions.length})…`);
      const items: RetailItem[] = [...fallback];
      for (const filter of regionFilters(region, sizes)) items.push(...(await query(api, filter, currency)));
      priced[region] = regionPricesFrom(items, region, sizes);
    }
    table = refreshedTable(new Date().toISOString().slice(0, 10), api, currency, priced);
  } catch (error) {
    io.progress?.('');
    if (!(error instanceof ApiError)) throw error;
    io.err(
      `baseplate: the Azure Retail Prices API failed: ${error.message}\nNothing was written; the built-in table (as of ${PRICES.date}) is unchanged.\n`,
    );
    return ExitCode.azure;
  }
  io.progress?.('');
  await writeAside(workingFolder(io), out, toJson(table));
  const unknown = Object.entries(table.regions).flatMap(([region, r]) =>
    Object.keys(r.unknown ?? {}).map((key) => `${region} ${key}`),
  );
  if (data) {
    printData(io, data, {
      wrote: out,
      currency: table.currency,
      date: table.date,
      regions: Object.keys(table.regions),
      unknown,
    });
    return ExitCode.ok;
  }
  io.out(
    `Wrote ${out}: prices of ${regions.length} region(s) in ${table.currency}, as of ${table.date}.\n` +
      (unknown.length > 0
        ? `Not published (the estimate shows them as unknown): ${unknown.join(', ')}.\n`
        : '') +
      `Use it: baseplate plan --prices ${out}\n`,
  );
  return ExitCode.ok;
}

/**
 * The regions asked for, each a known Azure region (and, where `among` is given, one of
 * those); the built-in table's when none.
 */
function regionsOf(list: string | undefined, among?: readonly string[]): string[] {
  if (list === undefined) return Object.keys(PRICES.regions);
  const names = list
    .split(',')
    .map((r) => r.trim().toLowerCase())
    .filter((r) => r.length > 0);
  if (names.length === 0) throw new UsageError('--region: name at least one region, such as eastus2.');
  const known = new Set(REGIONS.map((r) => r.name));
  const wrong = names.filter((r) => !known.has(r));
  if (wrong.length > 0)
    throw new UsageError(
      `--region: ${wrong.join(', ')} ${wrong.length > 1 ? 'are' : 'is'} not an Azure region name (ARM names such as eastus2, westeurope).`,
    );
  const absent = among === undefined ? [] : names.filter((r) => !among.includes(r));
  if (absent.length > 0)
    throw new UsageError(
      `--region: the built-in table has no prices for ${absent.join(', ')}; read them with --refresh --region ${absent.join(',')}.`,
    );
  return [...new Set(names)];
}

/** Every item a filter selects, page after page (each page's NextPageLink, until null). */
async function query(api: string, filter: string, currency: string): Promise<RetailItem[]> {
  const url = new URL(api);
  url.searchParams.set('$filter', filter);
  if (currency !== 'USD') url.searchParams.set('currencyCode', `'${currency}'`);
  const items: RetailItem[] = [];
  let next: string | null | undefined = url.href;
  for (let page = 0; next; page += 1) {
    if (page === MAX_PAGES) throw new ApiError(`more than ${MAX_PAGES} pages for one query (${api}).`);
    const response = await fetch(next).catch((error: Error) => {
      const cause = (error.cause as Error | undefined)?.message;
      throw new ApiError(`${api} cannot be reached (${cause ?? error.message}).`);
    });
    if (!response.ok)
      throw new ApiError(`${api} answered ${response.status} ${response.statusText}`.trim() + '.');
    const body = (await response.json().catch(() => undefined)) as RetailPage | undefined;
    if (!body || !Array.isArray(body.Items))
      throw new ApiError(`${api} answered with no Items: not the Retail Prices API?`);
    items.push(...body.Items);
    next = body.NextPageLink;
  }
  return items;
}

/** Writes `path` whole or not at all: aside, then renamed in. */
async function writeAside(cwd: string, path: string, content: string): Promise<void> {
  const target = resolve(cwd, path);
  const aside = `${target}.tmp-${process.pid}`;
  try {
    await writeFile(aside, content, 'utf8');
    await rename(aside, target);
  } catch (error) {
    await rm(aside, { force: true });
    throw new UsageError(
      `${path}: cannot be written (${(error as NodeJS.ErrnoException).code ?? String(error)}).`,
    );
  }
}

/** What `prices` shows of the built-in table: its date, and each region's count of prices and the prices it lacks. */
interface BuiltInSummary {
  readonly currency: string;
  readonly date: string;
  readonly source: string;
  readonly regions: Record<string, { readonly prices: number; readonly unknown: Record<string, string> }>;
}

function builtIn(table: PriceTable, regions: readonly string[]): BuiltInSummary {
  const count = (r: RegionPrices) =>
    Object.entries(r).reduce(
      (sum, [key, value]) =>
        key === 'sources' || key === 'unknown'
          ? sum
          : sum + (typeof value === 'number' ? 1 : Object.keys(value as object).length),
      0,
    );
  return {
    currency: table.currency,
    date: table.date,
    source: table.source,
    regions: Object.fromEntries(
      regions.flatMap((name) => {
        const r = table.regions[name];
        return r ? [[name, { prices: count(r), unknown: { ...r.unknown } }]] : [];
      }),
    ),
  };
}

/** The built-in table at a glance: a line per region, and under it each price it lacks. */
function describe(summary: BuiltInSummary): string {
  const rows = Object.entries(summary.regions).flatMap(([region, r]) => {
    const lacks = Object.keys(r.unknown);
    return [
      `  ${region.padEnd(20)} ${String(r.prices).padStart(4)} prices, ${lacks.length} not found`,
      ...(lacks.length > 0 ? [`    lacks: ${lacks.join(', ')}`] : []),
    ];
  });
  return [
    `Built-in price table: ${summary.currency}, as of ${summary.date}.`,
    `  ${summary.source}`,
    ...rows,
    'Refresh: baseplate prices --refresh [--region eastus2,...] [--out prices.json], then plan --prices prices.json.',
    '',
  ].join('\n');
}
