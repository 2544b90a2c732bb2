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

export interface PricesOptions {
  readonly refresh?: boolean;
  /** Regions to read, comma-separated; the built-in table's when absent. */
  readonly region?: string;
  readonly out: string;
  readonly currency: string;
}

/** The API; BASEPLATE_PRICES_API points elsewhere (a mirror, or a test's stand-in). */
export const RETAIL_PRICES_API = 'https://prices.azure.com/api/retail/prices';

/** More pages than any of Baseplate's filters can return: a link that never ends is an error. */
const MAX_PAGES = 100;

/** The API failed or could not be reached: exit code 3, nothing written. */
class ApiError extends Error {}

export async function pricesCommand(options: PricesOptions, io: Io): Promise<ExitCode> {
  if (!options.refresh) {
    io.out(describe(PRICES));
    return ExitCode.ok;
  }
  const regions = regionsOf(options.region);
  if (!/^[A-Z]{3}$/.test(options.currency))
    throw new UsageError(`--currency: "${options.currency}" is not a currency code such as USD or EUR.`);
  const env = io.env ?? process.env;
  const api = env['BASEPLATE_PRICES_API'] || RETAIL_PRICES_API;
  const sizes = VM_SIZES.map((s) => s.name);
  let table: PriceTable;
  try {
    io.progress?.('Reading the prices published outside any region…');
    const fallback = await query(api, fallbackFilter(), options.currency);
    const priced: Record<string, RegionPrices> = {};
    for (const [index, region] of regions.entries()) {
      io.progress?.(`Reading the prices of ${region} (${index + 1}/${regions.length})…`);
      const items: RetailItem[] = [...fallback];
      for (const filter of regionFilters(region, sizes))
        items.push(...(await query(api, filter, options.currency)));
      priced[region] = regionPricesFrom(items, region, sizes);
    }
    table = refreshedTable(new Date().toISOString().slice(0, 10), api, options.currency, priced);
  } catch (error) {
    io.progress?.('');
    if (!(error instanceof ApiError)) throw error;
    io.err(
      `baseplate: the Azure Retail Prices API failed: ${error.message}\nNothing was written; the built-in table (as of ${PRICES.date}) is unchanged.\n`,
    );
    return ExitCode.azure;
  }
  io.progress?.('');
  await writeAside(workingFolder(io), options.out, toJson(table));
  const unknown = Object.entries(table.regions).flatMap(([region, r]) =>
    Object.keys(r.unknown ?? {}).map((key) => `${region} ${key}`),
  );
  io.out(
    `Wrote ${options.out}: prices of ${regions.length} region(s) in ${table.currency}, as of ${table.date}.\n` +
      (unknown.length > 0
        ? `Not published (the estimate shows them as unknown): ${unknown.join(', ')}.\n`
        : '') +
      `Use it: baseplate plan --prices ${options.out}\n`,
  );
  return ExitCode.ok;
}

/** The regions asked for, each a known Azure region; the built-in table's when none. */
function regionsOf(list: string | undefined): string[] {
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

/** The built-in table at a glance: its date, and each region's prices and gaps. */
function describe(table: PriceTable): string {
  const count = (r: RegionPrices) =>
    Object.entries(r).reduce(
      (sum, [key, value]) =>
        key === 'sources' || key === 'unknown'
          ? sum
          : sum + (typeof value === 'number' ? 1 : Object.keys(value as object).length),
      0,
    );
  const rows = Object.entries(table.regions).map(
    ([region, r]) =>
      `  ${region.padEnd(20)} ${String(count(r)).padStart(4)} prices, ${Object.keys(r.unknown ?? {}).length} not found`,
  );
  return [
    `Built-in price table: ${table.currency}, as of ${table.date}.`,
    `  ${table.source}`,
    ...rows,
    'Refresh: baseplate prices --refresh [--region eastus2,...] [--out prices.json], then plan --prices prices.json.',
    '',
  ].join('\n');
}
