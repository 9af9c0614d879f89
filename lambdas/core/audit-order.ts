/**
 * The one order of the audit log, shared by every AuditLog adapter so that auditors see the
 * same sequence whichever store answers: time, then position in the chain, then id.
 *
 * Time alone is not enough: a `started` and its `succeeded` are often written within one
 * millisecond, and must not come back swapped. Within a chain the sequence number breaks
 * that tie, and since the audit service never lets time run backwards inside a chain, seq
 * order and (time, seq) order agree there. Events of different chains in one millisecond have
 * no causal order; the id makes theirs fixed, so pages never repeat or skip an event.
 */
import type { AuditEvent } from './types.ts';

/** Enough for Number.MAX_SAFE_INTEGER: keys compare as strings. */
const SEQ_DIGITS = 16;

/**
 * A string key whose lexicographic order is the audit order (ascending = oldest first).
 * Times are ISO 8601 from Date#toISOString (fixed width, UTC), so they compare as strings.
 */
export function auditOrderKey(event: Pick<AuditEvent, 'time' | 'seq' | 'id'>): string {
  return `${event.time}#${String(event.seq).padStart(SEQ_DIGITS, '0')}#${event.id}`;
}

/** Comparator for Array#sort: newest first. */
export function newestFirst(a: AuditEvent, b: AuditEvent): number {
  const x = auditOrderKey(a);
  const y = auditOrderKey(b);
  return x === y ? 0 : x < y ? 1 : -1;
}
