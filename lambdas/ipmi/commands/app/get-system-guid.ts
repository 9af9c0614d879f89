import { ByteReader } from '../../codec/bytes.ts';
import { EMPTY, NetFn, type Command } from '../command.ts';

/**
 * Get System GUID, IPMI v2.0 section 22.14 Table 22-18: the GUID of the managed system
 * (what SMBIOS reports as the server's UUID); same 16-byte format as the Device GUID.
 * This is the GUID `ipmitool mc guid` prints.
 */
export const GetSystemGuid: Command<void, Uint8Array> = {
  name: 'Get System GUID',
  netFn: NetFn.app,
  cmd: 0x37,
  encode() {
    return EMPTY;
  },
  decode(data) {
    const r = new ByteReader(data, 'Get System GUID response');
    return r.bytes(16, 'GUID').slice();
  },
};
