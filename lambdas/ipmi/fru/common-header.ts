/**
 * FRU common header: Platform Management FRU Information Storage Definition v1.0 rev 1.3,
 * section 8 (Table 8-1). Eight bytes at offset 0:
 *   0  format version (bits 3:0 = 1h)
 *   1  internal use area offset   (multiples of 8 bytes, 0 = absent)
 *   2  chassis info area offset
 *   3  board area offset
 *   4  product info area offset
 *   5  multirecord area offset
 *   6  pad (00h)
 *   7  zero checksum of bytes 0-6
 */
import { ByteReader } from '../codec/bytes.ts';
import { MalformedError } from '../errors.ts';

export const COMMON_HEADER_LENGTH = 8;

export interface FruCommonHeader {
  readonly version: number;
  /** Byte offsets (already multiplied by 8); null when the area is absent. */
  readonly internalUseOffset: number | null;
  readonly chassisOffset: number | null;
  readonly boardOffset: number | null;
  readonly productOffset: number | null;
  readonly multiRecordOffset: number | null;
  readonly checksumOk: boolean;
}

/** True when the bytes sum to 0 mod 256 (the spec's "zero checksum"). */
export function zeroChecksumOk(bytes: Uint8Array): boolean {
  let sum = 0;
  for (const b of bytes) sum = (sum + b) & 0xff;
  return sum === 0;
}

const offset = (multiple: number) => (multiple === 0 ? null : multiple * 8);

export function decodeCommonHeader(image: Uint8Array): FruCommonHeader {
  const r = new ByteReader(image, 'FRU common header');
  const bytes = r.bytes(COMMON_HEADER_LENGTH, 'common header');
  const version = bytes[0]! & 0x0f;
  if (version !== 1) {
    throw new MalformedError('FRU common header', `unsupported format version ${version} (expected 1)`);
  }
  return {
    version,
    internalUseOffset: offset(bytes[1]!),
    chassisOffset: offset(bytes[2]!),
    boardOffset: offset(bytes[3]!),
    productOffset: offset(bytes[4]!),
    multiRecordOffset: offset(bytes[5]!),
    checksumOk: zeroChecksumOk(bytes),
  };
}
