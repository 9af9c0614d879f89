/**
 * Runs one data mutation so that it is recorded exactly once: the change is applied, then
 * its event written; when the event cannot be written the change is undone and the caller
 * gets INTERNAL, so no change outlives a missing audit record. A failed change is recorded
 * as `failed` with its error code and the original error is rethrown; a NOT_FOUND is recorded
 * as `denied`.
 */
import type { Caller } from '../types.ts';
import { toDomainError } from '../errors.ts';
import type { AuditService, AuditSubject } from './audit-service.ts';

export interface Mutation<T> {
  readonly subject: AuditSubject;
  apply(): Promise<T>;
  /** Reverts `apply` when the audit write fails; omit only where keeping the change is the safe side. */
  undo?(result: T): Promise<void>;
}

export async function audited<T>(audit: AuditService, caller: Caller, m: Mutation<T>): Promise<T> {
  let result: T;
  try {
    result = await m.apply();
  } catch (e) {
    const error = toDomainError(e);
    // An object that is not in the caller's tenant (another tenant's, removed meanwhile, or
    // never there) is a refused attempt, recorded as every other one is (AuditService.deny).
    if (error.code === 'NOT_FOUND') throw await audit.deny(caller, m.subject, error);
    await audit.record(caller, { ...m.subject, outcome: 'failed', errorCode: error.code });
    throw e;
  }
  try {
    await audit.record(caller, { ...m.subject, outcome: 'succeeded' });
  } catch (e) {
    if (m.undo) await m.undo(result).catch(() => undefined);
    throw e;
  }
  return result;
}
