/**
 * Framing shared by the chassis (section 10), board (section 11) and product (section 12)
 * info areas of the FRU Information Storage Definition v1.0 rev 1.3:
 *   0  format version (bits 3:0 = 1h)
 *   1  area length in multiples of 8 bytes
 *   .. area-specific bytes, then type/length fields ended by C1h, 00h padding
 *   last  zero checksum of the whole area
 */
import { ByteReader } from '../codec/bytes.ts';
import { MalformedError, TruncatedError } from '../errors.ts';
import { zeroChecksumOk } from './common-header.ts';
import { readFruField } from './type-length.ts';

export interface InfoArea {
  /** The whole area, version byte to checksum byte. */
  readonly bytes: Uint8Array;
  readonly checksumOk: boolean;
  /** A reader positioned after the length byte, ending before the checksum byte. */
  readonly body: ByteReader;
}

export function openInfoArea(image: Uint8Array, offset: number, what: string): InfoArea {
  if (offset + 2 > image.length) throw new TruncatedError(what, 'area header', offset + 2, image.length);
  const version = image[offset]! & 0x0f;
  if (version !== 1) throw new MalformedError(what, `unsupported format version ${version} (expected 1)`);
  const length = image[offset + 1]! * 8;
  if (length === 0) throw new MalformedError(what, 'area length is 0');
  if (offset + length > image.length) throw new TruncatedError(what, 'area', offset + length, image.length);
  const bytes = image.subarray(offset, offset + length);
  const body = new ByteReader(bytes.subarray(2, length - 1), what);
  return { bytes, checksumOk: zeroChecksumOk(bytes), body };
}

/**
 * Reads type/length fields up to C1h (or the end of the area, which some FRUs reach
 * without a marker). Fields fill `named` in order; whatever follows is custom ("extra").
 * A C1h where a named field should be leaves the remaining named fields empty.
 */
export function readAreaFields(body: ByteReader, named: number, english: boolean): { named: string[]; extra: string[] } {
  const values: string[] = [];
  while (body.remaining > 0) {
    const field = readFruField(body, english);
    if (field === null) break;
    values.push(field.text);
  }
  const head = values.slice(0, named);
  while (head.length < named) head.push('');
  return { named: head, extra: values.slice(named) };
}
