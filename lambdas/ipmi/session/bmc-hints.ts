/**
 * What the library has learned about each BMC (by address and port) from earlier sessions
 * in this process: the cipher suite it negotiated, and how many requests it answers at
 * once. A new session to a known BMC starts from these instead of learning them again
 * (four or five fewer round trips for the suite; a full pipeline from the first request).
 *
 * Hints are only ever a starting point: a refused suite is negotiated afresh, and a
 * pipeline that loses a request falls back to one request at a time.
 */

export interface BmcHint {
  /** Cipher suite the BMC last accepted. */
  suite?: number;
  /** Requests in flight that the BMC answered without loss. */
  window?: number;
  /** Until this time (ms since epoch) the BMC is sent one request at a time: it lost pipelined requests. */
  serialUntil?: number;
}

/** Bounded so that sweeping ever-new addresses cannot grow it without end; the oldest hint goes first. */
const MAX_HINTS = 16_384;

const hints = new Map<string, BmcHint>();

const keyOf = (host: string, port: number) => `${host}|${port}`;

export function hintFor(host: string, port: number): BmcHint | undefined {
  return hints.get(keyOf(host, port));
}

/** Merges `update` into the BMC's hint (an undefined field clears it) and marks it most recent. */
export function updateHint(host: string, port: number, update: BmcHint): void {
  const key = keyOf(host, port);
  const next: BmcHint = { ...hints.get(key) };
  for (const field of Object.keys(update) as (keyof BmcHint)[]) {
    if (update[field] === undefined) delete next[field];
    else next[field] = update[field];
  }
  hints.delete(key);
  hints.set(key, next);
  if (hints.size > MAX_HINTS) hints.delete(hints.keys().next().value!);
}

/** Forgets everything learned (tests; or after BMCs were reconfigured or replaced). */
export function forgetBmcHints(): void {
  hints.clear();
}
