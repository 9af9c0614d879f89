/**
 * The platform operator's operations on tenants (docs/tenants.md): create, list, suspend, resume,
 * delete, ranges, quotas, first admin keys and export. The operator is never a tenant key: the
 * API edge authenticates an IAM identity (AWS) or the local operator secret (`npm start`) and
 * passes an OperatorCaller. Each operation is recorded twice: in the operator's own audit chain
 * (tenant `_operator`, which no tenant id can name) and in the affected tenant's chain.
 */
import type { ApiKeyRepository, AuditLog, BmcRepository, Clock, CredentialStore } from '../ports.ts';
import type { Caller, JsonValue, Page, PageRequest, TenantId } from '../types.ts';
import { badInput, conflict, notFound, toDomainError } from '../errors.ts';
import { integerIn, nonEmpty, normalisePage } from '../validation.ts';
import type { ApiKeyService, CreatedApiKey } from '../services/api-key-service.ts';
import { toKeyInfo } from '../services/api-key-service.ts';
import type { AuditService } from '../services/audit-service.ts';
import type { JobStore } from '../jobs/ports.ts';
import { canonicalRanges, coversWholeFamily, parseCidr } from './address.ts';
import type { BmcOwnership } from './ownership.ts';
import type { TenantRegistry, UsageKey, UsageKeys } from './ports.ts';
import { validateTenantId } from './tenant-name.ts';
import { AUDIT_RETENTION_DAYS, DEFAULT_QUOTAS, QUOTA_LIMITS, type TenantQuotas, type TenantRecord, type TenantStatus } from './types.ts';

/** Audit tenant of the operator's own chain: '_' is never part of a tenant id. */
export const OPERATOR_AUDIT_TENANT = '_operator';

export interface OperatorCaller {
  /** `iam:<arn>` in AWS, `local:<user>` for `npm start`. */
  readonly actor: string;
  readonly requestId: string;
  readonly source: string;
}

export interface CreateTenantInput {
  readonly name: string;
  readonly ranges: readonly string[];
  readonly quotas?: Partial<TenantQuotas>;
}

export interface OperatorPorts {
  readonly tenants: TenantRegistry;
  readonly ownership: BmcOwnership;
  readonly apiKeys: ApiKeyService;
  readonly apiKeyRepository: ApiKeyRepository;
  readonly bmcs: BmcRepository;
  readonly credentials: CredentialStore;
  readonly auditLog: AuditLog;
  readonly jobs: JobStore;
  readonly audit: AuditService;
  readonly clock: Clock;
  /** `npm start`: loopback ranges may be assigned (its simulated fleet lives there). */
  readonly allowLoopbackRanges?: boolean;
  /** AWS: each tenant's key in API Gateway's usage plans, made on create and removed on delete. */
  readonly usageKeys?: UsageKeys;
}

const LOOPBACK_RANGES = ['127.0.0.0/8', '::1/128'].map(parseCidr);

export class OperatorService {
  constructor(private readonly p: OperatorPorts) {}

  async create(op: OperatorCaller, input: CreateTenantInput): Promise<{ tenant: TenantRecord; adminKey: CreatedApiKey }> {
    const subject = { action: 'operator.tenant.create', parameters: { name: String(input?.name), ranges: Array.isArray(input?.ranges) ? input.ranges.map(String) : String(input?.ranges) } };
    const now = this.p.clock.now().toISOString();
    let tenant: TenantRecord;
    try {
      tenant = {
        id: validateTenantId(input?.name, 'name'),
        status: 'active',
        ranges: this.ranges(input?.ranges),
        quotas: this.quotas(DEFAULT_QUOTAS, input?.quotas ?? {}),
        createdAt: now,
        updatedAt: now,
        updatedBy: op.actor,
        deletedAt: null,
        auditRetainedUntil: null,
      };
    } catch (e) {
      await this.recordOperator(op, { ...subject, target: 'tenant:new' }, 'denied', toDomainError(e).code);
      throw e;
    }
    await this.apply(op, tenant.id, subject, () => this.p.tenants.create(tenant), { ranges: [...tenant.ranges], quotas: { ...tenant.quotas } });
    // A rate given at creation is the tenant's own plan; otherwise the deployment's default plan.
    tenant = await this.planUsage(op, tenant, input?.quotas?.requestsPerSecond === undefined ? null : tenant.quotas.requestsPerSecond);
    const adminKey = await this.issueAdminKey(op, tenant.id);
    return { tenant, adminKey };
  }

  async list(_op: OperatorCaller, page: PageRequest = {}): Promise<Page<TenantRecord>> {
    return this.p.tenants.list(normalisePage(page));
  }

  async get(_op: OperatorCaller, id: string): Promise<TenantRecord> {
    const tenantId = validateTenantId(id);
    const tenant = await this.p.tenants.get(tenantId);
    if (!tenant) throw notFound('tenant', tenantId);
    return tenant;
  }

  /** Suspended: every key of the tenant is refused from the next request on (TenantGate), nothing is deleted. */
  async suspend(op: OperatorCaller, id: string): Promise<TenantRecord> {
    return this.change(op, id, 'operator.tenant.suspend', {}, (t) => {
      if (t.status !== 'active') throw conflict(`tenant ${t.id} is ${t.status}`);
      return { status: 'suspended' };
    });
  }

  async resume(op: OperatorCaller, id: string): Promise<TenantRecord> {
    return this.change(op, id, 'operator.tenant.resume', {}, (t) => {
      if (t.status !== 'suspended') throw conflict(`tenant ${t.id} is ${t.status}`);
      return { status: 'active' };
    });
  }

  async setRanges(op: OperatorCaller, id: string, ranges: readonly string[]): Promise<TenantRecord> {
    const valid = this.ranges(ranges);
    return this.change(op, id, 'operator.tenant.ranges', { ranges: [...valid] }, () => ({ ranges: valid }));
  }

  async setQuotas(op: OperatorCaller, id: string, quotas: Partial<TenantQuotas>): Promise<TenantRecord> {
    const tenant = await this.change(op, id, 'operator.tenant.quotas', { quotas: { ...quotas } as { [k: string]: JsonValue } }, (t) => ({ quotas: this.quotas(t.quotas, quotas) }));
    // A rate set by the operator is the tenant's own usage plan in AWS (per-tenant override).
    return typeof quotas === 'object' && quotas !== null && 'requestsPerSecond' in quotas ? this.planUsage(op, tenant, tenant.quotas.requestsPerSecond) : tenant;
  }

  /**
   * Gives the tenant its usage key (made if it has none) on its own plan at `requestsPerSecond`,
   * or on the default plan (null); recorded in both chains. Without usage keys (locally), as is.
   */
  private async planUsage(op: OperatorCaller, tenant: TenantRecord, requestsPerSecond: number | null): Promise<TenantRecord> {
    const keys = this.p.usageKeys;
    if (!keys) return tenant;
    const subject = { action: 'operator.tenant.usage-plan', parameters: { requestsPerSecond } };
    let after: TenantRecord | undefined;
    await this.apply(op, tenant.id, subject, async () => {
      let key = tenant.usageKey ?? (await keys.create(tenant.id));
      if (requestsPerSecond !== null || key.planId !== null) key = await keys.setRate(tenant.id, key, requestsPerSecond);
      after = { ...tenant, usageKey: key, updatedAt: this.p.clock.now().toISOString(), updatedBy: op.actor };
      await this.p.tenants.update(after, tenant.updatedAt);
    });
    return after as TenantRecord;
  }

  /** A new admin key for an active tenant: returned once, recorded in both chains. */
  async issueAdminKey(op: OperatorCaller, id: string, name = 'first admin'): Promise<CreatedApiKey> {
    const tenantId = validateTenantId(id);
    const subject = { action: 'operator.apikey.issue', parameters: { role: 'admin', name } };
    const tenant = await this.p.tenants.get(tenantId);
    if (!tenant || tenant.status !== 'active') {
      const error = tenant ? conflict(`tenant ${tenantId} is ${tenant.status}`) : notFound('tenant', tenantId);
      await this.recordOperator(op, { ...subject, target: `tenant:${tenantId}` }, 'denied', error.code);
      throw error;
    }
    const created = await this.p.apiKeys.bootstrap(tenantId, nonEmpty('name', name, 128), op.requestId);
    const parameters = { ...subject.parameters, keyId: created.info.id };
    await this.recordBoth(op, tenantId, { ...subject, parameters }, 'succeeded');
    return created;
  }

  /**
   * Deleted: the tenant is refused at once (its status), its API keys and BMC secrets are
   * deleted, its BMCs and their endpoint claims removed, its queued jobs cancelled. Its audit
   * log is kept (no TTL, append-only) until `auditRetainedUntil`; the record stays as a tombstone.
   */
  async delete(op: OperatorCaller, id: string): Promise<TenantRecord & { removed: { apiKeys: number; bmcs: number; jobs: number } }> {
    const retained = new Date(this.p.clock.now().getTime() + AUDIT_RETENTION_DAYS * 86_400_000).toISOString();
    const tenant = await this.change(op, id, 'operator.tenant.delete', { auditRetainedUntil: retained }, (t) => {
      if (t.status === 'deleted') throw conflict(`tenant ${t.id} is already deleted`);
      return { status: 'deleted', deletedAt: this.p.clock.now().toISOString(), auditRetainedUntil: retained };
    });
    const removed = await this.purge(tenant.id, op, tenant.usageKey);
    await this.recordBoth(op, tenant.id, { action: 'operator.tenant.purge', parameters: removed }, 'succeeded');
    return { ...tenant, removed };
  }

  private async purge(tenantId: TenantId, op: OperatorCaller, usageKey: UsageKey | null | undefined): Promise<{ apiKeys: number; bmcs: number; jobs: number }> {
    // Its gateway key first: nothing of the tenant is throttled or counted after this.
    if (usageKey && this.p.usageKeys) await this.p.usageKeys.remove(usageKey);
    let apiKeys = 0;
    for await (const key of pages((cursor) => this.p.apiKeyRepository.list(tenantId, { limit: 100, cursor }))) {
      await this.p.apiKeyRepository.delete(tenantId, key.id);
      apiKeys++;
    }
    let bmcs = 0;
    for await (const bmc of pages((cursor) => this.p.bmcs.list(tenantId, {}, { limit: 100, cursor }, { fresh: true }))) {
      await this.p.credentials.delete(tenantId, bmc.id);
      await this.p.bmcs.delete(tenantId, bmc.id);
      await this.p.ownership.release(tenantId, bmc.id, bmc.address, bmc.port);
      bmcs++;
    }
    let jobs = 0;
    for (const state of ['queued', 'running'] as const) {
      for await (const job of pages((cursor) => this.p.jobs.list(tenantId, { state }, { limit: 100, cursor }))) {
        if (await this.p.jobs.cancel(tenantId, job.id, op.actor, this.p.clock.now().toISOString())) jobs++;
      }
    }
    return { apiKeys, bmcs, jobs };
  }

  /**
   * Everything the tenant owns as JSON lines, one object per line with a `type`: the tenant, its
   * BMCs (no secrets: credentials live only in the secret store), API keys (no secrets, no
   * hashes), audit events, jobs and their tasks. Recorded in both chains.
   */
  async *export(op: OperatorCaller, id: string): AsyncGenerator<string> {
    const tenant = await this.get(op, id);
    await this.recordBoth(op, tenant.id, { action: 'operator.tenant.export', parameters: {} }, 'succeeded');
    const line = (type: string, value: object) => `${JSON.stringify({ type, ...value })}\n`;
    yield line('tenant', tenant);
    for await (const bmc of pages((cursor) => this.p.bmcs.list(tenant.id, {}, { limit: 100, cursor }, { fresh: true }))) yield line('bmc', bmc);
    for await (const key of pages((cursor) => this.p.apiKeyRepository.list(tenant.id, { limit: 100, cursor }))) yield line('apiKey', toKeyInfo(key));
    for await (const job of pages((cursor) => this.p.jobs.list(tenant.id, {}, { limit: 100, cursor }))) {
      yield line('job', job);
      for await (const task of pages((cursor) => this.p.jobs.listTasks(tenant.id, job.id, { limit: 100, cursor }))) yield line('jobTask', task);
    }
    for await (const event of pages((cursor) => this.p.auditLog.query(tenant.id, {}, { limit: 500, cursor }))) yield line('auditEvent', event);
  }

  private ranges(values: unknown): string[] {
    const ranges = canonicalRanges(values);
    const parsed = ranges.map(parseCidr);
    const family = coversWholeFamily(parsed);
    if (family) throw badInput('ranges', `together cover the whole IPv${family} address space`);
    if (!this.p.allowLoopbackRanges && parsed.some((r) => LOOPBACK_RANGES.some((l) => l.family === r.family && overlaps(l, r)))) {
      throw badInput('ranges', 'loopback ranges are only assigned by a local server');
    }
    return ranges;
  }

  private quotas(base: TenantQuotas, patch: Partial<TenantQuotas>): TenantQuotas {
    if (typeof patch !== 'object' || patch === null) throw badInput('quotas', 'must be an object');
    const out = { ...base };
    for (const [name, value] of Object.entries(patch)) {
      if (!(name in QUOTA_LIMITS)) throw badInput('quotas', `unknown quota ${name}; known: ${Object.keys(QUOTA_LIMITS).join(', ')}`);
      const q = name as keyof TenantQuotas;
      out[q] = integerIn(`quotas.${q}`, value, 0, QUOTA_LIMITS[q]);
    }
    return out;
  }

  /** Reads, checks and writes one tenant change (optimistic), recording it in both chains. */
  private async change(op: OperatorCaller, id: string, action: string, parameters: { [k: string]: JsonValue }, next: (t: TenantRecord) => Partial<TenantRecord>): Promise<TenantRecord> {
    const subject = { action, parameters };
    let tenantId: string;
    try {
      tenantId = validateTenantId(id);
    } catch (e) {
      await this.recordOperator(op, { ...subject, target: 'tenant:invalid' }, 'denied', 'BAD_USER_INPUT');
      throw e;
    }
    let result: TenantRecord | undefined;
    await this.apply(op, tenantId, subject, async () => {
      const before = await this.p.tenants.get(tenantId);
      if (!before) throw notFound('tenant', tenantId);
      const after: TenantRecord = { ...before, ...next(before), updatedAt: this.p.clock.now().toISOString(), updatedBy: op.actor };
      await this.p.tenants.update(after, before.updatedAt);
      result = after;
    });
    return result as TenantRecord;
  }

  private async apply(op: OperatorCaller, tenantId: TenantId, subject: { action: string; parameters: { [k: string]: JsonValue } }, run: () => Promise<void>, extra: { [k: string]: JsonValue } = {}): Promise<void> {
    try {
      await run();
    } catch (e) {
      const code = toDomainError(e).code;
      const outcome = code === 'NOT_FOUND' || code === 'BAD_USER_INPUT' || code === 'CONFLICT' ? 'denied' : 'failed';
      await this.recordOperator(op, { ...subject, target: `tenant:${tenantId}` }, outcome, code);
      throw e;
    }
    await this.recordBoth(op, tenantId, { ...subject, parameters: { ...subject.parameters, ...extra } }, 'succeeded');
  }

  private async recordBoth(op: OperatorCaller, tenantId: TenantId, subject: { action: string; parameters: { [k: string]: JsonValue } }, outcome: 'succeeded'): Promise<void> {
    await this.recordOperator(op, { ...subject, target: `tenant:${tenantId}` }, outcome, null);
    await this.p.audit.record(callerIn(tenantId, op), { ...subject, target: 'tenant', outcome });
  }

  private async recordOperator(op: OperatorCaller, subject: { action: string; target: string; parameters: { [k: string]: JsonValue } }, outcome: 'succeeded' | 'failed' | 'denied', errorCode: string | null): Promise<void> {
    await this.p.audit.record(callerIn(OPERATOR_AUDIT_TENANT, op), { ...subject, outcome, errorCode });
  }

  /** The operator chain's events, newest first (what `bmc-admin audit` reads). */
  async operatorAudit(_op: OperatorCaller, page: PageRequest = {}) {
    return this.p.auditLog.query(OPERATOR_AUDIT_TENANT, {}, normalisePage(page));
  }
}

/** The operator as a caller in `tenantId`'s audit log: role admin, actor the operator's identity. */
export function callerIn(tenantId: TenantId, op: OperatorCaller): Caller {
  return { principal: { tenantId, role: 'admin', actor: op.actor }, requestId: op.requestId, source: op.source };
}

function overlaps(a: { network: bigint; prefix: number; family: 4 | 6 }, b: { network: bigint; prefix: number }): boolean {
  const bits = a.family === 4 ? 32 : 128;
  const shift = BigInt(bits - Math.min(a.prefix, b.prefix));
  return a.network >> shift === b.network >> shift;
}

async function* pages<T>(read: (cursor: string | null) => Promise<Page<T>>): AsyncGenerator<T> {
  let cursor: string | null = null;
  do {
    const page: Page<T> = await read(cursor);
    yield* page.items;
    cursor = page.nextCursor;
  } while (cursor !== null);
}

export type { TenantStatus };
