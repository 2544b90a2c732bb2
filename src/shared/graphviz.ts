/**
 * The architecture diagram laid out by Graphviz, compiled to WebAssembly
 * (@viz-js/viz), for the CLI and for the configurator alike: the same engine
 * and format give the same SVG (the web tests compare the zip with `plan`).
 * Not in the core, which stays synchronous and holds no state: this keeps one
 * Graphviz instance for every layout, since starting one costs about as much
 * as a layout.
 */
import type { Viz } from '@viz-js/viz';
import { instance } from '@viz-js/viz';
import { labelsOverLines } from './svg-labels.js';

let graphviz: Promise<Viz> | undefined;

/** Starts Graphviz (compiling its WebAssembly) ahead of the first layout. */
export function startGraphviz(): void {
  graphviz ??= instance();
  // A failure to start is the first layout's to report.
  graphviz.catch(() => undefined);
}

/** The diagram as a self-contained SVG (no scripts, no external fonts or images), its labels over its lines. */
export async function renderSvg(dot: string): Promise<string> {
  graphviz ??= instance();
  const result = (await graphviz).render(dot, { format: 'svg', engine: 'dot' });
  if (result.status !== 'success')
    throw new Error(
      `Graphviz could not lay out the diagram: ${result.errors.map((e) => e.message).join('; ')}`,
    );
  return labelsOverLines(result.output);
}
