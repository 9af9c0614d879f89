import { describe, expect, it } from 'vitest';
import { fromHex, toHex } from '../../lambdas/ipmi/codec/bytes.ts';
import { ClearSel } from '../../lambdas/ipmi/commands/storage/sel-clear.ts';
import { GetSelEntry } from '../../lambdas/ipmi/commands/storage/sel-entry.ts';
import { GetSelInfo } from '../../lambdas/ipmi/commands/storage/sel-info.ts';
import { ReserveSel } from '../../lambdas/ipmi/commands/storage/sel-reserve.ts';
import { GetSelTime, SetSelTime } from '../../lambdas/ipmi/commands/storage/sel-time.ts';
import { InvalidArgumentError, IpmiError, MalformedError, TruncatedError } from '../../lambdas/ipmi/errors.ts';
import { selEntryFromBytes } from '../../lambdas/ipmi/sel/entry.ts';
import { decodeSelRecord } from '../../lambdas/ipmi/sel/record.ts';
import { timestampToIso } from '../../lambdas/ipmi/sel/timestamp.ts';

/**
 * Section 32.1 system event record: id 0001h, type 02h, timestamp 65000000h
 * (2023-09-12T06:06:56Z), generator 0020h (BMC at IPMB 20h, channel 0, LUN 0), EvM 04h,
 * Temperature (01h) sensor 30h, threshold (01h) assertion, event data 59h 5Fh 5Ah:
 * trigger reading in byte 2, threshold in byte 3, offset 9 (Upper Critical going high).
 */
const THRESHOLD_EVENT = fromHex('01 00 02 00 00 00 65 20 00 04 01 30 01 59 5f 5a');
/** Power Supply (08h) sensor 40h, sensor-specific (6Fh) deassertion (bit 7), offset 1 (Failure detected). */
const PSU_DEASSERT = fromHex('02 00 02 00 00 00 65 41 00 04 08 40 ef 01 ff ff');

describe('SEL record decoding (IPMI v2.0 section 32)', () => {
  it('decodes a system event record field by field', () => {
    expect(decodeSelRecord(THRESHOLD_EVENT)).toEqual({
      kind: 'system-event',
      id: 1,
      recordType: 2,
      timestamp: 0x65000000,
      generator: { kind: 'ipmb', id: 0x20, channel: 0, lun: 0, raw: 0x0020 },
      evmRevision: 4,
      sensorType: 0x01,
      sensorNumber: 0x30,
      eventType: 0x01,
      direction: 'asserted',
      eventData: [0x59, 0x5f, 0x5a],
    });
  });

  it('decodes a software generator ID and the deassertion bit', () => {
    const rec = decodeSelRecord(PSU_DEASSERT);
    expect(rec).toMatchObject({ direction: 'deasserted', eventType: 0x6f, generator: { kind: 'software', id: 0x20 } });
  });

  it('decodes OEM timestamped records (C0h-DFh, section 32.2)', () => {
    const rec = decodeSelRecord(fromHex('03 00 c1 00 00 00 65 57 01 00 01 02 03 04 05 06'));
    expect(rec).toEqual({
      kind: 'oem-timestamped',
      id: 3,
      recordType: 0xc1,
      timestamp: 0x65000000,
      manufacturerId: 0x000157,
      oemData: fromHex('01 02 03 04 05 06'),
    });
  });

  it('decodes OEM non-timestamped records (E0h-FFh, section 32.3)', () => {
    const rec = decodeSelRecord(fromHex('04 00 e0 01 02 03 04 05 06 07 08 09 0a 0b 0c 0d'));
    expect(rec).toMatchObject({ kind: 'oem-non-timestamped', id: 4, recordType: 0xe0 });
    expect(rec.kind === 'oem-non-timestamped' && toHex(rec.oemData)).toBe('0102030405060708090a0b0c0d');
  });

  it('keeps reserved record types raw', () => {
    expect(decodeSelRecord(fromHex('05 00 10 00 00 00 00 00 00 00 00 00 00 00 00 00'))).toMatchObject({
      kind: 'reserved',
      recordType: 0x10,
    });
  });

  it('rejects short and long records with typed errors', () => {
    expect(() => decodeSelRecord(THRESHOLD_EVENT.subarray(0, 15))).toThrow(TruncatedError);
    expect(() => decodeSelRecord(new Uint8Array())).toThrow(TruncatedError);
    expect(() => decodeSelRecord(new Uint8Array(17))).toThrow(MalformedError);
  });
});

describe('SEL list entries (the docs/cli.md shape)', () => {
  it('words a threshold event as ipmitool sel elist does', () => {
    expect(selEntryFromBytes(THRESHOLD_EVENT)).toEqual({
      id: 1,
      timestamp: '2023-09-12T06:06:56.000Z',
      recordType: 2,
      sensorType: 'Temperature',
      sensorNumber: 0x30,
      event: 'Upper Critical going high',
      direction: 'asserted',
      raw: '0100020000006520000401300159' + '5f5a',
    });
  });

  it('words a sensor-specific deassertion', () => {
    expect(selEntryFromBytes(PSU_DEASSERT)).toMatchObject({
      sensorType: 'Power Supply',
      event: 'Failure detected',
      direction: 'deasserted',
    });
  });

  it('gives null timestamps for pre-init and unspecified times (section 37)', () => {
    const preInit = THRESHOLD_EVENT.slice();
    preInit.set([0x10, 0x00, 0x00, 0x00], 3);
    expect(selEntryFromBytes(preInit).timestamp).toBeNull();
    const unspecified = THRESHOLD_EVENT.slice();
    unspecified.set([0xff, 0xff, 0xff, 0xff], 3);
    expect(selEntryFromBytes(unspecified).timestamp).toBeNull();
    expect(timestampToIso(0x20000000)).toBeNull();
    expect(timestampToIso(0x20000001)).toBe('1987-01-05T18:48:33.000Z');
  });

  it('still says something for events the tables cannot name', () => {
    const oemType = THRESHOLD_EVENT.slice();
    oemType[12] = 0x70;
    expect(selEntryFromBytes(oemType).event).toBe('OEM event type 0x70, offset 0x09');
    const badOffset = THRESHOLD_EVENT.slice();
    badOffset[13] = 0x0f;
    expect(selEntryFromBytes(badOffset).event).toBe('Unknown event: type 0x01, offset 0x0f');
  });

  it('presents OEM records with manufacturer and data', () => {
    expect(selEntryFromBytes(fromHex('03 00 c1 00 00 00 65 57 01 00 01 02 03 04 05 06'))).toMatchObject({
      recordType: 0xc1,
      timestamp: '2023-09-12T06:06:56.000Z',
      sensorType: 'OEM',
      event: 'OEM record c1: manufacturer 000157, data 010203040506',
    });
  });
});

describe('SEL decoding of hostile bytes', () => {
  it('gives an entry or a typed error for any input, never a crash', () => {
    let seed = 0xc0ffee;
    const rand = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 16) & 0xff;
    for (let n = 0; n < 5000; n++) {
      const bytes = Uint8Array.from({ length: n % 3 === 0 ? rand() % 20 : 16 }, rand);
      if (n % 2 === 0 && bytes.length > 2) bytes[2] = 0x02; // mostly system events
      try {
        const entry = selEntryFromBytes(bytes);
        expect(typeof entry.event).toBe('string');
        expect(entry.event.length).toBeGreaterThan(0);
      } catch (err) {
        expect(err).toBeInstanceOf(IpmiError);
      }
    }
  });
});

describe('SEL command codecs (IPMI v2.0 section 31)', () => {
  it('Get SEL Info (31.2) decodes all 14 bytes', () => {
    const info = GetSelInfo.decode(fromHex('51 03 00 c0 03 00 00 00 65 ff ff ff ff 8a'));
    expect(info).toEqual({
      version: '1.5',
      entries: 3,
      freeBytes: 0x3c0,
      lastAddTimestamp: 0x65000000,
      lastEraseTimestamp: 0xffffffff,
      overflow: true,
      supports: { delete: true, partialAdd: false, reserve: true, allocationInfo: false },
    });
    expect(() => GetSelInfo.decode(fromHex('51 03 00'))).toThrow(TruncatedError);
  });

  it('Reserve SEL (31.4) decodes the reservation ID', () => {
    expect(ReserveSel.decode(fromHex('34 12'))).toBe(0x1234);
    expect(() => ReserveSel.decode(fromHex('34'))).toThrow(TruncatedError);
  });

  it('Get SEL Entry (31.5) encodes reservation, record, offset, count', () => {
    expect(toHex(GetSelEntry.encode({ recordId: 0x0102 }))).toBe('00000201' + '00ff');
    expect(toHex(GetSelEntry.encode({ recordId: 0xffff, reservationId: 0xabcd, offset: 2, count: 8 }))).toBe('cdabffff0208');
    expect(GetSelEntry.decode(fromHex('ff ff 01 02'))).toEqual({ nextRecordId: 0xffff, data: fromHex('01 02') });
    expect(() => GetSelEntry.encode({ recordId: 0x10000 })).toThrow(InvalidArgumentError);
  });

  it('Clear SEL (31.9) sends CLR with AAh to initiate and 00h to poll', () => {
    expect(toHex(ClearSel.encode({ reservationId: 0x0201, action: 'initiate' }))).toBe('01024c'.slice(0, 4) + '434c52aa');
    expect(toHex(ClearSel.encode({ reservationId: 0x0201, action: 'status' }))).toBe('0102434c5200');
    expect(ClearSel.decode(fromHex('01'))).toBe('completed');
    expect(ClearSel.decode(fromHex('00'))).toBe('in-progress');
    expect(ClearSel.decode(fromHex('f1'))).toBe('completed'); // bits 7:4 reserved
  });

  it('Get/Set SEL Time (31.10, 31.11) carry seconds LS byte first', () => {
    expect(GetSelTime.decode(fromHex('00 00 00 65'))).toBe(0x65000000);
    expect(toHex(SetSelTime.encode(0x65000000))).toBe('00000065');
    expect(() => SetSelTime.encode(-1)).toThrow(InvalidArgumentError);
  });
});
