/**
 * API key strings: `bmcp_` + key id (12) + secret (30) + checksum (6), all base62.
 * The prefix lets secret scanners recognise leaked keys; the CRC-32 checksum (the scheme
 * GitHub's tokens use) lets a typo fail without a database lookup; the id lets the
 * authorizer fetch exactly one record. Only a hash of the whole string is stored.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { crc32 } from 'node:zlib';

export const API_KEY_PREFIX = 'bmcp_';
const ID_LENGTH = 12;
const SECRET_LENGTH = 30;
const CHECKSUM_LENGTH = 6;
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const KEY_PATTERN = new RegExp(`^${API_KEY_PREFIX}[0-9A-Za-z]{${ID_LENGTH + SECRET_LENGTH + CHECKSUM_LENGTH}}$`);

/** Uniform base62 characters by rejection sampling (248 = 4 * 62, so no modulo bias). */
export function randomBase62(length: number): string {
  let out = '';
  while (out.length < length) {
    for (const b of randomBytes(length * 2)) {
      if (b < 248 && out.length < length) out += BASE62[b % 62];
    }
  }
  return out;
}

export function base62Fixed(n: number, width: number): string {
  let s = '';
  let v = n;
  for (let i = 0; i < width; i++) {
    s = BASE62[v % 62] + s;
    v = Math.floor(v / 62);
  }
  return s;
}

function checksum(body: string): string {
  // 62^6 > 2^32, so six characters hold any CRC-32 value.
  return base62Fixed(crc32(API_KEY_PREFIX + body), CHECKSUM_LENGTH);
}

export function newKeyId(): string {
  return randomBase62(ID_LENGTH);
}

/** Makes a key string for a given id with a fresh random secret. */
export function formatApiKey(id: string): string {
  if (id.length !== ID_LENGTH || !/^[0-9A-Za-z]+$/.test(id)) throw new RangeError(`key id must be ${ID_LENGTH} base62 characters`);
  const body = id + randomBase62(SECRET_LENGTH);
  return API_KEY_PREFIX + body + checksum(body);
}

/** The key id when the string is well formed and its checksum matches, else null. */
export function parseApiKey(key: string): { id: string } | null {
  if (typeof key !== 'string' || !KEY_PATTERN.test(key)) return null;
  const body = key.slice(API_KEY_PREFIX.length, key.length - CHECKSUM_LENGTH);
  if (checksum(body) !== key.slice(key.length - CHECKSUM_LENGTH)) return null;
  return { id: body.slice(0, ID_LENGTH) };
}

/** HMAC-SHA256 with the pepper when one is configured, SHA-256 otherwise; hex. */
export function hashApiKey(key: string, pepper?: Uint8Array | string): string {
  return pepper && pepper.length > 0
    ? createHmac('sha256', pepper).update(key, 'utf8').digest('hex')
    : createHash('sha256').update(key, 'utf8').digest('hex');
}

export function hashesEqual(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && x.length > 0 && timingSafeEqual(x, y);
}
