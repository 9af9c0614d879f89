import { describe, expect, it } from 'vitest';
import { ByteReader, fromHex } from '../../lambdas/ipmi/codec/bytes.ts';
import { InvalidArgumentError, TruncatedError } from '../../lambdas/ipmi/errors.ts';
import {
  decode6BitAscii,
  decodeBcdPlus,
  encode6BitAsciiField,
  encodeBcdPlusField,
  encodeBinaryField,
  encodeLatin1Field,
  isEnglish,
  readFruField,
} from '../../lambdas/ipmi/fru/type-length.ts';

const field = (hex: string, english = true) => readFruField(new ByteReader(fromHex(hex), 'test'), english);

describe('FRU type/length fields (FRU spec section 13)', () => {
  it('decodes 8-bit ASCII + Latin-1 (type 11b)', () => {
    // C5h: type 11b, 5 bytes
    expect(field('c5 48 65 6c 6c 6f')).toMatchObject({ type: 'latin1', text: 'Hello' });
    // Latin-1 beyond ASCII: E9h = e acute
    expect(field('c2 43 e9')?.text).toBe('C\u00e9');
  });

  it('stops 8-bit text at a NUL pad, as ipmitool prints it', () => {
    expect(field('c4 41 42 00 00')?.text).toBe('AB');
  });

  it('decodes an empty field (C0h) to an empty string', () => {
    expect(field('c0')).toMatchObject({ type: 'latin1', text: '' });
  });

  it('decodes type 11b as 2-byte Unicode, LS byte first, when the language is not English', () => {
    expect(field('c4 41 00 42 00', false)).toMatchObject({ type: 'unicode', text: 'AB' });
  });

  it('decodes BCD plus (13.1): two digits a byte, Ah space, Bh dash, Ch period', () => {
    // 43h: type 01b, 3 bytes
    expect(field('43 12 34 ab')).toMatchObject({ type: 'bcd-plus', text: '1234 -' });
    expect(decodeBcdPlus(fromHex('c9'))).toBe('.9');
    // Reserved Dh-Fh print as ipmitool prints them.
    expect(decodeBcdPlus(fromHex('de f0'))).toBe(':,_0');
  });

  it('decodes 6-bit packed ASCII (13.2): "IPMI" is 29h DCh A6h', () => {
    expect(field('83 29 dc a6')).toMatchObject({ type: 'ascii-6bit', text: 'IPMI' });
  });

  it('decodes 6-bit ASCII whose length is not a multiple of 3 bytes', () => {
    // 4 bytes = 32 bits = 5 whole characters
    expect(decode6BitAscii(fromHex('29 dc a6 29 0c'))).toHaveLength(6);
    expect(decode6BitAscii(fromHex('29 dc a6 29')).slice(0, 4)).toBe('IPMI');
    expect(decode6BitAscii(fromHex('29 dc a6 29'))).toHaveLength(5);
  });

  it('decodes binary (type 00b) as lowercase hex', () => {
    expect(field('02 de ad')).toMatchObject({ type: 'binary', text: 'dead' });
  });

  it('returns null at the C1h end-of-fields marker and consumes it', () => {
    const r = new ByteReader(fromHex('c1 c0'), 'test');
    expect(readFruField(r)).toBeNull();
    expect(r.offset).toBe(1);
  });

  it('throws TruncatedError when the data run past the area', () => {
    expect(() => field('c5 48 69')).toThrow(TruncatedError);
    expect(() => field('')).toThrow(TruncatedError);
  });

  it('knows both English language codes (Table 15-1)', () => {
    expect(isEnglish(0)).toBe(true);
    expect(isEnglish(25)).toBe(true);
    expect(isEnglish(1)).toBe(false);
  });
});

describe('FRU field encoders', () => {
  it('encode to the exact spec bytes', () => {
    expect(Array.from(encode6BitAsciiField('IPMI'))).toEqual([0x83, 0x29, 0xdc, 0xa6]);
    expect(Array.from(encodeBcdPlusField('12-3'))).toEqual([0x42, 0x12, 0xb3]);
    expect(Array.from(encodeBcdPlusField('1.5'))).toEqual([0x42, 0x1c, 0x5a]); // odd: space-padded
    expect(Array.from(encodeLatin1Field('AB'))).toEqual([0xc2, 0x41, 0x42]);
    expect(Array.from(encodeBinaryField(Uint8Array.of(1, 2)))).toEqual([0x02, 0x01, 0x02]);
  });

  it('never encode a 1-byte 8-bit field, which would read as C1h (end of fields)', () => {
    expect(Array.from(encodeLatin1Field('A'))).toEqual([0xc2, 0x41, 0x20]);
  });

  it('round-trip through the decoder', () => {
    for (const [bytes, text] of [
      [encode6BitAsciiField('HELLO WORLD!'), 'HELLO WORLD!'],
      [encodeBcdPlusField('0123456789 -.'), '0123456789 -. '],
      [encodeLatin1Field('Gr\u00fc\u00dfe'), 'Gr\u00fc\u00dfe'],
    ] as const) {
      expect(readFruField(new ByteReader(bytes))?.text).toBe(text);
    }
  });

  it('reject what the encoding cannot hold', () => {
    expect(() => encode6BitAsciiField('lower')).toThrow(InvalidArgumentError);
    expect(() => encodeBcdPlusField('12a')).toThrow(InvalidArgumentError);
    expect(() => encodeLatin1Field('x'.repeat(64))).toThrow(InvalidArgumentError);
    expect(() => encodeLatin1Field('\u20ac')).toThrow(InvalidArgumentError);
  });
});
