import { describe, expect, it } from 'vitest';
import {
  accuracyPercent,
  convertDelta,
  convertReading,
  decodeFactors,
  rawToSigned,
  signExtend,
  toleranceInUnits,
  type ConversionFactors,
  type Linearization,
} from '../../lambdas/ipmi/sdr/conversion.ts';
import { decodeUnits, unitString } from '../../lambdas/ipmi/sdr/units.ts';

const f = (m: number, b = 0, bExp = 0, rExp = 0): ConversionFactors => ({ m, b, bExp, rExp, tolerance: 0, accuracy: 0, accuracyExp: 0 });

describe('reading conversion y = L[(M*x + B*10^K1) * 10^K2] (36.3)', () => {
  it('sign-extends 10-bit and 4-bit fields', () => {
    expect(signExtend(0x3ff, 10)).toBe(-1);
    expect(signExtend(0x200, 10)).toBe(-512);
    expect(signExtend(0x1ff, 10)).toBe(511);
    expect(signExtend(0x8, 4)).toBe(-8);
    expect(signExtend(0x7, 4)).toBe(7);
  });

  it('decodes factor bytes: M=78 tolerance 2, B=-3, accuracy 100 exp 1, R exp -3, B exp 2', () => {
    // 25: 4Eh; 26: M[9:8]=00, tol=2; 27: FDh; 28: B[9:8]=11, acc[5:0]=100 & 3Fh = 24h; 29: acc[9:6]=1, exp 1, dir 0; 30: D2h
    expect(decodeFactors(Uint8Array.from([0x4e, 0x02, 0xfd, 0xe4, 0x14, 0xd2]))).toEqual({
      m: 78,
      tolerance: 2,
      b: -3,
      accuracy: 100,
      accuracyExp: 1,
      rExp: -3,
      bExp: 2,
    });
  });

  it('converts a 12 V rail: M=78, R exp -3, raw A0h -> 12.48 Volts', () => {
    expect(convertReading(0xa0, 'unsigned', f(78, 0, 0, -3), 'linear')).toBe(12.48);
  });

  it('applies negative M, negative B and both exponents', () => {
    // (-2*10 + -50*10^1) * 10^-1 = -52
    expect(convertReading(10, 'unsigned', f(-2, -50, 1, -1), 'linear')).toBe(-52);
    // (3*7 + 5*10^-1) * 10^2 = 2150
    expect(convertReading(7, 'unsigned', f(3, 5, -1, 2), 'linear')).toBe(2150);
    // 0.1 resolution keeps decimal values exact: (1*25 + 0) * 10^-1
    expect(convertReading(25, 'unsigned', f(1, 0, 0, -1), 'linear')).toBe(2.5);
    expect(convertReading(3, 'unsigned', f(1, 0, 0, -1), 'linear')).toBe(0.3);
  });

  it('interprets the analog data formats (Sensor Units 1 [7:6])', () => {
    expect(rawToSigned(0xf6, 'unsigned')).toBe(246);
    expect(rawToSigned(0xf6, 'twos-complement')).toBe(-10);
    expect(rawToSigned(0xf5, 'ones-complement')).toBe(-10);
    expect(rawToSigned(0xff, 'ones-complement')).toBe(0); // negative zero
    expect(rawToSigned(0x80, 'ones-complement')).toBe(-127);
    expect(rawToSigned(0x80, 'twos-complement')).toBe(-128);
    expect(rawToSigned(0x7f, 'ones-complement')).toBe(127);
    expect(convertReading(0xf6, 'twos-complement', f(2, 1), 'linear')).toBe(-19);
    expect(convertReading(0xf6, 'none', f(2, 1), 'linear')).toBeNull();
  });

  it.each<[Linearization, number, number]>([
    ['linear', 5, 5],
    ['ln', 1, 0],
    ['log10', 100, 2],
    ['log2', 8, 3],
    ['e', 0, 1],
    ['exp10', 2, 100],
    ['exp2', 3, 8],
    ['1/x', 4, 0.25],
    ['sqr', 3, 9],
    ['cube', 2, 8],
    ['sqrt', 16, 4],
    ['cube-root', 27, 3],
  ])('linearization %s of %d is %d', (lin, raw, expected) => {
    expect(convertReading(raw, 'unsigned', f(1), lin)).toBeCloseTo(expected, 12);
  });

  it('returns null when the linearization leaves its domain (ln 0, 1/0)', () => {
    expect(convertReading(0, 'unsigned', f(1), 'ln')).toBeNull();
    expect(convertReading(0, 'unsigned', f(1), '1/x')).toBeNull();
  });

  it('converts hysteresis without B, and tolerance and accuracy', () => {
    expect(convertDelta(2, 'unsigned', f(78, -100, 0, -3), 'linear')).toBe(0.156);
    expect(toleranceInUnits({ ...f(78, 0, 0, -3), tolerance: 2 })).toBe(0.078);
    expect(accuracyPercent({ ...f(1), accuracy: 150, accuracyExp: 1 })).toBe(15);
  });
});

describe('unit strings (Table 43-15, as ipmitool prints them)', () => {
  it.each([
    [0x00, 0x01, 0x00, 'degrees C'],
    [0x00, 0x04, 0x00, 'Volts'],
    [0x00, 0x12, 0x00, 'RPM'],
    [0x00, 0x06, 0x00, 'Watts'],
    [0x01, 0x00, 0x00, 'percent'],
    [0x01, 0x12, 0x00, '% RPM'],
    [0x02, 0x06, 0x18, 'Watts/hour'],
    [0x04, 0x05, 0x16, 'Amps*second'],
    [0x00, 0x5c, 0x00, 'grams'],
    [0x00, 0x5d, 0x00, 'invalid'],
  ])('units1 %d, base %d, modifier %d -> %s', (u1, base, mod, text) => {
    expect(unitString(decodeUnits(u1, base, mod))).toBe(text);
  });
});
