/**
 * The tenant of `npm start`: provisioned in the registry on first start, with a range that covers
 * the simulated fleet (127.0.0.0/8, where BMC_SIM_HOST must lie), so the printed admin key keeps
 * working and the fleet registers as any tenant's BMCs would, through the ownership checks.
 */
import type { Clock } from '../core/ports.ts';
import type { TenantRegistry } from '../core/tenants/ports.ts';
import { DEFAULT_QUOTAS, type TenantRecord } from '../core/tenants/types.ts';
import { validateTenantId } from '../core/tenants/tenant-name.ts';

export const LOCAL_FLEET_RANGE = '127.0.0.0/8';

export async function ensureDefaultTenant(registry: TenantRegistry, tenantId: string, clock: Clock): Promise<TenantRecord> {
  const id = validateTenantId(tenantId, 'TENANT_ID');
  const existing = await registry.get(id);
  if (existing) return existing;
  const now = clock.now().toISOString();
  const record: TenantRecord = { id, status: 'active', ranges: [LOCAL_FLEET_RANGE], quotas: DEFAULT_QUOTAS, createdAt: now, updatedAt: now, updatedBy: 'system:npm-start', deletedAt: null, auditRetainedUntil: null };
  await registry.create(record);
  return record;
}
