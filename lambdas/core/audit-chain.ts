/**
 * Hash chain over audit events: each event stores the hash of its predecessor and a
 * SHA-256 over a canonical encoding of all its other fields, so that editing, deleting or
 * reordering any stored event breaks verification from that point on.
 */
import { createHash } from 'node:crypto';
import type { AuditEvent, JsonValue } from './types.ts';

export const GENESIS_HASH = '0'.repeat(64);

/** JSON with object keys sorted at every level: one byte string per value. */
export function canonicalJson(value: JsonValue): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const keys = Object.keys(value).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k] as JsonValue)}`).join(',')}}`;
}

export type UnhashedAuditEvent = Omit<AuditEvent, 'hash'>;

export function hashAuditEvent(event: UnhashedAuditEvent): string {
  const { tenantId, id, chain, seq, time, actor, role, action, target, parameters, outcome, errorCode, requestId, source, prevHash } = event;
  // Spelled out field by field so that an added field is a deliberate, versioned change.
  const body: JsonValue = {
    v: 1,
    tenantId,
    id,
    chain,
    seq,
    time,
    actor,
    role,
    action,
    target,
    parameters: parameters as JsonValue,
    outcome,
    errorCode,
    requestId,
    source,
    prevHash,
  };
  return createHash('sha256').update(canonicalJson(body), 'utf8').digest('hex');
}

export type ChainProblem =
  | { readonly kind: 'hash-mismatch'; readonly seq: number; readonly id: string }
  | { readonly kind: 'broken-link'; readonly seq: number; readonly id: string }
  | { readonly kind: 'gap'; readonly expectedSeq: number; readonly foundSeq: number }
  | { readonly kind: 'wrong-chain'; readonly seq: number; readonly id: string }
  // Anchors (audit-anchor-check.ts): a checkpoint that does not verify, an event that is not
  // the one a checkpoint signed, a chain that ends before a signed checkpoint.
  | { readonly kind: 'bad-checkpoint'; readonly seq: number }
  | { readonly kind: 'checkpoint-mismatch'; readonly seq: number; readonly id: string }
  | { readonly kind: 'truncated'; readonly seq: number; readonly lastSeq: number };

export interface ChainVerification {
  readonly chain: string;
  readonly ok: boolean;
  readonly events: number;
  readonly problems: readonly ChainProblem[];
  /** Hash of the last event checked, to continue verification on the next page. */
  readonly lastHash: string;
  readonly lastSeq: number;
}

/**
 * Checks events of one chain in sequence order. `start` continues a verification across
 * pages (default: from the genesis).
 */
export function verifyAuditChain(
  tenantId: string,
  chain: string,
  events: Iterable<AuditEvent>,
  start: { seq: number; hash: string } = { seq: 0, hash: GENESIS_HASH },
): ChainVerification {
  const problems: ChainProblem[] = [];
  let prevHash = start.hash;
  let expectedSeq = start.seq + 1;
  let count = 0;
  for (const e of events) {
    count++;
    if (e.tenantId !== tenantId || e.chain !== chain) problems.push({ kind: 'wrong-chain', seq: e.seq, id: e.id });
    if (e.seq !== expectedSeq) problems.push({ kind: 'gap', expectedSeq, foundSeq: e.seq });
    if (e.prevHash !== prevHash) problems.push({ kind: 'broken-link', seq: e.seq, id: e.id });
    const { hash: _stored, ...rest } = e;
    if (hashAuditEvent(rest) !== e.hash) problems.push({ kind: 'hash-mismatch', seq: e.seq, id: e.id });
    prevHash = e.hash;
    expectedSeq = e.seq + 1;
  }
  return { chain, ok: problems.length === 0, events: count, problems, lastHash: prevHash, lastSeq: expectedSeq - 1 };
}
