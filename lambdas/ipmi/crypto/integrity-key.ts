import { hash } from 'node:crypto';
import { IntegrityAlgorithm } from './cipher-suites.ts';

/** Hash block size of SHA-1, SHA-256 and MD5 (RFC 2104's B). */
const BLOCK = 64;

type HashName = 'sha1' | 'sha256' | 'md5';

/** Payloads are at most 1 KiB (session-frame.ts MAX_PAYLOAD); the scratch grows if ever needed. */
const INITIAL_SCRATCH = 2048;

function hashOf(alg: IntegrityAlgorithm): HashName {
  switch (alg) {
    case IntegrityAlgorithm.hmacSha1_96:
      return 'sha1';
    case IntegrityAlgorithm.hmacSha256_128:
      return 'sha256';
    case IntegrityAlgorithm.hmacMd5_128:
    case IntegrityAlgorithm.md5_128:
      return 'md5';
    default:
      throw new RangeError(`integrity algorithm ${String(alg)} has no AuthCode`);
  }
}

/** Length of the integrity AuthCode in the session trailer, 13.28.4. */
export function integrityCodeLength(alg: IntegrityAlgorithm): number {
  switch (alg) {
    case IntegrityAlgorithm.none:
      return 0;
    case IntegrityAlgorithm.hmacSha1_96:
      return 12;
    default:
      return 16;
  }
}

/**
 * A session's integrity key (13.28.4), prepared once: for the HMAC algorithms the key's
 * inner and outer pad blocks (RFC 2104) are computed at construction, so each AuthCode is
 * two one-shot hashes instead of a new Hmac object per packet (which dominated the CPU of
 * fleet sweeps and of the simulator). MD5-128 is a plain MD5 over
 * password | data | password with the 20-byte zero-padded password.
 *
 * Not re-entrant across threads; every call is synchronous, so one key serves any number
 * of interleaved requests on a Node event loop.
 */
export class IntegrityKey {
  readonly codeLength: number;
  private readonly hashName: HashName | undefined;
  private readonly hmac: boolean;
  /** K ^ ipad, then the data (HMAC); or password, data, password (MD5-128). */
  private scratch: Buffer;
  /** K ^ opad, then the inner digest (HMAC only). */
  private readonly outer: Buffer;
  private readonly password: Buffer;

  constructor(alg: IntegrityAlgorithm, k1: Uint8Array, password: Uint8Array = new Uint8Array(0)) {
    this.codeLength = integrityCodeLength(alg);
    this.hashName = alg === IntegrityAlgorithm.none ? undefined : hashOf(alg);
    this.hmac = alg !== IntegrityAlgorithm.none && alg !== IntegrityAlgorithm.md5_128;
    this.scratch = Buffer.alloc(INITIAL_SCRATCH);
    this.outer = Buffer.alloc(this.hmac ? BLOCK + 32 : 0);
    this.password = Buffer.alloc(alg === IntegrityAlgorithm.md5_128 ? 20 : 0);
    if (this.hmac) {
      // RFC 2104: keys longer than the block are hashed first, shorter ones zero-padded.
      const key = k1.length > BLOCK ? hash(this.hashName!, k1, 'buffer') : k1;
      for (let i = 0; i < BLOCK; i++) {
        const k = i < key.length ? key[i]! : 0;
        this.scratch[i] = k ^ 0x36;
        this.outer[i] = k ^ 0x5c;
      }
    } else if (alg === IntegrityAlgorithm.md5_128) {
      this.password.set(password.subarray(0, 20));
    }
  }

  /** The AuthCode over `data` (AuthType through Next Header), truncated to codeLength. */
  code(data: Uint8Array): Uint8Array {
    if (this.hashName === undefined) return new Uint8Array(0);
    if (this.hmac) {
      this.room(BLOCK + data.length);
      this.scratch.set(data, BLOCK);
      const inner = hash(this.hashName, this.scratch.subarray(0, BLOCK + data.length), 'buffer');
      this.outer.set(inner, BLOCK);
      return hash(this.hashName, this.outer.subarray(0, BLOCK + inner.length), 'buffer').subarray(0, this.codeLength);
    }
    this.room(40 + data.length);
    this.scratch.set(this.password, 0);
    this.scratch.set(data, 20);
    this.scratch.set(this.password, 20 + data.length);
    return hash(this.hashName, this.scratch.subarray(0, 40 + data.length), 'buffer');
  }

  /** Zeroes the prepared key material. */
  wipe(): void {
    this.scratch.fill(0);
    this.outer.fill(0);
    this.password.fill(0);
  }

  private room(n: number): void {
    if (n <= this.scratch.length) return;
    const next = Buffer.alloc(Math.max(n, this.scratch.length * 2));
    this.scratch.copy(next, 0, 0, BLOCK);
    this.scratch.fill(0);
    this.scratch = next;
  }
}
