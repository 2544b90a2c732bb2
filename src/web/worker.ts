/**
 * The configurator's worker: plans off the page's thread, so a large
 * configuration (dozens of spokes take seconds) never freezes typing. The
 * core is pure and Graphviz's WebAssembly runs here as well as in a page.
 */
import type { PlanReply, PlanRequest } from './protocol.js';
import { recompute } from './recompute.js';

/** The little of a dedicated worker's scope this uses (the page's DOM types describe a window). */
interface WorkerScope {
  onmessage: ((event: MessageEvent<PlanRequest>) => void) | null;
  postMessage(message: PlanReply): void;
}
const scope = globalThis as unknown as WorkerScope;

scope.onmessage = ({ data: { id, name, text } }) => {
  recompute(name, text).then(
    ({ result, steps }) => scope.postMessage({ id, ok: true, result, steps }),
    (error: unknown) =>
      scope.postMessage({ id, ok: false, error: error instanceof Error ? error.message : String(error) }),
  );
};
