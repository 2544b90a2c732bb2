/**
 * What the page and its worker say to each other: a text to plan, and its
 * plan, each tagged with the request's id so the page shows only the latest.
 * Plain data only: messages are structured clones.
 */
import type { Config, Diagnostic, FindingsReport, OutputFile, PlanSummary } from '../core/index.js';

export interface PlanRequest {
  readonly id: number;
  readonly name: string;
  readonly text: string;
}

export type Recomputed =
  | {
      readonly ok: true;
      readonly config: Config;
      readonly diagnostics: readonly Diagnostic[];
      readonly summary: PlanSummary;
      /** report/findings.json as plan's typed value. */
      readonly findings: FindingsReport;
      /** Everything `plan` writes, report, diagram and output marker included. */
      readonly files: readonly OutputFile[];
    }
  | {
      readonly ok: false;
      readonly diagnostics: readonly Diagnostic[];
      /** The resolved configuration when only the design failed (an overlap, say), for the form. */
      readonly config?: Config;
    };

/** Milliseconds each step took in the worker (`npm run bench` prints them). */
export interface Steps {
  readonly plan: number;
  readonly diagram: number;
  readonly report: number;
}

export type PlanReply =
  | { readonly id: number; readonly ok: true; readonly result: Recomputed; readonly steps: Steps }
  | { readonly id: number; readonly ok: false; readonly error: string };
