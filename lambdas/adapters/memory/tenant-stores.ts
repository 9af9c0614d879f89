/** In-memory TenantRegistry and EndpointClaims: the same conditions as the DynamoDB adapters. */
import type { EndpointClaim, EndpointClaims, TenantRegistry } from '../../core/tenants/ports.ts';
import type { TenantRecord } from '../../core/tenants/types.ts';
import type { Page, PageRequest } from '../../core/types.ts';
import { conflict, notFound } from '../../core/errors.ts';
import { processCursorCodec } from '../../core/cursor-codec.ts';

export class MemoryTenantRegistry implements TenantRegistry {
  private readonly items = new Map<string, TenantRecord>();

  async get(id: string) {
    return this.items.get(id);
  }
  async create(record: TenantRecord) {
    if (this.items.has(record.id)) throw conflict(`tenant ${record.id} already exists (ids of deleted tenants are not reused)`);
    this.items.set(record.id, record);
  }
  async update(record: TenantRecord, expectedUpdatedAt: string) {
    const old = this.items.get(record.id);
    if (!old) throw notFound('tenant', record.id);
    if (old.updatedAt !== expectedUpdatedAt) throw conflict(`tenant ${record.id} was changed concurrently; retry`);
    this.items.set(record.id, record);
  }
  async list(page: PageRequest): Promise<Page<TenantRecord>> {
    const cursors = processCursorCodec();
    const after = cursors.decode('operator:tenants', page.cursor)?.['k'];
    const sorted = [...this.items.values()].sort((a, b) => a.id.localeCompare(b.id)).filter((t) => after === undefined || t.id > String(after));
    const limit = page.limit ?? 50;
    const items = sorted.slice(0, limit);
    const last = items[items.length - 1];
    return { items, nextCursor: sorted.length > limit && last ? cursors.encode('operator:tenants', { k: last.id }) : null };
  }
}

export class MemoryEndpointClaims implements EndpointClaims {
  private readonly items = new Map<string, EndpointClaim>();

  async claim(key: string, tenantId: string, bmcId: string, now: string) {
    const held = this.items.get(key);
    if (held && held.tenantId !== tenantId) return false;
    this.items.set(key, { key, tenantId, bmcIds: [...new Set([...(held?.bmcIds ?? []), bmcId])].sort(), claimedAt: now });
    return true;
  }
  async get(key: string) {
    return this.items.get(key);
  }
  async release(key: string, tenantId: string, bmcId: string) {
    const held = this.items.get(key);
    if (!held || held.tenantId !== tenantId) return;
    const left = held.bmcIds.filter((id) => id !== bmcId);
    if (left.length === 0) this.items.delete(key);
    else this.items.set(key, { ...held, bmcIds: left });
  }
  async clear(seen: EndpointClaim) {
    const held = this.items.get(seen.key);
    if (!held || held.tenantId !== seen.tenantId || held.claimedAt !== seen.claimedAt) return false;
    this.items.delete(seen.key);
    return true;
  }
}
