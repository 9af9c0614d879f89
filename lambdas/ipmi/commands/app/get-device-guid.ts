import { ByteReader } from '../../codec/bytes.ts';
import { EMPTY, NetFn, type Command } from '../command.ts';

/**
 * Get Device GUID, IPMI v2.0 section 20.8 Table 20-10: the management controller's own
 * 16-byte GUID, raw (see guid.ts for how to print it).
 */
export const GetDeviceGuid: Command<void, Uint8Array> = {
  name: 'Get Device GUID',
  netFn: NetFn.app,
  cmd: 0x08,
  encode() {
    return EMPTY;
  },
  decode(data) {
    const r = new ByteReader(data, 'Get Device GUID response');
    return r.bytes(16, 'GUID').slice();
  },
};
