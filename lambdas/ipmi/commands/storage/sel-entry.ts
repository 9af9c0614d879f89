/**
 * Get SEL Entry: IPMI v2.0 section 31.5 (NetFn Storage, cmd 43h).
 *   request:  bytes 1-2 reservation ID (only required for partial gets, 0000h otherwise);
 *             bytes 3-4 SEL record ID (0000h = first, FFFFh = last);
 *             byte 5 offset into record; byte 6 bytes to read (FFh = entire record)
 *   response: bytes 2-3 next SEL record ID (FFFFh after the last); bytes 4.. record data
 */
import { ByteReader } from '../../codec/bytes.ts';
import { InvalidArgumentError } from '../../errors.ts';
import { NetFn, type Command } from '../command.ts';
import { SEL_ERASE_IN_PROGRESS } from './sel-reserve.ts';

export const SEL_FIRST_ENTRY = 0x0000;
export const SEL_LAST_ENTRY = 0xffff;
export const SEL_ENTIRE_RECORD = 0xff;

export interface GetSelEntryRequest {
  readonly recordId: number;
  readonly reservationId?: number;
  readonly offset?: number;
  /** Bytes to read; FFh (default) = entire record. */
  readonly count?: number;
}

export interface GetSelEntryResponse {
  readonly nextRecordId: number;
  readonly data: Uint8Array;
}

function u16(name: string, v: number): number {
  if (!Number.isInteger(v) || v < 0 || v > 0xffff) throw new InvalidArgumentError(`${name} must be 0-65535, got ${v}`);
  return v;
}

function u8(name: string, v: number): number {
  if (!Number.isInteger(v) || v < 0 || v > 0xff) throw new InvalidArgumentError(`${name} must be 0-255, got ${v}`);
  return v;
}

export const GetSelEntry: Command<GetSelEntryRequest, GetSelEntryResponse> = {
  name: 'Get SEL Entry',
  netFn: NetFn.storage,
  cmd: 0x43,
  completionCodes: { [SEL_ERASE_IN_PROGRESS]: 'cannot execute command, SEL erase in progress' },
  encode({ recordId, reservationId = 0, offset = 0, count = SEL_ENTIRE_RECORD }) {
    const res = u16('reservation ID', reservationId);
    const id = u16('SEL record ID', recordId);
    return Uint8Array.of(res & 0xff, res >> 8, id & 0xff, id >> 8, u8('offset', offset), u8('bytes to read', count));
  },
  decode(data) {
    const r = new ByteReader(data, 'Get SEL Entry response');
    const nextRecordId = r.u16le('next SEL record ID');
    return { nextRecordId, data: r.rest() };
  },
};
