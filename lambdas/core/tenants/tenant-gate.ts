/**
 * Refuses every key of a tenant that is not active, on every request, with one strongly
 * consistent read of the registry: a suspension or deletion takes effect on the next request,
 * in every process, whatever the key caches (ApiKeyService, API Gateway's authorizer cache) hold.
 */
import type { Principal } from '../types.ts';
import { RefusedKeyError } from '../services/api-key-service.ts';
import type { TenantRegistry } from './ports.ts';

export class TenantGate {
  constructor(
    private readonly tenants: TenantRegistry,
    /** Refuse tenants the registry does not know (deployed stacks). */
    private readonly requireProvisioned = false,
  ) {}

  /** Throws RefusedKeyError (UNAUTHENTICATED to the caller, audited in the tenant) unless active. */
  async check(principal: Principal): Promise<Principal> {
    const tenant = await this.tenants.get(principal.tenantId);
    if (!tenant) {
      if (this.requireProvisioned) throw new RefusedKeyError(principal, 'tenant not provisioned');
      return principal;
    }
    if (tenant.status !== 'active') throw new RefusedKeyError(principal, `tenant ${tenant.status}`);
    return principal;
  }
}
