import { ByteReader, ByteWriter } from '../../codec/bytes.ts';
import { NetFn, type Command } from '../command.ts';

/** Set Session Privilege Level, IPMI v2.0 section 22.18. Returns the new privilege level. */
export const SetSessionPrivilege: Command<number, number> = {
  name: 'Set Session Privilege Level',
  netFn: NetFn.app,
  cmd: 0x3b,
  completionCodes: {
    0x80: 'Requested level not available for this user',
    0x81: 'Requested level exceeds channel and/or user privilege limit',
    0x82: 'Cannot disable user level authentication',
  },
  encode(privilege) {
    return new ByteWriter(1).u8(privilege & 0x0f).finish();
  },
  decode(data) {
    return new ByteReader(data, 'Set Session Privilege Level response').u8('new privilege level') & 0x0f;
  },
};
