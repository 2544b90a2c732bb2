/**
 * report/cost.json, the monthly cost estimate (written by report/cost.ts), and
 * report/prices.json, the price table it used (data/prices.ts), which a user
 * edits and passes back with `plan --prices`. Their JSON Schemas are
 * schemas/output/cost.schema.json and schemas/output/prices.schema.json.
 */
import { z } from 'zod';
import { PriceTableSchema } from '../data/price-file.js';

export type { PriceTable, RegionPrices } from '../data/prices.js';

export const COST_PATH = 'report/cost.json';
export const PRICES_PATH = 'report/prices.json';

/** A monthly figure: from the node pools at their minimum to their maximum, or unknown. */
export type Monthly = { readonly min: number; readonly max: number } | 'unknown';

export interface CostLine {
  readonly resource: string;
  readonly item: string;
  readonly monthly: Monthly;
  /** How the figure was reached, or why it is unknown. */
  readonly basis: string;
}

/** A price the table lacks for what the plan deploys, with why if the table says. */
export interface MissingPrice {
  readonly region: string;
  /** Its key in the table: `vmHourly.Standard_D4s_v5`, `bastionHourly.Standard`. */
  readonly price: string;
  /** The table's word on it (its `unknown`); none when the region or the key is simply absent. */
  readonly reason?: string;
}

export interface CostEstimate {
  readonly currency: string;
  readonly prices: { readonly source: string; readonly date: string };
  /** The regions the plan deploys to, the home region first: what a table for it must price. */
  readonly regions: readonly string[];
  readonly hoursPerMonth: number;
  readonly assumptions: readonly string[];
  readonly lines: readonly CostLine[];
  /** The sum of the lines with a price (`unknownLines` more have none); unknown when no line has one. */
  readonly total: Monthly;
  readonly unknownLines: number;
  /** The prices the table lacks for what the plan deploys: the plan warns of each region's. */
  readonly missingPrices: readonly MissingPrice[];
  /** The spec's cost levers that apply to this plan. */
  readonly notes: readonly string[];
}

/** The JSON Schema of report/prices.json: that of the tables `plan --prices` accepts, made from the zod schema that checks them. */
export function pricesJsonSchema(): object {
  return z.toJSONSchema(PriceTableSchema, { target: 'draft-2020-12' });
}
