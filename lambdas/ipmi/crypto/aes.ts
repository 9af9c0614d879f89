import { randomBytes } from 'node:crypto';
import { unsafe } from '@noble/ciphers/aes.js';
import { MalformedError } from '../errors.ts';

const BLOCK = 16;

/**
 * IVs come from a pooled CSPRNG buffer: one randomBytes call per 256 packets instead of one
 * per packet (the per-call overhead dominated fleet sweeps). Every IV is still fresh random.
 */
const IV_POOL_SIZE = 256 * BLOCK;
let ivPool = new Uint8Array(0);
let ivOffset = 0;

function nextIv(): Uint8Array {
  if (ivOffset + BLOCK > ivPool.length) {
    ivPool = new Uint8Array(randomBytes(IV_POOL_SIZE));
    ivOffset = 0;
  }
  const iv = ivPool.subarray(ivOffset, ivOffset + BLOCK);
  ivOffset += BLOCK;
  return iv;
}

/** Bytes an encrypted payload of `payloadLength` bytes takes on the wire: IV, payload, pad, pad length (13.29). */
export function aesEncryptedLength(payloadLength: number): number {
  return BLOCK + payloadLength + 1 + ((BLOCK - ((payloadLength + 1) % BLOCK)) % BLOCK);
}

const le32 = (b: Uint8Array, i: number) => (b[i]! | (b[i + 1]! << 8) | (b[i + 2]! << 16) | (b[i + 3]! << 24)) >>> 0;

function put32(b: Uint8Array, i: number, v: number): void {
  b[i] = v;
  b[i + 1] = v >>> 8;
  b[i + 2] = v >>> 16;
  b[i + 3] = v >>> 24;
}

/**
 * AES-CBC-128 with the round keys expanded once per session key rather than once per
 * packet (the expansion cost as much as the encryption itself for IPMI-sized payloads).
 * The block function is @noble/ciphers' (its `unsafe` low-level API, version pinned in
 * package.json and checked against NIST SP 800-38A in the tests); only the CBC chaining
 * and the IPMI pad (13.29) are done here. Words are read little-endian, as noble's round
 * function expects, so any alignment and host byte order work.
 */
export class AesCbc128 {
  private readonly enc: Uint32Array;
  private readonly dec: Uint32Array;

  constructor(key: Uint8Array) {
    if (!(key instanceof Uint8Array)) throw new TypeError('AES key: expected a Uint8Array');
    if (key.length !== BLOCK) throw new RangeError(`AES key: expected ${BLOCK} bytes, got ${key.length}`);
    this.enc = unsafe.expandKeyLE(key);
    this.dec = unsafe.expandKeyDecLE(key);
  }

  /**
   * Encrypts `payload` as an IPMI confidentiality payload (13.29: IV, then payload, pad bytes
   * 1, 2, 3, ... and the pad length, in whole blocks) into `out` at `at`; returns the bytes
   * written (aesEncryptedLength). `out` must have room for them.
   */
  encryptPayloadInto(payload: Uint8Array, out: Uint8Array, at: number, iv: Uint8Array = nextIv()): number {
    if (iv.length !== BLOCK) throw new RangeError(`iv: expected ${BLOCK} bytes, got ${iv.length}`);
    const total = aesEncryptedLength(payload.length);
    if (at < 0 || at + total > out.length) throw new RangeError(`AES output: ${total} bytes do not fit at ${at} of ${out.length}`);
    out.set(iv, at);
    const body = at + BLOCK;
    out.set(payload, body);
    const padLength = total - BLOCK - payload.length - 1;
    for (let i = 0; i < padLength; i++) out[body + payload.length + i] = i + 1;
    out[at + total - 1] = padLength;
    // Chain in place: each block is XORed with the previous ciphertext (the IV first).
    let c0 = le32(iv, 0);
    let c1 = le32(iv, 4);
    let c2 = le32(iv, 8);
    let c3 = le32(iv, 12);
    for (let p = body; p < at + total; p += BLOCK) {
      const s = unsafe.encrypt(this.enc, c0 ^ le32(out, p), c1 ^ le32(out, p + 4), c2 ^ le32(out, p + 8), c3 ^ le32(out, p + 12));
      c0 = s.s0;
      c1 = s.s1;
      c2 = s.s2;
      c3 = s.s3;
      put32(out, p, c0);
      put32(out, p + 4, c1);
      put32(out, p + 8, c2);
      put32(out, p + 12, c3);
    }
    return total;
  }

  /** Inverse of encryptPayloadInto over `data` (IV and ciphertext); checks alignment and pad bytes (13.29.1). */
  decryptPayload(data: Uint8Array): Uint8Array {
    if (data.length < 2 * BLOCK || data.length % BLOCK !== 0) {
      throw new MalformedError('AES-CBC-128 payload', `length ${data.length} is not IV plus whole blocks`);
    }
    const plain = new Uint8Array(data.length - BLOCK);
    let p0 = le32(data, 0);
    let p1 = le32(data, 4);
    let p2 = le32(data, 8);
    let p3 = le32(data, 12);
    for (let i = BLOCK; i < data.length; i += BLOCK) {
      const x0 = le32(data, i);
      const x1 = le32(data, i + 4);
      const x2 = le32(data, i + 8);
      const x3 = le32(data, i + 12);
      const s = unsafe.decrypt(this.dec, x0, x1, x2, x3);
      const o = i - BLOCK;
      put32(plain, o, s.s0 ^ p0);
      put32(plain, o + 4, s.s1 ^ p1);
      put32(plain, o + 8, s.s2 ^ p2);
      put32(plain, o + 12, s.s3 ^ p3);
      p0 = x0;
      p1 = x1;
      p2 = x2;
      p3 = x3;
    }
    const padLength = plain[plain.length - 1]!;
    if (padLength >= BLOCK || padLength + 1 > plain.length) {
      throw new MalformedError('AES-CBC-128 payload', `confidentiality pad length ${padLength} is invalid`);
    }
    const end = plain.length - 1 - padLength;
    for (let i = 0; i < padLength; i++) {
      if (plain[end + i] !== i + 1) throw new MalformedError('AES-CBC-128 payload', 'confidentiality pad bytes are not 1, 2, 3, ...');
    }
    return plain.subarray(0, end);
  }

  /** Zeroes the round keys (section keys are wiped when a session closes). */
  wipe(): void {
    this.enc.fill(0);
    this.dec.fill(0);
  }
}

function aesKey(k2: Uint8Array): Uint8Array {
  if (k2.length < BLOCK) throw new RangeError(`K2: expected at least ${BLOCK} bytes, got ${k2.length}`);
  return k2.subarray(0, BLOCK);
}

/** The session's cipher: AES-CBC-128 keyed with the first 16 bytes of K2 (13.29). */
export function sessionCipher(k2: Uint8Array): AesCbc128 {
  return new AesCbc128(aesKey(k2));
}

/**
 * AES-CBC-128 payload encryption, IPMI v2.0 section 13.29: a random 16-byte IV, then the
 * payload followed by confidentiality pad bytes 1, 2, 3, ... and a pad-length byte, so that
 * the encrypted part is a whole number of blocks. The key is the first 16 bytes of K2.
 * One-off form; sessions keep an AesCbc128 instead.
 */
export function aesEncryptPayload(k2: Uint8Array, payload: Uint8Array, iv: Uint8Array = nextIv()): Uint8Array {
  const cipher = sessionCipher(k2);
  try {
    const out = new Uint8Array(aesEncryptedLength(payload.length));
    cipher.encryptPayloadInto(payload, out, 0, iv);
    return out;
  } finally {
    cipher.wipe();
  }
}

/** Inverse of aesEncryptPayload; checks block alignment and the pad bytes (13.29.1). */
export function aesDecryptPayload(k2: Uint8Array, data: Uint8Array): Uint8Array {
  const cipher = sessionCipher(k2);
  try {
    return cipher.decryptPayload(data);
  } finally {
    cipher.wipe();
  }
}
