/**
 * The diagram's layout for the command line: Graphviz in a worker thread
 * (layout-worker.ts), whose start may overlap the plan; the plan hands it the
 * graph as soon as it has drawn it, and verifies meanwhile. One worker serves the whole
 * process (the tests run many plans in one); it holds the process open only
 * while a layout is pending. If the worker cannot start or stops, layouts run
 * on this thread, with the same engine and the same result.
 */
import { Worker } from 'node:worker_threads';
import type { Layout } from '../../core/index.js';
import type { LayoutReply, LayoutRequest } from './layout-worker.js';

export type { Layout };

/** The layouts of the command line's plans, each asked for as a plan starts. */
export interface DiagramLayouts {
  forPlan(): Layout;
}

/** The worker's script: Graphviz, whose build decides a layout (kept-layouts.ts). */
export const LAYOUT_WORKER = new URL('./layout-worker.js', import.meta.url);

let shared: Layout | undefined;

/** The process's layout step, its worker started on first use. */
export function startLayout(): Layout {
  shared ??= workerLayout(LAYOUT_WORKER);
  return shared;
}

/** A layout step backed by its own worker running `script`. */
export function workerLayout(script: URL): Layout {
  const pending = new Map<number, { resolve(svg: string): void; reject(error: Error): void }>();
  let nextId = 0;
  let worker: Worker | undefined;
  try {
    worker = new Worker(script);
  } catch {
    return inThread;
  }
  const running = worker;
  const stopped = (): void => {
    worker = undefined;
    for (const request of pending.values()) request.reject(new WorkerStopped());
    pending.clear();
  };
  running.on('message', (reply: LayoutReply) => {
    const request = pending.get(reply.id);
    if (!request) return;
    pending.delete(reply.id);
    if (pending.size === 0) running.unref();
    if ('svg' in reply) request.resolve(reply.svg);
    else request.reject(new Error(reply.error));
  });
  running.on('error', stopped);
  running.on('exit', stopped);
  // After the listeners: attaching a 'message' listener refs the worker again.
  running.unref();

  return async (dot) => {
    if (!worker) return inThread(dot);
    const id = nextId++;
    const svg = new Promise<string>((resolve, reject) => pending.set(id, { resolve, reject }));
    worker.ref();
    worker.postMessage({ id, dot } satisfies LayoutRequest);
    return svg.catch((error: unknown) => {
      if (error instanceof WorkerStopped) return inThread(dot);
      throw error;
    });
  };
}

class WorkerStopped extends Error {}

async function inThread(dot: string): Promise<string> {
  const { renderSvg } = await import('./layout-worker.js');
  return renderSvg(dot);
}
