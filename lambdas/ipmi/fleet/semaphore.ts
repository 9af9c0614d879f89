import { AbortedError } from '../errors.ts';

/**
 * A counting semaphore whose limit may change while it is held (a BMC that answers 01h
 * teaches a lower one): permits are handed out first come, first served, while fewer than
 * `limit()` are held. The one limiter of the library: the fleet's per-BMC session limit and
 * the session pool's slots are both this.
 */
export class Semaphore {
  private heldCount = 0;
  private readonly waiters: (() => void)[] = [];

  constructor(private readonly limit: () => number) {}

  get held(): number {
    return this.heldCount;
  }

  get waiting(): number {
    return this.waiters.length;
  }

  /** Waits for a permit; resolves to its release (idempotent). An abort while waiting is AbortedError. */
  acquire(signal?: AbortSignal, what = 'waiting for a session slot'): Promise<() => void> {
    if (signal?.aborted) return Promise.reject(new AbortedError(what, { cause: signal.reason }));
    if (this.waiters.length === 0 && this.heldCount < Math.max(1, this.limit())) return Promise.resolve(this.take());
    return new Promise((resolve, reject) => {
      const go = () => {
        signal?.removeEventListener('abort', onAbort);
        resolve(this.take());
      };
      const onAbort = () => {
        const i = this.waiters.indexOf(go);
        if (i >= 0) this.waiters.splice(i, 1);
        reject(new AbortedError(what, { cause: signal?.reason }));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiters.push(go);
    });
  }

  private take(): () => void {
    this.heldCount++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.heldCount--;
      this.wake();
    };
  }

  private wake(): void {
    while (this.waiters.length > 0 && this.heldCount < Math.max(1, this.limit())) this.waiters.shift()!();
  }
}
