import { AbortedError, TimeoutError } from '../errors.ts';

export interface RetryPolicy {
  /** Time to wait for an answer to the first attempt, in ms; later attempts back off. */
  timeoutMs: number;
  /** Retransmissions after the first attempt. */
  retries: number;
  signal?: AbortSignal;
}

export const DEFAULT_POLICY: RetryPolicy = { timeoutMs: 1000, retries: 3 };

/**
 * Wait for attempt `n` (0-based): grows 1.5x per attempt up to 4x the base, with +-20 %
 * jitter so that many sessions retrying after one lost burst do not retransmit in lockstep.
 */
export function attemptTimeout(base: number, attempt: number): number {
  const grown = base * Math.min(4, 1.5 ** attempt);
  return Math.max(1, Math.round(grown * (0.8 + Math.random() * 0.4)));
}

export interface ExchangeSpec<T> {
  /** Command or message name, for errors. */
  what: string;
  host: string;
  policy: RetryPolicy;
  /** Sends (or re-sends) the request; `attempt` is 0 for the first send. */
  send(attempt: number): void;
  /** Starts listening; call `resolve` with the matched answer or `reject` to fail. Returns an unsubscribe. */
  listen(resolve: (v: T) => void, reject: (e: unknown) => void): () => void;
}

/** One request/response exchange over UDP with retransmission, timeout and abort. */
export function exchange<T>(spec: ExchangeSpec<T>): Promise<T> {
  const { policy } = spec;
  return new Promise<T>((resolve, reject) => {
    if (policy.signal?.aborted) {
      reject(new AbortedError(spec.what, { cause: policy.signal.reason }));
      return;
    }
    let attempt = 0;
    let elapsed = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let done = false;
    const finish = () => {
      done = true;
      if (timer) clearTimeout(timer);
      unlisten();
      policy.signal?.removeEventListener('abort', onAbort);
    };
    const onAbort = () => {
      if (done) return;
      finish();
      reject(new AbortedError(spec.what, { cause: policy.signal?.reason }));
    };
    const unlisten = spec.listen(
      (v) => {
        if (done) return;
        finish();
        resolve(v);
      },
      (e) => {
        if (done) return;
        finish();
        reject(e);
      },
    );
    policy.signal?.addEventListener('abort', onAbort, { once: true });
    const fire = () => {
      if (done) return;
      try {
        spec.send(attempt);
      } catch (e) {
        finish();
        reject(e);
        return;
      }
      const wait = attemptTimeout(policy.timeoutMs, attempt);
      timer = setTimeout(() => {
        elapsed += wait;
        if (done) return;
        if (attempt >= policy.retries) {
          finish();
          reject(new TimeoutError(spec.what, spec.host, elapsed, attempt + 1));
          return;
        }
        attempt++;
        fire();
      }, wait);
    };
    fire();
  });
}
