import { GetDeviceGuid } from '../commands/app/get-device-guid.ts';
import { formatFirmwareRevision, formatIpmiVersion, GetDeviceId } from '../commands/app/get-device-id.ts';
import { GetSystemGuid } from '../commands/app/get-system-guid.ts';
import { parseGuid, type GuidEncoding } from '../commands/app/guid.ts';
import type { Command, IpmiRequester } from '../commands/command.ts';
import { CompletionCodeError } from '../errors.ts';
import { toHex } from '../codec/bytes.ts';

/**
 * Manufacturer names for the IANA Private Enterprise Numbers seen most on server BMCs,
 * spelled as the IANA registry spells them. Others print as "Unknown (0x....)" as ipmitool
 * does without a registry file.
 */
const MANUFACTURERS: ReadonlyMap<number, string> = new Map([
  [2, 'IBM'],
  [11, 'Hewlett-Packard'],
  [42, 'Sun Microsystems'],
  [343, 'Intel Corporation'],
  [674, 'Dell Inc.'],
  [2011, 'HUAWEI Technology Co.,Ltd'],
  [3704, 'Advanced Micro Devices, Inc'],
  [4753, 'MontaVista Software, Inc.'],
  [5771, 'Cisco Systems, Inc.'],
  [6569, 'INVENTEC CORPORATION'],
  [7244, 'Quanta Computer Inc.'],
  [10876, 'Super Micro Computer Inc.'],
  [11129, 'Google, Inc.'],
  [15370, 'GIGA-BYTE TECHNOLOGY CO., LTD'],
  [19046, 'Lenovo Enterprise Business Group'],
  [20974, 'American Megatrends, Inc'],
  [21317, 'ATEN INTERNATIONAL CO., LTD.'],
  [40981, 'Facebook, Inc.'],
  [47196, 'Hewlett Packard Enterprise'],
  [49622, 'ASRock Rack Incorporation'],
]);

export function manufacturerName(id: number): string {
  return MANUFACTURERS.get(id) ?? `Unknown (0x${id.toString(16).toUpperCase()})`;
}

export interface GuidInfo {
  text: string;
  encoding: GuidEncoding | 'dump';
  /** The 16 bytes as the BMC sent them, hex. */
  raw: string;
}

export interface DeviceInfo {
  deviceId: number;
  deviceRevision: number;
  /** "major.minor" as ipmitool prints it ("2.16"). */
  firmwareRevision: string;
  ipmiVersion: string;
  manufacturerId: number;
  manufacturerName: string;
  productId: number;
  deviceAvailable: boolean;
  providesDeviceSdrs: boolean;
  additionalDeviceSupport: string[];
  /** Four auxiliary firmware revision bytes as hex, null when not sent. */
  auxFirmwareRevision: string | null;
  /** The GUID to show an operator: the system GUID, else the device GUID, else null. */
  guid: string | null;
  /** Get Device GUID (20.8); null when the BMC does not implement it. */
  deviceGuid: GuidInfo | null;
  /** Get System GUID (22.14), the server's identity; null when not implemented. */
  systemGuid: GuidInfo | null;
}

/**
 * Both GUID commands are optional in practice. A BMC that does not implement one answers
 * with a completion code (C1h invalid command, commonly); that is data ("no GUID"), not a
 * failure of the whole read. Transport errors still propagate.
 */
async function optionalGuid(s: IpmiRequester, command: Command<void, Uint8Array>): Promise<GuidInfo | null> {
  try {
    const raw = await s.call(command, undefined);
    const parsed = parseGuid(raw);
    return { text: parsed.text, encoding: parsed.encoding, raw: toHex(raw) };
  } catch (err) {
    if (err instanceof CompletionCodeError) return null;
    throw err;
  }
}

/** Device identity: Get Device ID plus both GUIDs. Sequential: BMCs handle one request at a time best. */
export async function getDeviceInfo(s: IpmiRequester): Promise<DeviceInfo> {
  const id = await s.call(GetDeviceId, undefined);
  const deviceGuid = await optionalGuid(s, GetDeviceGuid);
  const systemGuid = await optionalGuid(s, GetSystemGuid);
  return {
    deviceId: id.deviceId,
    deviceRevision: id.deviceRevision,
    firmwareRevision: formatFirmwareRevision(id),
    ipmiVersion: formatIpmiVersion(id),
    manufacturerId: id.manufacturerId,
    manufacturerName: manufacturerName(id.manufacturerId),
    productId: id.productId,
    deviceAvailable: id.deviceAvailable,
    providesDeviceSdrs: id.providesDeviceSdrs,
    additionalDeviceSupport: [...id.additionalSupport],
    auxFirmwareRevision: id.auxFirmwareRevision ? toHex(id.auxFirmwareRevision) : null,
    guid: systemGuid?.text ?? deviceGuid?.text ?? null,
    deviceGuid,
    systemGuid,
  };
}
