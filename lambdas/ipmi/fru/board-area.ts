/**
 * Board info area: FRU Information Storage Definition v1.0 rev 1.3, section 11
 * (Table 11-1): version, length, language code, manufacturing date/time (3 bytes,
 * minutes since 1996-01-01 00:00 UTC, LS byte first; 0 = unspecified), manufacturer,
 * product name, serial number, part number, FRU file ID, custom fields, C1h, padding,
 * checksum.
 */
import { isEnglish } from './type-length.ts';
import { openInfoArea, readAreaFields } from './info-area.ts';

export interface FruBoardArea {
  /** ISO 8601 (UTC), or null when the date is unspecified. */
  readonly mfgDate: string | null;
  readonly language: number;
  readonly manufacturer: string;
  readonly product: string;
  readonly serial: string;
  readonly partNumber: string;
  readonly fileId: string;
  readonly extra: string[];
  readonly checksumOk: boolean;
}

/** 1996-01-01T00:00:00Z, the epoch of board manufacturing dates. */
const FRU_EPOCH_MS = Date.UTC(1996, 0, 1);

export function fruMinutesToIso(minutes: number): string | null {
  if (minutes === 0) return null;
  return new Date(FRU_EPOCH_MS + minutes * 60_000).toISOString();
}

export function decodeBoardArea(image: Uint8Array, offset: number): FruBoardArea {
  const area = openInfoArea(image, offset, 'FRU board info area');
  const language = area.body.u8('language code');
  const minutes = area.body.u24le('manufacturing date');
  const { named, extra } = readAreaFields(area.body, 5, isEnglish(language));
  return {
    mfgDate: fruMinutesToIso(minutes),
    language,
    manufacturer: named[0]!,
    product: named[1]!,
    serial: named[2]!,
    partNumber: named[3]!,
    fileId: named[4]!,
    extra,
    checksumOk: area.checksumOk,
  };
}
