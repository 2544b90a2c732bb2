/**
 * The diagram laid out by Graphviz (@viz-js/viz, WebAssembly), as the CLI
 * does it (src/cli/diagram.ts: the same engine and format, so the same SVG; the
 * zip test compares them). One instance serves every recomputation: starting
 * one costs about as much as a layout.
 */
import type { Viz } from '@viz-js/viz';
import { instance } from '@viz-js/viz';

let graphviz: Promise<Viz> | undefined;

export async function renderSvg(dot: string): Promise<string> {
  graphviz ??= instance();
  const result = (await graphviz).render(dot, { format: 'svg', engine: 'dot' });
  if (result.status !== 'success')
    throw new Error(
      `Graphviz could not lay out the diagram: ${result.errors.map((e) => e.message).join('; ')}`,
    );
  return result.output;
}
