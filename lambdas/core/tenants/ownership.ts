/**
 * Which BMC endpoints a tenant may register (docs/tenants.md): the canonical address must lie
 * in the tenant's ranges, the tenant must be active and under its BMC quota, and the endpoint
 * (address and port) is claimed by this tenant alone, with a conditional write.
 *
 * A tenant the registry does not know (made before provisioning existed, or by a test over the
 * core alone) has no ranges to check: `requireProvisioned` refuses it (deployed stacks), else
 * only the address classes and claims apply.
 */
import type { BmcRepository, Clock } from '../ports.ts';
import type { TenantId } from '../types.ts';
import { DomainError, forbidden } from '../errors.ts';
import { canonicalAddress, endpointKey, inRanges, type AddressPolicy } from './address.ts';
import type { EndpointClaims, TenantRegistry } from './ports.ts';
import type { TenantQuotas, TenantRecord } from './types.ts';
import { quotaExceeded } from './quota.ts';

export interface OwnershipOptions extends AddressPolicy {
  /** Refuse tenants the registry does not know (AWS); default false. */
  readonly requireProvisioned?: boolean;
  /** A claim whose BMCs do not exist is taken over after this long (a crashed registration). */
  readonly staleClaimMs?: number;
}

const STALE_CLAIM_MS = 5 * 60_000;

export class BmcOwnership {
  constructor(
    readonly tenants: TenantRegistry,
    private readonly claims: EndpointClaims,
    private readonly bmcs: BmcRepository,
    private readonly clock: Clock,
    private readonly options: OwnershipOptions,
  ) {}

  canonical(address: unknown): string {
    return canonicalAddress(address, this.options);
  }

  /** The tenant's record when it may register BMCs at `address`; FORBIDDEN otherwise. */
  async admit(tenantId: TenantId, address: string): Promise<TenantRecord | undefined> {
    const tenant = await this.activeTenant(tenantId);
    if (tenant && !inRanges(address, tenant.ranges)) throw forbidden(`address ${address} is outside the tenant's management ranges`);
    return tenant;
  }

  /** The tenant when active, undefined when unknown and allowed; FORBIDDEN otherwise. */
  async activeTenant(tenantId: TenantId): Promise<TenantRecord | undefined> {
    const tenant = await this.tenants.get(tenantId);
    if (!tenant) {
      if (this.options.requireProvisioned) throw forbidden(`tenant ${tenantId} is not provisioned`);
      return undefined;
    }
    if (tenant.status !== 'active') throw forbidden(`tenant ${tenantId} is ${tenant.status}`);
    return tenant;
  }

  /** QUOTA_EXCEEDED when the tenant already has its maximum of BMCs. */
  async checkBmcQuota(tenant: TenantRecord | undefined): Promise<void> {
    if (!tenant) return;
    const count = await this.countBmcs(tenant.id, tenant.quotas.maxBmcs);
    if (count >= tenant.quotas.maxBmcs) throw quotaExceeded('maxBmcs', tenant.quotas);
  }

  private async countBmcs(tenantId: TenantId, atLeast: number): Promise<number> {
    let count = 0;
    let cursor: string | null = null;
    do {
      const page = await this.bmcs.list(tenantId, {}, { limit: 500, cursor }, { fresh: true });
      count += page.items.length;
      cursor = page.nextCursor;
    } while (cursor !== null && count < atLeast);
    return count;
  }

  /** Claims the endpoint for the tenant's BMC; CONFLICT when another tenant holds it. */
  async claim(tenantId: TenantId, bmcId: string, address: string, port: number): Promise<void> {
    const key = endpointKey(address, port);
    const now = this.clock.now();
    if (await this.claims.claim(key, tenantId, bmcId, now.toISOString())) return;
    const held = await this.claims.get(key);
    if (held && held.tenantId !== tenantId && (await this.stale(held, now.getTime())) && (await this.claims.clear(held))) {
      if (await this.claims.claim(key, tenantId, bmcId, now.toISOString())) return;
    }
    // The same words whoever holds it: nothing about the other tenant is revealed.
    throw new DomainError('CONFLICT', `${address} port ${port} is registered by another tenant`, { field: 'address' });
  }

  async release(tenantId: TenantId, bmcId: string, address: string, port: number): Promise<void> {
    await this.claims.release(endpointKey(address, port), tenantId, bmcId);
  }

  private async stale(claim: { tenantId: string; bmcIds: readonly string[]; claimedAt: string }, now: number): Promise<boolean> {
    if (now - Date.parse(claim.claimedAt) < (this.options.staleClaimMs ?? STALE_CLAIM_MS)) return false;
    return (await this.bmcs.getMany(claim.tenantId, claim.bmcIds)).length === 0;
  }
}

export type { TenantQuotas };
