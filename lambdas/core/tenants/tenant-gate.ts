/**
 * Refuses every key of a tenant that is not active, on every request, whatever the key caches
 * (ApiKeyService, API Gateway's authorizer cache) hold.
 *
 * Each process remembers a tenant's state for `cacheMs` (1 s by default), so a burst of requests
 * costs one strongly consistent registry read a second per tenant instead of one per request.
 * A suspension or deletion therefore takes effect in every process within that bound, and at
 * once in the process that made it (its registry is wrapped by `forgettingRegistry`).
 */
import type { Principal, TenantId } from '../types.ts';
import { RefusedKeyError } from '../services/api-key-service.ts';
import type { TenantRegistry } from './ports.ts';
import type { TenantQuotas, TenantRecord } from './types.ts';

export const TENANT_GATE_CACHE_MS = 1_000;

interface Remembered {
  readonly at: number;
  readonly tenant: Promise<TenantRecord | undefined>;
}

export class TenantGate {
  private readonly remembered = new Map<TenantId, Remembered>();

  constructor(
    private readonly tenants: TenantRegistry,
    /** Refuse tenants the registry does not know (deployed stacks). */
    private readonly requireProvisioned = false,
    private readonly cacheMs = TENANT_GATE_CACHE_MS,
    private readonly now: () => number = Date.now,
  ) {}

  /** Throws RefusedKeyError (UNAUTHENTICATED to the caller, audited in the tenant) unless active. */
  async check(principal: Principal): Promise<Principal> {
    const tenant = await this.lookup(principal.tenantId);
    if (!tenant) {
      if (this.requireProvisioned) throw new RefusedKeyError(principal, 'tenant not provisioned');
      return principal;
    }
    if (tenant.status !== 'active') throw new RefusedKeyError(principal, `tenant ${tenant.status}`);
    return principal;
  }

  /** The tenant's quotas, undefined for a tenant the registry does not know; from the same 1 s memory as `check`. */
  async quotasOf(id: TenantId): Promise<TenantQuotas | undefined> {
    return (await this.lookup(id))?.quotas;
  }

  /** The tenant's API Gateway usage identifier (the authorizer returns it), when it has one. */
  async usageKeyOf(id: TenantId): Promise<string | undefined> {
    return (await this.lookup(id))?.usageKey?.value;
  }

  /** Drops what this process remembers of a tenant: its next request reads the registry. */
  forget(id: TenantId): void {
    this.remembered.delete(id);
  }

  private lookup(id: TenantId): Promise<TenantRecord | undefined> {
    const at = this.now();
    const hit = this.remembered.get(id);
    if (hit && at - hit.at < this.cacheMs) return hit.tenant;
    // Concurrent requests share one read (single flight); a failed read is not remembered.
    const tenant = this.tenants.get(id);
    this.remembered.set(id, { at, tenant });
    tenant.catch(() => {
      if (this.remembered.get(id)?.tenant === tenant) this.remembered.delete(id);
    });
    if (this.remembered.size > 10_000) this.remembered.delete(this.remembered.keys().next().value as TenantId);
    return tenant;
  }
}

/** `registry`, telling `gate` to forget a tenant whenever this process writes it. */
export function forgettingRegistry(registry: TenantRegistry, gate: TenantGate): TenantRegistry {
  return {
    get: (id) => registry.get(id),
    list: (page) => registry.list(page),
    create: async (record) => {
      gate.forget(record.id);
      await registry.create(record);
      gate.forget(record.id);
    },
    update: async (record, expectedUpdatedAt) => {
      gate.forget(record.id);
      await registry.update(record, expectedUpdatedAt);
      gate.forget(record.id);
    },
  };
}
