/**
 * In-memory implementations of the core's ports: for unit tests of services and for
 * throwaway local runs. Same semantics as the DynamoDB adapters (conditional creates,
 * tenant-scoped reads, opaque tenant-bound cursors), none of the durability.
 */
import type { AccessFilter, AccessLog, ApiKeyRepository, AuditChainHead, AuditCheckpointStore, AuditFilter, AuditLog, BmcFilter, BmcRepository, CredentialStage, CredentialStore, TenantSettingsStore } from '../../core/ports.ts';
import { AuditSlotTakenError } from '../../core/ports.ts';
import type { AccessRecord, ApiKey, AuditEvent, Bmc, BmcHealth, Page, PageRequest, TenantSettings } from '../../core/types.ts';
import type { BmcCredentials } from '../../core/credentials.ts';
import type { AuditCheckpoint } from '../../core/audit-checkpoint.ts';
import { conflict, notFound } from '../../core/errors.ts';
import { auditOrderKey, newestFirst } from '../../core/audit-order.ts';
import { processCursorCodec } from '../../core/cursor-codec.ts';
import { matchesAudit, matchesBmc } from '../filters.ts';

const DEFAULT_LIMIT = 50;

/**
 * Pages an array sorted by a string key (ascending, or descending when `descending`) after the
 * position in the cursor.
 */
function pageOf<T>(tenantId: string, sorted: readonly T[], keyOf: (item: T) => string, page: PageRequest, descending = false): Page<T> {
  // In-memory stores live in one process: its own key signs their cursors.
  const cursors = processCursorCodec();
  const after = cursors.decode(tenantId, page.cursor)?.k;
  const limit = page.limit ?? DEFAULT_LIMIT;
  const beyond = (key: string) => (descending ? key < String(after) : key > String(after));
  const start = after === undefined ? 0 : sorted.findIndex((x) => beyond(keyOf(x)));
  const items = start < 0 ? [] : sorted.slice(start, start + limit);
  const last = items[items.length - 1];
  const more = start >= 0 && start + limit < sorted.length;
  return { items, nextCursor: more && last !== undefined ? cursors.encode(tenantId, { k: keyOf(last) }) : null };
}

export class MemoryBmcRepository implements BmcRepository {
  private readonly items = new Map<string, Bmc>();
  private key = (tenantId: string, id: string) => `${tenantId}\u0000${id}`;

  async get(tenantId: string, id: string) {
    return this.items.get(this.key(tenantId, id));
  }
  async getMany(tenantId: string, ids: readonly string[]) {
    return ids.map((id) => this.items.get(this.key(tenantId, id))).filter((b): b is Bmc => b !== undefined);
  }
  async create(bmc: Bmc) {
    const k = this.key(bmc.tenantId, bmc.id);
    if (this.items.has(k)) throw conflict(`BMC ${bmc.id} already exists`);
    this.items.set(k, bmc);
  }
  async update(bmc: Bmc, expectedUpdatedAt: string) {
    const k = this.key(bmc.tenantId, bmc.id);
    const old = this.items.get(k);
    if (!old) throw notFound('BMC', bmc.id);
    if (old.updatedAt !== expectedUpdatedAt) throw conflict(`BMC ${bmc.id} was changed concurrently`);
    this.items.set(k, bmc);
  }
  async delete(tenantId: string, id: string) {
    return this.items.delete(this.key(tenantId, id));
  }
  async list(tenantId: string, filter: BmcFilter, page: PageRequest) {
    const all = [...this.items.values()].filter((b) => b.tenantId === tenantId && matchesBmc(b, filter)).sort((a, b) => (a.id < b.id ? -1 : 1));
    return pageOf(tenantId, all, (b) => b.id, page);
  }
  async setHealth(tenantId: string, id: string, health: BmcHealth) {
    const k = this.key(tenantId, id);
    const old = this.items.get(k);
    if (old) this.items.set(k, { ...old, health });
  }
}

export class MemoryApiKeyRepository implements ApiKeyRepository {
  readonly items = new Map<string, ApiKey>();

  async getById(id: string) {
    return this.items.get(id);
  }
  async create(key: ApiKey) {
    if (this.items.has(key.id)) throw conflict(`API key ${key.id} already exists`);
    this.items.set(key.id, key);
  }
  async revoke(tenantId: string, id: string, revokedAt: string) {
    const key = this.items.get(id);
    if (!key || key.tenantId !== tenantId) return undefined;
    const revoked = { ...key, revokedAt: key.revokedAt ?? revokedAt };
    this.items.set(id, revoked);
    return revoked;
  }
  async delete(tenantId: string, id: string) {
    if (this.items.get(id)?.tenantId === tenantId) this.items.delete(id);
  }
  async touch(id: string, lastUsedAt: string) {
    const key = this.items.get(id);
    if (key) this.items.set(id, { ...key, lastUsedAt });
  }
  async list(tenantId: string, page: PageRequest) {
    const all = [...this.items.values()].filter((k) => k.tenantId === tenantId).sort((a, b) => (a.id < b.id ? -1 : 1));
    return pageOf(tenantId, all, (k) => k.id, page);
  }
}

export class MemoryAuditLog implements AuditLog {
  /** Exposed so tests can tamper with stored events. */
  readonly events: AuditEvent[] = [];

  async append(event: AuditEvent) {
    if (this.events.some((e) => e.tenantId === event.tenantId && e.chain === event.chain && e.seq === event.seq)) {
      throw new AuditSlotTakenError(event.chain, event.seq);
    }
    this.events.push(event);
  }
  async appendAll(events: readonly AuditEvent[]) {
    const taken = events.find((n) => this.events.some((e) => e.tenantId === n.tenantId && e.chain === n.chain && e.seq === n.seq));
    if (taken) throw new AuditSlotTakenError(taken.chain, taken.seq);
    this.events.push(...events);
  }
  async head(tenantId: string, chain: string): Promise<AuditChainHead | undefined> {
    const last = this.chain(tenantId, chain).at(-1);
    return last && { seq: last.seq, hash: last.hash, time: last.time };
  }
  async query(tenantId: string, filter: AuditFilter, page: PageRequest) {
    // The order every AuditLog shares (core/audit-order.ts), newest first.
    const all = this.events.filter((e) => e.tenantId === tenantId && matchesAudit(e, filter)).sort(newestFirst);
    return pageOf(tenantId, all, auditOrderKey, page, true);
  }
  async readChain(tenantId: string, chain: string, page: PageRequest, afterSeq = 0) {
    const key = (e: AuditEvent) => String(e.seq).padStart(16, '0');
    return pageOf(tenantId, this.chain(tenantId, chain).filter((e) => e.seq > afterSeq), key, page);
  }
  async listChains(tenantId: string) {
    return [...new Set(this.events.filter((e) => e.tenantId === tenantId).map((e) => e.chain))].sort();
  }
  private chain(tenantId: string, chain: string) {
    return this.events.filter((e) => e.tenantId === tenantId && e.chain === chain).sort((a, b) => a.seq - b.seq);
  }
}

/** Checkpoints apart from the events, as in DynamoDB. Exposed so tests can tamper with them. */
export class MemoryAuditCheckpointStore implements AuditCheckpointStore {
  readonly checkpoints: AuditCheckpoint[] = [];

  async put(checkpoint: AuditCheckpoint) {
    if (this.checkpoints.some((c) => c.tenantId === checkpoint.tenantId && c.chain === checkpoint.chain && c.seq === checkpoint.seq)) return false;
    this.checkpoints.push(checkpoint);
    return true;
  }
  async list(tenantId: string, chain: string, page: PageRequest) {
    const all = this.checkpoints.filter((c) => c.tenantId === tenantId && c.chain === chain).sort((a, b) => a.seq - b.seq);
    return pageOf(tenantId, all, (c) => String(c.seq).padStart(16, '0'), page);
  }
}

type Versions = Partial<Record<CredentialStage, BmcCredentials>>;

export class MemoryCredentialStore implements CredentialStore {
  private readonly secrets = new Map<string, Versions>();
  private key = (tenantId: string, bmcId: string) => `${tenantId}/${bmcId}`;

  async put(tenantId: string, bmcId: string, credentials: BmcCredentials) {
    const v = this.secrets.get(this.key(tenantId, bmcId)) ?? {};
    this.secrets.set(this.key(tenantId, bmcId), { ...(v.current && { previous: v.current }), current: credentials });
  }
  async get(tenantId: string, bmcId: string, stage: CredentialStage = 'current', _options?: { fresh?: boolean }) {
    return this.secrets.get(this.key(tenantId, bmcId))?.[stage];
  }
  async stage(tenantId: string, bmcId: string, credentials: BmcCredentials) {
    const v = this.secrets.get(this.key(tenantId, bmcId)) ?? {};
    this.secrets.set(this.key(tenantId, bmcId), { ...v, pending: credentials });
  }
  async promote(tenantId: string, bmcId: string) {
    const v = this.secrets.get(this.key(tenantId, bmcId));
    if (!v?.pending) throw notFound('pending credentials of BMC', bmcId);
    this.secrets.set(this.key(tenantId, bmcId), { ...(v.current && { previous: v.current }), current: v.pending });
  }
  async discardPending(tenantId: string, bmcId: string) {
    const v = this.secrets.get(this.key(tenantId, bmcId));
    if (v) this.secrets.set(this.key(tenantId, bmcId), { ...(v.current && { current: v.current }), ...(v.previous && { previous: v.previous }) });
  }
  async delete(tenantId: string, bmcId: string) {
    this.secrets.delete(this.key(tenantId, bmcId));
  }
  invalidate() {
    // Nothing cached.
  }
}

export class MemoryTenantSettingsStore implements TenantSettingsStore {
  readonly items = new Map<string, TenantSettings>();

  async get(tenantId: string) {
    return this.items.get(tenantId);
  }
  async put(settings: TenantSettings) {
    this.items.set(settings.tenantId, settings);
  }
}

export class MemoryAccessLog implements AccessLog {
  /** Exposed so tests can count what was recorded. */
  readonly records: AccessRecord[] = [];

  async put(record: AccessRecord) {
    const sameSample = (r: AccessRecord) =>
      r.kind === 'sampled' && r.tenantId === record.tenantId && r.bmcId === record.bmcId && r.actor === record.actor && r.intervalStart === record.intervalStart;
    if (record.kind === 'sampled' && this.records.some(sameSample)) return false;
    this.records.push(record);
    return true;
  }
  async query(tenantId: string, filter: AccessFilter, page: PageRequest) {
    const all = this.records
      .map((r, i) => ({ r, key: `${r.time}#${String(i).padStart(12, '0')}` }))
      .filter(({ r }) => r.tenantId === tenantId && (filter.bmcId === undefined || r.bmcId === filter.bmcId))
      .filter(({ r }) => (filter.from === undefined || r.time >= filter.from) && (filter.to === undefined || r.time < filter.to))
      .sort((a, b) => (a.key < b.key ? 1 : -1));
    const result = pageOf(tenantId, all, (x) => x.key, page, true);
    return { items: result.items.map((x) => x.r), nextCursor: result.nextCursor };
  }
}
