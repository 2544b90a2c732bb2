/**
 * One recomputation: the configuration text through the same pipeline as
 * `baseplate plan` (the core's `plan`, then Graphviz for the diagram, then the
 * report page), ending in everything the page shows.
 */
import type { Config, Diagnostic, OutputFile, PlanOutcome } from '../core/index.js';
import { diagramDot, OUTPUT_MARKER, plan, reportFiles } from '../core/index.js';
import { renderSvg } from '../shared/graphviz.js';

export type Planned = Extract<PlanOutcome, { ok: true }>;

export type Recomputed =
  | {
      readonly ok: true;
      readonly outcome: Planned;
      /** Everything `plan` writes, report, diagram and output marker included. */
      readonly files: readonly OutputFile[];
    }
  | {
      readonly ok: false;
      readonly diagnostics: readonly Diagnostic[];
      /** The resolved configuration when only the design failed (an overlap, say), for the form. */
      readonly config?: Config;
    };

/** Each step is measured (`baseplate:plan`, `…:diagram`, `…:report`) for `npm run bench`. */
export async function recompute(name: string, text: string): Promise<Recomputed> {
  let started = performance.now();
  const step = (label: string) => {
    const now = performance.now();
    performance.measure(`baseplate:${label}`, { start: started, end: now });
    started = now;
  };
  const outcome = plan({ name, text });
  step('plan');
  if (!outcome.ok) {
    const { diagnostics, config } = outcome;
    return { ok: false, diagnostics, ...(config ? { config } : {}) };
  }
  const dot = diagramDot(outcome.files);
  const svg = dot === undefined ? '' : await renderSvg(dot);
  step('diagram');
  // The same files as `plan --out` writes, the marker last.
  const files = [...outcome.files, ...reportFiles(outcome.files, svg), OUTPUT_MARKER];
  step('report');
  return { ok: true, outcome, files };
}
