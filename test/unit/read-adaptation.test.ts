/**
 * The read size of chunked reads (grow on full answers, settle below a refusal or a short
 * answer) and the resumption of lost exchanges (one re-send in a row, a few per operation),
 * which SDR, SEL and FRU reads share.
 */
import { describe, expect, it } from 'vitest';
import type { Command, IpmiRequester } from '../../lambdas/ipmi/commands/command.ts';
import { TimeoutError } from '../../lambdas/ipmi/errors.ts';
import { resolveBounds } from '../../lambdas/ipmi/ops/read-bounds.ts';
import { ReadContext } from '../../lambdas/ipmi/ops/read-context.ts';
import { ReadSize } from '../../lambdas/ipmi/ops/read-size.ts';

describe('ReadSize', () => {
  it('doubles after each full answer up to the maximum', () => {
    const size = new ReadSize(32, 255);
    size.answered(32, 32);
    expect(size.current).toBe(64);
    size.answered(64, 64);
    size.answered(128, 128);
    expect(size.current).toBe(255);
  });

  it('does not grow on an ask smaller than the size (the end of what was wanted)', () => {
    const size = new ReadSize(32, 255);
    size.answered(20, 20);
    expect(size.current).toBe(32);
  });

  it('settles at the largest size answered in full after a refusal, and stops growing', () => {
    const size = new ReadSize(32, 255);
    size.answered(32, 32);
    expect(size.refused(64)).toBe(true);
    expect(size.current).toBe(32);
    size.answered(32, 32);
    expect(size.current).toBe(32);
  });

  it('halves from a first refusal, and gives up below one unit', () => {
    const size = new ReadSize(64, 255, 2);
    expect(size.refused(64)).toBe(true);
    expect(size.current).toBe(32);
    expect(size.refused(2)).toBe(false);
  });

  it('takes a short answer as the BMC limit', () => {
    const size = new ReadSize(32, 255);
    size.answered(32, 7);
    expect(size.current).toBe(7);
    size.answered(7, 7);
    expect(size.current).toBe(7);
  });
});

const PING: Command<void, number> = { name: 'Ping', netFn: 6, cmd: 1, encode: () => new Uint8Array(), decode: () => 1 };

/** Answers per call: a number, or 'lost' for a TimeoutError after the session's own retries. */
function scripted(script: (number | 'lost')[]): IpmiRequester & { calls: number } {
  const r = {
    calls: 0,
    async call<Req, Res>(command: Command<Req, Res>): Promise<Res> {
      const step = script[r.calls++] ?? 'lost';
      if (step === 'lost') throw new TimeoutError(command.name, 'BMC', 100, 3);
      return step as Res;
    },
    async raw() {
      return { completionCode: 0, data: new Uint8Array() };
    },
  };
  return r;
}

describe('ReadContext', () => {
  it('re-sends one lost exchange and carries on', async () => {
    const s = scripted([1, 'lost', 3, 4]);
    const ctx = new ReadContext(s, {}, resolveBounds(undefined), 'test');
    expect(await ctx.call(PING, undefined)).toBe(1);
    expect(await ctx.call(PING, undefined)).toBe(3);
    expect(await ctx.call(PING, undefined)).toBe(4);
    expect(ctx.requests).toBe(4);
  });

  it('gives up on two losses in a row, and after its resumes are spent', async () => {
    const twice = scripted([1, 'lost', 'lost']);
    const ctx = new ReadContext(twice, {}, resolveBounds(undefined), 'test');
    await ctx.call(PING, undefined);
    await expect(ctx.call(PING, undefined)).rejects.toBeInstanceOf(TimeoutError);
    expect(twice.calls).toBe(3);

    const spaced = scripted(['lost', 1, 'lost', 2, 'lost']);
    const limited = new ReadContext(spaced, {}, resolveBounds(undefined), 'test', 2);
    expect(await limited.call(PING, undefined)).toBe(1);
    expect(await limited.call(PING, undefined)).toBe(2);
    await expect(limited.call(PING, undefined)).rejects.toBeInstanceOf(TimeoutError);
  });

  it('counts every request, re-sends included, against readRequests', async () => {
    const s = scripted([1, 'lost', 2, 3]);
    const ctx = new ReadContext(s, {}, resolveBounds({ readRequests: 3 }), 'test');
    await ctx.call(PING, undefined);
    await ctx.call(PING, undefined);
    await expect(ctx.call(PING, undefined)).rejects.toMatchObject({ name: 'BoundExceededError', bound: 'readRequests', limit: 3 });
    expect(s.calls).toBe(3);
  });

  it('refuses bounds that are not positive integers', () => {
    expect(() => resolveBounds({ sdrRecords: 0 })).toThrow(/sdrRecords/);
    expect(() => resolveBounds({ fruBytes: 1.5 })).toThrow(/fruBytes/);
  });
});
