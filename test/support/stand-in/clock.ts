/**
 * A clock for tests: `sleep` returns at once (on the next turn of the event loop)
 * and moves the time on by what was asked, so that polls, Retry-After waits,
 * backoff and time-outs cost no real time and never depend on the machine's speed.
 * Every wait asked is recorded: tests read what was asked, not what elapsed.
 *
 * Requests take no time on this clock: a request's time-out fires only when the
 * stand-in lets a request hang (`expire`), never because a sleep elsewhere moved
 * the time on while a request was under way.
 */
import type { Clock } from '../../../src/deploy/clients.js';

export class TestClock implements Clock {
  time = 0;
  readonly waits: number[] = [];
  /** Time-outs armed and not yet cancelled, in the order they were armed. */
  readonly #timeouts = new Set<{ readonly ms: number; readonly expire: () => void }>();

  now(): number {
    return this.time;
  }

  sleep(ms: number): Promise<void> {
    this.waits.push(ms);
    this.time += ms;
    return new Promise((resolve) => setImmediate(resolve));
  }

  timeout(ms: number, expire: () => void): () => void {
    const armed = { ms, expire };
    this.#timeouts.add(armed);
    return () => this.#timeouts.delete(armed);
  }

  /** A request that is never answered: the time moves on until the time-outs armed now fire, and they fire. */
  expire(): void {
    const armed = [...this.#timeouts];
    this.#timeouts.clear();
    this.time += Math.max(0, ...armed.map((t) => t.ms));
    for (const timeout of armed) timeout.expire();
  }

  reset(): void {
    this.time = 0;
    this.waits.length = 0;
    this.#timeouts.clear();
  }
}
