/**
 * The fleet window (lambdas/common/complete-within.ts), which runFleet (through
 * lambdas/ipmi/fleet/window.ts, with the library's typed errors) and the API's fleet operations
 * share: bounded concurrency, results as they complete, abort, early stop.
 */
import { describe, expect, it } from 'vitest';
import { completeWithin } from '../../lambdas/ipmi/fleet/window.ts';
import { AbortedError, InvalidArgumentError } from '../../lambdas/ipmi/errors.ts';
import { completeWithin as neutralWindow } from '../../lambdas/common/complete-within.ts';

function deferred<T>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

const tick = () => new Promise((r) => setImmediate(r));

describe('completeWithin', () => {
  it('never runs more than the limit at once, and yields in completion order with the input index', async () => {
    const gates = Array.from({ length: 6 }, () => deferred<string>());
    let running = 0;
    let peak = 0;
    const it = completeWithin(['a', 'b', 'c', 'd', 'e', 'f'], 2, async (item, index) => {
      running++;
      peak = Math.max(peak, running);
      const v = await gates[index]!.promise;
      running--;
      return `${item}:${v}`;
    });
    const seen: [number, string][] = [];
    const consumer = (async () => {
      for await (const r of it) seen.push([r.index, r.value]);
    })();
    await tick();
    expect(running).toBe(2);
    gates[1]!.resolve('1'); // the second finishes first
    await tick();
    expect(seen).toEqual([[1, 'b:1']]);
    for (const i of [0, 3, 2, 5, 4]) {
      gates[i]!.resolve(String(i));
      await tick();
    }
    await consumer;
    expect(peak).toBe(2);
    expect(seen.map(([i]) => i)).toEqual([1, 0, 3, 2, 5, 4]);
  });

  it('ends with AbortedError on abort, after the running work has wound down', async () => {
    const ac = new AbortController();
    const gate = deferred<void>();
    let finished = 0;
    const run = (async () => {
      for await (const _ of completeWithin([1, 2, 3, 4], 2, async () => {
        await gate.promise;
        finished++;
        return 0;
      }, ac.signal));
    })();
    await tick();
    ac.abort(new Error('stop'));
    const outcome = run.catch((e: unknown) => e);
    await tick();
    gate.resolve();
    const error = await outcome;
    expect(error).toBeInstanceOf(AbortedError);
    expect(finished).toBe(2); // the two running finished; the other two never started
  });

  it('waits for work still running when the consumer stops early', async () => {
    const gate = deferred<void>();
    let finished = 0;
    const it = completeWithin([0, 1, 2], 3, async (i) => {
      if (i > 0) await gate.promise;
      finished++;
      return i;
    });
    const first = await it.next();
    expect(first.value).toMatchObject({ index: 0 });
    const stopping = it.return(undefined);
    await tick();
    expect(finished).toBe(1);
    gate.resolve();
    await stopping;
    expect(finished).toBe(3);
  });

  it.each([0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY])('refuses a limit of %s with a typed error before any work starts', async (limit) => {
    let started = 0;
    const it = completeWithin([1, 2], limit, async () => started++);
    await expect(it.next()).rejects.toBeInstanceOf(InvalidArgumentError);
    expect(started).toBe(0);
  });

  it('rethrows a failure of the work itself, and handles an empty input', async () => {
    const failing = completeWithin([1], 4, () => Promise.reject(new Error('bug')));
    await expect(failing.next()).rejects.toThrow('bug');
    const empty: unknown[] = [];
    for await (const r of completeWithin([], 4, async () => 1)) empty.push(r);
    expect(empty).toEqual([]);
  });

  it('without the library, refuses a bad limit with a RangeError and ends an abort with the signal\'s reason', async () => {
    await expect(neutralWindow([1], 0, async () => 1).next()).rejects.toBeInstanceOf(RangeError);
    const ac = new AbortController();
    const reason = new Error('stop');
    ac.abort(reason);
    await expect(neutralWindow([1], 1, async () => 1, { signal: ac.signal }).next()).rejects.toBe(reason);
  });
});
