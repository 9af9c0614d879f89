import { createHmac, timingSafeEqual } from 'node:crypto';
import { AuthAlgorithm, type IntegrityAlgorithm } from './cipher-suites.ts';
import { IntegrityKey } from './integrity-key.ts';

export { integrityCodeLength } from './integrity-key.ts';

/** Node hash names for the RAKP authentication algorithms (13.28). */
function authHash(alg: AuthAlgorithm): 'sha1' | 'md5' | 'sha256' {
  switch (alg) {
    case AuthAlgorithm.hmacSha1:
      return 'sha1';
    case AuthAlgorithm.hmacMd5:
      return 'md5';
    case AuthAlgorithm.hmacSha256:
      return 'sha256';
    default:
      throw new RangeError(`authentication algorithm ${alg} has no HMAC`);
  }
}

/** HMAC with the session's authentication algorithm (RAKP, SIK, K1, K2). Empty for RAKP-none. */
export function authHmac(alg: AuthAlgorithm, key: Uint8Array, ...parts: Uint8Array[]): Uint8Array {
  if (alg === AuthAlgorithm.none) return new Uint8Array(0);
  const h = createHmac(authHash(alg), key);
  for (const p of parts) h.update(p);
  return new Uint8Array(h.digest());
}

/**
 * Length of the RAKP 4 integrity check value: the HMAC truncated per 13.28.1-13.28.1b
 * (SHA1-96: 12 bytes, MD5-128: 16, SHA256-128: 16).
 */
export function rakp4IcvLength(alg: AuthAlgorithm): number {
  switch (alg) {
    case AuthAlgorithm.none:
      return 0;
    case AuthAlgorithm.hmacSha1:
      return 12;
    default:
      return 16;
  }
}

/** The password as IPMI keys it: zero-padded to 20 bytes (13.31, Kuid). */
export function passwordKey(password: Uint8Array): Uint8Array {
  const k = new Uint8Array(20);
  k.set(password.subarray(0, 20));
  return k;
}

/**
 * Integrity AuthCode over `data` (AuthType through Next Header), 13.28.4:
 * HMAC-SHA1-96 / HMAC-MD5-128 / HMAC-SHA256-128 keyed with K1; MD5-128 is a plain MD5 over
 * password | data | password with the 20-byte zero-padded password. One-off form; sessions
 * keep an IntegrityKey.
 */
export function integrityCode(alg: IntegrityAlgorithm, k1: Uint8Array, password: Uint8Array, data: Uint8Array): Uint8Array {
  const key = new IntegrityKey(alg, k1, password);
  try {
    return key.code(data);
  } finally {
    key.wipe();
  }
}

/** Constant-time comparison of two codes of equal length; false when lengths differ. */
export function codesEqual(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}
