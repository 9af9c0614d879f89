/**
 * Tenants as the platform operator provisions them (docs/tenants.md): a canonical id, a status,
 * the management ranges its BMCs must lie in, and its quotas.
 */
import type { TenantId } from '../types.ts';
import type { UsageKey } from './ports.ts';

export const TENANT_STATUSES = ['active', 'suspended', 'deleted'] as const;
export type TenantStatus = (typeof TENANT_STATUSES)[number];

export interface TenantQuotas {
  /** BMCs registered at once. */
  readonly maxBmcs: number;
  /** Jobs queued or running at once. */
  readonly maxConcurrentJobs: number;
  /** BMCs (tasks) in one job. */
  readonly maxFleetSize: number;
  /**
   * API requests per second, counted across processes (request-rate.ts); in AWS also the
   * throttle of the tenant's API Gateway usage plan when it differs from the default plan's.
   */
  readonly requestsPerSecond: number;
}

export const DEFAULT_QUOTAS: TenantQuotas = { maxBmcs: 1_000, maxConcurrentJobs: 10, maxFleetSize: 1_000, requestsPerSecond: 1_000 };
/** Upper bounds an operator may set, so a typo cannot lift a quota to something unbounded. */
export const QUOTA_LIMITS: TenantQuotas = { maxBmcs: 100_000, maxConcurrentJobs: 1_000, maxFleetSize: 10_000, requestsPerSecond: 10_000 };

/**
 * How long a deleted tenant's audit log is kept (its tombstone says until when): seven years,
 * the longest common retention for operational records. Nothing purges it automatically.
 */
export const AUDIT_RETENTION_DAYS = 2_557;

export interface TenantRecord {
  /** Canonical id, also its name (tenant-name.ts). */
  readonly id: TenantId;
  readonly status: TenantStatus;
  /** Canonical CIDR ranges (address.ts), sorted. */
  readonly ranges: readonly string[];
  readonly quotas: TenantQuotas;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly updatedBy: string;
  /** Set on delete: the record stays as a tombstone so the id is never reused. */
  readonly deletedAt: string | null;
  /** Until when the deleted tenant's audit log is kept. */
  readonly auditRetainedUntil: string | null;
  /** Its key in API Gateway's usage plans (AWS); absent locally and on records made before. */
  readonly usageKey?: UsageKey | null;
}
