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
