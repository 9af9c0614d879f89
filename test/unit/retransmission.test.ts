/**
 * The retransmission timeout: a round-trip estimator in the manner of TCP's (RFC 6298 section
 * 2), and exchanges whose first wait follows it and whose retransmissions an operation's
 * deadline bounds rather than a count. Time is a fake clock here: what is asserted is which
 * sends happened by a given instant, not how long anything took.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TimeoutError } from '../../lambdas/ipmi/errors.ts';
import { exchange, type ExchangeSink, type RetryPolicy } from '../../lambdas/ipmi/transport/exchange.ts';
import { MIN_RTO_MS, RttEstimator } from '../../lambdas/ipmi/transport/rtt.ts';

describe('RttEstimator', () => {
  it('waits the configured time-out until it has measured something', () => {
    expect(new RttEstimator().rto(1000)).toBe(1000);
  });

  it('starts from SRTT = R, RTTVAR = R/2 and waits SRTT + 4 RTTVAR (RFC 6298 2.2)', () => {
    const rtt = new RttEstimator();
    rtt.sample(200);
    expect(rtt.smoothed).toBe(200);
    expect(rtt.rto(5000)).toBe(200 + 4 * 100);
  });

  it('smooths later samples with gains 1/8 and 1/4 (RFC 6298 2.3)', () => {
    const rtt = new RttEstimator();
    rtt.sample(200);
    rtt.sample(100);
    // RTTVAR = 3/4 * 100 + 1/4 * |200 - 100| = 100; SRTT = 7/8 * 200 + 1/8 * 100 = 187.5.
    expect(rtt.smoothed).toBe(187.5);
    expect(rtt.rto(5000)).toBe(Math.round(187.5 + 4 * 100));
  });

  it('keeps the first wait between its floor and the configured time-out', () => {
    const fast = new RttEstimator();
    for (let i = 0; i < 20; i++) fast.sample(1);
    expect(fast.rto(1000)).toBe(MIN_RTO_MS);
    const slow = new RttEstimator();
    slow.sample(900);
    expect(slow.rto(1000)).toBe(1000);
    // A caller that asked for waits shorter than the floor gets them.
    expect(fast.rto(40)).toBe(40);
  });

  it('ignores samples that are not times', () => {
    const rtt = new RttEstimator();
    rtt.sample(Number.NaN);
    rtt.sample(-5);
    expect(rtt.samples).toBe(0);
    expect(rtt.rto(700)).toBe(700);
  });
});

describe('exchange', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  /** An exchange whose sends are counted and whose answer the test gives. */
  function counted(policy: RetryPolicy) {
    const sends: number[] = [];
    let sink: ExchangeSink<string> | undefined;
    const result = exchange<string>({
      what: 'Get Device ID',
      host: '127.0.0.1',
      policy,
      send: (attempt) => sends.push(attempt),
      listen: (s) => {
        sink = s;
        return () => undefined;
      },
    }).then(
      (value) => ({ value, error: undefined }),
      (error: unknown) => ({ value: undefined, error }),
    );
    return { sends, answer: (v: string) => sink!.resolve(v), result };
  }

  it('retransmits after the measured round trip allows, not after the whole time-out', async () => {
    const rtt = new RttEstimator();
    for (let i = 0; i < 8; i++) rtt.sample(5); // a BMC on a LAN: the first wait is the 100 ms floor
    const adaptive = counted({ timeoutMs: 1000, retries: 3, rtt });
    const fixed = counted({ timeoutMs: 1000, retries: 3 });
    // Jitter is +-20 %: the adaptive first wait ends by 120 ms, the fixed one not before 800.
    await vi.advanceTimersByTimeAsync(150);
    expect(adaptive.sends).toEqual([0, 1]);
    expect(fixed.sends).toEqual([0]);
    adaptive.answer('ok');
    fixed.answer('ok');
    expect((await adaptive.result).value).toBe('ok');
  });

  it('measures only answers to a request sent once (Karn)', async () => {
    const rtt = new RttEstimator();
    const once = counted({ timeoutMs: 1000, retries: 3, rtt });
    await vi.advanceTimersByTimeAsync(30);
    once.answer('ok');
    await once.result;
    expect(rtt.samples).toBe(1);
    expect(rtt.smoothed).toBe(30);

    const again = counted({ timeoutMs: 200, retries: 3, rtt });
    await vi.advanceTimersByTimeAsync(400);
    expect(again.sends.length).toBeGreaterThan(1);
    again.answer('late');
    await again.result;
    expect(rtt.samples).toBe(1);
    expect(rtt.lastHeard).toBeDefined();
  });

  it('forgets that the BMC was heard once a whole exchange went unanswered', async () => {
    const rtt = new RttEstimator();
    const answered = counted({ timeoutMs: 200, retries: 1, rtt });
    answered.answer('ok');
    await answered.result;
    expect(rtt.lastHeard).toBeDefined();
    const lost = counted({ timeoutMs: 200, retries: 1, rtt });
    await vi.advanceTimersByTimeAsync(2_000);
    expect((await lost.result).error).toBeInstanceOf(TimeoutError);
    expect(rtt.lastHeard).toBeUndefined();
  });

  it('within an operation deadline, retransmits past the retry count until the deadline, then names it', async () => {
    const deadline = performance.now() + 10_000;
    const x = counted({ timeoutMs: 500, retries: 1, deadline });
    await vi.advanceTimersByTimeAsync(10_000);
    const { error } = await x.result;
    expect(error).toBeInstanceOf(TimeoutError);
    expect(String((error as Error).message)).toMatch(/operation deadline reached/);
    // Waits of at most 2 x 500 ms (+20 %) over 10 s: many more than retries + 1 attempts.
    expect(x.sends.length).toBeGreaterThanOrEqual(9);
  });

  it('without a deadline, stops after the retry count', async () => {
    const x = counted({ timeoutMs: 500, retries: 1 });
    await vi.advanceTimersByTimeAsync(10_000);
    expect((await x.result).error).toBeInstanceOf(TimeoutError);
    expect(x.sends).toEqual([0, 1]);
  });
});
