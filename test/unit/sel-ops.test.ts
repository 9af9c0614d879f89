import { describe, expect, it } from 'vitest';
import { ByteWriter } from '../../lambdas/ipmi/codec/bytes.ts';
import type { Command, IpmiRequester } from '../../lambdas/ipmi/commands/command.ts';
import { CompletionCodeError, MalformedError, TimeoutError, TruncatedError } from '../../lambdas/ipmi/errors.ts';
import { selClear, selInfo, selList, selTime, setSelTime } from '../../lambdas/ipmi/ops/sel.ts';

interface FakeSelOptions {
  /** Answer C5h to reads whose reservation ID is not the current one. */
  requireReservation?: boolean;
  /** Cancel the reservation (as a new SEL entry would) before these record reads. */
  cancelBeforeRead?: number[];
  /** Answer 81h (erase in progress) to this many commands first. */
  eraseInProgress?: number;
  /** Status polls answered "in progress" after an erase is initiated. */
  erasePolls?: number;
  /** Replace the next-record-ID chain (hostile BMC). */
  next?: (index: number) => number;
  /** Truncate returned records to this many bytes. */
  recordBytes?: number;
}

/** Builds a 16-byte system event record with the given id and offset. */
function record(id: number, offset: number, deassert = false): Uint8Array {
  return new ByteWriter(16)
    .u16le(id)
    .u8(0x02)
    .u32le(0x65000000 + id)
    .u16le(0x0020)
    .u8(0x04)
    .u8(0x01) // Temperature
    .u8(0x30)
    .u8((deassert ? 0x80 : 0) | 0x01) // threshold
    .u8(0x50 | offset)
    .u8(0x5f)
    .u8(0x5a)
    .finish();
}

/** A BMC holding a SEL, answering the SEL commands of section 31 through the real codecs. */
function fakeSelBmc(records: Uint8Array[], o: FakeSelOptions = {}) {
  const log = { commands: [] as string[], reservation: 0x100, time: 0x65000000, reads: 0 };
  let sel = records.slice();
  let busy = o.eraseInProgress ?? 0;
  let pollsLeft = 0;
  const ids = () => sel.map((r) => r[0]! | (r[1]! << 8));
  const ok = (data: Uint8Array) => ({ completionCode: 0, data });
  const fail = (completionCode: number) => ({ completionCode, data: new Uint8Array() });

  const respond = (cmd: number, req: Uint8Array) => {
    if (busy > 0 && cmd !== 0x48) {
      busy--;
      return fail(0x81);
    }
    switch (cmd) {
      case 0x40:
        return ok(
          new ByteWriter().u8(0x51).u16le(sel.length).u16le(1024).u32le(0x65000000).u32le(0xffffffff).u8(0x0a).finish(),
        );
      case 0x42:
        log.reservation = (log.reservation + 1) & 0xffff || 1;
        return ok(new ByteWriter().u16le(log.reservation).finish());
      case 0x43: {
        const reservation = req[0]! | (req[1]! << 8);
        const id = req[2]! | (req[3]! << 8);
        const read = log.reads++;
        if (o.cancelBeforeRead?.includes(read)) log.reservation++;
        if (o.requireReservation && reservation !== log.reservation) return fail(0xc5);
        const list = ids();
        const index = id === 0 ? 0 : list.indexOf(id);
        if (index < 0 || index >= sel.length) return fail(0xcb);
        const next = o.next ? o.next(index) : (list[index + 1] ?? 0xffff);
        const rec = sel[index]!.subarray(0, o.recordBytes ?? 16);
        return ok(new ByteWriter().u16le(next).bytes(rec).finish());
      }
      case 0x47: {
        const reservation = req[0]! | (req[1]! << 8);
        if (reservation !== log.reservation) return fail(0xc5);
        if (req[2] !== 0x43 || req[3] !== 0x4c || req[4] !== 0x52) return fail(0xcc);
        if (req[5] === 0xaa) {
          sel = [];
          pollsLeft = o.erasePolls ?? 0;
          return ok(Uint8Array.of(pollsLeft > 0 ? 0x00 : 0x01));
        }
        if (pollsLeft > 0) pollsLeft--;
        return ok(Uint8Array.of(pollsLeft > 0 ? 0x00 : 0x01));
      }
      case 0x48:
        return ok(new ByteWriter().u32le(log.time).finish());
      case 0x49:
        log.time = req[0]! | (req[1]! << 8) | (req[2]! << 16) | ((req[3]! << 24) >>> 0);
        log.time >>>= 0;
        return ok(new Uint8Array());
      default:
        return fail(0xc1);
    }
  };

  const requester: IpmiRequester = {
    async call<Req, Res>(command: Command<Req, Res>, req: Req): Promise<Res> {
      log.commands.push(command.name);
      const { completionCode, data } = respond(command.cmd, command.encode(req));
      if (completionCode !== 0) throw new CompletionCodeError(command.name, completionCode, command.completionCodes);
      return command.decode(data);
    },
    async raw(_netFn, cmd, data) {
      return respond(cmd, data);
    },
  };
  return { requester, log, entries: () => sel.length };
}

const THREE = [record(1, 9), record(2, 7), record(3, 9, true)];

describe('selInfo', () => {
  it('decodes the info and converts known times to ISO 8601', async () => {
    const info = await selInfo(fakeSelBmc(THREE).requester);
    expect(info).toMatchObject({ version: '1.5', entries: 3, freeBytes: 1024, lastErase: null });
    expect(info.lastAddition).toBe('2023-09-12T06:06:56.000Z');
  });
});

describe('selList', () => {
  it('walks the record chain from 0000h to FFFFh and words every event', async () => {
    const list = await selList(fakeSelBmc(THREE).requester);
    expect(list.map((e) => e.id)).toEqual([1, 2, 3]);
    expect(list.map((e) => e.event)).toEqual(['Upper Critical going high', 'Upper Non-critical going high', 'Upper Critical going high']);
    expect(list.map((e) => e.direction)).toEqual(['asserted', 'asserted', 'deasserted']);
    expect(list[0]).toMatchObject({ sensorType: 'Temperature', sensorNumber: 0x30, timestamp: '2023-09-12T06:06:57.000Z' });
  });

  it('returns an empty list for an empty SEL without reading entries', async () => {
    const bmc = fakeSelBmc([]);
    expect(await selList(bmc.requester)).toEqual([]);
    expect(bmc.log.commands).toEqual(['Get SEL Info']);
  });

  it('reserves when the BMC insists (C5h) and re-reserves when the reservation is lost', async () => {
    const bmc = fakeSelBmc(THREE, { requireReservation: true, cancelBeforeRead: [2] });
    const list = await selList(bmc.requester);
    expect(list.map((e) => e.id)).toEqual([1, 2, 3]);
    // One for the first C5h, one after the reservation was cancelled mid-walk.
    expect(bmc.log.commands.filter((c) => c === 'Reserve SEL')).toHaveLength(2);
  });

  it('gives up with the completion code when the reservation keeps being lost', async () => {
    const bmc = fakeSelBmc(THREE, { requireReservation: true, cancelBeforeRead: Array.from({ length: 50 }, (_, i) => i) });
    await expect(selList(bmc.requester)).rejects.toMatchObject({ name: 'CompletionCodeError', code: 0xc5 });
  });

  it('waits while an erase is in progress (81h)', async () => {
    const list = await selList(fakeSelBmc(THREE, { eraseInProgress: 2 }).requester);
    expect(list).toHaveLength(3);
  });

  it('stops a record chain that loops with a MalformedError', async () => {
    const bmc = fakeSelBmc(THREE, { next: () => 2 });
    await expect(selList(bmc.requester)).rejects.toBeInstanceOf(MalformedError);
  });

  it('re-reads a record whose next ID comes back as 0000h once, as ipmitool does', async () => {
    let flaky = true;
    const bmc = fakeSelBmc(THREE, {
      next: (i) => {
        if (i === 1 && flaky) {
          flaky = false;
          return 0;
        }
        return [2, 3, 0xffff][i]!;
      },
    });
    expect((await selList(bmc.requester)).map((e) => e.id)).toEqual([1, 2, 3]);
  });

  it('ends the list when the next ID is 0000h twice', async () => {
    const bmc = fakeSelBmc(THREE, { next: (i) => (i === 0 ? 2 : 0) });
    expect((await selList(bmc.requester)).map((e) => e.id)).toEqual([1, 2]);
  });

  it('rejects truncated records with a typed error', async () => {
    await expect(selList(fakeSelBmc(THREE, { recordBytes: 10 }).requester)).rejects.toBeInstanceOf(TruncatedError);
  });
});

describe('selClear', () => {
  it('reserves, initiates the erase and polls until it completes', async () => {
    const bmc = fakeSelBmc(THREE, { erasePolls: 3 });
    const result = await selClear(bmc.requester, { pollIntervalMs: 1 });
    expect(result.polls).toBe(3);
    expect(bmc.entries()).toBe(0);
    expect(bmc.log.commands.slice(0, 2)).toEqual(['Reserve SEL', 'Clear SEL']);
  });

  it('does not poll when the erase completes at once', async () => {
    expect((await selClear(fakeSelBmc(THREE).requester)).polls).toBe(0);
  });

  it('times out with a typed error when the erase never completes', async () => {
    const bmc = fakeSelBmc(THREE, { erasePolls: 1000 });
    const err = await selClear(bmc.requester, { pollIntervalMs: 1, eraseTimeoutMs: 5 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TimeoutError);
    expect(err).toMatchObject({ kind: 'timeout', message: expect.stringMatching(/^Clear SEL: erasure still in progress after 5 ms/) });
  });

  it('stops polling when aborted', async () => {
    const bmc = fakeSelBmc(THREE, { erasePolls: 1000 });
    const ac = new AbortController();
    const p = selClear(bmc.requester, { pollIntervalMs: 1, signal: ac.signal });
    ac.abort(new Error('stop'));
    await expect(p).rejects.toThrow('stop');
  });
});

describe('selTime', () => {
  it('reads and sets the SEL clock', async () => {
    const bmc = fakeSelBmc(THREE);
    expect(await selTime(bmc.requester)).toEqual({ seconds: 0x65000000, time: '2023-09-12T06:06:56.000Z' });
    await setSelTime(bmc.requester, new Date('2024-01-02T03:04:05.678Z'));
    expect((await selTime(bmc.requester)).time).toBe('2024-01-02T03:04:05.000Z');
  });

  it('reports a pre-init clock as null', async () => {
    const bmc = fakeSelBmc(THREE);
    bmc.log.time = 0x100;
    expect(await selTime(bmc.requester)).toEqual({ seconds: 0x100, time: null });
  });
});
