import { AbortedError, TimeoutError } from '../errors.ts';
import type { RttEstimator } from './rtt.ts';

export interface RetryPolicy {
  /**
   * Time to wait for an answer to the first attempt, in ms; later attempts back off. With
   * `rtt`, the most the first wait may be (and what it is before anything was measured).
   */
  timeoutMs: number;
  /** Retransmissions after the first attempt (unless there is a `deadline`). */
  retries: number;
  signal?: AbortSignal;
  /** The BMC's measured round trip: the first wait adapts to it, and answers feed it. */
  rtt?: RttEstimator;
  /**
   * The operation's end (a performance.now() time). Until then an exchange keeps
   * retransmitting, however many times: one lost packet must not sink an operation of a
   * hundred exchanges. No exchange starts or waits past it.
   */
  deadline?: number;
  /** Every attempt waits the first attempt's time (no backoff): a first contact, bounded by `deadline`. */
  steady?: boolean;
}

export const DEFAULT_POLICY: RetryPolicy = { timeoutMs: 1000, retries: 3 };

/**
 * Wait for attempt `n` (0-based): grows 1.5x per attempt up to `cap` times the base (4 by
 * default), with +-20 % jitter so that many sessions retrying after one lost burst do not
 * retransmit in lockstep.
 */
export function attemptTimeout(base: number, attempt: number, cap = 4): number {
  const grown = base * Math.min(cap, 1.5 ** attempt);
  return Math.max(1, Math.round(grown * (0.8 + Math.random() * 0.4)));
}

/** Where a listener hands the answer of an exchange (or the error that ends it). */
export interface ExchangeSink<T> {
  resolve(value: T): void;
  reject(error: unknown): void;
}

export interface ExchangeSpec<T> {
  /** Command or message name, for errors. */
  what: string;
  host: string;
  policy: RetryPolicy;
  /** Sends (or re-sends) the request; `attempt` is 0 for the first send. */
  send(attempt: number): void;
  /** Starts listening; hand the matched answer (or a failure) to `sink`. Returns an unsubscribe. */
  listen(sink: ExchangeSink<T>): () => void;
}

/** One request/response exchange over UDP with retransmission, timeout and abort. */
export function exchange<T>(spec: ExchangeSpec<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => new Exchange(spec, resolve, reject).start());
}

const noop = () => undefined;

function onTimer(x: { timedOut(): void }): void {
  x.timedOut();
}

/**
 * The state of one exchange. Plain fields and methods rather than closures: a session runs
 * one per request, so this is on the hot path of every fleet sweep.
 */
class Exchange<T> implements ExchangeSink<T> {
  private attempt = 0;
  /** When the first attempt went out (for the RTT sample). */
  private sentAt = 0;
  private elapsed = 0;
  private wait = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private done = false;
  private unlisten: () => void = noop;

  constructor(
    private readonly spec: ExchangeSpec<T>,
    private readonly settle: (v: T) => void,
    private readonly fail: (e: unknown) => void,
  ) {}

  start(): void {
    const signal = this.spec.policy.signal;
    if (signal?.aborted) {
      this.done = true;
      this.fail(new AbortedError(this.spec.what, { cause: signal.reason }));
      return;
    }
    const deadline = this.spec.policy.deadline;
    if (deadline !== undefined && performance.now() >= deadline) {
      this.done = true;
      this.fail(new TimeoutError(this.spec.what, this.spec.host, 0, 0, 'operation deadline passed before it was sent'));
      return;
    }
    const unlisten = this.spec.listen(this);
    if (this.done) return unlisten(); // the listener settled at once
    this.unlisten = unlisten;
    signal?.addEventListener('abort', this, { once: true });
    this.fire();
  }

  resolve(value: T): void {
    if (this.done) return;
    const rtt = this.spec.policy.rtt;
    if (rtt) {
      const now = performance.now();
      rtt.heard(now);
      if (this.attempt === 0) rtt.sample(now - this.sentAt);
    }
    this.finish();
    this.settle(value);
  }

  reject(error: unknown): void {
    if (this.done) return;
    this.finish();
    this.fail(error);
  }

  /** The policy's AbortSignal fired (EventTarget calls handleEvent on listener objects). */
  handleEvent(): void {
    this.reject(new AbortedError(this.spec.what, { cause: this.spec.policy.signal?.reason }));
  }

  timedOut(): void {
    this.timer = undefined;
    if (this.done) return;
    this.elapsed += this.wait;
    const { retries, deadline } = this.spec.policy;
    // With a deadline, the deadline alone ends the exchange; without one, the retry count.
    if (deadline === undefined ? this.attempt >= retries : performance.now() >= deadline - 1) {
      this.spec.policy.rtt?.unanswered();
      this.reject(new TimeoutError(this.spec.what, this.spec.host, this.elapsed, this.attempt + 1, deadline === undefined ? undefined : 'operation deadline reached'));
      return;
    }
    this.attempt++;
    this.fire();
  }

  private fire(): void {
    try {
      this.spec.send(this.attempt);
    } catch (e) {
      this.reject(e);
      return;
    }
    if (this.done) return;
    const { timeoutMs, rtt, deadline, steady } = this.spec.policy;
    const now = performance.now();
    if (this.attempt === 0) this.sentAt = now;
    // Within a deadline, waits grow less: the deadline, not the count, bounds the exchange.
    this.wait = attemptTimeout(rtt ? rtt.rto(timeoutMs) : timeoutMs, steady ? 0 : this.attempt, deadline === undefined ? 4 : 2);
    if (deadline !== undefined) this.wait = Math.max(1, Math.min(this.wait, Math.ceil(deadline - now)));
    this.timer = setTimeout(onTimer, this.wait, this);
  }

  private finish(): void {
    this.done = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.unlisten();
    this.spec.policy.signal?.removeEventListener('abort', this);
  }
}
