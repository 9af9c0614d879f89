/**
 * Builds a BMC's FRU inventory image (Platform Management FRU Information Storage
 * Definition v1.0 rev 1.3): common header (section 8), chassis info area (10), board info
 * area (11) and product info area (12), each padded to 8-byte multiples and zero-checksummed.
 * Field encoders come from the library (lambdas/ipmi/fru/type-length.ts).
 */
import { ByteWriter, checksum, encodeLatin1Field, END_OF_FIELDS } from '../../ipmi/protocol.ts';
import type { BmcIdentity } from './identity.ts';
import type { FruTexts } from './profile.ts';

/** Language code 0 = English (FRU spec 15). */
const ENGLISH = 0x00;

/** Closes an info area: end-of-fields marker, zero pad to a multiple of 8, length byte, checksum. */
function finishArea(w: ByteWriter): Uint8Array {
  w.u8(END_OF_FIELDS);
  while ((w.length + 1) % 8 !== 0) w.u8(0);
  w.u8(0);
  const area = w.finish();
  area[1] = area.length / 8;
  area[area.length - 1] = checksum(area, 0, area.length - 1);
  return area;
}

function fields(w: ByteWriter, values: readonly string[]): void {
  for (const v of values) w.bytes(encodeLatin1Field(v));
}

function chassisArea(t: FruTexts, id: BmcIdentity): Uint8Array {
  const w = new ByteWriter(64).u8(0x01).u8(0).u8(t.chassisType);
  fields(w, [t.chassisPartNumber, id.chassisSerial]);
  return finishArea(w);
}

function boardArea(t: FruTexts, id: BmcIdentity): Uint8Array {
  const w = new ByteWriter(96).u8(0x01).u8(0).u8(ENGLISH).u24le(t.boardMfgMinutes);
  // Manufacturer, product name, serial, part number, FRU file ID.
  fields(w, [t.boardManufacturer, t.boardProduct, id.boardSerial, t.boardPartNumber, 'sim-board.fru']);
  return finishArea(w);
}

function productArea(t: FruTexts, id: BmcIdentity): Uint8Array {
  const w = new ByteWriter(128).u8(0x01).u8(0).u8(ENGLISH);
  // Manufacturer, name, part/model number, version, serial, asset tag, FRU file ID.
  fields(w, [t.productManufacturer, t.productName, t.productPartNumber, t.productVersion, id.productSerial, id.assetTag, 'sim-product.fru']);
  return finishArea(w);
}

export function buildFruImage(t: FruTexts, id: BmcIdentity): Uint8Array {
  const areas = [chassisArea(t, id), boardArea(t, id), productArea(t, id)];
  // Common header: version 1, offsets in multiples of 8 bytes (internal use and multirecord absent).
  let offset = 1;
  const offsets = areas.map((a) => {
    const at = offset;
    offset += a.length / 8;
    return at;
  });
  const header = new ByteWriter(8).u8(0x01).u8(0).u8(offsets[0]!).u8(offsets[1]!).u8(offsets[2]!).u8(0).u8(0).u8(0).finish();
  header[7] = checksum(header, 0, 7);
  const w = new ByteWriter(offset * 8).bytes(header);
  for (const a of areas) w.bytes(a);
  return w.finish();
}
