import { displayText } from '../codec/display-text.ts';
import { MalformedError } from '../errors.ts';

/**
 * ID String Type/Length Code, IPMI v2.0 section 43.15: [7:6] type (00b Unicode,
 * 01b BCD plus, 10b 6-bit ASCII packed, 11b 8-bit ASCII + Latin 1), [5] reserved,
 * [4:0] length in bytes (up to 16 in sensor records, 31 in principle).
 */
export type IdStringType = 'unicode' | 'bcd-plus' | 'ascii6' | 'latin1';
const ID_TYPES: readonly IdStringType[] = ['unicode', 'bcd-plus', 'ascii6', 'latin1'];

/**
 * BCD plus digits (section 43.15, as FRU section 13.1): 0h-9h, Ah space, Bh dash, Ch period;
 * Dh-Fh are reserved and shown as ipmitool shows them. Two digits a byte, high nibble first.
 */
const BCD_PLUS = '0123456789 -.:,_';

export interface IdStringCode {
  type: IdStringType;
  length: number;
}

export function decodeIdStringCode(code: number): IdStringCode {
  return { type: ID_TYPES[(code >> 6) & 0x03]!, length: code & 0x1f };
}

/** 6-bit packed ASCII: four characters in three bytes, least significant bits first, value + 20h. */
function unpackAscii6(bytes: Uint8Array): string {
  let out = '';
  let acc = 0;
  let bits = 0;
  for (const b of bytes) {
    acc |= b << bits;
    bits += 8;
    while (bits >= 6) {
      out += String.fromCharCode((acc & 0x3f) + 0x20);
      acc >>>= 6;
      bits -= 6;
    }
  }
  return out;
}

function bcdPlus(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += BCD_PLUS[b >> 4]! + BCD_PLUS[b & 0x0f]!;
  return out;
}

/**
 * Decodes an ID string. Latin-1 text stops at the first NUL, as BMCs pad with zeros;
 * trailing spaces are kept (names are shown as the BMC gives them). "Unicode" has no
 * defined encoding in the spec; BMCs that use it put ASCII there, so it is read as Latin-1.
 */
export function decodeIdString(code: number, bytes: Uint8Array, what: string): string {
  const { type, length } = decodeIdStringCode(code);
  if (length > bytes.length) {
    throw new MalformedError(what, `ID string length ${length} exceeds the ${bytes.length} bytes left in the record`);
  }
  const data = bytes.subarray(0, length);
  switch (type) {
    case 'bcd-plus':
      return bcdPlus(data);
    case 'ascii6':
      return unpackAscii6(data);
    default: {
      const nul = data.indexOf(0);
      return displayText(Buffer.from(nul >= 0 ? data.subarray(0, nul) : data).toString('latin1'));
    }
  }
}
