/**
 * Plans texts in the worker and hands the page only the latest text's plan.
 * Typing is debounced; one text is in the worker at a time (a newer one waits,
 * replacing any older one waiting), and a plan that comes back after its text
 * was changed again is dropped, never shown.
 */
import type { PlanReply, PlanRequest, Recomputed, Steps } from './protocol.js';

interface Text {
  readonly name: string;
  readonly text: string;
}

export interface PlannerEvents {
  /** The latest text's plan; `sent` is when it went to the worker (performance.now()). */
  planned(result: Recomputed, steps: Steps, sent: number): void;
  /** The worker failed on the latest text, or could not start. */
  failed(message: string): void;
  /** Whether a plan of the latest text is still to come. */
  busy(busy: boolean): void;
}

export class Planner {
  private readonly worker: Worker;
  private waiting: Text | undefined;
  /** The waiting text's debounce has passed: it goes to the worker as soon as the worker is free. */
  private due = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private inWorker: { readonly id: number; readonly sent: number } | undefined;
  private nextId = 1;

  constructor(private readonly events: PlannerEvents) {
    this.worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module', name: 'planner' });
    this.worker.addEventListener('message', (event: MessageEvent<PlanReply>) => this.received(event.data));
    this.worker.addEventListener('error', (event) => {
      event.preventDefault();
      this.inWorker = undefined;
      this.events.failed(`the planner did not start (${event.message || 'no reason given'})`);
      this.settle();
    });
  }

  /** Plans `text` once it has not changed for `delay` ms (0: as soon as the worker is free). */
  plan(name: string, text: string, delay: number): void {
    this.waiting = { name, text };
    this.due = false;
    this.events.busy(true);
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.due = true;
      this.send();
    }, delay);
  }

  private send(): void {
    if (this.inWorker || !this.waiting || !this.due) return;
    const request: PlanRequest = { id: this.nextId++, ...this.waiting };
    this.waiting = undefined;
    this.inWorker = { id: request.id, sent: performance.now() };
    this.worker.postMessage(request);
    // Counted for the tests, which check that a burst of typing is planned once.
    document.body.dataset['requests'] = String(request.id);
  }

  private received(reply: PlanReply): void {
    const sent = this.inWorker?.sent ?? performance.now();
    this.inWorker = undefined;
    // A text changed since it was sent: its plan would show something the user no longer has.
    if (!this.waiting) {
      if (reply.ok) this.events.planned(reply.result, reply.steps, sent);
      else this.events.failed(reply.error);
    }
    this.send();
    this.settle();
  }

  private settle(): void {
    if (!this.waiting && !this.inWorker) this.events.busy(false);
  }
}
