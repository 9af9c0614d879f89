/**
 * Get SEL Info: IPMI v2.0 section 31.2 (NetFn Storage, cmd 40h). Response data:
 *   1      SEL version (51h = v1.5/2.0, BCD with the LS digit in the high nibble)
 *   2-3    number of log entries, LS byte first
 *   4-5    free space in bytes, LS byte first (FFFFh = 65535 or more)
 *   6-9    most recent addition timestamp
 *   10-13  most recent erase timestamp
 *   14     operation support: bit 7 overflow, bit 3 Delete SEL, bit 2 Partial Add,
 *          bit 1 Reserve SEL, bit 0 Get SEL Allocation Info
 */
import { ByteReader } from '../../codec/bytes.ts';
import { EMPTY, NetFn, type Command } from '../command.ts';
import { readRepositoryInfo } from './repository-info.ts';

export interface SelInfo {
  /** "1.5" for 51h: major in bits 3:0, minor in bits 7:4 (section 31.2). */
  readonly version: string;
  readonly entries: number;
  readonly freeBytes: number;
  /** Raw timestamps (section 37): seconds since 1970 UTC, FFFFFFFFh unspecified, <= 20000000h pre-init. */
  readonly lastAddTimestamp: number;
  readonly lastEraseTimestamp: number;
  readonly overflow: boolean;
  readonly supports: {
    readonly delete: boolean;
    readonly partialAdd: boolean;
    readonly reserve: boolean;
    readonly allocationInfo: boolean;
  };
}

export const GetSelInfo: Command<void, SelInfo> = {
  name: 'Get SEL Info',
  netFn: NetFn.storage,
  cmd: 0x40,
  // Section 31.2: command-specific completion code.
  completionCodes: { 0x81: 'cannot execute command, SEL erase in progress' },
  encode: () => EMPTY,
  decode(data) {
    const { count, operationSupport: _ops, ...common } = readRepositoryInfo(new ByteReader(data, 'Get SEL Info response'), 'entries');
    return { ...common, entries: count };
  },
};
