/**
 * Read FRU Data: IPMI v2.0 section 34.2 (NetFn Storage, cmd 11h).
 *   request:  byte 1 FRU device ID; bytes 2-3 inventory offset, LS byte first;
 *             byte 4 count to read (1-based)
 *   response: byte 2 count returned (1-based); bytes 3.. the data
 * Offset and counts are in words for devices that Get FRU Inventory Area Info (34.1)
 * reports as word-accessed; this codec carries the units it is given.
 */
import { ByteReader } from '../../codec/bytes.ts';
import { InvalidArgumentError, MalformedError } from '../../errors.ts';
import { NetFn, type Command } from '../command.ts';
import { checkFruDeviceId } from './fru-inventory-area-info.ts';

export interface ReadFruDataRequest {
  readonly deviceId: number;
  readonly offset: number;
  readonly count: number;
}

export interface ReadFruDataResponse {
  /** Count returned, in the device's access units. */
  readonly count: number;
  readonly data: Uint8Array;
}

export const ReadFruData: Command<ReadFruDataRequest, ReadFruDataResponse> = {
  name: 'Read FRU Data',
  netFn: NetFn.storage,
  cmd: 0x11,
  // Section 34.2: command-specific completion code.
  completionCodes: { 0x81: 'FRU device busy' },
  encode({ deviceId, offset, count }) {
    checkFruDeviceId(deviceId);
    if (!Number.isInteger(offset) || offset < 0 || offset > 0xffff) {
      throw new InvalidArgumentError(`FRU offset must be 0-65535, got ${offset}`);
    }
    if (!Number.isInteger(count) || count < 1 || count > 0xff) {
      throw new InvalidArgumentError(`FRU read count must be 1-255, got ${count}`);
    }
    return Uint8Array.of(deviceId, offset & 0xff, offset >> 8, count);
  },
  decode(data) {
    const r = new ByteReader(data, 'Read FRU Data response');
    const count = r.u8('count returned');
    const rest = r.rest();
    // Byte-accessed devices return exactly `count` bytes; word-accessed ones 2*count.
    if (rest.length !== count && rest.length !== count * 2) {
      throw new MalformedError('Read FRU Data response', `count returned is ${count} but ${rest.length} data bytes follow`);
    }
    return { count, data: rest };
  },
};
