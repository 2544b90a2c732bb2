/**
 * The configurator's worker: plans off the page's thread, so a large
 * configuration (dozens of spokes take seconds) never freezes typing. The
 * core is pure and Graphviz's WebAssembly runs here as well as in a page.
 */
import './no-eval.js';
import type { PlanReply, PlanRequest } from './protocol.js';
import { recompute } from './recompute.js';

/** The little of a dedicated worker's scope this uses (the page's DOM types describe a window). */
interface WorkerScope {
  onmessage: ((event: MessageEvent<PlanRequest>) => void) | null;
  postMessage(message: PlanReply): void;
  addEventListener(
    type: 'securitypolicyviolation',
    listener: (event: SecurityPolicyViolationEvent) => void,
  ): void;
}
const scope = globalThis as unknown as WorkerScope;

// The browser says nothing of what the policy blocks in a worker: said here, on the page's console.
scope.addEventListener('securitypolicyviolation', (event) =>
  console.error(`Blocked by the page's policy (${event.effectiveDirective}): ${event.blockedURI}`),
);

scope.onmessage = ({ data: { id, name, text } }) => {
  recompute(name, text).then(
    ({ result, steps }) => scope.postMessage({ id, ok: true, result, steps }),
    (error: unknown) =>
      scope.postMessage({ id, ok: false, error: error instanceof Error ? error.message : String(error) }),
  );
};
