/**
 * A whole FRU inventory image decoded: common header, chassis, board and product info
 * areas and the multirecord area. A bad area does not hide the good ones: its error is
 * reported in `problems` and the area is null. Bad checksums are reported, not fatal.
 * The internal use area (section 9) is vendor-defined and left alone.
 */
import { IpmiError } from '../errors.ts';
import { decodeBoardArea, type FruBoardArea } from './board-area.ts';
import { decodeChassisArea, type FruChassisArea } from './chassis-area.ts';
import { decodeCommonHeader } from './common-header.ts';
import { decodeMultiRecords, type FruMultiRecord } from './multirecord.ts';
import { decodeProductArea, type FruProductArea } from './product-area.ts';

export type FruAreaName = 'header' | 'chassis' | 'board' | 'product' | 'multiRecord';

export interface FruProblem {
  readonly area: FruAreaName;
  readonly message: string;
}

export interface FruChecksums {
  readonly header: boolean;
  readonly chassis?: boolean;
  readonly board?: boolean;
  readonly product?: boolean;
  /** True when every multirecord header and data checksum verified. */
  readonly multiRecords?: boolean;
}

export interface FruInventory {
  readonly chassis: FruChassisArea | null;
  readonly board: FruBoardArea | null;
  readonly product: FruProductArea | null;
  readonly multiRecords: FruMultiRecord[];
  readonly checksums: FruChecksums;
  readonly problems: FruProblem[];
}

function attempt<T>(area: FruAreaName, problems: FruProblem[], decode: () => T): T | null {
  try {
    return decode();
  } catch (err) {
    if (!(err instanceof IpmiError)) throw err;
    problems.push({ area, message: err.message });
    return null;
  }
}

/** Throws only when the common header itself is unusable (too short, unknown version). */
export function decodeFruInventory(image: Uint8Array): FruInventory {
  const header = decodeCommonHeader(image);
  const problems: FruProblem[] = [];
  if (!header.checksumOk) problems.push({ area: 'header', message: 'FRU common header: checksum mismatch' });

  const at = <T>(area: FruAreaName, offset: number | null, decode: (img: Uint8Array, off: number) => T) =>
    offset === null ? null : attempt(area, problems, () => decode(image, offset));

  const chassis = at('chassis', header.chassisOffset, decodeChassisArea);
  const board = at('board', header.boardOffset, decodeBoardArea);
  const product = at('product', header.productOffset, decodeProductArea);
  const multiRecords = at('multiRecord', header.multiRecordOffset, decodeMultiRecords) ?? [];

  for (const [area, value] of [['chassis', chassis], ['board', board], ['product', product]] as const) {
    if (value && !value.checksumOk) problems.push({ area, message: `FRU ${area} info area: checksum mismatch` });
  }
  const multiOk = multiRecords.every((m) => m.headerChecksumOk && m.dataChecksumOk);
  if (!multiOk) problems.push({ area: 'multiRecord', message: 'FRU multirecord area: checksum mismatch' });

  return {
    chassis,
    board,
    product,
    multiRecords,
    checksums: {
      header: header.checksumOk,
      ...(chassis && { chassis: chassis.checksumOk }),
      ...(board && { board: board.checksumOk }),
      ...(product && { product: product.checksumOk }),
      ...(header.multiRecordOffset !== null && { multiRecords: multiOk }),
    },
    problems,
  };
}
