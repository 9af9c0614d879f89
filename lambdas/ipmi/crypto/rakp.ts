import { ByteWriter } from '../codec/bytes.ts';
import { authHmac, rakp4IcvLength } from './hmac.ts';
import type { AuthAlgorithm } from './cipher-suites.ts';

/**
 * The RAKP exchange's inputs, named as IPMI v2.0 section 13.31 names them. "m" is the
 * remote console (the client), "c" the managed system (the BMC).
 */
export interface RakpParams {
  auth: AuthAlgorithm;
  /** Remote console session ID (SIDm). */
  consoleSessionId: number;
  /** Managed system session ID (SIDc). */
  bmcSessionId: number;
  /** Remote console random number (Rm), 16 bytes. */
  consoleRandom: Uint8Array;
  /** Managed system random number (Rc), 16 bytes. */
  bmcRandom: Uint8Array;
  /** Managed system GUID (GUIDc), 16 bytes. */
  bmcGuid: Uint8Array;
  /** The whole requested role byte of RAKP 1 (privilege plus the name-only lookup bit), ROLEm. */
  role: number;
  /** User name bytes (UNAMEm); ULENGTHm is its length. */
  username: Uint8Array;
}

function u32(v: number): Uint8Array {
  return new ByteWriter(4).u32le(v).finish();
}

function roleAndName(p: RakpParams): Uint8Array {
  return new ByteWriter(2 + p.username.length).u8(p.role).u8(p.username.length).bytes(p.username).finish();
}

/** RAKP 2 key exchange authentication code, 13.21: HMAC_Kuid(SIDm, SIDc, Rm, Rc, GUIDc, ROLEm, ULENGTHm, UNAMEm). */
export function rakp2AuthCode(p: RakpParams, kuid: Uint8Array): Uint8Array {
  return authHmac(p.auth, kuid, u32(p.consoleSessionId), u32(p.bmcSessionId), p.consoleRandom, p.bmcRandom, p.bmcGuid, roleAndName(p));
}

/** RAKP 3 key exchange authentication code, 13.22: HMAC_Kuid(Rc, SIDm, ROLEm, ULENGTHm, UNAMEm). */
export function rakp3AuthCode(p: RakpParams, kuid: Uint8Array): Uint8Array {
  return authHmac(p.auth, kuid, p.bmcRandom, u32(p.consoleSessionId), roleAndName(p));
}

/** Session Integrity Key, 13.31: HMAC_KG(Rm, Rc, ROLEm, ULENGTHm, UNAMEm), KG = Kuid when no BMC key is set. */
export function sessionIntegrityKey(p: RakpParams, kg: Uint8Array): Uint8Array {
  return authHmac(p.auth, kg, p.consoleRandom, p.bmcRandom, roleAndName(p));
}

/** RAKP 4 integrity check value, 13.23: HMAC_SIK(Rm, SIDc, GUIDc), truncated per algorithm. */
export function rakp4Icv(p: RakpParams, sik: Uint8Array): Uint8Array {
  const full = authHmac(p.auth, sik, p.consoleRandom, u32(p.bmcSessionId), p.bmcGuid);
  return full.subarray(0, rakp4IcvLength(p.auth));
}

const CONST_1 = new Uint8Array(20).fill(0x01);
const CONST_2 = new Uint8Array(20).fill(0x02);

/**
 * Additional keying material, 13.32: K1 = HMAC_SIK(0x01 x 20) keys integrity,
 * K2 = HMAC_SIK(0x02 x 20) keys AES (its first 16 bytes). With RAKP-none, the constants themselves.
 */
export function deriveK1K2(auth: AuthAlgorithm, sik: Uint8Array): { k1: Uint8Array; k2: Uint8Array } {
  if (auth === 0) return { k1: CONST_1.slice(), k2: CONST_2.slice() };
  return { k1: authHmac(auth, sik, CONST_1), k2: authHmac(auth, sik, CONST_2) };
}

/** Overwrites key material in place (noble-ciphers' habit: wipe keys when done). */
export function wipe(...keys: (Uint8Array | undefined)[]): void {
  for (const k of keys) k?.fill(0);
}
