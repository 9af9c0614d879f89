import { describe, expect, it } from 'vitest';
import { fromHex } from '../../lambdas/ipmi/codec/bytes.ts';
import { IpmiError, MalformedError, TruncatedError } from '../../lambdas/ipmi/errors.ts';
import { decodeBoardArea, fruMinutesToIso } from '../../lambdas/ipmi/fru/board-area.ts';
import { decodeChassisArea } from '../../lambdas/ipmi/fru/chassis-area.ts';
import { chassisTypeName } from '../../lambdas/ipmi/fru/chassis-types.ts';
import { decodeCommonHeader } from '../../lambdas/ipmi/fru/common-header.ts';
import { decodeFruInventory } from '../../lambdas/ipmi/fru/inventory.ts';
import { decodeMultiRecords, multiRecordTypeName } from '../../lambdas/ipmi/fru/multirecord.ts';
import { decodeProductArea } from '../../lambdas/ipmi/fru/product-area.ts';
import { buildFruImage, STANDARD_FRU, STANDARD_FRU_EXPECTED } from '../support/fru-image.ts';

/**
 * A 24-byte image written out by hand (FRU spec sections 8, 10, 11):
 *   header  01 00 01 02 00 00 00 FC     chassis at 8, board at 16; 01+01+02+FC = 100h
 *   chassis 01 01 17 C2 41 42 C1 E1     type 17h, part number "AB", C1h before the serial
 *   board   01 02 00 01 00 00 C1 00 .. 3B   1 minute after the epoch, no fields
 */
const HAND_IMAGE = fromHex(
  '01 00 01 02 00 00 00 fc' + '01 01 17 c2 41 42 c1 e1' + '01 02 00 01 00 00 c1 00 00 00 00 00 00 00 00 3b',
);

describe('FRU common header (section 8)', () => {
  it('decodes offsets in multiples of 8 and verifies the checksum', () => {
    expect(decodeCommonHeader(HAND_IMAGE)).toEqual({
      version: 1,
      internalUseOffset: null,
      chassisOffset: 8,
      boardOffset: 16,
      productOffset: null,
      multiRecordOffset: null,
      checksumOk: true,
    });
  });

  it('reports a bad checksum without failing', () => {
    const bad = HAND_IMAGE.slice();
    bad[7] = 0xfd;
    expect(decodeCommonHeader(bad).checksumOk).toBe(false);
  });

  it('rejects an unknown format version and a short header with typed errors', () => {
    expect(() => decodeCommonHeader(fromHex('02 00 00 00 00 00 00 fe'))).toThrow(MalformedError);
    expect(() => decodeCommonHeader(fromHex('01 00 01'))).toThrow(TruncatedError);
  });
});

describe('FRU info areas (sections 10-12)', () => {
  it('decodes the hand-written chassis area, leaving fields after an early C1h empty', () => {
    expect(decodeChassisArea(HAND_IMAGE, 8)).toEqual({
      type: 'Rack Mount Chassis',
      typeCode: 0x17,
      partNumber: 'AB',
      serial: '',
      extra: [],
      checksumOk: true,
    });
  });

  it('decodes the board manufacturing date as minutes since 1996-01-01 00:00 UTC', () => {
    expect(decodeBoardArea(HAND_IMAGE, 16).mfgDate).toBe('1996-01-01T00:01:00.000Z');
    expect(fruMinutesToIso(0)).toBeNull();
    expect(fruMinutesToIso(0xffffff)).toBe('2027-11-24T20:15:00.000Z'); // the last representable minute
  });

  it('decodes every field of the standard test image, in every encoding', () => {
    const inv = decodeFruInventory(buildFruImage(STANDARD_FRU));
    expect(inv.chassis).toMatchObject(STANDARD_FRU_EXPECTED.chassis);
    expect(inv.board).toMatchObject(STANDARD_FRU_EXPECTED.board);
    expect(inv.product).toMatchObject(STANDARD_FRU_EXPECTED.product);
    expect(inv.checksums).toEqual({ header: true, chassis: true, board: true, product: true, multiRecords: true });
    expect(inv.problems).toEqual([]);
  });

  it('reports bad area checksums as data, not errors', () => {
    const inv = decodeFruInventory(buildFruImage({ ...STANDARD_FRU, corrupt: { board: true, header: true } }));
    expect(inv.board?.checksumOk).toBe(false);
    expect(inv.board?.manufacturer).toBe('Acme Boards');
    expect(inv.checksums).toMatchObject({ header: false, chassis: true, board: false, product: true });
    expect(inv.problems.map((p) => p.area).sort()).toEqual(['board', 'header']);
  });

  it('decodes text as Unicode when the product area language is not English', () => {
    const image = buildFruImage({
      product: { language: 1, manufacturer: { raw: fromHex('c4 41 00 42 00') }, name: 'x\u0000' },
    });
    expect(decodeProductArea(image, decodeCommonHeader(image).productOffset!).manufacturer).toBe('AB');
  });

  it('keeps custom fields after the named ones as extra', () => {
    const image = buildFruImage({ chassis: { type: 1, partNumber: 'P', serial: 'S', extra: ['one', 'two'] } });
    expect(decodeChassisArea(image, 8)).toMatchObject({ type: 'Other', partNumber: 'P ', serial: 'S ', extra: ['one', 'two'] });
  });

  it('rejects a field that runs past its area with a typed error, reported per area', () => {
    // Chassis area of 8 bytes whose part number claims 20 bytes.
    const image = fromHex('01 00 01 00 00 00 00 fe' + '01 01 17 d4 41 42 c1 00');
    expect(() => decodeChassisArea(image, 8)).toThrow(TruncatedError);
    const inv = decodeFruInventory(image);
    expect(inv.chassis).toBeNull();
    expect(inv.problems[0]).toMatchObject({ area: 'chassis' });
  });

  it('rejects areas with length 0, a bad version or past the image end', () => {
    expect(() => decodeChassisArea(fromHex('01 00 17 c1 00 00 00 00'), 0)).toThrow(MalformedError);
    expect(() => decodeChassisArea(fromHex('02 01 17 c1 00 00 00 00'), 0)).toThrow(MalformedError);
    expect(() => decodeChassisArea(fromHex('01 02 17 c1 00 00 00 00'), 0)).toThrow(TruncatedError);
    expect(() => decodeChassisArea(fromHex('01'), 0)).toThrow(TruncatedError);
  });

  it('names chassis types as ipmitool does, unknown codes as Unknown', () => {
    expect(chassisTypeName(0x17)).toBe('Rack Mount Chassis');
    expect(chassisTypeName(0x1d)).toBe('Blade Enclosure');
    expect(chassisTypeName(0x24)).toBe('Stick PC');
    expect(chassisTypeName(0x99)).toBe('Unknown');
  });
});

describe('FRU multirecord area (section 16)', () => {
  it('decodes headers, types and both checksums of a hand-written record', () => {
    // Type C0h (OEM), end of list + version 2, 3 data bytes, data checksum FDh, header checksum.
    // Header: C0+82+03+FD = 242h -> checksum BEh. Data 01 01 01 sum 3 -> FDh.
    const image = fromHex('c0 82 03 fd be 01 01 01');
    expect(decodeMultiRecords(image, 0)).toEqual([
      {
        offset: 0,
        type: 0xc0,
        typeName: 'OEM',
        formatVersion: 2,
        endOfList: true,
        length: 3,
        headerChecksumOk: true,
        dataChecksumOk: true,
        data: '010101',
      },
    ]);
  });

  it('reports a bad data checksum and stops after a bad header checksum', () => {
    const bad = buildFruImage({ ...STANDARD_FRU, corrupt: { multiRecordData: 0 } });
    const inv = decodeFruInventory(bad);
    expect(inv.multiRecords.map((m) => m.dataChecksumOk)).toEqual([false, true]);
    expect(inv.checksums.multiRecords).toBe(false);

    const image = fromHex('00 02 03 fd 00 01 01 01' + 'c0 82 00 00 be');
    expect(decodeMultiRecords(image, 0)).toHaveLength(1);
    expect(decodeMultiRecords(image, 0)[0]!.headerChecksumOk).toBe(false);
  });

  it('throws TruncatedError when a record runs past the image', () => {
    expect(() => decodeMultiRecords(fromHex('c0 82 10 00 ae 01'), 0)).toThrow(TruncatedError);
    expect(() => decodeMultiRecords(fromHex('c0 82'), 0)).toThrow(TruncatedError);
  });

  it('names the record types of Table 16-2', () => {
    expect(multiRecordTypeName(0x00)).toBe('Power Supply Information');
    expect(multiRecordTypeName(0x03)).toBe('Management Access Record');
    expect(multiRecordTypeName(0x04)).toBe('Base Compatibility Record');
    expect(multiRecordTypeName(0x0d)).toBe('NVM Express');
    expect(multiRecordTypeName(0x50)).toBe('Reserved');
    expect(multiRecordTypeName(0xff)).toBe('OEM');
  });
});

describe('FRU decoding of hostile bytes', () => {
  it('never throws anything but a typed IPMI error, and always terminates', () => {
    // Deterministic pseudo-random images, with a valid header half of the time.
    let seed = 0x12345678;
    const rand = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 16) & 0xff;
    for (let n = 0; n < 2000; n++) {
      const image = Uint8Array.from({ length: 8 + (rand() % 96) }, rand);
      if (n % 2 === 0) {
        image[0] = 0x01;
        for (let i = 1; i <= 5; i++) image[i] = image[i]! % 12;
      }
      try {
        const inv = decodeFruInventory(image);
        expect(Array.isArray(inv.problems)).toBe(true);
      } catch (err) {
        expect(err).toBeInstanceOf(IpmiError);
      }
    }
  });
});
