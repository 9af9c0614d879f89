/**
 * Chassis info area: FRU Information Storage Definition v1.0 rev 1.3, section 10
 * (Table 10-1): version, length, chassis type, part number, serial number, custom
 * fields, C1h, padding, checksum. It has no language code: its text is English.
 */
import { chassisTypeName } from './chassis-types.ts';
import { openInfoArea, readAreaFields } from './info-area.ts';

export interface FruChassisArea {
  readonly type: string;
  readonly typeCode: number;
  readonly partNumber: string;
  readonly serial: string;
  readonly extra: string[];
  readonly checksumOk: boolean;
}

export function decodeChassisArea(image: Uint8Array, offset: number): FruChassisArea {
  const area = openInfoArea(image, offset, 'FRU chassis info area');
  const typeCode = area.body.u8('chassis type');
  const { named, extra } = readAreaFields(area.body, 2, true);
  return {
    type: chassisTypeName(typeCode),
    typeCode,
    partNumber: named[0]!,
    serial: named[1]!,
    extra,
    checksumOk: area.checksumOk,
  };
}
