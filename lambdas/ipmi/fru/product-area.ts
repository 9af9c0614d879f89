/**
 * Product info area: FRU Information Storage Definition v1.0 rev 1.3, section 12
 * (Table 12-1): version, length, language code, manufacturer name, product name,
 * part/model number, version, serial number, asset tag, FRU file ID, custom fields,
 * C1h, padding, checksum.
 */
import { isEnglish } from './type-length.ts';
import { openInfoArea, readAreaFields } from './info-area.ts';

export interface FruProductArea {
  readonly language: number;
  readonly manufacturer: string;
  readonly name: string;
  readonly partNumber: string;
  readonly version: string;
  readonly serial: string;
  readonly assetTag: string;
  readonly fileId: string;
  readonly extra: string[];
  readonly checksumOk: boolean;
}

export function decodeProductArea(image: Uint8Array, offset: number): FruProductArea {
  const area = openInfoArea(image, offset, 'FRU product info area');
  const language = area.body.u8('language code');
  const { named, extra } = readAreaFields(area.body, 7, isEnglish(language));
  return {
    language,
    manufacturer: named[0]!,
    name: named[1]!,
    partNumber: named[2]!,
    version: named[3]!,
    serial: named[4]!,
    assetTag: named[5]!,
    fileId: named[6]!,
    extra,
    checksumOk: area.checksumOk,
  };
}
