/**
 * MultiRecord area: FRU Information Storage Definition v1.0 rev 1.3, section 16.
 * Each record has a 5-byte header (section 16.1, Table 16-1):
 *   0  record type ID (Table 16-2)
 *   1  bit 7 end of list, bits 3:0 record format version (02h)
 *   2  record length (data bytes)
 *   3  record checksum: zero checksum of the data
 *   4  header checksum: zero checksum of bytes 0-4
 * Data are kept as hex; the header, type and both checksums are decoded.
 */
import { toHex } from '../codec/bytes.ts';
import { TruncatedError } from '../errors.ts';
import { zeroChecksumOk } from './common-header.ts';

export const MULTIRECORD_HEADER_LENGTH = 5;

/** Table 16-2. */
export function multiRecordTypeName(type: number): string {
  switch (type) {
    case 0x00: return 'Power Supply Information';
    case 0x01: return 'DC Output';
    case 0x02: return 'DC Load';
    case 0x03: return 'Management Access Record';
    case 0x04: return 'Base Compatibility Record';
    case 0x05: return 'Extended Compatibility Record';
    case 0x06: return 'ASF Fixed SMBus Device Record';
    case 0x07: return 'ASF Legacy-Device Alerts';
    case 0x08: return 'ASF Remote Control';
    case 0x09: return 'Extended DC Output';
    case 0x0a: return 'Extended DC Load';
  }
  if (type >= 0x0b && type <= 0x0f) return 'NVM Express';
  if (type >= 0xc0) return 'OEM';
  return 'Reserved';
}

export interface FruMultiRecord {
  readonly offset: number;
  readonly type: number;
  readonly typeName: string;
  readonly formatVersion: number;
  readonly endOfList: boolean;
  readonly length: number;
  readonly headerChecksumOk: boolean;
  readonly dataChecksumOk: boolean;
  /** Record data as lowercase hex. */
  readonly data: string;
}

export interface MultiRecordHeader {
  readonly type: number;
  readonly formatVersion: number;
  readonly endOfList: boolean;
  readonly length: number;
  readonly headerChecksumOk: boolean;
}

export function decodeMultiRecordHeader(image: Uint8Array, offset: number): MultiRecordHeader {
  if (offset + MULTIRECORD_HEADER_LENGTH > image.length) {
    throw new TruncatedError('FRU multirecord header', `record at ${offset}`, offset + MULTIRECORD_HEADER_LENGTH, image.length);
  }
  const h = image.subarray(offset, offset + MULTIRECORD_HEADER_LENGTH);
  return {
    type: h[0]!,
    formatVersion: h[1]! & 0x0f,
    endOfList: (h[1]! & 0x80) !== 0,
    length: h[2]!,
    headerChecksumOk: zeroChecksumOk(h),
  };
}

/**
 * Walks the records from `offset` until end-of-list. Stops after a record whose header
 * checksum fails (its length cannot be trusted, as ipmitool also concludes). Offsets only
 * grow, so the walk ends on any image.
 */
export function decodeMultiRecords(image: Uint8Array, offset: number): FruMultiRecord[] {
  const records: FruMultiRecord[] = [];
  let at = offset;
  for (;;) {
    const header = decodeMultiRecordHeader(image, at);
    const start = at + MULTIRECORD_HEADER_LENGTH;
    const recordChecksum = image[at + 3]!;
    if (!header.headerChecksumOk) {
      records.push({ offset: at, ...header, typeName: multiRecordTypeName(header.type), dataChecksumOk: false, data: '' });
      return records;
    }
    if (start + header.length > image.length) {
      throw new TruncatedError('FRU multirecord', `record data at ${start}`, start + header.length, image.length);
    }
    const data = image.subarray(start, start + header.length);
    let sum = recordChecksum;
    for (const b of data) sum = (sum + b) & 0xff;
    records.push({
      offset: at,
      ...header,
      typeName: multiRecordTypeName(header.type),
      dataChecksumOk: sum === 0,
      data: toHex(data),
    });
    if (header.endOfList) return records;
    at = start + header.length;
  }
}
