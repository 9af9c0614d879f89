import { ByteReader } from '../../codec/bytes.ts';
import { EMPTY, NetFn, type Command } from '../command.ts';

/** Additional Device Support bits, IPMI v2.0 section 20.1 Table 20-2 byte 7, bit 0 first. */
export const ADDITIONAL_DEVICE_SUPPORT = [
  'Sensor Device',
  'SDR Repository Device',
  'SEL Device',
  'FRU Inventory Device',
  'IPMB Event Receiver',
  'IPMB Event Generator',
  'Bridge',
  'Chassis Device',
] as const;

export type AdditionalDeviceSupport = (typeof ADDITIONAL_DEVICE_SUPPORT)[number];

/** Get Device ID response, IPMI v2.0 section 20.1 Table 20-2. */
export interface DeviceId {
  deviceId: number;
  /** Byte 3 bits 3:0. */
  deviceRevision: number;
  /** Byte 3 bit 7: the device provides Device SDRs. */
  providesDeviceSdrs: boolean;
  /** Byte 4 bit 7 clear: normal operation (set = firmware/SDR update or self-initialisation in progress). */
  deviceAvailable: boolean;
  /** Byte 4 bits 6:0, binary. */
  firmwareMajor: number;
  /** Byte 5, BCD (two decimal digits). */
  firmwareMinorBcd: number;
  /** Byte 6, BCD: bits 3:0 major, bits 7:4 minor (0x02 = 2.0, 0x51 = 1.5). */
  ipmiVersionMajor: number;
  ipmiVersionMinor: number;
  additionalSupport: AdditionalDeviceSupport[];
  additionalSupportRaw: number;
  /** Bytes 8:10, least significant byte first; bits 23:20 reserved (20-bit IANA number). */
  manufacturerId: number;
  /** Bytes 11:12, least significant byte first. */
  productId: number;
  /** Bytes 13:16, optional auxiliary firmware revision, vendor-specific. */
  auxFirmwareRevision: Uint8Array | null;
}

const WHAT = 'Get Device ID response';
/** Bytes 2..12 of Table 20-2 are mandatory; 13..16 are optional. */
const MANDATORY_LENGTH = 11;
const WITH_AUX_LENGTH = 15;

export const GetDeviceId: Command<void, DeviceId> = {
  name: 'Get Device ID',
  netFn: NetFn.app,
  cmd: 0x01,
  encode() {
    return EMPTY;
  },
  decode(data) {
    const r = new ByteReader(data, WHAT);
    r.need(MANDATORY_LENGTH, 'mandatory fields (bytes 2-12 of Table 20-2)');
    const deviceId = r.u8('device ID');
    const revision = r.u8('device revision');
    const fw1 = r.u8('firmware revision 1');
    const fw2 = r.u8('firmware revision 2');
    const ipmiVersion = r.u8('IPMI version');
    const support = r.u8('additional device support');
    const manufacturerId = r.u24le('manufacturer ID') & 0x0fffff;
    const productId = r.u16le('product ID');
    // Aux revision is all-or-nothing: a partial tail is ignored, as a BMC that pads oddly
    // still gave every mandatory field.
    const auxFirmwareRevision = data.length >= WITH_AUX_LENGTH ? r.bytes(4, 'auxiliary firmware revision').slice() : null;
    return {
      deviceId,
      deviceRevision: revision & 0x0f,
      providesDeviceSdrs: (revision & 0x80) !== 0,
      deviceAvailable: (fw1 & 0x80) === 0,
      firmwareMajor: fw1 & 0x7f,
      firmwareMinorBcd: fw2,
      ipmiVersionMajor: ipmiVersion & 0x0f,
      ipmiVersionMinor: (ipmiVersion >> 4) & 0x0f,
      additionalSupport: ADDITIONAL_DEVICE_SUPPORT.filter((_, bit) => (support & (1 << bit)) !== 0),
      additionalSupportRaw: support,
      manufacturerId,
      productId,
      auxFirmwareRevision,
    };
  },
};

/**
 * Firmware revision as ipmitool prints it: major in decimal, minor as its two BCD digits
 * ("2.16" for 0x02/0x16). A minor byte that is not valid BCD is still shown as hex digits.
 */
export function formatFirmwareRevision(id: Pick<DeviceId, 'firmwareMajor' | 'firmwareMinorBcd'>): string {
  return `${id.firmwareMajor}.${id.firmwareMinorBcd.toString(16).padStart(2, '0')}`;
}

export function formatIpmiVersion(id: Pick<DeviceId, 'ipmiVersionMajor' | 'ipmiVersionMinor'>): string {
  return `${id.ipmiVersionMajor.toString(16)}.${id.ipmiVersionMinor.toString(16)}`;
}
