/**
 * The BMC registry of a tenant: register (with credentials), update, remove, list, and
 * credential rotation as docs/architecture.md section 4 describes it (change, verify, commit; keep the
 * last known good; pause polling meanwhile).
 */
import { noTelemetry, type BmcFilter, type BmcGateway, type BmcRepository, type Clock, type CredentialStore, type IdGenerator, type Telemetry } from '../ports.ts';
import type { Bmc, Caller, Page, PageRequest, Privilege } from '../types.ts';
import { BMC_HEALTH } from '../types.ts';
import type { BmcCredentials, CredentialsInput } from '../credentials.ts';
import { badInput, conflict, DomainError, forbidden, notFound, toDomainError } from '../errors.ts';
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
import type { BmcOwnership } from '../tenants/ownership.ts';
import type { AuditService, AuditSubject } from './audit-service.ts';
import { audited } from './audited.ts';
import { ROTATION_MODES, type RotationMode } from '../jobs/types.ts';
import { bmcFor, listFor } from '../scoped-bmcs.ts';
import { tagsInScope } from '../key-scope.ts';

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
  readonly mode: RotationMode;
  readonly credentials: CredentialsInput;
}

/** A re-driven rotation could not tell which credentials the BMC has: its task ends unknown. */
export class RotationUnknownError extends DomainError {
  constructor(message: string) {
    super('BMC_AUTH_FAILED', message);
    this.name = 'RotationUnknownError';
  }
}

/** A rotation ready for its worker: the BMC is marked rotating and the new credentials are pending. */
export interface PreparedRotation {
  readonly bmc: Bmc;
  readonly mode: RotationMode;
  readonly username: string;
}

/** What a rotation job's task reports. */
export interface RotationResult {
  readonly mode: RotationMode;
  readonly username: string;
  readonly committedAt: string;
  /** True when a re-driven task found out from the BMC what its dead worker had done. */
  readonly recovered: boolean;
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
    /** Ranges, claims and quotas of provisioned tenants (tenants/ownership.ts); absent in unit tests of the core alone. */
    private readonly ownership?: BmcOwnership,
  ) {}

  private canonicalAddress(address: unknown): string {
    return this.ownership ? this.ownership.canonical(address) : validateAddress(address);
  }

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
    return listFor(this.bmcs, caller.principal, valid, normalisePage(page));
  }

  async register(caller: Caller, input: RegisterBmcInput): Promise<Bmc> {
    const subjectParams = { name: String(input?.name), address: String(input?.address) };
    await this.audit.authorize(caller, 'bmc:manage', { action: 'bmc.register', target: 'bmc:new', parameters: subjectParams });
    const now = this.clock.now().toISOString();
    const bmc: Bmc = {
      id: this.ids.next(),
      tenantId: caller.principal.tenantId,
      name: nonEmpty('name', input.name, 128),
      address: this.canonicalAddress(input.address),
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
    await this.refuseOutOfScope(caller, { action: 'bmc.register', target: 'bmc:new', parameters: subjectParams }, bmc.tags);
    const secret = sealCredentials(input.credentials);
    const ownership = this.ownership;
    if (ownership) {
      const refusalSubject = { action: 'bmc.register', target: 'bmc:new', parameters: { ...subjectParams, address: bmc.address, port: bmc.port } };
      try {
        await ownership.checkBmcQuota(await ownership.admit(bmc.tenantId, bmc.address));
        // The one conditional write that decides who owns the endpoint.
        await ownership.claim(bmc.tenantId, bmc.id, bmc.address, bmc.port);
      } catch (e) {
        throw await this.audit.deny(caller, refusalSubject, toDomainError(e));
      }
    }
    const { tenantId, createdAt: _c, updatedAt: _u, health: _h, credentialState: _s, credentialsUpdatedAt: _t, ...params } = bmc;
    try {
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
    } catch (e) {
      await ownership?.release(tenantId, bmc.id, bmc.address, bmc.port).catch(() => undefined);
      throw e;
    }
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
      ...(patch.address !== undefined && { address: this.canonicalAddress(patch.address) }),
      ...(patch.port !== undefined && { port: validatePort(patch.port) }),
      ...(patch.cipherSuite !== undefined && { cipherSuite: validateCipherSuite(patch.cipherSuite) }),
      ...(patch.privilege !== undefined && { privilege: validatePrivilege(patch.privilege) }),
      ...(patch.tags !== undefined && { tags: validateTags(patch.tags) }),
      updatedAt: this.clock.now().toISOString(),
    };
    await this.refuseOutOfScope(caller, subject, after.tags);
    const changed = Object.fromEntries(Object.keys(patch).map((k) => [k, after[k as keyof Bmc] as string | number | string[]]));
    const moved = after.address !== before.address || after.port !== before.port;
    const ownership = moved ? this.ownership : undefined;
    if (ownership) {
      try {
        await ownership.admit(before.tenantId, after.address);
        await ownership.claim(before.tenantId, bmcId, after.address, after.port);
      } catch (e) {
        throw await this.audit.deny(caller, { ...subject, parameters: changed }, toDomainError(e));
      }
    }
    try {
      await audited(this.audit, caller, {
        subject: { action: 'bmc.update', target: `bmc:${bmcId}`, parameters: changed },
        apply: () => this.bmcs.update(after, before.updatedAt),
        undo: () => this.bmcs.update(before, after.updatedAt),
      });
    } catch (e) {
      await ownership?.release(before.tenantId, bmcId, after.address, after.port).catch(() => undefined);
      throw e;
    }
    // The old endpoint is let go only once the move is on record.
    await ownership?.release(before.tenantId, bmcId, before.address, before.port).catch(() => undefined);
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
    await this.ownership?.release(before.tenantId, bmcId, before.address, before.port).catch(() => undefined);
    return before;
  }

  /**
   * The whole rotation in one call (prepare, then complete). The API runs it as a job instead
   * (JobService.startRotation), which can outlive a request; this is for tools and tests.
   */
  async rotateCredentials(caller: Caller, id: string, input: RotateCredentialsInput): Promise<Bmc> {
    const { bmc, mode } = await this.prepareRotation(caller, id, input);
    await this.completeRotation(caller, bmc.id, mode);
    return (await this.bmcs.get(bmc.tenantId, bmc.id)) ?? bmc;
  }

  /**
   * The first half of a rotation, in the request: checks, marks the BMC rotating (polling and
   * actions pause) and stages the new credentials as the pending version, where the worker
   * finds them. Nothing is sent to the BMC yet. Bad input and a BMC already rotating change
   * nothing.
   */
  async prepareRotation(caller: Caller, id: string, input: RotateCredentialsInput): Promise<PreparedRotation> {
    const bmcId = validateBmcId(id);
    const subject = { action: 'bmc.credentials.rotate', target: `bmc:${bmcId}` };
    await this.audit.authorize(caller, 'bmc:credentials', subject);
    const mode = oneOf('mode', input?.mode, ROTATION_MODES);
    const next = sealCredentials(input.credentials);
    // Fresh: a rotation must see the state another process left (rotating, or an unknown one).
    const before = await this.load(caller, bmcId, subject, true);
    if (isRotating(before, this.clock.now())) throw conflict(`BMC ${bmcId} is already rotating credentials`);
    if (before.credentialState === 'rotating') await this.resolveUnknownRotation(caller, before, mode, next, subject);
    const current = await this.credentials.get(before.tenantId, bmcId, 'current', { fresh: true });
    if (!current) throw new DomainError('BMC_AUTH_FAILED', `no stored credentials for BMC ${bmcId}`);
    if (mode === 'set-on-bmc' && current.username !== next.username) {
      throw badInput('credentials.username', 'set-on-bmc changes the password of the current user only');
    }
    const rotating: Bmc = { ...before, credentialState: 'rotating', updatedAt: this.clock.now().toISOString() };
    await this.bmcs.update(rotating, before.updatedAt);
    try {
      await this.credentials.stage(before.tenantId, bmcId, next);
    } catch (e) {
      await this.settle(rotating, null);
      throw e;
    }
    return { bmc: rotating, mode, username: next.username };
  }

  /**
   * A rotation left `rotating` past ROTATION_STALE_MS with its pending version still stored ended
   * unknown (recoverRotation): the BMC took neither version, and the pending one may be the only
   * password it will take again. It is never overwritten blindly. The way out: make the BMC take
   * known credentials (e.g. set from the host with `ipmitool user set password`) and rotate with
   * `already-changed` and those credentials; they are verified on the BMC here, before anything
   * is staged. Until they verify, every rotation is refused and both versions stay.
   */
  private async resolveUnknownRotation(caller: Caller, bmc: Bmc, mode: RotationMode, next: BmcCredentials, subject: AuditSubject): Promise<void> {
    if (!(await this.credentials.get(bmc.tenantId, bmc.id, 'pending', { fresh: true }))) return;
    if (mode !== 'already-changed') {
      throw await this.audit.deny(
        caller,
        subject,
        conflict(`BMC ${bmc.id} has an unresolved rotation: the BMC took neither its current nor its pending credentials, so both are kept; set known credentials on the BMC and rotate with mode already-changed`),
      );
    }
    try {
      await this.gateway.verifyCredentials(bmc, next, { requestId: caller.requestId });
    } catch (e) {
      throw await this.audit.deny(caller, subject, new DomainError('BMC_AUTH_FAILED', `BMC ${bmc.id} does not take the given credentials; its unresolved rotation and both kept versions are unchanged`, { cause: e }));
    }
  }

  /** Undoes a prepared rotation that will not run (its job could not be started). */
  async abandonRotation(prepared: PreparedRotation): Promise<void> {
    await this.credentials.discardPending(prepared.bmc.tenantId, prepared.bmc.id).catch(() => undefined);
    await this.settle(prepared.bmc, null);
  }

  /**
   * The second half, in a worker: change (set-on-bmc), verify, commit (pending -> current,
   * current kept as previous). On failure a password changed on the BMC is changed back
   * before the pending version is dropped, so the BMC always answers to a version the store
   * still holds; the BMC stays on its last known good credentials.
   */
  async completeRotation(caller: Caller, id: string, mode: RotationMode, signal?: AbortSignal): Promise<RotationResult> {
    const bmc = await this.rotatingBmc(caller, id);
    const pending = await this.credentials.get(bmc.tenantId, bmc.id, 'pending', { fresh: true });
    if (!pending) {
      await this.settle(bmc, null);
      throw conflict(`BMC ${bmc.id} has no pending credentials: the rotation was abandoned`);
    }
    const subject = { action: 'bmc.credentials.rotate', target: `bmc:${bmc.id}`, parameters: { mode, username: pending.username } };
    let committedAt: string;
    try {
      // The BMC may be changed for good below, so the intent is on record first; when that
      // write fails nothing has been touched and the rotation is refused.
      await this.audit.record(caller, { ...subject, outcome: 'started' });
      committedAt = await this.changeVerifyCommit(caller, bmc, mode, pending, signal);
    } catch (e) {
      const code = toDomainError(e).code;
      if (code === 'BMC_UNREACHABLE') this.telemetry.bmcUnreachable();
      await this.audit.record(caller, { ...subject, outcome: 'failed', errorCode: code }).catch(() => undefined);
      await this.settle(bmc, null);
      await this.credentials.discardPending(bmc.tenantId, bmc.id).catch(() => undefined);
      throw e;
    }
    await this.settle(bmc, committedAt);
    await this.audit.record(caller, { ...subject, outcome: 'succeeded' });
    return { mode, username: pending.username, committedAt, recovered: false };
  }

  /**
   * A rotation whose worker died after it may have changed the BMC: find out which version the
   * BMC answers to before anything is sent again, and close the orphaned `started` event.
   * - the pending version works: the change took effect; commit it;
   * - no pending version and the BMC is still marked rotating: it was committed; finish;
   * - only the current version works: the change did not take effect; rotate once more;
   * - neither works: unknown; both versions stay in the store and the BMC stays marked
   *   rotating (until ROTATION_STALE_MS), so nothing uses a password that may be wrong.
   */
  async recoverRotation(caller: Caller, orphan: Caller, id: string, mode: RotationMode, signal?: AbortSignal): Promise<RotationResult> {
    const bmc = await this.rotatingBmc(caller, id);
    const { tenantId } = bmc;
    const subject = { action: 'bmc.credentials.rotate', target: `bmc:${bmc.id}`, parameters: { mode, recovered: true } };
    const options = { requestId: caller.requestId, ...(signal && { signal }) };
    const answers = async (c: BmcCredentials | undefined) => c !== undefined && (await this.gateway.verifyCredentials(bmc, c, options).then(() => true, () => false));
    const pending = await this.credentials.get(tenantId, bmc.id, 'pending', { fresh: true });
    if (pending && (await answers(pending))) {
      await this.credentials.promote(tenantId, bmc.id);
      this.credentials.invalidate(tenantId, bmc.id);
      const committedAt = this.clock.now().toISOString();
      await this.settle(bmc, committedAt);
      await this.audit.record(orphan, { ...subject, parameters: { ...subject.parameters, username: pending.username }, outcome: 'succeeded' });
      return { mode, username: pending.username, committedAt, recovered: true };
    }
    const current = await this.credentials.get(tenantId, bmc.id, 'current', { fresh: true });
    if (await answers(current)) {
      if (!pending) {
        // Committed before the worker died: only the record and the outcome were missing.
        const committedAt = this.clock.now().toISOString();
        await this.settle(bmc, committedAt);
        await this.audit.record(orphan, { ...subject, outcome: 'succeeded' });
        return { mode, username: (current as BmcCredentials).username, committedAt, recovered: true };
      }
      await this.audit.record(orphan, { ...subject, outcome: 'failed', errorCode: 'BMC_AUTH_FAILED' });
      return { ...(await this.completeRotation(caller, bmc.id, mode, signal)), recovered: true };
    }
    await this.audit.record(orphan, { ...subject, outcome: 'unknown', errorCode: 'BMC_AUTH_FAILED' });
    throw new RotationUnknownError(
      `the worker stopped during a credential rotation of BMC ${bmc.id}, and the BMC now accepts neither the current nor the new credentials (or cannot be reached); both are kept, and nothing was sent again`,
    );
  }

  private async rotatingBmc(caller: Caller, id: string): Promise<Bmc> {
    const bmc = await bmcFor(this.bmcs, caller.principal, id, { fresh: true });
    if (!bmc) throw notFound('BMC', id);
    return bmc;
  }

  /** The BMC back to `ok`; `committedAt` when new credentials were committed. */
  private async settle(bmc: Bmc, committedAt: string | null): Promise<void> {
    const fresh = (await this.bmcs.get(bmc.tenantId, bmc.id, { fresh: true })) ?? bmc;
    if (fresh.credentialState !== 'rotating') return;
    const settled: Bmc = { ...fresh, credentialState: 'ok', updatedAt: this.clock.now().toISOString(), ...(committedAt !== null && { credentialsUpdatedAt: committedAt }) };
    await this.bmcs.update(settled, fresh.updatedAt).catch(() => undefined);
  }

  private async changeVerifyCommit(caller: Caller, bmc: Bmc, mode: RotationMode, next: BmcCredentials, signal?: AbortSignal): Promise<string> {
    const { tenantId, id } = bmc;
    const options = { requestId: caller.requestId, ...(signal && { signal }) };
    const current = await this.credentials.get(tenantId, id, 'current', { fresh: true });
    if (!current) throw new DomainError('BMC_AUTH_FAILED', `no stored credentials for BMC ${id}`);
    let changedOnBmc = false;
    try {
      if (mode === 'set-on-bmc') {
        await this.gateway.changePassword(bmc, current, next.reveal().password, options);
        changedOnBmc = true;
      }
      await this.gateway.verifyCredentials(bmc, next, options);
      await this.credentials.promote(tenantId, id);
    } catch (e) {
      // Back first, while the pending version still says what the BMC has.
      if (changedOnBmc) await this.gateway.changePassword(bmc, next, current.reveal().password, { requestId: caller.requestId }).catch(() => undefined);
      throw e;
    }
    this.credentials.invalidate(tenantId, id);
    return this.clock.now().toISOString();
  }

  /**
   * A key scoped to some tags may only register BMCs, or retag them, within its tags: it could
   * not reach them afterwards, and retagging would move BMCs out of its own sight by mistake.
   */
  private async refuseOutOfScope(caller: Caller, subject: AuditSubject, tags: readonly string[]): Promise<void> {
    if (!tagsInScope(caller.principal, tags)) throw await this.audit.deny(caller, subject, forbidden("the BMC's tags must include one of this key's scope tags"));
  }

  /**
   * The caller's tenant and key scope only: another tenant's BMC, or one outside the key's tags,
   * is indistinguishable from a missing one, and an attempt on any is recorded as denied
   * (NOT_FOUND) in the caller's own log.
   */
  private async load(caller: Caller, id: string, subject: AuditSubject, fresh = false): Promise<Bmc> {
    const bmc = await bmcFor(this.bmcs, caller.principal, id, { fresh });
    if (!bmc) throw await this.audit.deny(caller, subject, notFound('BMC', id));
    return bmc;
  }
}
