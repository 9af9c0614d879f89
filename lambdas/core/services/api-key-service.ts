/**
 * API keys: created by tenant admins, shown once, stored as a hash, expiring and revocable
 * (docs/architecture.md section 3). `authenticate` is what the authorizer calls.
 */
import type { ApiKeyRepository, Clock } from '../ports.ts';
import type { ApiKey, ApiKeyInfo, Caller, Page, PageRequest, Principal, Role, TenantId } from '../types.ts';
import { ROLES } from '../types.ts';
import { badInput, DomainError, notFound, unauthenticated } from '../errors.ts';
import { formatApiKey, hashApiKey, hashesEqual, newKeyId, parseApiKey } from '../api-key-format.ts';
import { isoTime, nonEmpty, normalisePage, oneOf } from '../validation.ts';
import type { AuditService } from './audit-service.ts';
import { audited } from './audited.ts';
import { validateScope, widerScope, type KeyScope, type ScopeInput } from '../key-scope.ts';

export interface CreateApiKeyInput {
  readonly name: string;
  readonly role: Role;
  /**
   * ISO 8601, within the longest lifetime. Null or absent: the default lifetime (90 days), as the
   * schema says; no key lives for ever (docs/keys-and-limits.md).
   */
  readonly expiresAt?: string | null;
  /** Narrows the key to BMCs with some tags and to some of its role's operations (key-scope.ts). */
  readonly scope?: ScopeInput | null;
}

export interface CreatedApiKey {
  /** The key string. Returned by this call only; it cannot be recovered later. */
  readonly key: string;
  readonly info: ApiKeyInfo;
}

export interface ApiKeyServiceOptions {
  /** Secret mixed into the stored hash (HMAC-SHA256); SHA-256 when absent. */
  readonly pepper?: string;
  /** Lifetime when none is given, default 90 days. */
  readonly defaultTtlDays?: number;
  /** Longest lifetime allowed, default 365 days. */
  readonly maxTtlDays?: number;
  /** lastUsedAt is written at most this often per key, default 60 s (one write per request is wasteful). */
  readonly touchIntervalMs?: number;
  /**
   * How long this process reuses a key record it looked up, default 5 s: a key revoked through
   * another process stops working here within this bound (at once when revoked through this one).
   * The presented key's hash, its expiry and revocation are still checked on every request.
   */
  readonly keyCacheMs?: number;
}

/**
 * A key that was really issued (its secret matches) but is revoked or expired. It reads as every
 * other UNAUTHENTICATED to the caller, but names the key's principal so that the refusal can be
 * recorded in the key's own tenant (an unknown key or a wrong secret names no tenant).
 */
export class RefusedKeyError extends DomainError {
  constructor(
    readonly principal: Principal,
    readonly reason: 'revoked' | 'expired' | 'tenant suspended' | 'tenant deleted' | 'tenant not provisioned',
  ) {
    super('UNAUTHENTICATED', unauthenticated().message);
    this.name = 'RefusedKeyError';
  }
}

/** Key records remembered per process at most. */
const MAX_CACHED_KEYS = 10_000;

const DAY_MS = 86_400_000;

function principalOf(key: ApiKey): Principal {
  return { tenantId: key.tenantId, role: key.role, actor: `apikey:${key.id}`, keyId: key.id, ...(key.scope && { scope: key.scope }) };
}

export function toKeyInfo(key: ApiKey): ApiKeyInfo {
  const { hash: _hash, ...info } = key;
  return info;
}

export class ApiKeyService {
  private readonly defaultTtlMs: number;
  private readonly maxTtlMs: number;
  private readonly touchIntervalMs: number;
  private readonly keyCacheMs: number;
  private readonly known = new Map<string, { key: Promise<ApiKey | undefined>; until: number }>();
  /** When this process last wrote each key's lastUsedAt (its cached record does not show it). */
  private readonly touched = new Map<string, number>();

  constructor(
    private readonly keys: ApiKeyRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly options: ApiKeyServiceOptions = {},
  ) {
    this.defaultTtlMs = (options.defaultTtlDays ?? 90) * DAY_MS;
    this.maxTtlMs = (options.maxTtlDays ?? 365) * DAY_MS;
    this.touchIntervalMs = options.touchIntervalMs ?? 60_000;
    this.keyCacheMs = options.keyCacheMs ?? 5_000;
  }

  async create(caller: Caller, input: CreateApiKeyInput): Promise<CreatedApiKey> {
    const subject = { action: 'apikey.create', target: 'apikey:new', parameters: { name: String(input.name), role: String(input.role) } };
    await this.audit.authorize(caller, 'apikey:manage', subject);
    const name = nonEmpty('name', input.name, 128);
    const role = oneOf('role', input.role, ROLES);
    const expiresAt = this.expiry(input.expiresAt);
    const scope = validateScope(input.scope, role);
    const wider = widerScope(caller.principal, scope);
    if (wider) throw await this.audit.deny(caller, subject, wider);
    const id = newKeyId();
    const created = this.issue(caller.principal.tenantId, id, name, role, expiresAt, caller.principal.actor, scope);
    await audited(this.audit, caller, {
      subject: { ...subject, target: `apikey:${id}`, parameters: { name, role, expiresAt, ...(scope && { scope: { ...(scope.tags && { tags: [...scope.tags] }), ...(scope.operations && { operations: [...scope.operations] }) } }) } },
      apply: () => this.keys.create(created.record),
      undo: () => this.keys.delete(caller.principal.tenantId, id),
    });
    return { key: created.key, info: toKeyInfo(created.record) };
  }

  /**
   * The first admin key of a tenant, for local bootstrap (`npm start`) and tenant setup
   * scripts: there is no caller yet, so the event is recorded with actor `system`.
   */
  async bootstrap(tenantId: TenantId, name = 'bootstrap admin', requestId = 'bootstrap'): Promise<CreatedApiKey> {
    const id = newKeyId();
    const created = this.issue(tenantId, id, nonEmpty('name', name, 128), 'admin', this.expiry(undefined), 'system');
    const caller: Caller = { principal: { tenantId, role: 'admin', actor: 'system' }, requestId, source: 'bootstrap' };
    await audited(this.audit, caller, {
      subject: { action: 'apikey.create', target: `apikey:${id}`, parameters: { name, role: 'admin', expiresAt: created.record.expiresAt } },
      apply: () => this.keys.create(created.record),
      undo: () => this.keys.delete(tenantId, id),
    });
    return { key: created.key, info: toKeyInfo(created.record) };
  }

  async revoke(caller: Caller, id: string): Promise<ApiKeyInfo> {
    const subject = { action: 'apikey.revoke', target: `apikey:${String(id)}` };
    await this.audit.authorize(caller, 'apikey:manage', subject);
    const keyId = nonEmpty('id', id, 64);
    // No undo: a revocation that outlives a failed audit write is the safe side; the caller
    // sees the error, retries, and the (idempotent) retry is recorded.
    return audited(this.audit, caller, {
      subject,
      apply: async () => {
        const key = await this.keys.revoke(caller.principal.tenantId, keyId, this.clock.now().toISOString());
        // Only a key of the caller's tenant comes back; any other id is left as it was.
        if (!key) throw notFound('API key', keyId);
        this.known.delete(keyId);
        return toKeyInfo(key);
      },
    });
  }

  async list(caller: Caller, page: PageRequest = {}): Promise<Page<ApiKeyInfo>> {
    await this.audit.authorize(caller, 'apikey:manage', { action: 'apikey.list', target: 'apikey:*' });
    const result = await this.keys.list(caller.principal.tenantId, normalisePage(page));
    return { items: result.items.map(toKeyInfo), nextCursor: result.nextCursor };
  }

  /**
   * Resolves a presented key to its principal. Every failure is the same UNAUTHENTICATED
   * so that a caller cannot tell a wrong checksum from an unknown, expired or revoked key.
   */
  async authenticate(presented: string): Promise<Principal> {
    const parsed = parseApiKey(presented);
    if (!parsed) throw unauthenticated();
    const now = this.clock.now();
    const key = await this.lookup(parsed.id, now.getTime());
    if (!key || !hashesEqual(key.hash, hashApiKey(presented, this.options.pepper))) throw unauthenticated();
    if (key.revokedAt !== null) throw new RefusedKeyError(principalOf(key), 'revoked');
    if (key.expiresAt !== null && Date.parse(key.expiresAt) <= now.getTime()) throw new RefusedKeyError(principalOf(key), 'expired');
    const lastUsed = Math.max(key.lastUsedAt === null ? 0 : Date.parse(key.lastUsedAt), this.touched.get(key.id) ?? 0);
    if (now.getTime() - lastUsed >= this.touchIntervalMs) {
      this.touched.set(key.id, now.getTime());
      await this.keys.touch(key.id, now.toISOString()).catch(() => undefined);
    }
    return principalOf(key);
  }

  /**
   * Re-checks a principal that API Gateway's authorizer established (and may have cached for
   * minutes): the key must still exist in the principal's tenant, unrevoked and unexpired. With
   * the key cache, a key revoked anywhere stops working here within `keyCacheMs`, whatever the
   * gateway's cache holds. The answer carries the key's current role and scope.
   */
  async confirm(principal: Principal): Promise<Principal> {
    if (principal.keyId === undefined) return principal;
    const now = this.clock.now().getTime();
    const key = await this.lookup(principal.keyId, now);
    if (!key || key.tenantId !== principal.tenantId) throw unauthenticated();
    if (key.revokedAt !== null) throw new RefusedKeyError(principalOf(key), 'revoked');
    if (key.expiresAt !== null && Date.parse(key.expiresAt) <= now) throw new RefusedKeyError(principalOf(key), 'expired');
    return principalOf(key);
  }

  /**
   * The key record, from this process's memory while recent; concurrent requests with one key
   * share one lookup. Unknown ids and failed lookups are not remembered.
   */
  private lookup(id: string, now: number): Promise<ApiKey | undefined> {
    const hit = this.known.get(id);
    if (hit && hit.until > now) return hit.key;
    const entry = { key: this.keys.getById(id), until: now + this.keyCacheMs };
    this.known.delete(id);
    this.known.set(id, entry);
    const forget = () => {
      if (this.known.get(id) === entry) this.known.delete(id);
    };
    entry.key.then((key) => key ?? forget(), forget);
    if (this.known.size > MAX_CACHED_KEYS) {
      const oldest = this.known.keys().next().value as string;
      this.known.delete(oldest);
      this.touched.delete(oldest);
    }
    return entry.key;
  }

  private issue(tenantId: TenantId, id: string, name: string, role: Role, expiresAt: string, createdBy: string, scope?: KeyScope) {
    const key = formatApiKey(id);
    const record: ApiKey = {
      id,
      tenantId,
      role,
      name,
      hash: hashApiKey(key, this.options.pepper),
      createdAt: this.clock.now().toISOString(),
      createdBy,
      expiresAt,
      revokedAt: null,
      lastUsedAt: null,
      ...(scope && { scope }),
    };
    return { key, record };
  }

  private expiry(requested: string | null | undefined): string {
    const now = this.clock.now().getTime();
    if (requested === undefined || requested === null) return new Date(now + this.defaultTtlMs).toISOString();
    const at = isoTime('expiresAt', requested);
    const t = Date.parse(at);
    if (t <= now) throw badInput('expiresAt', 'must be in the future');
    if (t - now > this.maxTtlMs) throw badInput('expiresAt', `must be within ${this.maxTtlMs / DAY_MS} days`);
    return at;
  }
}
