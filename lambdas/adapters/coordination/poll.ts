/**
 * Waiting for a lease: try, then sleep with capped exponential backoff and full jitter (so that
 * many waiters in many processes do not retry in lockstep), until the attempt succeeds, the
 * deadline passes or the caller aborts. Never waits past the deadline.
 */
import { DomainError } from '../../core/errors.ts';

export interface PollOptions {
  /** Wall-clock ms after which no further attempt is made. */
  readonly deadlineMs: number;
  readonly signal?: AbortSignal;
  /** First backoff in ms (default 10), doubled up to `maxDelayMs` (default 250). */
  readonly firstDelayMs?: number;
  readonly maxDelayMs?: number;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The first non-undefined result of `attempt`, or undefined once the deadline has passed. */
export async function pollUntil<T>(attempt: () => Promise<T | undefined>, o: PollOptions): Promise<T | undefined> {
  let delay = o.firstDelayMs ?? 10;
  for (;;) {
    if (o.signal?.aborted) throw new DomainError('TIMEOUT', 'the request was cancelled while waiting for the BMC', { cause: o.signal.reason });
    const got = await attempt();
    if (got !== undefined) return got;
    const left = o.deadlineMs - Date.now();
    if (left <= 0) return undefined;
    // Full jitter over [delay/2, delay]: spread out, but never a busy loop.
    await sleep(Math.min(left, delay / 2 + (Math.random() * delay) / 2));
    delay = Math.min(delay * 2, o.maxDelayMs ?? 250);
  }
}
