/**
 * User account commands of the App NetFn (IPMI v2.0 sections 22.27-22.30): what password
 * rotation needs to find a user's slot and set its password.
 */
import { ByteReader, ByteWriter } from '../../codec/bytes.ts';
import { NetFn, type Command } from '../command.ts';
import { InvalidArgumentError } from '../../errors.ts';

/** Channel number 0Eh means "the channel this request arrived on" (IPMI v2.0 section 6.3 Table 6-1). */
export const CURRENT_CHANNEL = 0x0e;

export interface UserAccess {
  /** Byte 2 bits 5:0: how many user ids the channel supports. */
  readonly maxUserIds: number;
  readonly enabledUserIds: number;
}

/** Get User Access, IPMI v2.0 section 22.27 (NetFn App, cmd 44h). */
export const GetUserAccess: Command<{ channel: number; userId: number }, UserAccess> = {
  name: 'Get User Access',
  netFn: NetFn.app,
  cmd: 0x44,
  encode({ channel, userId }) {
    return new ByteWriter(2).u8(channel & 0x0f).u8(userId & 0x3f).finish();
  },
  decode(data) {
    const r = new ByteReader(data, 'Get User Access response');
    const maxUserIds = r.u8('maximum user ids') & 0x3f;
    const enabledUserIds = r.u8('enabled user ids') & 0x3f;
    return { maxUserIds, enabledUserIds };
  },
};

/** Get User Name, IPMI v2.0 section 22.29 (cmd 46h): 16 bytes, NUL padded. */
export const GetUserName: Command<number, string> = {
  name: 'Get User Name',
  netFn: NetFn.app,
  cmd: 0x46,
  encode(userId) {
    return new ByteWriter(1).u8(userId & 0x3f).finish();
  },
  decode(data) {
    const bytes = new ByteReader(data, 'Get User Name response').bytes(16, 'user name');
    const end = bytes.indexOf(0);
    return new TextDecoder().decode(end < 0 ? bytes : bytes.subarray(0, end));
  },
};

/**
 * Set User Password, IPMI v2.0 section 22.30 (cmd 47h), operation "set password" (10b).
 * Byte 1 bit 7 selects the 20-byte form, needed for RMCP+ passwords longer than 16 bytes.
 */
export const SetUserPassword: Command<{ userId: number; password: string }, void> = {
  name: 'Set User Password',
  netFn: NetFn.app,
  cmd: 0x47,
  completionCodes: { 0x80: 'password test failed', 0x81: 'password test failed: wrong password size' },
  encode({ userId, password }) {
    const bytes = new TextEncoder().encode(password);
    if (bytes.length === 0 || bytes.length > 20) throw new InvalidArgumentError('password: 1 to 20 bytes');
    const size = bytes.length > 16 ? 20 : 16;
    const w = new ByteWriter(2 + size).u8((size === 20 ? 0x80 : 0) | (userId & 0x3f)).u8(0x02);
    return w.bytes(bytes).zeros(size - bytes.length).finish();
  },
  decode() {},
};
