/**
 * One recomputation, run in the worker: the configuration text through the
 * same pipeline as `baseplate plan` (the core's `plan`, then Graphviz for the
 * diagram, then the report page), ending in everything the page shows.
 */
import { outputTail, plan } from '../core/index.js';
import { renderSvg } from '../shared/graphviz.js';
import type { Recomputed, Steps } from './protocol.js';
import { schemaValidators } from './schema-validators.js';

/** Baseplate's version, written in by the bundler (scripts/build-web.ts); absent in a bundle made without it. */
declare const __BASEPLATE_VERSION__: string | undefined;
const VERSION = typeof __BASEPLATE_VERSION__ === 'string' ? __BASEPLATE_VERSION__ : undefined;

export async function recompute(name: string, text: string): Promise<{ result: Recomputed; steps: Steps }> {
  const started = performance.now();
  // The layout step injected as the CLI injects its own (Graphviz here, in this worker), and the
  // schema checks `plan` runs there too: the page shows the findings the CLI writes.
  const outcome = plan({ name, text }, { layout: renderSvg, schemas: schemaValidators });
  const planned = performance.now();
  if (!outcome.ok) {
    const { diagnostics, config } = outcome;
    return {
      result: { ok: false, diagnostics, ...(config ? { config } : {}) },
      steps: { plan: planned - started, diagram: 0, report: 0 },
    };
  }
  const svg = await (outcome.diagram ?? '');
  const laidOut = performance.now();
  // The same files as `plan --out` writes, in the order it writes them, the marker last.
  // Dated today (UTC) by the page's clock, as `plan` dates it by its own: the same day, the same bytes.
  const meta = { date: new Date().toISOString().slice(0, 10), ...(VERSION ? { version: VERSION } : {}) };
  const files = [...outcome.files, ...outputTail(outcome, svg, meta)];
  const { config, diagnostics, summary, findings } = outcome;
  return {
    result: { ok: true, config, diagnostics, summary, findings, files },
    steps: { plan: planned - started, diagram: laidOut - planned, report: performance.now() - laidOut },
  };
}
