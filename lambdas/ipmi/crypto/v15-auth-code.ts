import { createHash } from 'node:crypto';
import { ByteWriter } from '../codec/bytes.ts';
import { InvalidArgumentError } from '../errors.ts';
import { AuthType, V15_AUTH_CODE_LENGTH } from '../rmcp/session-frame.ts';

/** The IPMI v1.5 authentication types this library speaks (13.6, Table 13-8). MD2 and OEM are not offered. */
export type V15AuthName = 'none' | 'password' | 'md5';

export const V15_AUTH_TYPES: Readonly<Record<V15AuthName, number>> = {
  none: AuthType.none,
  password: AuthType.password,
  md5: AuthType.md5,
};

/** v1.5 passwords are 16 bytes, zero padded (22.17; the 20-byte form is RMCP+ only). */
export function v15PasswordKey(password: Uint8Array): Uint8Array {
  if (password.length > V15_AUTH_CODE_LENGTH) throw new InvalidArgumentError(`password: IPMI v1.5 allows at most ${V15_AUTH_CODE_LENGTH} bytes`);
  const key = new Uint8Array(V15_AUTH_CODE_LENGTH);
  key.set(password);
  return key;
}

export interface V15AuthInput {
  authType: number;
  /** The 16-byte padded password (v15PasswordKey). */
  key: Uint8Array;
  sessionId: number;
  sequence: number;
  /** The IPMI message the packet carries. */
  message: Uint8Array;
}

/**
 * The AuthCode of one v1.5 packet (22.17, AuthCode algorithms): straight password is the
 * padded password itself; MD5 hashes password, session ID, message, session sequence number
 * and password again (IDs and numbers least significant byte first). NONE has no AuthCode.
 */
export function v15AuthCode(input: V15AuthInput): Uint8Array | undefined {
  switch (input.authType) {
    case AuthType.none:
      return undefined;
    case AuthType.password:
      return input.key.slice();
    case AuthType.md5: {
      const ids = (n: number) => new ByteWriter(4).u32le(n).finish();
      const h = createHash('md5');
      for (const part of [input.key, ids(input.sessionId), input.message, ids(input.sequence), input.key]) h.update(part);
      return new Uint8Array(h.digest());
    }
    default:
      throw new InvalidArgumentError(`IPMI v1.5 auth type ${input.authType} is not supported (none, password, md5)`);
  }
}
