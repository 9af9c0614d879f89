/**
 * Quota refusals: 429 RATE_LIMITED (with Retry-After), typed so callers and tests can tell a
 * quota from the per-key denial limit, naming the quota and its value. Nothing was changed.
 */
import { DomainError } from '../errors.ts';
import type { TenantQuotas } from './types.ts';

/** Retry-After for a quota: work finishing (jobs) or an operator raising it may lift it. */
const QUOTA_RETRY_SECONDS = 60;

export class QuotaExceededError extends DomainError {
  constructor(
    readonly quota: keyof TenantQuotas,
    readonly limit: number,
  ) {
    super('RATE_LIMITED', `tenant quota ${quota} (${limit}) reached; nothing was changed`, { retryAfterSeconds: QUOTA_RETRY_SECONDS, field: quota });
    this.name = 'QuotaExceededError';
  }
}

export function quotaExceeded(quota: keyof TenantQuotas, quotas: TenantQuotas): QuotaExceededError {
  return new QuotaExceededError(quota, quotas[quota]);
}
