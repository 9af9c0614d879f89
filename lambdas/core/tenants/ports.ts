/**
 * Ports of tenant provisioning: the registry of tenants and the claims on BMC endpoints. The
 * DynamoDB adapters keep both; unit tests use the memory ones.
 */
import type { Page, PageRequest, TenantId } from '../types.ts';
import type { TenantRecord } from './types.ts';

export interface TenantRegistry {
  /** Strongly consistent: a suspension is seen by the next request. */
  get(id: TenantId): Promise<TenantRecord | undefined>;
  /** Creates; CONFLICT when the id exists (a deleted tenant's tombstone included). */
  create(record: TenantRecord): Promise<void>;
  /** Replaces; CONFLICT when the stored `updatedAt` is not `expectedUpdatedAt`, NOT_FOUND when absent. */
  update(record: TenantRecord, expectedUpdatedAt: string): Promise<void>;
  /** Every tenant, deleted ones included, in id order. */
  list(page: PageRequest): Promise<Page<TenantRecord>>;
}

/** Who holds an endpoint (canonical address and port) and for which of its BMCs. */
export interface EndpointClaim {
  readonly key: string;
  readonly tenantId: TenantId;
  readonly bmcIds: readonly string[];
  /** When a BMC was last added: a claim whose BMCs do not exist is stale only after a while. */
  readonly claimedAt: string;
}

/**
 * Claims on BMC endpoints, each taken with one conditional write: free, or already held by the
 * same tenant. A claim lists the BMC ids that use it and goes away with the last of them.
 */
export interface EndpointClaims {
  /** Adds `bmcId` to the claim on `key`; false (and nothing changed) when another tenant holds it. */
  claim(key: string, tenantId: TenantId, bmcId: string, now: string): Promise<boolean>;
  get(key: string): Promise<EndpointClaim | undefined>;
  /** Removes `bmcId` from the tenant's claim on `key`, and the claim once no BMC uses it. */
  release(key: string, tenantId: TenantId, bmcId: string): Promise<void>;
  /** Drops `seen` if it is still exactly as seen (a stale claim left by a crashed registration). */
  clear(seen: EndpointClaim): Promise<boolean>;
}

/**
 * The tenant's key in API Gateway's usage plans (AWS only): the authorizer returns `value` as the
 * usage identifier, so the gateway throttles each tenant on its own plan. Not a credential:
 * callers never send it (the API's key source is the authorizer).
 */
export interface UsageKey {
  readonly id: string;
  readonly value: string;
  /** The tenant's own plan (a rate the operator set), or null on the deployment's default plan. */
  readonly planId: string | null;
}

/** Creates, re-plans and removes tenants' usage keys (lambdas/adapters/apigateway/usage-keys.ts). */
export interface UsageKeys {
  /** A new key for the tenant on the default plan. */
  create(tenantId: TenantId): Promise<UsageKey>;
  /** Moves the key to a plan of its own at this rate (burst twice it), or back to the default plan (null). */
  setRate(tenantId: TenantId, key: UsageKey, requestsPerSecond: number | null): Promise<UsageKey>;
  /** Deletes the key, and the tenant's own plan if it has one. */
  remove(key: UsageKey): Promise<void>;
}
