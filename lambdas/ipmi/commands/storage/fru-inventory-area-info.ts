/**
 * Get FRU Inventory Area Info: IPMI v2.0 section 34.1 (NetFn Storage, cmd 10h).
 *   request:  byte 1 FRU device ID (FFh reserved)
 *   response: bytes 2-3 inventory area size in bytes, LS byte first;
 *             byte 4 bit 0: 0 = device accessed by bytes, 1 = by words
 */
import { ByteReader } from '../../codec/bytes.ts';
import { InvalidArgumentError } from '../../errors.ts';
import { NetFn, type Command } from '../command.ts';

export interface FruInventoryAreaInfo {
  readonly sizeBytes: number;
  readonly accessByWords: boolean;
}

export function checkFruDeviceId(id: number): void {
  if (!Number.isInteger(id) || id < 0 || id > 0xfe) {
    throw new InvalidArgumentError(`FRU device ID must be an integer 0-254, got ${id}`);
  }
}

export const GetFruInventoryAreaInfo: Command<number, FruInventoryAreaInfo> = {
  name: 'Get FRU Inventory Area Info',
  netFn: NetFn.storage,
  cmd: 0x10,
  encode(deviceId) {
    checkFruDeviceId(deviceId);
    return Uint8Array.of(deviceId);
  },
  decode(data) {
    const r = new ByteReader(data, 'Get FRU Inventory Area Info response');
    const sizeBytes = r.u16le('inventory area size');
    const access = r.u8('access type');
    return { sizeBytes, accessByWords: (access & 0x01) !== 0 };
  },
};
