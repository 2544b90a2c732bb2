/**
 * Whole plans kept for the next run. A plan is a function of its inputs: the
 * configuration (its text and the name its messages give it), the price table,
 * the report's date, the output folder the summary names, and the build that
 * plans and checks schemas. A plan run again on the same inputs writes and prints
 * what the one before did, without planning again: the same bytes, the same
 * summary, the same diagnostics and exit code. Kept in Baseplate's cache folder
 * (./cache-folder.ts), the most recent few only; any doubt (no build known, a
 * file unreadable or of another shape) plans again.
 */
import { createHash } from 'node:crypto';
import { readFileSync, statSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import type { Diagnostic, OutputFile, PlanSummary } from '../core/index.js';
import { keep, oldest } from './cache-folder.js';

/** What a plan read, all of it: the same inputs give the same plan. */
export interface PlanInputs {
  /** The configuration's name (its messages say it) and text. */
  readonly name: string;
  readonly text: string;
  /** The text of the price table given with --prices; undefined for the built-in one. */
  readonly prices: string | undefined;
  /** The report's date. */
  readonly date: string;
  /** The output folder, as the summary names it. */
  readonly out: string;
  /** Baseplate's version, as the report gives it. */
  readonly version: string;
}

/** What a plan wrote and said. */
export interface KeptPlan {
  /** The files written first, in writing order. */
  readonly files: readonly OutputFile[];
  /** Those written once the diagram was laid out: the report, the diagram, the marker last. */
  readonly tail: readonly OutputFile[];
  readonly summary: PlanSummary;
  /** The summary for people, as printed (before colour). */
  readonly summaryText: string;
  readonly diagnostics: readonly Diagnostic[];
}

export interface KeptPlans {
  read(inputs: PlanInputs): KeptPlan | undefined;
  keep(inputs: PlanInputs, plan: KeptPlan): void;
}

const PREFIX = 'outcome-';
/** Larger than any plan writes (a plan of 200 spokes writes some 60 MB): anything larger is not read. */
const MAX_BYTES = 256 * 1024 * 1024;

export interface KeptPlanOptions {
  /** The cache folder; undefined: nothing kept. */
  readonly folder: string | undefined;
  /** Which build plans and checks schemas, read when first needed; undefined: nothing kept. */
  readonly build: () => string | undefined;
  /** How many plans stay kept. */
  readonly limit?: number;
}

export function keptPlans(options: KeptPlanOptions): KeptPlans | undefined {
  const { folder, limit = 8 } = options;
  if (folder === undefined) return undefined;
  let build: string | undefined | null = null;
  const keyOf = (inputs: PlanInputs): string | undefined => {
    if (build === null) build = options.build();
    if (build === undefined) return undefined;
    const parts = [build, inputs.version, inputs.name, inputs.text, inputs.prices, inputs.date, inputs.out];
    return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
  };
  return {
    read(inputs) {
      const key = keyOf(inputs);
      if (key === undefined) return undefined;
      const path = join(folder, `${PREFIX}${key}.json`);
      try {
        if (statSync(path).size > MAX_BYTES) return undefined;
        const kept = JSON.parse(readFileSync(path, 'utf8')) as unknown;
        if (!isKeptPlan(kept)) return undefined;
        // Used now: the last to go when the oldest are removed.
        const now = new Date();
        utimesSync(path, now, now);
        return kept;
      } catch {
        return undefined;
      }
    },
    keep(inputs, plan) {
      const key = keyOf(inputs);
      if (key !== undefined)
        keep(join(folder, `${PREFIX}${key}.json`), JSON.stringify(plan), oldest(folder, PREFIX, limit));
    },
  };
}

/** The shape this build keeps; anything else (a file cut short, another build's, one edited) plans again. */
function isKeptPlan(value: unknown): value is KeptPlan {
  if (!isRecord(value)) return false;
  const paths = new Set<string>();
  const files = (list: unknown) =>
    Array.isArray(list) &&
    list.every((f: unknown) => {
      if (!isRecord(f) || typeof f['path'] !== 'string' || typeof f['content'] !== 'string') return false;
      const path = f['path'];
      // A path of the output folder, as plan writes them: each once, never one that climbs out.
      const parts = path.split(/[\\/]/);
      if (path.startsWith('/') || parts.some((part) => part === '' || part === '.' || part === '..'))
        return false;
      if (paths.has(path)) return false;
      paths.add(path);
      return true;
    });
  const summary = value['summary'];
  const diagnostics = value['diagnostics'];
  return (
    files(value['files']) &&
    files(value['tail']) &&
    isRecord(summary) &&
    Array.isArray(summary['files']) &&
    summary['files'].every((f) => typeof f === 'string') &&
    typeof value['summaryText'] === 'string' &&
    Array.isArray(diagnostics) &&
    diagnostics.every(
      (d: unknown) =>
        isRecord(d) &&
        typeof d['code'] === 'string' &&
        typeof d['message'] === 'string' &&
        (d['severity'] === 'error' || d['severity'] === 'warning' || d['severity'] === 'info') &&
        (d['kind'] === 'input' || d['kind'] === 'finding'),
    )
  );
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
