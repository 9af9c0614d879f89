/**
 * Get SDR Repository Info: IPMI v2.0 section 33.9 (NetFn Storage, cmd 20h). Response data:
 *   1      SDR version (51h = v1.5/2.0, BCD with the LS digit in the high nibble)
 *   2-3    record count, LS byte first
 *   4-5    free space in bytes, LS byte first (FFFFh = 64 KB - 2 or more)
 *   6-9    most recent addition timestamp
 *   10-13  most recent erase timestamp
 *   14     operation support: [7] overflow, [6:5] update modes (00b unspecified,
 *          01b non-modal, 10b modal, 11b both), [3] Delete SDR, [2] Partial Add SDR,
 *          [1] Reserve SDR Repository, [0] Get SDR Repository Allocation Info
 */
import { ByteReader } from '../../codec/bytes.ts';
import { EMPTY, NetFn, type Command } from '../command.ts';
import { readRepositoryInfo } from './repository-info.ts';

export type SdrUpdateModes = 'unspecified' | 'non-modal' | 'modal' | 'modal-and-non-modal';
const UPDATE_MODES: readonly SdrUpdateModes[] = ['unspecified', 'non-modal', 'modal', 'modal-and-non-modal'];

export interface SdrRepositoryInfo {
  /** "1.5" for 51h. */
  readonly version: string;
  readonly recordCount: number;
  readonly freeBytes: number;
  /** Raw timestamps (section 37): seconds since 1970 UTC; FFFFFFFFh unspecified. They change on every add/erase, so they key caches. */
  readonly lastAddTimestamp: number;
  readonly lastEraseTimestamp: number;
  readonly overflow: boolean;
  readonly updateModes: SdrUpdateModes;
  readonly supports: {
    readonly delete: boolean;
    readonly partialAdd: boolean;
    readonly reserve: boolean;
    readonly allocationInfo: boolean;
  };
}

export const GetSdrRepositoryInfo: Command<void, SdrRepositoryInfo> = {
  name: 'Get SDR Repository Info',
  netFn: NetFn.storage,
  cmd: 0x20,
  encode: () => EMPTY,
  decode(data) {
    const { count, operationSupport, ...common } = readRepositoryInfo(new ByteReader(data, 'Get SDR Repository Info response'), 'record count');
    return { ...common, recordCount: count, updateModes: UPDATE_MODES[(operationSupport >> 5) & 0x03]! };
  },
};
