/**
 * Reserve SEL: IPMI v2.0 section 31.4 (NetFn Storage, cmd 42h). Response data bytes
 * 1-2: reservation ID, LS byte first. A reservation is cancelled by any SEL change
 * (add, delete, clear) or a newer reservation; commands then fail with C5h.
 */
import { ByteReader } from '../../codec/bytes.ts';
import { EMPTY, NetFn, type Command } from '../command.ts';

export const SEL_ERASE_IN_PROGRESS = 0x81;

export const ReserveSel: Command<void, number> = {
  name: 'Reserve SEL',
  netFn: NetFn.storage,
  cmd: 0x42,
  completionCodes: { [SEL_ERASE_IN_PROGRESS]: 'cannot execute command, SEL erase in progress' },
  encode: () => EMPTY,
  decode(data) {
    return new ByteReader(data, 'Reserve SEL response').u16le('reservation ID');
  },
};
