/**
 * A clock for tests: `sleep` returns at once (on the next turn of the event loop)
 * and moves the time on by what was asked, so that polls, Retry-After waits,
 * backoff and time-outs cost no real time and never depend on the machine's speed.
 * Every wait asked is recorded: tests read what was asked, not what elapsed.
 */
import type { Clock } from '../../../src/deploy/clients.js';

export class TestClock implements Clock {
  time = 0;
  readonly waits: number[] = [];

  now(): number {
    return this.time;
  }

  sleep(ms: number): Promise<void> {
    this.waits.push(ms);
    this.time += ms;
    return new Promise((resolve) => setImmediate(resolve));
  }

  reset(): void {
    this.time = 0;
    this.waits.length = 0;
  }
}
