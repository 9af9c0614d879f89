/**
 * The per-tenant request limiter on its own (lambdas/core/tenants/request-rate.ts), with a clock
 * the test moves: the limit per window, Retry-After, memory of a refusal, one audit per minute.
 */
import { describe, expect, it } from 'vitest';
import { MemoryWindowCounter, type WindowCounter } from '../../lambdas/core/window-counter.ts';
import { RequestRateLimiter, reserveBlock, type RateExceeded } from '../../lambdas/core/tenants/request-rate.ts';

function counting(counter: WindowCounter) {
  let writes = 0;
  return { counter: { increment: (s: string, w: number, e: number, by?: number) => (writes++, counter.increment(s, w, e, by)) } satisfies WindowCounter, writes: () => writes };
}

describe('RequestRateLimiter', () => {
  it('admits rate x window per tenant, refuses the rest with RATE_LIMITED until the window ends, and leaves other tenants alone', async () => {
    // A minute's start near the real time (the memory counter expires by the real clock).
    const start = Math.ceil(Date.now() / 60_000) * 60_000;
    let now = start;
    const store = counting(new MemoryWindowCounter());
    const limiter = new RequestRateLimiter(store.counter, async (t) => (t === 'slow' ? 2 : 100), { windowMs: 5_000, now: () => now });
    const exceeded: RateExceeded[] = [];
    const onExceeded = async (e: RateExceeded) => void exceeded.push(e);
    for (let i = 0; i < 10; i++) await limiter.admit('slow', onExceeded);
    await expect(limiter.admit('slow', onExceeded)).rejects.toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: 5 });
    const writes = store.writes();
    now += 2_000;
    // Known over the limit here: refused from memory, no store write.
    await expect(limiter.admit('slow', onExceeded)).rejects.toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: 3 });
    expect(store.writes()).toBe(writes);
    await limiter.admit('other', onExceeded);
    expect(exceeded).toEqual([{ tenantId: 'slow', limit: 10, requestsPerSecond: 2, windowSeconds: 5, windowStart: new Date(start).toISOString() }]);
    // The next window admits again; a second crossing in the same minute is not audited again.
    now += 3_000;
    for (let i = 0; i < 10; i++) await limiter.admit('slow', onExceeded);
    await expect(limiter.admit('slow', onExceeded)).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    expect(exceeded).toHaveLength(1);
  });

  it('with a large limit, reserves numbers in blocks: never above the limit across processes, one write per block', async () => {
    const start = Math.ceil(Date.now() / 60_000) * 60_000;
    const now = start + 100;
    const store = counting(new MemoryWindowCounter());
    // Four processes over one counter; a limit of 1,000 per 5 s window (blocks of 50).
    const processes = Array.from({ length: 4 }, () => new RequestRateLimiter(store.counter, async () => 200, { windowMs: 5_000, now: () => now }));
    expect(reserveBlock(1_000)).toBe(50);
    const exceeded: RateExceeded[] = [];
    let admitted = 0;
    let refused = 0;
    await Promise.all(
      processes.map(async (p, i) => {
        // Uneven demand: process 0 asks most.
        for (let n = 0; n < (i === 0 ? 900 : 200); n++) {
          await p.admit('busy', async (e) => void exceeded.push(e)).then(
            () => (admitted += 1),
            (e: unknown) => {
              expect(e).toMatchObject({ code: 'RATE_LIMITED' });
              refused += 1;
            },
          );
        }
      }),
    );
    expect(admitted + refused).toBe(1_500);
    expect(admitted).toBeLessThanOrEqual(1_000);
    // What a process reserved but did not use is lost: at most (block - 1) per process.
    expect(admitted).toBeGreaterThanOrEqual(1_000 - 4 * 49);
    // About one write per block, plus each process's first refusal and its audit claim.
    expect(store.writes()).toBeLessThanOrEqual(Math.ceil(1_000 / 50) + 4 + 4 * 2);
    expect(exceeded).toHaveLength(1);
  });

  it('in blocks, concurrent requests of one process share one reservation', async () => {
    const store = counting(new MemoryWindowCounter());
    const limiter = new RequestRateLimiter(store.counter, async () => 1_000);
    const answers = await Promise.allSettled(Array.from({ length: 120 }, () => limiter.admit('burst', async () => undefined)));
    expect(answers.filter((a) => a.status === 'rejected')).toEqual([]);
    // 120 requests, blocks of 50: three reservations (unless the second's window turned over: four).
    expect(store.writes()).toBeLessThanOrEqual(4);
  });

  it('refuses a window shorter than a second', () => {
    expect(() => new RequestRateLimiter(new MemoryWindowCounter(), async () => 1, { windowMs: 500 })).toThrow(RangeError);
  });
});
