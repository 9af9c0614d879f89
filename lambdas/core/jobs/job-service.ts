/**
 * Jobs as the API sees them: start one over a fleet (answers at once, the work runs in workers),
 * read it, page its tasks, list a tenant's jobs, cancel. Roles and tenants as everywhere: a job
 * of another tenant is NOT_FOUND, and every refusal is on record.
 */
import type { Clock, IdGenerator } from '../ports.ts';
import type { Caller, JsonValue, Page, PageRequest } from '../types.ts';
import { POWER_ACTIONS } from '../bmc-data.ts';
import type { Permission } from '../authorization.ts';
import { badInput, conflict, errorInfo, notFound } from '../errors.ts';
import { integerIn, normalisePage, oneOf } from '../validation.ts';
import type { AuditService, AuditSubject } from '../services/audit-service.ts';
import type { TenantRegistry } from '../tenants/ports.ts';
import { quotaExceeded, type QuotaExceededError } from '../tenants/quota.ts';
import { refusedIdsSubject, type FleetSelector, type FleetService } from '../services/fleet-service.ts';
import type { BmcService, RotateCredentialsInput } from '../services/bmc-service.ts';
import { validateBmcId } from '../bmc-input.ts';
import { seesJob } from '../key-scope.ts';
import type { JobFilter, JobMessage, JobQueue, JobStore } from './ports.ts';
import { emptyProgress, isFinished, jobState, JOB_KINDS, JOB_STATES, type Job, type JobKind, type JobOperation, type JobTask } from './types.ts';

/** Permission a job's tasks need, per kind: the same as the single-BMC operation. */
export const JOB_PERMISSION: Readonly<Record<JobKind, Permission>> = {
  'fleet.power': 'bmc:power',
  'fleet.powerStatus': 'bmc:read',
  'fleet.sensors': 'bmc:read',
  'bmc.sol': 'bmc:sol',
  'bmc.credentials.rotate': 'bmc:credentials',
  'monitor.collect': 'bmc:read',
  'fleet.identify': 'bmc:identify',
};

/**
 * Longest SOL capture a job takes: its task deadline (the capture plus SOL_SETUP_MS) must end
 * inside the worker Lambda's 300 s timeout, with room for the store writes around it.
 */
export const MAX_SOL_JOB_SECONDS = 240;

/** Chassis Identify's interval is one byte (IPMI v2.0 section 28.5); 0 would turn it off. */
export const MAX_IDENTIFY_SECONDS = 255;

export interface JobServiceOptions {
  /** Tasks per queue message: one worker invocation's share of a job. */
  readonly tasksPerMessage?: number;
  /** How long job and task items stay in the store after creation. */
  readonly retentionDays?: number;
}

export const DEFAULT_TASKS_PER_MESSAGE = 50;
export const DEFAULT_RETENTION_DAYS = 30;

/** The queue messages that cover a job's tasks, `tasksPerMessage` each. */
export function jobMessages(job: Pick<Job, 'tenantId' | 'id' | 'progress'>, tasksPerMessage: number = DEFAULT_TASKS_PER_MESSAGE): JobMessage[] {
  const out: JobMessage[] = [];
  for (let first = 0; first < job.progress.total; first += tasksPerMessage) {
    out.push({ tenantId: job.tenantId, jobId: job.id, first, count: Math.min(tasksPerMessage, job.progress.total - first) });
  }
  return out;
}

/** A job id as it may appear in a path: what the id generator makes, bounded. */
export function validateJobId(value: unknown): string {
  if (typeof value !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(value)) throw badInput('id', 'not a valid job id');
  return value;
}

export class JobService {
  private readonly tasksPerMessage: number;
  private readonly retentionSeconds: number;

  constructor(
    private readonly store: JobStore,
    private readonly queue: JobQueue,
    private readonly fleet: FleetService,
    private readonly bmcs: BmcService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
    options: JobServiceOptions = {},
    /** Quotas of provisioned tenants (concurrent jobs, fleet size); none apply without it. */
    private readonly tenants?: TenantRegistry,
  ) {
    this.tasksPerMessage = options.tasksPerMessage ?? DEFAULT_TASKS_PER_MESSAGE;
    this.retentionSeconds = (options.retentionDays ?? DEFAULT_RETENTION_DAYS) * 86_400;
  }

  /**
   * Writes the job and one task per selected BMC, records it, then enqueues it. Ids the
   * selection does not find still get a task, created failed as NOT_FOUND (as the same id would
   * be alone), and are one denied event for the request that lists them, not one per id.
   */
  async startFleet(caller: Caller, selector: FleetSelector, operation: JobOperation): Promise<Job> {
    const op = validateOperation(operation);
    const subject = { action: 'job.start', target: 'job:*', parameters: { kind: op.kind, ...operationParameters(op) } };
    await this.audit.authorize(caller, JOB_PERMISSION[op.kind], subject);
    const targets = await this.fleet.select(caller, selector);
    const missing = targets.filter((t) => !t.bmc).map((t) => t.id);
    if (missing.length > 0) await this.audit.deny(caller, refusedIdsSubject('job.start', missing), notFound('BMC', missing[0] ?? ''));
    return this.create(caller, targets.map((t) => t.id), op, new Set(missing));
  }

  /**
   * A console capture of one BMC, as a job of one task: a capture of minutes outlives a
   * request. The BMC is checked when the task runs (role, tenant, rotation), as for fleet jobs.
   */
  async startSolCapture(caller: Caller, bmcId: string, seconds: number): Promise<Job> {
    const id = validateBmcId(bmcId);
    const op = validateOperation({ kind: 'bmc.sol', seconds });
    await this.audit.authorize(caller, JOB_PERMISSION[op.kind], { action: 'job.start', target: 'job:*', parameters: { kind: op.kind, ...operationParameters(op) } });
    await this.bmcs.get(caller, id);
    return this.create(caller, [id], op);
  }

  /**
   * A credential rotation as a job of one task. The request checks the input, marks the BMC
   * rotating and stages the new credentials (never in the job itself); the worker changes,
   * verifies and commits. A job that cannot be started undoes the preparation.
   */
  async startRotation(caller: Caller, bmcId: string, input: RotateCredentialsInput): Promise<Job> {
    await this.audit.authorize(caller, JOB_PERMISSION['bmc.credentials.rotate'], { action: 'job.start', target: 'job:*', parameters: { kind: 'bmc.credentials.rotate' } });
    const prepared = await this.bmcs.prepareRotation(caller, bmcId, input);
    try {
      return await this.create(caller, [prepared.bmc.id], { kind: 'bmc.credentials.rotate', mode: prepared.mode, username: prepared.username });
    } catch (e) {
      await this.bmcs.abandonRotation(prepared);
      throw e;
    }
  }

  /**
   * A scheduled collection cycle over the BMCs one monitoring rule watches, started by the
   * scheduler as the tenant's monitoring actor (monitoring/scheduler.ts); on record as every job.
   */
  async startMonitorCollect(caller: Caller, bmcIds: readonly string[], operation: JobOperation): Promise<Job> {
    const op = validateOperation(operation);
    await this.audit.authorize(caller, JOB_PERMISSION[op.kind], { action: 'job.start', target: 'job:*', parameters: { kind: op.kind, ...operationParameters(op) } });
    return this.create(caller, bmcIds.map(validateBmcId), op);
  }

  /**
   * Writes the job and one task per BMC id, records it, then enqueues it. Ids that name no BMC
   * of the tenant still get a task: it fails as NOT_FOUND, as the same id would alone.
   */
  private async create(caller: Caller, bmcIds: readonly string[], op: JobOperation, missing: ReadonlySet<string> = new Set()): Promise<Job> {
    const subject = { action: 'job.start', target: 'job:*', parameters: { kind: op.kind, ...operationParameters(op) } };
    const now = this.clock.now();
    const at = now.toISOString();
    const id = this.ids.next();
    const tenantId = caller.principal.tenantId;
    await this.checkQuotas(caller, subject, bmcIds.length);
    const job: Job = {
      tenantId,
      id,
      kind: op.kind,
      operation: op,
      startedBy: caller.principal,
      requestId: caller.requestId,
      source: caller.source,
      storedState: 'queued',
      progress: { ...emptyProgress(bmcIds.length), done: missing.size, failed: missing.size },
      cancelledTasks: 0,
      createdAt: at,
      updatedAt: at,
      cancelledAt: null,
      cancelledBy: null,
      expiresAt: Math.floor(now.getTime() / 1000) + this.retentionSeconds,
    };
    const tasks: JobTask[] = bmcIds.map((bmcId, index) => ({
      tenantId,
      jobId: id,
      index,
      bmcId,
      state: missing.has(bmcId) ? 'failed' : 'queued',
      attempts: 0,
      result: null,
      error: missing.has(bmcId) ? errorInfo(notFound('BMC', bmcId)) : null,
      createdAt: at,
      startedAt: null,
      finishedAt: missing.has(bmcId) ? at : null,
      leaseOwner: null,
      leaseExpiresAt: null,
      actionRequestId: null,
    }));
    await this.store.create(job, tasks);
    const recorded = { ...subject, target: `job:${id}`, parameters: { ...subject.parameters, tasks: tasks.length } };
    try {
      await this.audit.record(caller, { ...recorded, outcome: 'succeeded' });
      await this.queue.send(this.messages(job));
    } catch (e) {
      // Not on record or not queued: the job must not run later by surprise.
      await this.store.cancel(tenantId, id, 'system:job-start-failed', this.clock.now().toISOString()).catch(() => undefined);
      throw e;
    }
    return job;
  }

  /**
   * RATE_LIMITED (QuotaExceededError) when the job is larger than the tenant's fleet size or the
   * tenant already runs its maximum of jobs; recorded as denied, nothing written. Jobs counted
   * are those queued or running when the request reads them: concurrent starts may each see
   * room for one more.
   */
  private async checkQuotas(caller: Caller, subject: AuditSubject, tasks: number): Promise<void> {
    const tenant = this.tenants && (await this.tenants.get(caller.principal.tenantId));
    if (!tenant) return;
    let refusal: QuotaExceededError | undefined;
    if (tasks > tenant.quotas.maxFleetSize) refusal = quotaExceeded('maxFleetSize', tenant.quotas);
    else if ((await this.activeJobs(tenant.id, tenant.quotas.maxConcurrentJobs)) >= tenant.quotas.maxConcurrentJobs) refusal = quotaExceeded('maxConcurrentJobs', tenant.quotas);
    if (refusal) throw await this.audit.deny(caller, { ...subject, parameters: { ...subject.parameters, tasks } }, refusal);
  }

  private async activeJobs(tenantId: string, atLeast: number): Promise<number> {
    let count = 0;
    for (const state of ['running', 'queued'] as const) {
      let cursor: string | null = null;
      do {
        const page = await this.store.list(tenantId, { state }, { limit: 100, cursor });
        count += page.items.length;
        cursor = page.nextCursor;
      } while (cursor !== null && count < atLeast);
    }
    return count;
  }

  private messages(job: Job): JobMessage[] {
    return jobMessages(job, this.tasksPerMessage);
  }

  async get(caller: Caller, id: string): Promise<Job> {
    const jobId = validateJobId(id);
    await this.audit.authorize(caller, 'bmc:read', { action: 'job.read', target: `job:${jobId}` });
    return this.find(caller, jobId, 'job.read');
  }

  async list(caller: Caller, filter: JobFilter = {}, page: PageRequest = {}): Promise<Page<Job>> {
    await this.audit.authorize(caller, 'bmc:read', { action: 'job.list', target: 'job:*' });
    const valid: { state?: NonNullable<JobFilter['state']>; kind?: NonNullable<JobFilter['kind']> } = {};
    if (filter.state !== undefined) valid.state = oneOf('state', filter.state, JOB_STATES);
    if (filter.kind !== undefined) valid.kind = oneOf('kind', filter.kind, JOB_KINDS);
    const result = await this.store.list(caller.principal.tenantId, valid, normalisePage(page));
    return caller.principal.scope?.tags ? { items: result.items.filter((j) => seesJob(caller.principal, j)), nextCursor: result.nextCursor } : result;
  }

  async tasks(caller: Caller, id: string, page: PageRequest = {}): Promise<Page<JobTask>> {
    const jobId = validateJobId(id);
    await this.audit.authorize(caller, 'bmc:read', { action: 'job.tasks.read', target: `job:${jobId}` });
    const valid = normalisePage(page);
    await this.find(caller, jobId, 'job.tasks.read');
    return this.store.listTasks(caller.principal.tenantId, jobId, valid);
  }

  /**
   * Stops tasks that have not started; running ones finish. A finished job is a CONFLICT and
   * stays as it was.
   */
  async cancel(caller: Caller, id: string): Promise<Job> {
    const jobId = validateJobId(id);
    const subject = { action: 'job.cancel', target: `job:${jobId}` };
    await this.audit.authorize(caller, 'bmc:read', subject);
    const job = await this.find(caller, jobId, 'job.cancel');
    await this.audit.authorize(caller, JOB_PERMISSION[job.kind], subject);
    const state = jobState(job);
    if (isFinished(state)) {
      const error = conflict(`job ${jobId} is already ${state.replace('_', ' ')}`);
      await this.audit.record(caller, { ...subject, outcome: 'failed', errorCode: error.code });
      throw error;
    }
    const cancelled = await this.store.cancel(caller.principal.tenantId, jobId, caller.principal.actor, this.clock.now().toISOString());
    if (!cancelled) {
      // Its last task finished meanwhile.
      const error = conflict(`job ${jobId} finished before it could be cancelled`);
      await this.audit.record(caller, { ...subject, outcome: 'failed', errorCode: error.code });
      throw error;
    }
    await this.audit.record(caller, { ...subject, outcome: 'succeeded', parameters: { done: cancelled.progress.done, total: cancelled.progress.total } });
    return cancelled;
  }

  /**
   * Another tenant's job, one a tag-scoped key may not see (key-scope.ts) and a missing one are
   * the same refusal, on record in the caller's log.
   */
  private async find(caller: Caller, jobId: string, action: string): Promise<Job> {
    const job = await this.store.get(caller.principal.tenantId, jobId);
    if (!job || !seesJob(caller.principal, job)) throw await this.audit.deny(caller, { action, target: `job:${jobId}` }, notFound('job', jobId));
    return job;
  }
}

function validateOperation(operation: JobOperation): JobOperation {
  if (!operation || typeof operation !== 'object') throw badInput('operation', 'required');
  switch (operation.kind) {
    case 'fleet.power':
      return { kind: 'fleet.power', action: oneOf('action', operation.action, POWER_ACTIONS) };
    case 'fleet.powerStatus':
    case 'fleet.sensors':
      return { kind: operation.kind };
    case 'bmc.sol':
      return { kind: 'bmc.sol', seconds: integerIn('seconds', operation.seconds, 1, MAX_SOL_JOB_SECONDS) };
    case 'monitor.collect':
      return validateCollectOperation(operation);
    case 'fleet.identify':
      return { kind: 'fleet.identify', seconds: integerIn('seconds', operation.seconds, 1, MAX_IDENTIFY_SECONDS) };
    case 'bmc.credentials.rotate':
      // Only through startRotation, which stages the credentials first.
      throw badInput('operation', 'a rotation job is started with its credentials');
    default:
      throw badInput('operation', 'unknown job kind');
  }
}

function validateCollectOperation(op: Extract<JobOperation, { kind: 'monitor.collect' }>): JobOperation {
  const c = op.collect;
  if (!c || typeof c.power !== 'boolean' || typeof c.sensors !== 'boolean' || typeof c.sel !== 'boolean') throw badInput('collect', 'power, sensors and sel are required');
  if (op.tag !== null && typeof op.tag !== 'string') throw badInput('tag', 'a tag or null');
  return { kind: 'monitor.collect', tag: op.tag, collect: { power: c.power, sensors: c.sensors, sel: c.sel }, historyDays: integerIn('historyDays', op.historyDays, 1, 400) };
}

function operationParameters(op: JobOperation): { [key: string]: JsonValue } {
  switch (op.kind) {
    case 'fleet.power':
      return { action: op.action };
    case 'bmc.sol':
      return { seconds: op.seconds };
    case 'bmc.credentials.rotate':
      return { mode: op.mode, username: op.username };
    case 'monitor.collect':
      return { tag: op.tag, ...op.collect, historyDays: op.historyDays };
    case 'fleet.identify':
      return { seconds: op.seconds };
    default:
      return {};
  }
}
