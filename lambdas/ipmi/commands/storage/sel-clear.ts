/**
 * Clear SEL: IPMI v2.0 section 31.9 (NetFn Storage, cmd 47h).
 *   request:  bytes 1-2 reservation ID; bytes 3-5 'C' 'L' 'R' (43h 4Ch 52h);
 *             byte 6 AAh = initiate erase, 00h = get erasure status
 *   response: byte 2 erasure progress, bits 3:0: 0h = in progress, 1h = completed
 */
import { ByteReader } from '../../codec/bytes.ts';
import { InvalidArgumentError } from '../../errors.ts';
import { NetFn, type Command } from '../command.ts';

export interface ClearSelRequest {
  readonly reservationId: number;
  readonly action: 'initiate' | 'status';
}

export type ErasureProgress = 'in-progress' | 'completed';

const INITIATE_ERASE = 0xaa;
const GET_ERASURE_STATUS = 0x00;

export const ClearSel: Command<ClearSelRequest, ErasureProgress> = {
  name: 'Clear SEL',
  netFn: NetFn.storage,
  cmd: 0x47,
  encode({ reservationId, action }) {
    if (!Number.isInteger(reservationId) || reservationId < 0 || reservationId > 0xffff) {
      throw new InvalidArgumentError(`reservation ID must be 0-65535, got ${reservationId}`);
    }
    return Uint8Array.of(
      reservationId & 0xff,
      reservationId >> 8,
      0x43, // 'C'
      0x4c, // 'L'
      0x52, // 'R'
      action === 'initiate' ? INITIATE_ERASE : GET_ERASURE_STATUS,
    );
  },
  decode(data) {
    const progress = new ByteReader(data, 'Clear SEL response').u8('erasure progress') & 0x0f;
    return progress === 0x01 ? 'completed' : 'in-progress';
  },
};
