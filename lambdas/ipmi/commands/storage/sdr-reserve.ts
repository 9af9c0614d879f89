/**
 * Reserve SDR Repository: IPMI v2.0 section 33.11 (NetFn Storage, cmd 22h). Response
 * data bytes 1-2: reservation ID, LS byte first. Partial Get SDR reads (offset != 0)
 * need it; any repository change or a newer reservation cancels it, and reads then
 * fail with C5h.
 */
import { ByteReader } from '../../codec/bytes.ts';
import { EMPTY, NetFn, type Command } from '../command.ts';

export const ReserveSdrRepository: Command<void, number> = {
  name: 'Reserve SDR Repository',
  netFn: NetFn.storage,
  cmd: 0x22,
  encode: () => EMPTY,
  decode(data) {
    return new ByteReader(data, 'Reserve SDR Repository response').u16le('reservation ID');
  },
};
