import { describe, expect, it } from 'vitest';
import { fromHex, toHex } from '../../lambdas/ipmi/codec/bytes.ts';
import type { Command, IpmiRequester } from '../../lambdas/ipmi/commands/command.ts';
import { GetFruInventoryAreaInfo } from '../../lambdas/ipmi/commands/storage/fru-inventory-area-info.ts';
import { ReadFruData } from '../../lambdas/ipmi/commands/storage/fru-read-data.ts';
import {
  CompletionCodeError,
  InvalidArgumentError,
  MalformedError,
  TruncatedError,
} from '../../lambdas/ipmi/errors.ts';
import { fruToJson, readFru } from '../../lambdas/ipmi/ops/fru.ts';
import { buildFruImage, STANDARD_FRU, STANDARD_FRU_EXPECTED } from '../support/fru-image.ts';

describe('Get FRU Inventory Area Info (IPMI v2.0 section 34.1)', () => {
  it('encodes the device ID and decodes size and access type', () => {
    expect(toHex(GetFruInventoryAreaInfo.encode(3))).toBe('03');
    expect(GetFruInventoryAreaInfo.decode(fromHex('00 02 00'))).toEqual({ sizeBytes: 512, accessByWords: false });
    expect(GetFruInventoryAreaInfo.decode(fromHex('00 01 01'))).toEqual({ sizeBytes: 256, accessByWords: true });
  });

  it('rejects short responses and bad device IDs', () => {
    expect(() => GetFruInventoryAreaInfo.decode(fromHex('00 02'))).toThrow(TruncatedError);
    expect(() => GetFruInventoryAreaInfo.encode(0xff)).toThrow(InvalidArgumentError);
    expect(() => GetFruInventoryAreaInfo.encode(-1)).toThrow(InvalidArgumentError);
  });
});

describe('Read FRU Data (IPMI v2.0 section 34.2)', () => {
  it('encodes device, LS-first offset and count', () => {
    expect(toHex(ReadFruData.encode({ deviceId: 0, offset: 0x0123, count: 16 }))).toBe('00230110');
  });

  it('decodes count returned and data, and rejects a count that does not match', () => {
    expect(ReadFruData.decode(fromHex('02 aa bb'))).toEqual({ count: 2, data: fromHex('aa bb') });
    expect(() => ReadFruData.decode(fromHex('05 aa bb'))).toThrow(MalformedError);
    expect(() => ReadFruData.decode(new Uint8Array())).toThrow(TruncatedError);
  });

  it('rejects counts and offsets outside the fields', () => {
    expect(() => ReadFruData.encode({ deviceId: 0, offset: 0x10000, count: 1 })).toThrow(InvalidArgumentError);
    expect(() => ReadFruData.encode({ deviceId: 0, offset: 0, count: 0 })).toThrow(InvalidArgumentError);
    expect(() => ReadFruData.encode({ deviceId: 0, offset: 0, count: 256 })).toThrow(InvalidArgumentError);
  });
});

interface FakeFruOptions {
  accessByWords?: boolean;
  /** Largest count (in bytes) the fake accepts; larger requests get `tooBigCode`. */
  maxBytes?: number;
  tooBigCode?: number;
  /** Answer 81h (FRU device busy) this many times first. */
  busy?: number;
  /** Override the reported inventory size. */
  size?: number;
  /** Return this many bytes more than asked (a hostile BMC). */
  overshoot?: number;
}

/** A BMC holding one FRU image: answers Get FRU Inventory Area Info and Read FRU Data through the real codecs. */
function fakeFruBmc(image: Uint8Array, o: FakeFruOptions = {}) {
  const reads: { offset: number; count: number }[] = [];
  let busy = o.busy ?? 0;
  const unit = o.accessByWords ? 2 : 1;
  const respond = (cmd: number, req: Uint8Array): { completionCode: number; data: Uint8Array } => {
    if (cmd === 0x10) {
      const size = o.size ?? image.length;
      return { completionCode: 0, data: Uint8Array.of(size & 0xff, size >> 8, o.accessByWords ? 1 : 0) };
    }
    const offset = (req[1]! | (req[2]! << 8)) * unit;
    const count = req[3]! * unit;
    reads.push({ offset, count });
    if (busy > 0) {
      busy--;
      return { completionCode: 0x81, data: new Uint8Array() };
    }
    if (o.maxBytes !== undefined && count > o.maxBytes) return { completionCode: o.tooBigCode ?? 0xc8, data: new Uint8Array() };
    const data = image.slice(offset, Math.min(offset + count + (o.overshoot ?? 0), image.length));
    return { completionCode: 0, data: Uint8Array.of(data.length / unit, ...data) };
  };
  const requester: IpmiRequester = {
    async call<Req, Res>(command: Command<Req, Res>, req: Req): Promise<Res> {
      const { completionCode, data } = respond(command.cmd, command.encode(req));
      if (completionCode !== 0) throw new CompletionCodeError(command.name, completionCode, command.completionCodes);
      return command.decode(data);
    },
    async raw(_netFn, cmd, data) {
      return respond(cmd, data);
    },
  };
  return { requester, reads };
}

const IMAGE = buildFruImage(STANDARD_FRU);

describe('readFru', () => {
  it('reads the standard image from 32-byte chunks that grow, skipping unused space and never a byte twice', async () => {
    const bmc = fakeFruBmc(IMAGE);
    const fru = await readFru(bmc.requester, { id: 0 });
    expect(fru.chassis).toMatchObject(STANDARD_FRU_EXPECTED.chassis);
    expect(fru.board).toMatchObject(STANDARD_FRU_EXPECTED.board);
    expect(fru.product).toMatchObject(STANDARD_FRU_EXPECTED.product);
    expect(fru.multiRecords.map((m) => m.typeName)).toEqual(['Power Supply Information', 'OEM']);
    expect(fru).toMatchObject({ deviceId: 0, sizeBytes: 512, accessByWords: false });
    expect(bmc.reads[0]).toEqual({ offset: 0, count: 32 });
    // Full answers let the reads grow: the last one asks for more than the first.
    expect(bmc.reads.at(-1)!.count).toBeGreaterThan(32);
    // The inventory is 512 bytes but its last record ends at 241: at most the one read that
    // starts a record (its length unknown yet) runs past it.
    const last = fru.multiRecords.at(-1)!;
    const lastEnd = last.offset + 5 + last.length;
    expect(bmc.reads.filter((r) => r.offset + r.count > lastEnd)).toHaveLength(1);
    expect(Math.max(...bmc.reads.map((r) => r.offset + r.count))).toBeLessThan(512);
    // No byte is fetched twice.
    for (const [i, r] of bmc.reads.entries()) if (i > 0) expect(r.offset).toBeGreaterThanOrEqual(bmc.reads[i - 1]!.offset + bmc.reads[i - 1]!.count);
    // 32-byte reads without growth would take 12.
    expect(bmc.reads.length).toBeLessThanOrEqual(7);
  });

  it.each([0xc7, 0xc8, 0xca])('shrinks the chunk size when the BMC answers %s', async (code) => {
    const bmc = fakeFruBmc(IMAGE, { maxBytes: 8, tooBigCode: code });
    const fru = await readFru(bmc.requester);
    expect(fru.board).toMatchObject(STANDARD_FRU_EXPECTED.board);
    expect(bmc.reads.filter((r) => r.count > 8).length).toBeGreaterThan(0);
    expect(bmc.reads.at(-1)!.count).toBeLessThanOrEqual(8);
  });

  it('reads word-accessed devices with word offsets and counts', async () => {
    const bmc = fakeFruBmc(IMAGE, { accessByWords: true });
    const fru = await readFru(bmc.requester);
    expect(fru.product).toMatchObject(STANDARD_FRU_EXPECTED.product);
    expect(fru.accessByWords).toBe(true);
    expect(bmc.reads.every((r) => r.offset % 2 === 0)).toBe(true);
  });

  it('retries while the FRU device is busy (81h)', async () => {
    const bmc = fakeFruBmc(IMAGE, { busy: 2 });
    expect((await readFru(bmc.requester)).chassis?.type).toBe('Rack Mount Chassis');
  });

  it('gives up on a device that stays busy with the completion code error', async () => {
    const bmc = fakeFruBmc(IMAGE, { busy: 100 });
    await expect(readFru(bmc.requester)).rejects.toMatchObject({ name: 'CompletionCodeError', code: 0x81 });
  });

  it('fails with a typed error when even 1-byte reads are too long', async () => {
    const bmc = fakeFruBmc(IMAGE, { maxBytes: 0 });
    await expect(readFru(bmc.requester)).rejects.toBeInstanceOf(CompletionCodeError);
  });

  it('rejects a BMC that returns more bytes than asked', async () => {
    const bmc = fakeFruBmc(IMAGE, { overshoot: 4 });
    await expect(readFru(bmc.requester)).rejects.toBeInstanceOf(MalformedError);
  });

  it('rejects an inventory too small for a common header', async () => {
    await expect(readFru(fakeFruBmc(IMAGE, { size: 4 }).requester)).rejects.toBeInstanceOf(MalformedError);
  });

  it('reports areas cut off by an inventory size smaller than the image', async () => {
    const fru = await readFru(fakeFruBmc(IMAGE, { size: 120 }).requester);
    expect(fru.chassis).not.toBeNull();
    expect(fru.product).toBeNull();
    expect(fru.problems.some((p) => p.area === 'product')).toBe(true);
  });

  it('maps to the docs/cli.md `fru` JSON shape with exactly the contract keys', async () => {
    const json = fruToJson(await readFru(fakeFruBmc(IMAGE).requester));
    expect(Object.keys(json.chassis!).sort()).toEqual(['extra', 'partNumber', 'serial', 'type']);
    expect(Object.keys(json.board!).sort()).toEqual(['extra', 'fileId', 'manufacturer', 'mfgDate', 'partNumber', 'product', 'serial']);
    expect(Object.keys(json.product!).sort()).toEqual(
      ['assetTag', 'extra', 'fileId', 'manufacturer', 'name', 'partNumber', 'serial', 'version'],
    );
    expect(json.chassis).toEqual(STANDARD_FRU_EXPECTED.chassis);
    expect(json.board).toEqual(STANDARD_FRU_EXPECTED.board);
    expect(json.product).toEqual(STANDARD_FRU_EXPECTED.product);
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
  });
});
