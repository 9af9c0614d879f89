/**
 * Signed checkpoints over audit chain heads: (tenant, chain, seq, head hash, time) signed with an
 * asymmetric key the audit store never holds. A hash chain alone shows that events link up, not
 * that they are the events that were written: whoever can write the store can rewrite an event
 * and rehash everything after it, or drop the newest events. A checkpoint pins the hash at its
 * seq (a rewrite with rehash changes it) and proves the chain reached that seq (a truncation ends
 * before it). See docs/audit.md for the policy of when checkpoints are written.
 *
 * The algorithm is ECDSA over P-256 with SHA-256 (DER signatures): what AWS KMS signs with an
 * ECC_NIST_P256 key (ECDSA_SHA_256), and what node:crypto signs with the local key file, so a
 * bundle verifies the same way whichever signer made it.
 */
import { createHash, createPublicKey, verify } from 'node:crypto';
import { canonicalJson } from './audit-chain.ts';
import type { JsonValue } from './types.ts';

export const CHECKPOINT_ALGORITHM = 'ECDSA_SHA_256';

export interface AuditCheckpoint {
  readonly tenantId: string;
  readonly chain: string;
  /** Seq of the chain's head when signed. */
  readonly seq: number;
  /** Hash of the event at `seq`. */
  readonly hash: string;
  /** When the checkpoint was signed (ISO 8601). */
  readonly time: string;
  /** Which public key checks it (keyIdOf). */
  readonly keyId: string;
  readonly algorithm: typeof CHECKPOINT_ALGORITHM;
  /** Base64 DER ECDSA signature over checkpointPayload. */
  readonly signature: string;
}

export type UnsignedCheckpoint = Omit<AuditCheckpoint, 'signature'>;

/** The signed bytes: canonical JSON of every field but the signature, versioned and typed. */
export function checkpointPayload(cp: UnsignedCheckpoint): Buffer {
  const body: JsonValue = { type: 'bmc-audit-checkpoint', v: 1, tenantId: cp.tenantId, chain: cp.chain, seq: cp.seq, hash: cp.hash, time: cp.time, keyId: cp.keyId, algorithm: cp.algorithm };
  return Buffer.from(canonicalJson(body), 'utf8');
}

/** SHA-256 of the key's DER SubjectPublicKeyInfo, hex: names a key without trusting a label. */
export function keyIdOf(publicKeyPem: string): string {
  const der = createPublicKey(publicKeyPem).export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(der).digest('hex');
}

/** True when `cp` carries a valid signature by `publicKeyPem` (and names that key). */
export function checkpointSignatureValid(cp: AuditCheckpoint, publicKeyPem: string, keyId = keyIdOf(publicKeyPem)): boolean {
  if (cp.keyId !== keyId || cp.algorithm !== CHECKPOINT_ALGORITHM || typeof cp.signature !== 'string') return false;
  const { signature, ...unsigned } = cp;
  try {
    return verify('sha256', checkpointPayload(unsigned), { key: publicKeyPem, dsaEncoding: 'der' }, Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}
