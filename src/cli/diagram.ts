/**
 * Renders the architecture diagram: Graphviz, compiled to WebAssembly
 * (@viz-js/viz), lays out the DOT the core draws from the resources.
 */
import { instance } from '@viz-js/viz';

/** The diagram as a self-contained SVG: no scripts, no external fonts or images. */
export async function renderSvg(dot: string): Promise<string> {
  const viz = await instance();
  const result = viz.render(dot, { format: 'svg', engine: 'dot' });
  if (result.status !== 'success')
    throw new Error(
      `Graphviz could not lay out the diagram: ${result.errors.map((e) => e.message).join('; ')}`,
    );
  return result.output;
}
