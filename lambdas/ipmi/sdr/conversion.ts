import type { AnalogDataFormat } from './units.ts';

/**
 * Reading conversion of full sensor records, IPMI v2.0 section 36.3:
 *
 *   y = L[(M * x + B * 10^K1) * 10^K2]
 *
 * with M and B 10-bit two's complement, K1 (B exponent) and K2 (R, result exponent)
 * 4-bit two's complement (Table 43-1 bytes 25-30), x the raw reading interpreted per
 * the analog data format, and L the linearisation function (Table 43-1 byte 24).
 */

/** Linearisation codes, Table 43-1 byte 24 [6:0]; 70h-7Fh are non-linear OEM. */
export type Linearization =
  | 'linear'
  | 'ln'
  | 'log10'
  | 'log2'
  | 'e'
  | 'exp10'
  | 'exp2'
  | '1/x'
  | 'sqr'
  | 'cube'
  | 'sqrt'
  | 'cube-root'
  | 'non-linear'
  | 'oem-non-linear'
  | 'reserved';

const LINEARIZATIONS: readonly Linearization[] = [
  'linear', 'ln', 'log10', 'log2', 'e', 'exp10', 'exp2', '1/x', 'sqr', 'cube', 'sqrt', 'cube-root',
];

export function decodeLinearization(byte: number): Linearization {
  const code = byte & 0x7f;
  const named = LINEARIZATIONS[code];
  if (named) return named;
  // 70h: non-linear (factors come from Get Sensor Reading Factors); 71h-7Fh: non-linear OEM.
  if (code === 0x70) return 'non-linear';
  if (code > 0x70) return 'oem-non-linear';
  return 'reserved';
}

/** M, B, exponents, tolerance and accuracy of a full sensor record (Table 43-1 bytes 25-30). */
export interface ConversionFactors {
  /** 10-bit signed multiplier. */
  m: number;
  /** 10-bit signed offset. */
  b: number;
  /** B exponent K1, 4-bit signed. */
  bExp: number;
  /** Result exponent K2, 4-bit signed. */
  rExp: number;
  /** Tolerance in +/- half raw counts (6 bits). */
  tolerance: number;
  /** Accuracy in 1/100 percent units before the exponent (10 bits). */
  accuracy: number;
  /** Accuracy exponent (2 bits, unsigned). */
  accuracyExp: number;
}

/** Sign-extends the low `bits` bits of `value`. */
export function signExtend(value: number, bits: number): number {
  const shift = 32 - bits;
  return (value << shift) >> shift;
}

/**
 * Decodes the six factor bytes as laid out both in a full sensor record (bytes 25-30)
 * and in the Get Sensor Reading Factors response (section 35.5, bytes 3-8).
 */
export function decodeFactors(f: Uint8Array): ConversionFactors {
  const [mLo, mHiTol, bLo, bHiAcc, accHiExpDir, exps] = [f[0]!, f[1]!, f[2]!, f[3]!, f[4]!, f[5]!];
  return {
    m: signExtend(((mHiTol & 0xc0) << 2) | mLo, 10),
    b: signExtend(((bHiAcc & 0xc0) << 2) | bLo, 10),
    tolerance: mHiTol & 0x3f,
    accuracy: ((accHiExpDir & 0xf0) << 2) | (bHiAcc & 0x3f),
    accuracyExp: (accHiExpDir >> 2) & 0x03,
    rExp: signExtend(exps >> 4, 4),
    bExp: signExtend(exps & 0x0f, 4),
  };
}

/** A raw 8-bit reading as a number per the analog data format (Sensor Units 1 [7:6]); null when there is none. */
export function rawToSigned(raw: number, format: AnalogDataFormat): number | null {
  const x = raw & 0xff;
  switch (format) {
    case 'unsigned':
      return x;
    case 'ones-complement':
      if ((x & 0x80) === 0) return x;
      // Negative values are the bitwise inverse of the magnitude; FFh is "negative zero", read as 0.
      return (~x & 0x7f) === 0 ? 0 : -(~x & 0x7f);
    case 'twos-complement':
      return signExtend(x, 8);
    default:
      return null;
  }
}

/** 10^e computed so that negative exponents divide by an exact integer (fewer rounding artefacts). */
function scaleBy10(n: number, e: number): number {
  return e >= 0 ? n * 10 ** e : n / 10 ** -e;
}

export function linearize(value: number, l: Linearization): number {
  switch (l) {
    case 'ln':
      return Math.log(value);
    case 'log10':
      return Math.log10(value);
    case 'log2':
      return Math.log2(value);
    case 'e':
      return Math.exp(value);
    case 'exp10':
      return 10 ** value;
    case 'exp2':
      return 2 ** value;
    case '1/x':
      return 1 / value;
    case 'sqr':
      return value ** 2;
    case 'cube':
      return value ** 3;
    case 'sqrt':
      return Math.sqrt(value);
    case 'cube-root':
      return Math.cbrt(value);
    default:
      // linear, and the non-linear kinds whose factors were already fetched for this reading.
      return value;
  }
}

/**
 * (M*x + B*10^K1) * 10^K2, done on integers as far as possible: with e = min(K1, 0),
 * N = M*x*10^-e + B*10^(K1-e) is an integer and the result is N * 10^(K2+e), one
 * scaling step. So 0.1-resolution readings come out as 2.5, not 2.5000000000000004.
 */
function mxb(x: number, f: ConversionFactors): number {
  const e = Math.min(f.bExp, 0);
  const n = f.m * x * 10 ** -e + f.b * 10 ** (f.bExp - e);
  return scaleBy10(n, f.rExp + e);
}

/**
 * Converts a raw reading (or threshold, which uses the same formula) to units.
 * Returns null when the sensor has no analog reading (format 11b). Linearisation
 * may yield NaN or Infinity for out-of-domain inputs (e.g. ln of 0); those become null.
 */
export function convertReading(
  raw: number,
  format: AnalogDataFormat,
  factors: ConversionFactors,
  linearization: Linearization,
): number | null {
  const x = rawToSigned(raw, format);
  if (x === null) return null;
  const y = linearize(mxb(x, factors), linearization);
  return Number.isFinite(y) ? y : null;
}

/**
 * Converts a hysteresis or tolerance-like raw delta: M*x*10^K2 without B (section 36.3:
 * B only offsets absolute readings), with the linearisation applied as ipmitool does.
 */
export function convertDelta(raw: number, format: AnalogDataFormat, factors: ConversionFactors, linearization: Linearization): number | null {
  const x = rawToSigned(raw, format);
  if (x === null) return null;
  const y = linearize(scaleBy10(factors.m * x, factors.rExp), linearization);
  return Number.isFinite(y) ? y : null;
}

/** Tolerance in units: +/- (M * tolerance/2) * 10^K2 (section 36.4.1 "Tolerance"). */
export function toleranceInUnits(factors: ConversionFactors): number {
  return scaleBy10((factors.m * factors.tolerance) / 2, factors.rExp);
}

/** Accuracy in percent: A * 10^Aexp / 100 (Table 43-1 bytes 28-29). */
export function accuracyPercent(factors: ConversionFactors): number {
  return scaleBy10(factors.accuracy * 10 ** factors.accuracyExp, -2);
}
