import { ByteWriter } from '../../codec/bytes.ts';
import { NetFn, type Command } from '../command.ts';

/** Close Session, IPMI v2.0 section 22.19: the managed system session ID to close. */
export const CloseSession: Command<number, void> = {
  name: 'Close Session',
  netFn: NetFn.app,
  cmd: 0x3c,
  completionCodes: { 0x87: 'Invalid session ID in request', 0x88: 'Invalid session handle in request' },
  encode(sessionId) {
    return new ByteWriter(4).u32le(sessionId).finish();
  },
  decode() {
    return undefined;
  },
};
