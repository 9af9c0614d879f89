import { randomBytes } from 'node:crypto';
import { cbc } from '@noble/ciphers/aes.js';
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

/**
 * AES-CBC-128 payload encryption, IPMI v2.0 section 13.29: a random 16-byte IV, then the
 * payload followed by confidentiality pad bytes 1, 2, 3, ... and a pad-length byte, so that
 * the encrypted part is a whole number of blocks. The key is the first 16 bytes of K2.
 */
export function aesEncryptPayload(k2: Uint8Array, payload: Uint8Array, iv: Uint8Array = nextIv()): Uint8Array {
  if (iv.length !== BLOCK) throw new RangeError(`iv: expected ${BLOCK} bytes, got ${iv.length}`);
  const padLength = (BLOCK - ((payload.length + 1) % BLOCK)) % BLOCK;
  const plain = new Uint8Array(payload.length + padLength + 1);
  plain.set(payload);
  for (let i = 0; i < padLength; i++) plain[payload.length + i] = i + 1;
  plain[plain.length - 1] = padLength;
  const enc = cbc(aesKey(k2), iv, { disablePadding: true }).encrypt(plain);
  const out = new Uint8Array(BLOCK + enc.length);
  out.set(iv);
  out.set(enc, BLOCK);
  return out;
}

/** Inverse of aesEncryptPayload; checks block alignment and the pad bytes (13.29.1). */
export function aesDecryptPayload(k2: Uint8Array, data: Uint8Array): Uint8Array {
  if (data.length < 2 * BLOCK || data.length % BLOCK !== 0) {
    throw new MalformedError('AES-CBC-128 payload', `length ${data.length} is not IV plus whole blocks`);
  }
  const plain = cbc(aesKey(k2), data.subarray(0, BLOCK), { disablePadding: true }).decrypt(data.subarray(BLOCK));
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

function aesKey(k2: Uint8Array): Uint8Array {
  if (k2.length < BLOCK) throw new RangeError(`K2: expected at least ${BLOCK} bytes, got ${k2.length}`);
  return k2.subarray(0, BLOCK);
}
