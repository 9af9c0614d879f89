/**
 * SEL record decoding, IPMI v2.0 section 32. Every record is 16 bytes:
 *   1-2  record ID, 3 record type, then by type:
 *   02h  system event (section 32.1, Table 32-1):
 *          4-7 timestamp; 8-9 generator ID (byte 8: bit 0 = 1 software ID / 0 IPMB
 *          slave address, bits 7:1 the ID or address; byte 9: bits 7:4 channel,
 *          bits 1:0 LUN); 10 EvM revision (04h = IPMI 2.0/1.5, 03h = 1.0);
 *          11 sensor type; 12 sensor number; 13 bit 7 event direction (1 = deassertion),
 *          bits 6:0 event/reading type; 14-16 event data 1-3 (section 29.7, Table 29-6)
 *   C0h-DFh  OEM timestamped (section 32.2): 4-7 timestamp, 8-10 manufacturer ID (LS
 *          byte first), 11-16 OEM defined
 *   E0h-FFh  OEM non-timestamped (section 32.3): 4-16 OEM defined
 * Other types are reserved and kept raw.
 */
import { ByteReader } from '../codec/bytes.ts';
import { MalformedError } from '../errors.ts';

export const SEL_RECORD_LENGTH = 16;
export const SYSTEM_EVENT_RECORD = 0x02;

export interface GeneratorId {
  /** 'software' when byte 8 bit 0 is set (system software ID), else an IPMB slave address. */
  readonly kind: 'ipmb' | 'software';
  /** The 7-bit software ID, or the IPMB slave address as an 8-bit address (bit 0 = 0). */
  readonly id: number;
  readonly channel: number;
  readonly lun: number;
  /** The two bytes as one little-endian number, as `sel get` prints it. */
  readonly raw: number;
}

export interface SystemEventRecord {
  readonly kind: 'system-event';
  readonly id: number;
  readonly recordType: number;
  readonly timestamp: number;
  readonly generator: GeneratorId;
  readonly evmRevision: number;
  readonly sensorType: number;
  readonly sensorNumber: number;
  /** Event/reading type code, bits 6:0 of byte 13. */
  readonly eventType: number;
  readonly direction: 'asserted' | 'deasserted';
  readonly eventData: readonly [number, number, number];
}

export interface OemTimestampedRecord {
  readonly kind: 'oem-timestamped';
  readonly id: number;
  readonly recordType: number;
  readonly timestamp: number;
  readonly manufacturerId: number;
  readonly oemData: Uint8Array;
}

export interface OemNonTimestampedRecord {
  readonly kind: 'oem-non-timestamped';
  readonly id: number;
  readonly recordType: number;
  readonly oemData: Uint8Array;
}

export interface ReservedRecord {
  readonly kind: 'reserved';
  readonly id: number;
  readonly recordType: number;
  readonly data: Uint8Array;
}

export type SelRecord = SystemEventRecord | OemTimestampedRecord | OemNonTimestampedRecord | ReservedRecord;

export function decodeSelRecord(bytes: Uint8Array): SelRecord {
  const what = 'SEL record';
  if (bytes.length > SEL_RECORD_LENGTH) {
    throw new MalformedError(what, `record is ${bytes.length} bytes, expected ${SEL_RECORD_LENGTH}`);
  }
  const r = new ByteReader(bytes, what);
  r.need(SEL_RECORD_LENGTH, 'record');
  const id = r.u16le('record ID');
  const recordType = r.u8('record type');

  if (recordType === SYSTEM_EVENT_RECORD) {
    const timestamp = r.u32le('timestamp');
    const gen0 = r.u8('generator ID');
    const gen1 = r.u8('generator ID');
    const evmRevision = r.u8('EvM revision');
    const sensorType = r.u8('sensor type');
    const sensorNumber = r.u8('sensor number');
    const dirType = r.u8('event dir/type');
    const eventData = [r.u8('event data 1'), r.u8('event data 2'), r.u8('event data 3')] as const;
    return {
      kind: 'system-event',
      id,
      recordType,
      timestamp,
      generator: {
        kind: gen0 & 0x01 ? 'software' : 'ipmb',
        id: gen0 & 0x01 ? gen0 >> 1 : gen0 & 0xfe,
        channel: gen1 >> 4,
        lun: gen1 & 0x03,
        raw: gen0 | (gen1 << 8),
      },
      evmRevision,
      sensorType,
      sensorNumber,
      eventType: dirType & 0x7f,
      direction: dirType & 0x80 ? 'deasserted' : 'asserted',
      eventData,
    };
  }
  if (recordType >= 0xc0 && recordType <= 0xdf) {
    const timestamp = r.u32le('timestamp');
    const manufacturerId = r.u24le('manufacturer ID');
    return { kind: 'oem-timestamped', id, recordType, timestamp, manufacturerId, oemData: r.bytes(6, 'OEM data') };
  }
  if (recordType >= 0xe0) {
    return { kind: 'oem-non-timestamped', id, recordType, oemData: r.bytes(13, 'OEM data') };
  }
  return { kind: 'reserved', id, recordType, data: r.bytes(13, 'record data') };
}
