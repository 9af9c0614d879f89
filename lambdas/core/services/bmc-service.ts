/**
 * The BMC registry of a tenant: register (with credentials), update, remove, list, and
 * credential rotation as docs/architecture.md section 4 describes it (change, verify, commit; keep the
 * last known good; pause polling meanwhile).
 */
import { noTelemetry, type BmcFilter, type BmcGateway, type BmcRepository, type Clock, type CredentialStore, type IdGenerator, type Telemetry } from '../ports.ts';
import type { Bmc, Caller, Page, PageRequest, Privilege } from '../types.ts';
import { BMC_HEALTH } from '../types.ts';
import type { BmcCredentials, CredentialsInput } from '../credentials.ts';
import { badInput, conflict, DomainError, notFound, toDomainError } from '../errors.ts';
import {
  sealCredentials,
  validateAddress,
  validateBmcId,
  validateCipherSuite,
  validatePort,
  validatePrivilege,
  validateTags,
} from '../bmc-input.ts';
import { nonEmpty, normalisePage, oneOf } from '../validation.ts';
import type { AuditService, AuditSubject } from './audit-service.ts';
import { audited } from './audited.ts';

export interface RegisterBmcInput {
  readonly name: string;
  readonly address: string;
  /** Default 623 (RMCP, IPMI v2.0 section 13.1.1). */
  readonly port?: number | undefined;
  readonly cipherSuite?: number | 'auto' | undefined;
  readonly privilege?: Privilege | undefined;
  readonly tags?: readonly string[] | undefined;
  readonly credentials: CredentialsInput;
}

/** Omitted (or undefined) fields stay as they are. */
export type UpdateBmcInput = { readonly [K in keyof Omit<RegisterBmcInput, 'credentials'>]?: RegisterBmcInput[K] | undefined };

export interface RotateCredentialsInput {
  /**
   * `set-on-bmc`: change the password on the BMC with the current credentials, then verify
   * the new ones. `already-changed`: the BMC was changed out of band; verify, then commit.
   */
  readonly mode: 'set-on-bmc' | 'already-changed';
  readonly credentials: CredentialsInput;
}

const RMCP_PORT = 623;

/** A rotation older than this was interrupted (e.g. a Lambda timed out) and no longer blocks. */
export const ROTATION_STALE_MS = 15 * 60_000;

/** True while a rotation is in progress: polling and actions on the BMC pause. */
export function isRotating(bmc: Bmc, now: Date): boolean {
  return bmc.credentialState === 'rotating' && now.getTime() - Date.parse(bmc.updatedAt) < ROTATION_STALE_MS;
}

export class BmcService {
  constructor(
    private readonly bmcs: BmcRepository,
    private readonly credentials: CredentialStore,
    private readonly gateway: BmcGateway,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
    private readonly telemetry: Telemetry = noTelemetry,
  ) {}

  async get(caller: Caller, id: string): Promise<Bmc> {
    const bmcId = validateBmcId(id);
    const subject = { action: 'bmc.get', target: `bmc:${bmcId}` };
    await this.audit.authorize(caller, 'bmc:read', subject);
    return this.load(caller, bmcId, subject);
  }

  async list(caller: Caller, filter: BmcFilter = {}, page: PageRequest = {}): Promise<Page<Bmc>> {
    await this.audit.authorize(caller, 'bmc:read', { action: 'bmc.list', target: 'bmc:*' });
    const valid: { -readonly [K in keyof BmcFilter]: BmcFilter[K] } = {};
    if (filter.tags !== undefined) valid.tags = validateTags(filter.tags);
    if (filter.nameContains !== undefined) valid.nameContains = nonEmpty('nameContains', filter.nameContains, 128);
    if (filter.health !== undefined) valid.health = oneOf('health', filter.health, BMC_HEALTH);
    return this.bmcs.list(caller.principal.tenantId, valid, normalisePage(page));
  }

  async register(caller: Caller, input: RegisterBmcInput): Promise<Bmc> {
    const subjectParams = { name: String(input?.name), address: String(input?.address) };
    await this.audit.authorize(caller, 'bmc:manage', { action: 'bmc.register', target: 'bmc:new', parameters: subjectParams });
    const now = this.clock.now().toISOString();
    const bmc: Bmc = {
      id: this.ids.next(),
      tenantId: caller.principal.tenantId,
      name: nonEmpty('name', input.name, 128),
      address: validateAddress(input.address),
      port: input.port === undefined ? RMCP_PORT : validatePort(input.port),
      cipherSuite: input.cipherSuite === undefined ? 'auto' : validateCipherSuite(input.cipherSuite),
      privilege: input.privilege === undefined ? 'admin' : validatePrivilege(input.privilege),
      tags: input.tags === undefined ? [] : validateTags(input.tags),
      createdAt: now,
      updatedAt: now,
      health: 'unknown',
      credentialState: 'ok',
      credentialsUpdatedAt: now,
    };
    const secret = sealCredentials(input.credentials);
    const { tenantId, createdAt: _c, updatedAt: _u, health: _h, credentialState: _s, credentialsUpdatedAt: _t, ...params } = bmc;
    await audited(this.audit, caller, {
      subject: { action: 'bmc.register', target: `bmc:${bmc.id}`, parameters: { ...params, tags: [...params.tags], username: secret.username } },
      apply: async () => {
        await this.credentials.put(tenantId, bmc.id, secret);
        try {
          await this.bmcs.create(bmc);
        } catch (e) {
          await this.credentials.delete(tenantId, bmc.id).catch(() => undefined);
          throw e;
        }
      },
      undo: async () => {
        await this.bmcs.delete(tenantId, bmc.id);
        await this.credentials.delete(tenantId, bmc.id);
      },
    });
    return bmc;
  }

  async update(caller: Caller, id: string, patch: UpdateBmcInput): Promise<Bmc> {
    const bmcId = validateBmcId(id);
    const subject = { action: 'bmc.update', target: `bmc:${bmcId}` };
    await this.audit.authorize(caller, 'bmc:manage', subject);
    const before = await this.load(caller, bmcId, subject);
    if (isRotating(before, this.clock.now())) throw conflict(`BMC ${bmcId} is rotating credentials`);
    const after: Bmc = {
      ...before,
      ...(patch.name !== undefined && { name: nonEmpty('name', patch.name, 128) }),
      ...(patch.address !== undefined && { address: validateAddress(patch.address) }),
      ...(patch.port !== undefined && { port: validatePort(patch.port) }),
      ...(patch.cipherSuite !== undefined && { cipherSuite: validateCipherSuite(patch.cipherSuite) }),
      ...(patch.privilege !== undefined && { privilege: validatePrivilege(patch.privilege) }),
      ...(patch.tags !== undefined && { tags: validateTags(patch.tags) }),
      updatedAt: this.clock.now().toISOString(),
    };
    const changed = Object.fromEntries(Object.keys(patch).map((k) => [k, after[k as keyof Bmc] as string | number | string[]]));
    await audited(this.audit, caller, {
      subject: { action: 'bmc.update', target: `bmc:${bmcId}`, parameters: changed },
      apply: () => this.bmcs.update(after, before.updatedAt),
      undo: () => this.bmcs.update(before, after.updatedAt),
    });
    return after;
  }

  async remove(caller: Caller, id: string): Promise<Bmc> {
    const bmcId = validateBmcId(id);
    const subject = { action: 'bmc.remove', target: `bmc:${bmcId}` };
    await this.audit.authorize(caller, 'bmc:manage', subject);
    const before = await this.load(caller, bmcId, subject);
    if (isRotating(before, this.clock.now())) throw conflict(`BMC ${bmcId} is rotating credentials`);
    await audited(this.audit, caller, {
      subject: { action: 'bmc.remove', target: `bmc:${bmcId}`, parameters: { name: before.name } },
      apply: async () => {
        if (!(await this.bmcs.delete(before.tenantId, bmcId))) throw notFound('BMC', bmcId);
      },
      undo: () => this.bmcs.create(before),
    });
    // Only once the removal is on record: the secret cannot be restored by an undo.
    await this.credentials.delete(before.tenantId, bmcId).catch(() => undefined);
    return before;
  }

  /**
   * Rotation: mark the BMC rotating (polling and actions pause), stage the new credentials,
   * change them on the BMC if asked, verify by opening a session with them, then commit
   * (pending -> current, current kept as previous). On any failure the pending version is
   * dropped, a password already changed on the BMC is changed back, and the BMC stays on
   * its last known good credentials.
   */
  async rotateCredentials(caller: Caller, id: string, input: RotateCredentialsInput): Promise<Bmc> {
    const bmcId = validateBmcId(id);
    const target = `bmc:${bmcId}`;
    await this.audit.authorize(caller, 'bmc:credentials', { action: 'bmc.credentials.rotate', target });
    const mode = oneOf('mode', input?.mode, ['set-on-bmc', 'already-changed'] as const);
    const next = sealCredentials(input.credentials);
    const before = await this.load(caller, bmcId, { action: 'bmc.credentials.rotate', target });
    if (isRotating(before, this.clock.now())) throw conflict(`BMC ${bmcId} is already rotating credentials`);
    const subject = { action: 'bmc.credentials.rotate', target, parameters: { mode, username: next.username } };

    const rotating: Bmc = { ...before, credentialState: 'rotating', updatedAt: this.clock.now().toISOString() };
    await this.bmcs.update(rotating, before.updatedAt);
    let committedAt: string | null = null;
    try {
      // The BMC may be changed for good below, so the intent is on record first; when that
      // write fails nothing has been touched and the rotation is refused.
      await this.audit.record(caller, { ...subject, outcome: 'started' });
      try {
        committedAt = await this.changeVerifyCommit(caller, before, mode, next);
      } catch (e) {
        const code = toDomainError(e).code;
        if (code === 'BMC_UNREACHABLE') this.telemetry.bmcUnreachable();
        await this.audit.record(caller, { ...subject, outcome: 'failed', errorCode: code }).catch(() => undefined);
        throw e;
      }
      await this.audit.record(caller, { ...subject, outcome: 'succeeded' });
    } finally {
      const settled: Bmc = {
        ...rotating,
        credentialState: 'ok',
        updatedAt: this.clock.now().toISOString(),
        ...(committedAt !== null && { credentialsUpdatedAt: committedAt }),
      };
      await this.bmcs.update(settled, rotating.updatedAt).catch(() => undefined);
    }
    return (await this.bmcs.get(before.tenantId, bmcId)) ?? before;
  }

  private async changeVerifyCommit(caller: Caller, bmc: Bmc, mode: RotateCredentialsInput['mode'], next: BmcCredentials): Promise<string> {
    const { tenantId, id } = bmc;
    const options = { requestId: caller.requestId };
    const current = await this.credentials.get(tenantId, id, 'current', { fresh: true });
    if (!current) throw new DomainError('BMC_AUTH_FAILED', `no stored credentials for BMC ${id}`);
    if (mode === 'set-on-bmc' && current.username !== next.username) {
      throw badInput('credentials.username', 'set-on-bmc changes the password of the current user only');
    }
    await this.credentials.stage(tenantId, id, next);
    let changedOnBmc = false;
    try {
      if (mode === 'set-on-bmc') {
        await this.gateway.changePassword(bmc, current, next.reveal().password, options);
        changedOnBmc = true;
      }
      await this.gateway.verifyCredentials(bmc, next, options);
      await this.credentials.promote(tenantId, id);
    } catch (e) {
      await this.credentials.discardPending(tenantId, id).catch(() => undefined);
      if (changedOnBmc) await this.gateway.changePassword(bmc, next, current.reveal().password, options).catch(() => undefined);
      throw e;
    }
    this.credentials.invalidate(tenantId, id);
    return this.clock.now().toISOString();
  }

  /**
   * The caller's tenant only: another tenant's BMC is indistinguishable from a missing one, and
   * an attempt on either is recorded as denied (NOT_FOUND) in the caller's own log.
   */
  private async load(caller: Caller, id: string, subject: AuditSubject): Promise<Bmc> {
    const bmc = await this.bmcs.get(caller.principal.tenantId, id);
    if (!bmc) throw await this.audit.deny(caller, subject, notFound('BMC', id));
    return bmc;
  }
}
