import { describe, expect, it } from 'vitest';
import { ByteReader, toHex } from '../../lambdas/ipmi/codec/bytes.ts';
import { GetSdr } from '../../lambdas/ipmi/commands/storage/sdr-get.ts';
import { GetSdrRepositoryInfo } from '../../lambdas/ipmi/commands/storage/sdr-repository-info.ts';
import { ReserveSdrRepository } from '../../lambdas/ipmi/commands/storage/sdr-reserve.ts';
import { CompletionCodeError, MalformedError } from '../../lambdas/ipmi/errors.ts';
import { readSdrRepository } from '../../lambdas/ipmi/ops/sdr.ts';
import { cc } from './cli-fake-bmc.ts';
import { compactRecord, entityAssociationRecord, eventOnlyRecord, fullRecord, mcLocatorRecord, repositoryBmc } from './sdr-fixtures.ts';

const STORAGE = 0x0a;

describe('SDR repository commands (33.9, 33.11, 33.12)', () => {
  it('decodes Get SDR Repository Info (33.9) byte by byte', () => {
    const data = Uint8Array.from([0x51, 0x05, 0x00, 0x00, 0x10, 0x78, 0x56, 0x34, 0x12, 0x01, 0x00, 0x00, 0x00, 0xaf]);
    expect(GetSdrRepositoryInfo.decode(data)).toEqual({
      version: '1.5',
      recordCount: 5,
      freeBytes: 0x1000,
      lastAddTimestamp: 0x12345678,
      lastEraseTimestamp: 1,
      overflow: true,
      updateModes: 'non-modal', // [6:5] = 01b
      supports: { delete: true, partialAdd: true, reserve: true, allocationInfo: true },
    });
  });

  it('encodes Get SDR and decodes its response', () => {
    expect(toHex(GetSdr.encode({ reservationId: 0x1234, recordId: 0x0102, offset: 5, bytesToRead: 16 }))).toBe('341202010510');
    expect(GetSdr.decode(Uint8Array.from([0x03, 0x00, 0xaa, 0xbb]))).toEqual({ nextRecordId: 3, data: Uint8Array.from([0xaa, 0xbb]) });
    expect(ReserveSdrRepository.decode(Uint8Array.from([0x34, 0x12]))).toBe(0x1234);
  });

  it('rejects short responses with typed errors', () => {
    expect(() => GetSdrRepositoryInfo.decode(Uint8Array.from([0x51, 0x01]))).toThrow(/truncated at record count/);
    expect(() => GetSdr.decode(Uint8Array.from([0x03]))).toThrow(/Get SDR response: truncated/);
    expect(() => ReserveSdrRepository.decode(new Uint8Array())).toThrow(/truncated/);
  });
});

const ALL = () => [fullRecord(), compactRecord(), eventOnlyRecord(), mcLocatorRecord(), entityAssociationRecord()];

describe('readSdrRepository', () => {
  it('reads and decodes every record in order', async () => {
    const bmc = repositoryBmc({ records: ALL() });
    const repo = await readSdrRepository(bmc);
    expect(repo.records.map((r) => r.kind)).toEqual(['full', 'compact', 'event-only', 'mc-locator', 'other']);
    expect(repo.invalid).toEqual([]);
    expect(repo.raw[0]).toBe(toHex(fullRecord()));
    expect(repo.info.recordCount).toBe(5);
    // One whole-record read (FFh) per record; at offset 0 no reservation is needed (33.12).
    expect(bmc.sent(STORAGE, 0x23)).toHaveLength(5);
    expect(bmc.sent(STORAGE, 0x23)[0]).toEqual([0, 0, 0, 0, 0, 0xff]);
    expect(bmc.sent(STORAGE, 0x22)).toEqual([]);
  });

  it('falls back to chunks from offset 0, with a reservation past it, when whole records are refused', async () => {
    const bmc = repositoryBmc({ records: ALL(), maxRead: 40 });
    const repo = await readSdrRepository(bmc);
    expect(repo.raw).toEqual(ALL().map(toHex));
    const gets = bmc.sent(STORAGE, 0x23);
    // The refused whole read, then the 53-byte full record in a 32-byte chunk and the rest.
    expect(gets.slice(0, 3)).toEqual([
      [0, 0, 0, 0, 0, 0xff],
      [0, 0, 0, 0, 0, 32],
      [1, 0, 0, 0, 32, fullRecord().length - 32],
    ]);
    expect(bmc.sent(STORAGE, 0x22)).toHaveLength(1);
    // No whole-record read is tried again.
    expect(gets.slice(1).filter((d) => d[5] === 0xff)).toEqual([]);
  });

  it('reads each header alone once a chunk at offset 0 is refused as past the record (C9h)', async () => {
    const bmc = repositoryBmc({ records: ALL() });
    bmc.on(STORAGE, 0x23, (data) => {
      const r = new ByteReader(data);
      const [, recordId, offset, count] = [r.u16le(), r.u16le(), r.u8(), r.u8()];
      const index = recordId === 0 ? 0 : ALL().findIndex((x) => (x[0]! | (x[1]! << 8)) === recordId);
      const rec = ALL()[index]!;
      if (count === 0xff || offset + count > rec.length) return cc(0xc9);
      const next = ALL()[index + 1];
      const id = next ? next[0]! | (next[1]! << 8) : 0xffff;
      return [id & 0xff, id >> 8, ...rec.subarray(offset, offset + count)];
    });
    const repo = await readSdrRepository(bmc);
    expect(repo.raw).toEqual(ALL().map(toHex));
    // Sizes asked at offset 0: the whole record, chunks until one runs past a shorter record, then headers.
    const atZero = bmc.sent(STORAGE, 0x23).filter((d) => d[4] === 0).map((d) => d[5]!);
    const headers = atZero.indexOf(5);
    expect(atZero[0]).toBe(0xff);
    expect(headers).toBeGreaterThan(1);
    expect(atZero.slice(1, headers).every((n) => n > 5)).toBe(true);
    expect(atZero.slice(headers).every((n) => n === 5)).toBe(true);
  });

  it.each([0xca, 0xc7, 0xff])('halves the read size on completion code %s until the BMC answers', async (code) => {
    const bmc = repositoryBmc({ records: ALL(), maxRead: 12, tooLongCode: code });
    const repo = await readSdrRepository(bmc);
    expect(repo.records).toHaveLength(5);
    expect(repo.raw).toEqual(ALL().map(toHex));
    const sizes = bmc.sent(STORAGE, 0x23).map((d) => d[5]!);
    expect(Math.max(...sizes.slice(-4))).toBeLessThanOrEqual(12);
  });

  it('takes a new reservation and re-sends the read when the reservation is cancelled (C5h)', async () => {
    const bmc = repositoryBmc({ records: ALL(), cancelAfterGets: 3 });
    const repo = await readSdrRepository(bmc, { maxReadBytes: 16 });
    expect(repo.raw).toEqual(ALL().map(toHex));
    expect(bmc.sent(STORAGE, 0x22)).toHaveLength(2);
  });

  it('gives up with the completion code after repeated reservation loss', async () => {
    const bmc = repositoryBmc({ records: ALL() });
    bmc.on(STORAGE, 0x23, (data) => (data[4] === 0 ? [2, 0, ...fullRecord().subarray(0, 5)] : cc(0xc5)));
    await expect(readSdrRepository(bmc, { maxReservationRetries: 2 })).rejects.toMatchObject({ code: 0xc5 });
    expect(bmc.sent(STORAGE, 0x22)).toHaveLength(3);
  });

  it('reads with reservation 0000h when Reserve SDR Repository is not supported', async () => {
    const bmc = repositoryBmc({ records: ALL(), reserveUnsupported: true });
    const repo = await readSdrRepository(bmc);
    expect(repo.records).toHaveLength(5);
  });

  it('keeps undecodable records apart instead of failing', async () => {
    const broken = fullRecord({ 48: 0xc0 | 25 }, 'Bad', 0x0002);
    const bmc = repositoryBmc({ records: [fullRecord(), broken, mcLocatorRecord()] });
    const repo = await readSdrRepository(bmc);
    expect(repo.records.map((r) => r.kind)).toEqual(['full', 'mc-locator']);
    expect(repo.invalid).toEqual([{ recordId: 2, raw: toHex(broken), error: expect.stringMatching(/ID string length 25/) }]);
  });

  it('detects a record chain that loops', async () => {
    const bmc = repositoryBmc({ records: ALL(), nextIds: new Map([[3, 1]]) });
    await expect(readSdrRepository(bmc)).rejects.toThrow(MalformedError);
  });

  it('returns an empty repository without reading records', async () => {
    const bmc = repositoryBmc({ records: [] });
    const repo = await readSdrRepository(bmc);
    expect(repo.records).toEqual([]);
    expect(bmc.sent(STORAGE, 0x23)).toEqual([]);
  });

  it('returns the cached repository when count and timestamps are unchanged, and rereads otherwise', async () => {
    const first = await readSdrRepository(repositoryBmc({ records: ALL() }));
    const same = repositoryBmc({ records: ALL() });
    expect(await readSdrRepository(same, { cached: first })).toBe(first);
    expect(same.sent(STORAGE, 0x23)).toEqual([]);
    const changed = repositoryBmc({ records: ALL(), lastAdd: 0x5000_0001 });
    const reread = await readSdrRepository(changed, { cached: first });
    expect(reread).not.toBe(first);
    expect(changed.sent(STORAGE, 0x23).length).toBeGreaterThan(0);
  });

  it('propagates other completion codes as CompletionCodeError naming Get SDR', async () => {
    const bmc = repositoryBmc({ records: ALL() });
    bmc.on(STORAGE, 0x23, () => cc(0xd0));
    await expect(readSdrRepository(bmc)).rejects.toThrow(CompletionCodeError);
    await expect(readSdrRepository(bmc)).rejects.toThrow(/Get SDR: SDR repository in update mode/);
  });
});
