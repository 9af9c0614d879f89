/**
 * Builds FRU inventory images (FRU Information Storage Definition v1.0 rev 1.3) for
 * tests and for ipmi_sim's `mc_add_fru_data`. Every area is laid out as the spec
 * says (sections 8, 10, 11, 12, 16) and checksummed, unless a test asks for a
 * corrupt checksum on purpose.
 *
 *   const image = buildFruImage(STANDARD_FRU);           // chassis + board + product + multirecords
 *   writeFileSync(path, image);
 *   emu.push(fruEmuFileCommand(0x20, 0, image.length, path)); // mc_add_fru_data line for ipmi_sim
 *   expect(decoded.board?.manufacturer).toBe(STANDARD_FRU_EXPECTED.board.manufacturer);
 */
import { ByteWriter, checksum } from '../../lambdas/ipmi/codec/bytes.ts';
import {
  END_OF_FIELDS,
  encode6BitAsciiField,
  encodeBcdPlusField,
  encodeBinaryField,
  encodeLatin1Field,
} from '../../lambdas/ipmi/fru/type-length.ts';

/** A field value: plain strings are 8-bit ASCII/Latin-1. */
export type FruText =
  | string
  | { readonly bcdPlus: string }
  | { readonly sixBit: string }
  | { readonly binary: Uint8Array }
  /** Raw bytes, type/length byte included, for malformed-field tests. */
  | { readonly raw: Uint8Array };

export interface ChassisSpec {
  readonly type: number;
  readonly partNumber?: FruText;
  readonly serial?: FruText;
  readonly extra?: readonly FruText[];
}

export interface BoardSpec {
  readonly language?: number;
  /** null or absent: unspecified (0). Rounded down to the minute. */
  readonly mfgDate?: Date | null;
  readonly manufacturer?: FruText;
  readonly product?: FruText;
  readonly serial?: FruText;
  readonly partNumber?: FruText;
  readonly fileId?: FruText;
  readonly extra?: readonly FruText[];
}

export interface ProductSpec {
  readonly language?: number;
  readonly manufacturer?: FruText;
  readonly name?: FruText;
  readonly partNumber?: FruText;
  readonly version?: FruText;
  readonly serial?: FruText;
  readonly assetTag?: FruText;
  readonly fileId?: FruText;
  readonly extra?: readonly FruText[];
}

export interface MultiRecordSpec {
  readonly type: number;
  readonly data: Uint8Array;
  /** Format version (default 2, section 16.1). */
  readonly version?: number;
}

export interface FruImageSpec {
  readonly internalUse?: Uint8Array;
  readonly chassis?: ChassisSpec;
  readonly board?: BoardSpec;
  readonly product?: ProductSpec;
  readonly multiRecords?: readonly MultiRecordSpec[];
  /** Pad the image with zeros up to this many bytes (ipmi_sim's FRU size). */
  readonly size?: number;
  /** Break checksums on purpose (the stored byte is off by one). */
  readonly corrupt?: {
    readonly header?: boolean;
    readonly chassis?: boolean;
    readonly board?: boolean;
    readonly product?: boolean;
    /** Index of a multirecord whose data checksum is broken. */
    readonly multiRecordData?: number;
  };
}

export function encodeField(value: FruText | undefined): Uint8Array {
  if (value === undefined) return Uint8Array.of(0xc0); // empty 8-bit field
  if (typeof value === 'string') return encodeLatin1Field(value);
  if ('bcdPlus' in value) return encodeBcdPlusField(value.bcdPlus);
  if ('sixBit' in value) return encodeSixBitChecked(value.sixBit);
  if ('binary' in value) return encodeBinaryField(value.binary);
  return value.raw;
}

function encodeSixBitChecked(text: string): Uint8Array {
  if (text.length % 4 !== 0) {
    // 6-bit text is padded with spaces to whole 3-byte groups; say so rather than surprise a test.
    throw new RangeError(`6-bit ASCII test text "${text}" must be a multiple of 4 characters`);
  }
  return encode6BitAsciiField(text);
}

/** Fields, C1h, zero padding to a multiple of 8 with room for the checksum; then the checksum. */
function finishArea(w: ByteWriter, corrupt: boolean | undefined): Uint8Array {
  w.u8(END_OF_FIELDS);
  while ((w.length + 1) % 8 !== 0) w.u8(0);
  const body = w.finish();
  body[1] = (body.length + 1) / 8;
  const sum = checksum(body);
  return new ByteWriter(body.length + 1).bytes(body).u8(corrupt ? (sum + 1) & 0xff : sum).finish();
}

function fields(w: ByteWriter, values: readonly (FruText | undefined)[]): void {
  for (const v of values) w.bytes(encodeField(v));
}

export function buildChassisArea(spec: ChassisSpec, corrupt?: boolean): Uint8Array {
  const w = new ByteWriter().u8(0x01).u8(0).u8(spec.type);
  fields(w, [spec.partNumber, spec.serial, ...(spec.extra ?? [])]);
  return finishArea(w, corrupt);
}

const FRU_EPOCH_MS = Date.UTC(1996, 0, 1);

export function buildBoardArea(spec: BoardSpec, corrupt?: boolean): Uint8Array {
  const minutes = spec.mfgDate ? Math.floor((spec.mfgDate.getTime() - FRU_EPOCH_MS) / 60_000) : 0;
  const w = new ByteWriter().u8(0x01).u8(0).u8(spec.language ?? 0).u24le(minutes);
  fields(w, [spec.manufacturer, spec.product, spec.serial, spec.partNumber, spec.fileId, ...(spec.extra ?? [])]);
  return finishArea(w, corrupt);
}

export function buildProductArea(spec: ProductSpec, corrupt?: boolean): Uint8Array {
  const w = new ByteWriter().u8(0x01).u8(0).u8(spec.language ?? 0);
  fields(w, [
    spec.manufacturer,
    spec.name,
    spec.partNumber,
    spec.version,
    spec.serial,
    spec.assetTag,
    spec.fileId,
    ...(spec.extra ?? []),
  ]);
  return finishArea(w, corrupt);
}

export function buildMultiRecords(records: readonly MultiRecordSpec[], corruptIndex?: number): Uint8Array {
  const w = new ByteWriter();
  records.forEach((rec, i) => {
    const last = i === records.length - 1;
    const dataSum = checksum(rec.data);
    const header = Uint8Array.of(
      rec.type,
      (last ? 0x80 : 0) | ((rec.version ?? 2) & 0x0f),
      rec.data.length,
      i === corruptIndex ? (dataSum + 1) & 0xff : dataSum,
    );
    w.bytes(header).u8(checksum(header)).bytes(rec.data);
  });
  return w.finish();
}

/** Lays the areas out in spec order, each on an 8-byte boundary, behind the common header. */
export function buildFruImage(spec: FruImageSpec): Uint8Array {
  const parts: { slot: number; bytes: Uint8Array }[] = [];
  if (spec.internalUse) parts.push({ slot: 1, bytes: padTo8(Uint8Array.of(0x01, ...spec.internalUse)) });
  if (spec.chassis) parts.push({ slot: 2, bytes: buildChassisArea(spec.chassis, spec.corrupt?.chassis) });
  if (spec.board) parts.push({ slot: 3, bytes: buildBoardArea(spec.board, spec.corrupt?.board) });
  if (spec.product) parts.push({ slot: 4, bytes: buildProductArea(spec.product, spec.corrupt?.product) });
  if (spec.multiRecords?.length) {
    parts.push({ slot: 5, bytes: buildMultiRecords(spec.multiRecords, spec.corrupt?.multiRecordData) });
  }

  const header = new Uint8Array(8);
  header[0] = 0x01;
  let offset = 8;
  for (const p of parts) {
    header[p.slot] = offset / 8;
    offset += p.bytes.length;
    offset = Math.ceil(offset / 8) * 8;
  }
  const sum = checksum(header, 0, 7);
  header[7] = spec.corrupt?.header ? (sum + 1) & 0xff : sum;

  const image = new Uint8Array(Math.max(offset, spec.size ?? 0));
  image.set(header, 0);
  for (const p of parts) image.set(p.bytes, header[p.slot]! * 8);
  return image;
}

function padTo8(b: Uint8Array): Uint8Array {
  const out = new Uint8Array(Math.ceil(b.length / 8) * 8);
  out.set(b);
  return out;
}

/**
 * ipmi_sim reads its emu command file a line at a time into a buffer of about 512 bytes and
 * silently cuts longer lines, so a FRU image is best handed over as a file:
 *   writeFileSync(path, image); emu.push(fruEmuFileCommand(0x20, 0, image.length, path));
 */
export function fruEmuFileCommand(mcAddr: number, deviceId: number, sizeBytes: number, path: string): string {
  if (/["\s]/.test(path)) throw new RangeError(`ipmi_sim cannot take a FRU file path with quotes or spaces: ${path}`);
  return `mc_add_fru_data 0x${mcAddr.toString(16)} ${deviceId} ${sizeBytes} file 0 "${path}"`;
}

const EMU_LINE_LIMIT = 500;

/** The inline (`data ...`) form, for images small enough to fit on one emu line. */
export function fruEmuCommand(mcAddr: number, deviceId: number, image: Uint8Array): string {
  const bytes = Array.from(image, (b) => '0x' + b.toString(16).padStart(2, '0')).join(' ');
  const line = `mc_add_fru_data 0x${mcAddr.toString(16)} ${deviceId} ${image.length} data ${bytes}`;
  if (line.length > EMU_LINE_LIMIT) {
    throw new RangeError(`a ${image.length}-byte FRU image does not fit on one ipmi_sim emu line; use fruEmuFileCommand`);
  }
  return line;
}

/** A Power Supply Information record body (section 18.1), 24 bytes, contents only need to be stable. */
const POWER_SUPPLY_RECORD = Uint8Array.of(
  0x20, 0x03, // overall capacity 800 W (bits 11:0)
  0x84, 0x03, // peak VA 900
  0x14, // inrush current 20 A
  0x0a, // inrush interval 10 ms
  0x5a, 0x00, 0xc4, 0x09, // low/high end input voltage range 1 (10 mV units)
  0x00, 0x00, 0x00, 0x00, // range 2 unused
  0x2f, 0x3f, // frequency range 47-63 Hz
  0x14, // A/C dropout tolerance 20 ms
  0x1a, // flags: hot swap, autoswitch, PFC
  0x00, 0x00, // peak wattage
  0x00, 0x00, 0x00, // combined wattage
  0x00, // predictive fail tach threshold
);

/**
 * The standard test FRU: all three areas, every encoding the decoder must handle
 * (8-bit, 6-bit packed ASCII, BCD plus, binary), custom fields and two multirecords.
 */
export const STANDARD_FRU: FruImageSpec = {
  chassis: {
    type: 0x17, // Rack Mount Chassis
    partNumber: { sixBit: 'CHS-1000' },
    serial: { bcdPlus: '12-34.5' },
    extra: ['Chassis custom 1', { sixBit: 'RACK A07 ' + '   ' }],
  },
  board: {
    language: 0,
    mfgDate: new Date('2023-04-05T06:07:00Z'),
    manufacturer: 'Acme Boards',
    product: { sixBit: 'MB-X99  ' },
    serial: { bcdPlus: '20230405' },
    partNumber: 'PN-BRD-42',
    fileId: { binary: Uint8Array.of(0x01, 0x02) },
    extra: ['Rev B'],
  },
  product: {
    language: 25,
    manufacturer: 'Acme Systems',
    name: 'Widget Server 9000',
    partNumber: { sixBit: 'WS9000-A' },
    version: { bcdPlus: '1.2' },
    serial: 'SN-000123',
    assetTag: 'ASSET-77',
    fileId: 'fru-v1',
    extra: ['Product custom'],
  },
  multiRecords: [
    { type: 0x00, data: POWER_SUPPLY_RECORD },
    { type: 0xc0, data: Uint8Array.of(0x57, 0x01, 0x00, 0xde, 0xad, 0xbe, 0xef) },
  ],
  size: 512,
};

/** What every reader (this library, ipmitool) must decode from STANDARD_FRU. */
export const STANDARD_FRU_EXPECTED = {
  chassis: {
    type: 'Rack Mount Chassis',
    partNumber: 'CHS-1000',
    serial: '12-34.5 ', // odd BCD plus length: padded with a space nibble
    extra: ['Chassis custom 1', 'RACK A07    '],
  },
  board: {
    mfgDate: '2023-04-05T06:07:00.000Z',
    manufacturer: 'Acme Boards',
    product: 'MB-X99  ',
    serial: '20230405',
    partNumber: 'PN-BRD-42',
    fileId: '0102',
    extra: ['Rev B'],
  },
  product: {
    manufacturer: 'Acme Systems',
    name: 'Widget Server 9000',
    partNumber: 'WS9000-A',
    version: '1.2 ',
    serial: 'SN-000123',
    assetTag: 'ASSET-77',
    fileId: 'fru-v1',
    extra: ['Product custom'],
  },
} as const;
