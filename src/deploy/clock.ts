/**
 * Time as deploy waits on it: polls, Retry-After, backoff, and the time-out of
 * each request. Production passes the system's; tests pass one that only
 * records the waits and fires a time-out when the stand-in lets a request hang,
 * so that no test waits for real or depends on the machine's speed.
 */
export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
  /** Calls `expire` once `ms` have passed, unless the function returned is called first. */
  timeout(ms: number, expire: () => void): () => void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  timeout: (ms, expire) => {
    const timer = setTimeout(expire, ms);
    return () => clearTimeout(timer);
  },
};
