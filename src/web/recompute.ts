/**
 * One recomputation: the configuration text through the same pipeline as
 * `baseplate plan` (the core's `plan`, then Graphviz for the diagram, then the
 * report page), ending in everything the page shows.
 */
import type { Config, Diagnostic, OutputFile, PlanOutcome } from '../core/index.js';
import { loadConfig, plan } from '../core/index.js';
import { renderSvg } from './graphviz.js';
import { planFiles } from './plan-files.js';

export type Planned = Extract<PlanOutcome, { ok: true }>;

export type Recomputed =
  | {
      readonly ok: true;
      readonly outcome: Planned;
      /** Everything `plan` writes, report and diagram included. */
      readonly files: readonly OutputFile[];
      readonly svg: string;
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
    const loaded = loadConfig({ name, text });
    return { ok: false, diagnostics: outcome.diagnostics, ...(loaded.ok ? { config: loaded.config } : {}) };
  }
  const dot = outcome.files.find((f) => f.path === 'report/diagram.dot')?.content ?? 'digraph {}';
  const svg = await renderSvg(dot);
  step('diagram');
  const files = planFiles(outcome.files, svg);
  step('report');
  return { ok: true, outcome, files, svg };
}
