/**
 * User account commands of the App NetFn (IPMI v2.0 sections 22.26-22.30): user access per
 * channel, user names and passwords. Each command carries the request decoder and response
 * encoder a BMC needs, so the simulator answers with the same codec the client reads.
 */
import { ByteReader, ByteWriter } from '../../codec/bytes.ts';
import { NetFn, type Command } from '../command.ts';
import { InvalidArgumentError, MalformedError } from '../../errors.ts';

/** Channel number 0Eh means "the channel this request arrived on" (IPMI v2.0 section 6.3 Table 6-1). */
export const CURRENT_CHANNEL = 0x0e;

/** Privilege limit values of user access (section 6.8; Table 22-29 byte 4 [3:0]). Fh is "no access". */
export const USER_PRIVILEGES = { callback: 0x1, user: 0x2, operator: 0x3, admin: 0x4, oem: 0x5, 'no-access': 0xf } as const;
export type UserPrivilege = keyof typeof USER_PRIVILEGES;

export function userPrivilegeName(code: number): UserPrivilege | undefined {
  return (Object.keys(USER_PRIVILEGES) as UserPrivilege[]).find((k) => USER_PRIVILEGES[k] === code);
}

/** Byte 2 [7:6] of Get User Access (IPMI v2.0 errata 3 and later); older BMCs leave it 00b. */
export type UserEnableStatus = 'unspecified' | 'enabled' | 'disabled';
const ENABLE_STATUS: readonly UserEnableStatus[] = ['unspecified', 'enabled', 'disabled', 'unspecified'];

export interface UserAccess {
  /** Byte 1 bits 5:0: how many user ids the channel supports. */
  readonly maxUserIds: number;
  /** Byte 2 bits 5:0. */
  readonly enabledUserIds: number;
  /** Byte 2 bits 7:6: whether the requested user is enabled (Set User Password operation). */
  readonly enableStatus: UserEnableStatus;
  /** Byte 3 bits 5:0: user ids with fixed names (user 1 is always one). */
  readonly fixedNameUserIds: number;
  /** Byte 4 [6]: restricted to callback. */
  readonly callbackOnly: boolean;
  /** Byte 4 [5]. */
  readonly linkAuth: boolean;
  /** Byte 4 [4]. */
  readonly ipmiMessaging: boolean;
  /** Byte 4 [3:0], raw code (see USER_PRIVILEGES). */
  readonly privilegeLimit: number;
}

/** Get User Access, IPMI v2.0 section 22.27 Table 22-29 (NetFn App, cmd 44h). */
export const GetUserAccess: Command<{ channel: number; userId: number }, UserAccess> & {
  decodeRequest(data: Uint8Array): { channel: number; userId: number };
  encodeResponse(access: UserAccess): Uint8Array;
} = {
  name: 'Get User Access',
  netFn: NetFn.app,
  cmd: 0x44,
  encode({ channel, userId }) {
    return new ByteWriter(2).u8(channel & 0x0f).u8(userId & 0x3f).finish();
  },
  decode(data) {
    const r = new ByteReader(data, 'Get User Access response');
    const maxUserIds = r.u8('maximum user ids') & 0x3f;
    const b2 = r.u8('enabled user ids');
    // Bytes 3-4 are required by the spec, but the rotation path only needs byte 1: tolerate their absence.
    const fixedNameUserIds = r.remaining > 0 ? r.u8('fixed-name user ids') & 0x3f : 0;
    const access = r.remaining > 0 ? r.u8('channel access') : 0x0f;
    return {
      maxUserIds,
      enabledUserIds: b2 & 0x3f,
      enableStatus: ENABLE_STATUS[b2 >> 6]!,
      fixedNameUserIds,
      callbackOnly: (access & 0x40) !== 0,
      linkAuth: (access & 0x20) !== 0,
      ipmiMessaging: (access & 0x10) !== 0,
      privilegeLimit: access & 0x0f,
    };
  },
  decodeRequest(data) {
    const r = new ByteReader(data, 'Get User Access request');
    return { channel: r.u8('channel') & 0x0f, userId: r.u8('user id') & 0x3f };
  },
  encodeResponse(a) {
    const status = a.enableStatus === 'enabled' ? 1 : a.enableStatus === 'disabled' ? 2 : 0;
    const access = (a.callbackOnly ? 0x40 : 0) | (a.linkAuth ? 0x20 : 0) | (a.ipmiMessaging ? 0x10 : 0) | (a.privilegeLimit & 0x0f);
    return Uint8Array.of(a.maxUserIds & 0x3f, (status << 6) | (a.enabledUserIds & 0x3f), a.fixedNameUserIds & 0x3f, access);
  },
};

export interface SetUserAccessRequest {
  readonly channel: number;
  readonly userId: number;
  /** Raw privilege limit (USER_PRIVILEGES). */
  readonly privilegeLimit: number;
  /** When given, byte 1 [7] is set and bits 6:4 are changed too. */
  readonly flags?: { callbackOnly: boolean; linkAuth: boolean; ipmiMessaging: boolean };
  /** Byte 4 [3:0], optional: simultaneous session limit (0 = the channel's). */
  readonly sessionLimit?: number;
}

/** Set User Access, IPMI v2.0 section 22.26 Table 22-28 (cmd 43h). */
export const SetUserAccess: Command<SetUserAccessRequest, void> & { decodeRequest(data: Uint8Array): SetUserAccessRequest } = {
  name: 'Set User Access',
  netFn: NetFn.app,
  cmd: 0x43,
  encode(req) {
    if (!Number.isInteger(req.userId) || req.userId < 1 || req.userId > 63) throw new InvalidArgumentError(`user id must be 1-63, got ${req.userId}`);
    if (userPrivilegeName(req.privilegeLimit) === undefined) throw new InvalidArgumentError(`privilege limit ${req.privilegeLimit} is not a privilege level`);
    const f = req.flags;
    const b1 = (f ? 0x80 | (f.callbackOnly ? 0x40 : 0) | (f.linkAuth ? 0x20 : 0) | (f.ipmiMessaging ? 0x10 : 0) : 0) | (req.channel & 0x0f);
    const w = new ByteWriter(4).u8(b1).u8(req.userId & 0x3f).u8(req.privilegeLimit & 0x0f);
    if (req.sessionLimit !== undefined) w.u8(req.sessionLimit & 0x0f);
    return w.finish();
  },
  decode() {},
  decodeRequest(data) {
    const r = new ByteReader(data, 'Set User Access request');
    const b1 = r.u8('channel and flags');
    const userId = r.u8('user id') & 0x3f;
    const privilegeLimit = r.u8('privilege limit') & 0x0f;
    const sessionLimit = r.remaining > 0 ? r.u8('session limit') & 0x0f : undefined;
    return {
      channel: b1 & 0x0f,
      userId,
      privilegeLimit,
      ...(b1 & 0x80 ? { flags: { callbackOnly: (b1 & 0x40) !== 0, linkAuth: (b1 & 0x20) !== 0, ipmiMessaging: (b1 & 0x10) !== 0 } } : {}),
      ...(sessionLimit !== undefined && { sessionLimit }),
    };
  },
};

const NAME_BYTES = 16;

function nameBytes(name: string): Uint8Array {
  const bytes = new TextEncoder().encode(name);
  if (bytes.length > NAME_BYTES) throw new InvalidArgumentError(`user name: at most ${NAME_BYTES} bytes, got ${bytes.length}`);
  if (bytes.includes(0)) throw new InvalidArgumentError('user name: must not contain NUL');
  return bytes;
}

function decodeName(bytes: Uint8Array): string {
  const end = bytes.indexOf(0);
  return new TextDecoder().decode(end < 0 ? bytes : bytes.subarray(0, end));
}

/** Get User Name, IPMI v2.0 section 22.29 (cmd 46h): 16 bytes, NUL padded. */
export const GetUserName: Command<number, string> & { encodeResponse(name: Uint8Array): Uint8Array } = {
  name: 'Get User Name',
  netFn: NetFn.app,
  cmd: 0x46,
  encode(userId) {
    return new ByteWriter(1).u8(userId & 0x3f).finish();
  },
  decode(data) {
    return decodeName(new ByteReader(data, 'Get User Name response').bytes(NAME_BYTES, 'user name'));
  },
  encodeResponse(name) {
    return new ByteWriter(NAME_BYTES).bytes(name.subarray(0, NAME_BYTES)).zeros(NAME_BYTES - Math.min(NAME_BYTES, name.length)).finish();
  },
};

/** Set User Name, IPMI v2.0 section 22.28 (cmd 45h): user id, then 16 bytes, NUL padded. */
export const SetUserName: Command<{ userId: number; name: string }, void> & { decodeRequest(data: Uint8Array): { userId: number; name: Uint8Array } } = {
  name: 'Set User Name',
  netFn: NetFn.app,
  cmd: 0x45,
  encode({ userId, name }) {
    if (!Number.isInteger(userId) || userId < 2 || userId > 63) throw new InvalidArgumentError(`user id must be 2-63 (user 1 has a fixed name), got ${userId}`);
    const bytes = nameBytes(name);
    return new ByteWriter(1 + NAME_BYTES).u8(userId).bytes(bytes).zeros(NAME_BYTES - bytes.length).finish();
  },
  decode() {},
  decodeRequest(data) {
    const r = new ByteReader(data, 'Set User Name request');
    const userId = r.u8('user id') & 0x3f;
    const raw = r.bytes(NAME_BYTES, 'user name');
    const end = raw.indexOf(0);
    return { userId, name: raw.slice(0, end < 0 ? NAME_BYTES : end) };
  },
};

/** Byte 2 [1:0] of Set User Password (Table 22-31). */
export type PasswordOperation = 'disable' | 'enable' | 'set' | 'test';
const OPERATIONS: readonly PasswordOperation[] = ['disable', 'enable', 'set', 'test'];

export interface SetUserPasswordRequest {
  readonly userId: number;
  /** Default 'set'. */
  readonly operation?: PasswordOperation;
  /** Needed for 'set' and 'test'. */
  readonly password?: string;
  /** Force the 20-byte form (chosen automatically above 16 bytes). */
  readonly size?: 16 | 20;
}

export interface DecodedPasswordRequest {
  readonly userId: number;
  readonly operation: PasswordOperation;
  /** The password bytes without the NUL padding; empty for enable/disable. */
  readonly password: Uint8Array;
  readonly size: 16 | 20;
}

/** The limit of the 20-byte form; longer passwords are refused before anything is sent. */
export const MAX_PASSWORD_BYTES = 20;

/**
 * Set User Password, IPMI v2.0 section 22.30 Table 22-31 (cmd 47h). Byte 1 bit 7 selects the
 * 20-byte form, needed for RMCP+ passwords longer than 16 bytes.
 */
export const SetUserPassword: Command<SetUserPasswordRequest, void> & { decodeRequest(data: Uint8Array): DecodedPasswordRequest } = {
  name: 'Set User Password',
  netFn: NetFn.app,
  cmd: 0x47,
  completionCodes: { 0x80: 'password test failed', 0x81: 'password test failed: wrong password size' },
  encode({ userId, password, operation = 'set', size }) {
    if (!Number.isInteger(userId) || userId < 1 || userId > 63) throw new InvalidArgumentError(`user id must be 1-63, got ${userId}`);
    const op = OPERATIONS.indexOf(operation);
    if (operation === 'enable' || operation === 'disable') return Uint8Array.of(userId & 0x3f, op);
    const bytes = new TextEncoder().encode(password ?? '');
    if (bytes.length === 0 || bytes.length > MAX_PASSWORD_BYTES) throw new InvalidArgumentError(`password: 1 to ${MAX_PASSWORD_BYTES} bytes, got ${bytes.length}`);
    const form = size ?? (bytes.length > 16 ? 20 : 16);
    if (bytes.length > form) throw new InvalidArgumentError(`password: ${bytes.length} bytes do not fit the ${form}-byte form`);
    const w = new ByteWriter(2 + form).u8((form === 20 ? 0x80 : 0) | (userId & 0x3f)).u8(op);
    return w.bytes(bytes).zeros(form - bytes.length).finish();
  },
  decode() {},
  decodeRequest(data) {
    const r = new ByteReader(data, 'Set User Password request');
    const b1 = r.u8('user id');
    const operation = OPERATIONS[r.u8('operation') & 0x03]!;
    const size = b1 & 0x80 ? 20 : 16;
    if (operation === 'enable' || operation === 'disable') return { userId: b1 & 0x3f, operation, password: new Uint8Array(0), size };
    if (r.remaining !== size) throw new MalformedError('Set User Password request', `password data of ${r.remaining} bytes, expected ${size}`);
    const raw = r.bytes(size, 'password');
    let end = raw.length;
    while (end > 0 && raw[end - 1] === 0) end--;
    return { userId: b1 & 0x3f, operation, password: raw.slice(0, end), size };
  },
};
