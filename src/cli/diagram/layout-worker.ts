/**
 * A worker thread that lays out diagrams with Graphviz. Starting Graphviz
 * (compiling its WebAssembly) and its first layout cost about as much as the
 * plan itself; here they run on another core while the main thread verifies
 * the plan and writes its files.
 */
import { parentPort } from 'node:worker_threads';
import { renderSvg, startGraphviz } from '../../shared/graphviz.js';

/** What the layout step (layout.ts) posts to this thread, and what it answers. */
export interface LayoutRequest {
  readonly id: number;
  readonly dot: string;
}

export type LayoutReply =
  { readonly id: number; readonly svg: string } | { readonly id: number; readonly error: string };

/** The same engine, for a layout on the main thread when no worker starts (the module then only exports). */
export { renderSvg };

const port = parentPort;
if (port) {
  // Graphviz compiles its WebAssembly now, before the plan hands over its graph.
  startGraphviz();
  port.on('message', (request: LayoutRequest) => {
    void renderSvg(request.dot)
      .then(
        (svg): LayoutReply => ({ id: request.id, svg }),
        (error: unknown): LayoutReply => ({
          id: request.id,
          error: error instanceof Error ? error.message : String(error),
        }),
      )
      .then((reply) => port.postMessage(reply));
  });
}
