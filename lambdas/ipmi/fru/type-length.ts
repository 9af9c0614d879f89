/**
 * FRU type/length fields: Platform Management FRU Information Storage Definition v1.0
 * rev 1.3, section 13 (type/length byte), 13.1 (BCD plus) and 13.2 (6-bit packed ASCII).
 *
 * A field is one type/length byte followed by up to 63 data bytes:
 *   bits 7:6  type code: 00b binary/unspecified, 01b BCD plus, 10b 6-bit packed ASCII,
 *             11b 8-bit ASCII + Latin-1 (English areas) or 2-byte Unicode LSB first (other languages)
 *   bits 5:0  number of data bytes
 * C1h (type 11b, length 1) is not a field but the end-of-fields marker.
 */
import { ByteReader, ByteWriter, toHex } from '../codec/bytes.ts';
import { displayText } from '../codec/display-text.ts';
import { InvalidArgumentError } from '../errors.ts';

export type FruFieldType = 'binary' | 'bcd-plus' | 'ascii-6bit' | 'latin1' | 'unicode';

export interface FruField {
  readonly type: FruFieldType;
  /** Decoded text, control characters replaced (codec/display-text.ts); lowercase hex for binary fields. */
  readonly text: string;
  readonly bytes: Uint8Array;
}

/** Section 13: C1h marks the end of the fields of an area. */
export const END_OF_FIELDS = 0xc1;

/**
 * BCD plus digits (section 13.1): 0-9, Ah space, Bh dash, Ch period. Dh-Fh are reserved;
 * they are shown as ipmitool shows them (':', ',', '_') so that output compares equal.
 */
const BCD_PLUS = '0123456789 -.:,_';

/** Language codes 0 and 25 both mean English (section 15, Table 15-1). */
export function isEnglish(languageCode: number): boolean {
  return languageCode === 0 || languageCode === 25;
}

/**
 * Reads one field. Returns null at the end-of-fields marker (which is consumed).
 * Throws TruncatedError (via the reader) when the data bytes run past the area.
 */
export function readFruField(r: ByteReader, english = true): FruField | null {
  const tl = r.u8('type/length byte');
  if (tl === END_OF_FIELDS) return null;
  const length = tl & 0x3f;
  const bytes = r.bytes(length, 'field data');
  switch (tl >> 6) {
    case 0:
      return { type: 'binary', text: toHex(bytes), bytes };
    case 1:
      return { type: 'bcd-plus', text: decodeBcdPlus(bytes), bytes };
    case 2:
      return { type: 'ascii-6bit', text: decode6BitAscii(bytes), bytes };
    default:
      return english
        ? { type: 'latin1', text: decodeLatin1(bytes), bytes }
        : { type: 'unicode', text: decodeUnicode(bytes), bytes };
  }
}

/** Two digits per byte, most significant nibble first (section 13.1). */
export function decodeBcdPlus(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += BCD_PLUS[b >> 4]! + BCD_PLUS[b & 0x0f]!;
  return s;
}

/**
 * Section 13.2: characters 20h-5Fh stored as 6-bit values (char - 20h), packed
 * least significant bits first, four characters in every three bytes.
 */
export function decode6BitAscii(bytes: Uint8Array): string {
  const count = Math.floor((bytes.length * 8) / 6);
  let s = '';
  for (let i = 0; i < count; i++) {
    const bit = i * 6;
    const byte = bit >> 3;
    const shift = bit & 7;
    // The value may straddle two bytes: join them little-endian, then take 6 bits.
    const word = bytes[byte]! | ((bytes[byte + 1] ?? 0) << 8);
    s += String.fromCharCode(((word >> shift) & 0x3f) + 0x20);
  }
  return s;
}

/** 8-bit ASCII + Latin-1. A NUL ends the text, as padded fields on real FRUs expect. */
export function decodeLatin1(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) {
    if (b === 0) break;
    s += String.fromCharCode(b);
  }
  return displayText(s);
}

/** 2-byte Unicode, least significant byte first; an odd trailing byte is ignored. */
export function decodeUnicode(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i + 1 < bytes.length; i += 2) {
    const c = bytes[i]! | (bytes[i + 1]! << 8);
    if (c === 0) break;
    s += String.fromCharCode(c);
  }
  return displayText(s);
}

// ---- encoding (used by the simulator and by test images) ----

const MAX_FIELD_BYTES = 0x3f;

function typeLength(typeCode: number, length: number, field: string): number {
  if (length > MAX_FIELD_BYTES) {
    throw new InvalidArgumentError(`FRU field "${field}" needs ${length} bytes; a type/length byte allows at most 63`);
  }
  return (typeCode << 6) | length;
}

/** One field in 8-bit ASCII + Latin-1. Strings of length 1 are padded with a space (C1h is reserved). */
export function encodeLatin1Field(text: string): Uint8Array {
  const padded = text.length === 1 ? text + ' ' : text;
  const w = new ByteWriter(padded.length + 1).u8(typeLength(3, padded.length, text));
  for (let i = 0; i < padded.length; i++) {
    const c = padded.charCodeAt(i);
    if (c > 0xff) throw new InvalidArgumentError(`FRU field "${text}" has a character outside Latin-1`);
    w.u8(c);
  }
  return w.finish();
}

/** One field in BCD plus; accepts digits, space, dash and period. Odd lengths are padded with a space. */
export function encodeBcdPlusField(text: string): Uint8Array {
  const nibbles: number[] = [];
  for (const ch of text) {
    const n = BCD_PLUS.indexOf(ch);
    if (n < 0 || n > 0x0c) throw new InvalidArgumentError(`"${ch}" cannot be encoded in BCD plus`);
    nibbles.push(n);
  }
  if (nibbles.length % 2 === 1) nibbles.push(0x0a);
  const w = new ByteWriter().u8(typeLength(1, nibbles.length / 2, text));
  for (let i = 0; i < nibbles.length; i += 2) w.u8((nibbles[i]! << 4) | nibbles[i + 1]!);
  return w.finish();
}

/** One field in 6-bit packed ASCII; accepts 20h-5Fh (no lowercase). Padded with spaces to a multiple of 4 characters. */
export function encode6BitAsciiField(text: string): Uint8Array {
  const padded = text.padEnd(Math.ceil(text.length / 4) * 4, ' ');
  const out = new Uint8Array((padded.length / 4) * 3);
  for (let i = 0; i < padded.length; i++) {
    const c = padded.charCodeAt(i);
    if (c < 0x20 || c > 0x5f) throw new InvalidArgumentError(`"${padded[i]}" cannot be encoded in 6-bit ASCII`);
    const bit = i * 6;
    const v = (c - 0x20) << (bit & 7);
    out[bit >> 3]! |= v & 0xff;
    if (v > 0xff) out[(bit >> 3) + 1]! |= v >> 8;
  }
  return new ByteWriter(out.length + 1).u8(typeLength(2, out.length, text)).bytes(out).finish();
}

/** One binary field. */
export function encodeBinaryField(bytes: Uint8Array): Uint8Array {
  return new ByteWriter(bytes.length + 1).u8(typeLength(0, bytes.length, 'binary')).bytes(bytes).finish();
}
