/**
 * What the library has learned about each BMC (by address and port) from earlier sessions
 * in this process: the cipher suite it negotiated, and how many requests it answers at
 * once. A new session to a known BMC starts from these instead of learning them again
 * (four or five fewer round trips for the suite; a full pipeline from the first request).
 *
 * Hints are only ever a starting point: a refused suite is negotiated afresh, and a
 * pipeline that loses a request falls back to one request at a time.
 */
import { RttEstimator } from '../transport/rtt.ts';

export interface BmcHint {
  /** Cipher suite the BMC last accepted. */
  suite?: number;
  /** Requests in flight that the BMC answered without loss. */
  window?: number;
  /** Until this time (ms since epoch) the BMC is sent one request at a time: it lost pipelined requests. */
  serialUntil?: number;
  /** The BMC's round trip, measured by every session to it (kept and updated in place). */
  rtt?: RttEstimator;
  /** Sessions the BMC took at once before it answered 01h (insufficient resources), while sessionLimitUntil lasts. */
  sessionLimit?: number;
  sessionLimitUntil?: number;
}

/** How long a learned session limit holds before the configured one is tried again. */
export const SESSION_LIMIT_HOLD_MS = 10 * 60_000;

/** Bounded so that sweeping ever-new addresses cannot grow it without end; the oldest hint goes first. */
const MAX_HINTS = 16_384;

const hints = new Map<string, BmcHint>();

const keyOf = (host: string, port: number) => `${host}|${port}`;

export function hintFor(host: string, port: number): BmcHint | undefined {
  return hints.get(keyOf(host, port));
}

/** Merges `update` into the BMC's hint (an undefined field clears it) and marks it most recent. */
export function updateHint(host: string, port: number, update: { [K in keyof BmcHint]?: BmcHint[K] | undefined }): void {
  const key = keyOf(host, port);
  const next: Record<string, unknown> = { ...hints.get(key) };
  for (const [field, value] of Object.entries(update)) {
    if (value === undefined) delete next[field];
    else next[field] = value;
  }
  hints.delete(key);
  hints.set(key, next as BmcHint);
  if (hints.size > MAX_HINTS) hints.delete(hints.keys().next().value!);
}

/** Forgets everything learned (tests; or after BMCs were reconfigured or replaced). */
export function forgetBmcHints(): void {
  hints.clear();
}

/** The BMC's round-trip estimator, made on first use: every session to the BMC feeds and reads the same one. */
export function rttOf(host: string, port: number): RttEstimator {
  const existing = hintFor(host, port)?.rtt;
  if (existing) return existing;
  const rtt = new RttEstimator();
  updateHint(host, port, { rtt });
  return rtt;
}

/** Sessions this process holds open to each BMC now (what a 01h answer teaches the limit from). */
const live = new Map<string, number>();

export function sessionOpened(host: string, port: number): void {
  const key = keyOf(host, port);
  live.set(key, (live.get(key) ?? 0) + 1);
}

export function sessionClosed(host: string, port: number): void {
  const key = keyOf(host, port);
  const n = (live.get(key) ?? 0) - 1;
  if (n > 0) live.set(key, n);
  else live.delete(key);
}

export function liveSessions(host: string, port: number): number {
  return live.get(keyOf(host, port)) ?? 0;
}

/**
 * The BMC answered Open Session with 01h while this process held `liveSessions` sessions to
 * it: that many (at least one) is what it takes, for a while. Only ever lowers the limit.
 */
export function learnSessionLimit(host: string, port: number): void {
  const limit = Math.max(1, liveSessions(host, port));
  const known = learnedSessionLimit(host, port);
  if (known !== undefined && known <= limit) return;
  updateHint(host, port, { sessionLimit: limit, sessionLimitUntil: Date.now() + SESSION_LIMIT_HOLD_MS });
}

/** The session limit learned from the BMC, while it holds. */
export function learnedSessionLimit(host: string, port: number): number | undefined {
  const h = hintFor(host, port);
  if (h?.sessionLimit === undefined || (h.sessionLimitUntil ?? 0) <= Date.now()) return undefined;
  return h.sessionLimit;
}
