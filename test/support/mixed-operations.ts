/**
 * Many operations with random aborts, spent deadlines and errors thrown by the caller's own
 * work: what an operator's tooling does to a BMC on a bad day. Used to prove that no session
 * is left behind whatever ends an operation.
 */
import { AbortedError, BmcBusyError, TimeoutError, withSession, type Session, type SessionOptions } from '../../lambdas/ipmi/index.ts';
import { seededRng } from '../../lambdas/simulator/rng.ts';

export type Ending = 'ok' | 'thrown' | 'aborted' | 'timeout' | 'busy' | 'other';

class CallerError extends Error {}

/**
 * One operation ended one of four ways, picked at random: completes, the work throws, the
 * caller aborts after 0-`withinMs` ms, or the deadline is 1-`withinMs` ms. The random
 * instants land anywhere from Open Session to Close Session.
 */
export async function mixedOperation(opts: SessionOptions, rnd: () => number, work: (s: Session) => Promise<unknown>, withinMs: number): Promise<Ending> {
  const mode = Math.floor(rnd() * 4);
  const at = rnd() * withinMs;
  try {
    if (mode === 0) await withSession(opts, work);
    if (mode === 1) {
      await withSession(opts, async (s) => {
        await work(s);
        throw new CallerError('the caller failed');
      });
    }
    if (mode === 2) await withSession({ ...opts, signal: AbortSignal.timeout(Math.floor(at)) }, work);
    if (mode === 3) await withSession({ ...opts, deadlineMs: 1 + at }, work);
    return 'ok';
  } catch (e) {
    if (e instanceof CallerError) return 'thrown';
    if (e instanceof AbortedError) return 'aborted';
    if (e instanceof TimeoutError) return 'timeout';
    if (e instanceof BmcBusyError) return 'busy';
    return 'other';
  }
}

/** Runs `count` mixed operations, `concurrency` at a time; `optionsFor(i)` picks each one's BMC. */
export async function runMixed(
  count: number,
  concurrency: number,
  optionsFor: (i: number) => SessionOptions,
  work: (s: Session) => Promise<unknown>,
  options: { seed: number; withinMs: number },
): Promise<Record<Ending, number>> {
  const rnd = seededRng(options.seed);
  const tally: Record<Ending, number> = { ok: 0, thrown: 0, aborted: 0, timeout: 0, busy: 0, other: 0 };
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const i = next++;
      tally[await mixedOperation(optionsFor(i), rnd, work, options.withinMs)]++;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return tally;
}
