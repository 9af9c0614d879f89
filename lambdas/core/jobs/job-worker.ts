/**
 * Runs the tasks of one queue message. The same code runs in the worker Lambda (fed by SQS) and
 * in `npm start` (fed by an in-process queue).
 *
 * Safety rests on the store, not on the queue:
 * - a task is claimed with a lease (owner + expiry); a lapsed lease can be claimed again, so a
 *   task whose worker died is re-driven by the message's redelivery or by any later worker;
 * - a state-changing task records `actionRequestId` before its command is sent (and the action
 *   service writes its `started` audit event before sending); a re-driven task that finds it
 *   re-reads the BMC instead of sending blindly (`recover`), and writes the outcome of the
 *   orphaned `started` event;
 * - the terminal transition is conditional on the worker's lease, so every task ends exactly
 *   once, and the job's counters count each finished task once (the store reconciles a count
 *   that a dying worker missed);
 * - a message is done only when every task it covers is terminal; otherwise it is retried.
 *
 * Limits: a deadline per task (an AbortSignal into the gateway), and slot leases in the store
 * for the number of workers on one job and on one tenant, each running `window` tasks at once.
 */
import type { Clock, Telemetry } from '../ports.ts';
import type { Caller, JsonValue } from '../types.ts';
import { DomainError, errorInfo, toDomainError, type ErrorInfo } from '../errors.ts';
import type { PowerAction, PowerActionResult } from '../bmc-data.ts';
import type { ActionService } from '../services/action-service.ts';
import type { AuditRecord, AuditService } from '../services/audit-service.ts';
import { RotationUnknownError, type BmcService } from '../services/bmc-service.ts';
import type { OrphanSweep } from '../recovery/orphan-sweep.ts';
import type { MonitorCollector } from '../monitoring/collector.ts';
import type { JobMessage, JobStore, SlotScope, TaskOutcome } from './ports.ts';
import { isFinished, jobState, TERMINAL_TASK_STATES, type Job, type JobTask } from './types.ts';

export interface JobWorkerOptions {
  /** This worker's name in leases (one per process or execution environment). */
  readonly owner: string;
  /** Longest a task may take; its BMC call is aborted then. */
  readonly taskDeadlineMs?: number;
  /** Extra lease beyond the deadline, so a live worker never loses a task it is finishing. */
  readonly leaseMarginMs?: number;
  /** Tasks one message runs at once. */
  readonly window?: number;
  /** Workers (messages) running on one job at once. */
  readonly workersPerJob?: number;
  /** Workers (messages) running on one tenant's jobs at once. */
  readonly workersPerTenant?: number;
  /** Slot lease length; renewed at a third of it while the message runs. */
  readonly slotLeaseMs?: number;
  /** How often a running message re-reads its job to notice a cancel. */
  readonly cancelCheckMs?: number;
  /**
   * How long a message waits for a worker slot before giving up (JobBusyError). 0 locally, where
   * the in-process queue retries within milliseconds; in Lambda a message given back waits a
   * whole visibility timeout, so waiting here a little is cheaper.
   */
  readonly slotWaitMs?: number;
}

export const DEFAULT_WORKER_LIMITS = {
  taskDeadlineMs: 60_000,
  leaseMarginMs: 30_000,
  window: 16,
  workersPerJob: 4,
  workersPerTenant: 8,
  slotLeaseMs: 120_000,
  cancelCheckMs: 1_000,
  slotWaitMs: 0,
} as const;

/** Not now: the job's or tenant's worker slots are taken, or a task is held by a live lease. Retry later. */
export class JobBusyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'JobBusyError';
  }
}

/** Time a SOL task gets on top of its capture: leases, session setup, payload activation and close. */
export const SOL_SETUP_MS = 30_000;

/** Power actions whose end state proves they arrived; the others (cycle, reset, ...) cannot be re-checked. */
const PROVABLE: Partial<Record<PowerAction, 'on' | 'off'>> = { on: 'on', off: 'off' };

type Limits = Required<Omit<JobWorkerOptions, 'owner'>>;

export class JobWorker {
  private readonly limits: Limits;

  constructor(
    private readonly store: JobStore,
    private readonly services: { readonly actions: ActionService; readonly bmcs: BmcService; readonly monitor?: MonitorCollector },
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly options: JobWorkerOptions,
    private readonly telemetry?: Telemetry,
    /** In-flight markers: the orphan's outcome is written only while its marker is claimed. */
    private readonly orphans?: OrphanSweep,
  ) {
    this.limits = { ...DEFAULT_WORKER_LIMITS, ...stripUndefined(options) };
  }

  /** Runs one message; throws JobBusyError (or a store error) when it must be retried. */
  async handle(message: JobMessage): Promise<void> {
    const job = await this.store.get(message.tenantId, message.jobId);
    // Expired or never committed (its creation failed): nothing to run.
    if (!job) return;
    const pending = (await this.store.tasksInRange(job.tenantId, job.id, message.first, message.count)).filter((t) => !TERMINAL_TASK_STATES.has(t.state));
    if (pending.length === 0) {
      // Finished, but a worker may have died before counting the last tasks.
      await this.store.reconcile(job.tenantId, job.id, message.first, message.count, this.clock.now().toISOString());
      await this.recordIfFinished(job);
      return;
    }

    const jobScope: SlotScope = { tenantId: job.tenantId, jobId: job.id };
    const tenantScope: SlotScope = { tenantId: job.tenantId };
    const jobSlot = await this.acquire(jobScope, this.limits.workersPerJob);
    if (jobSlot === undefined) throw new JobBusyError(`job ${job.id}: ${this.limits.workersPerJob} workers already running`);
    try {
      const tenantSlot = await this.acquire(tenantScope, this.limits.workersPerTenant);
      if (tenantSlot === undefined) throw new JobBusyError(`tenant ${job.tenantId}: ${this.limits.workersPerTenant} workers already running`);
      const renew = setInterval(() => {
        const until = this.clock.now().getTime() + this.limits.slotLeaseMs;
        const now = this.clock.now().getTime();
        void this.store.acquireSlot(jobScope, this.limits.workersPerJob, this.options.owner, until, now, jobSlot).catch(() => undefined);
        void this.store.acquireSlot(tenantScope, this.limits.workersPerTenant, this.options.owner, until, now, tenantSlot).catch(() => undefined);
      }, Math.max(10, this.limits.slotLeaseMs / 3));
      renew.unref?.();
      try {
        await this.runTasks(job, pending);
      } finally {
        clearInterval(renew);
        await this.store.releaseSlot(tenantScope, tenantSlot, this.options.owner).catch(() => undefined);
      }
    } finally {
      await this.store.releaseSlot(jobScope, jobSlot, this.options.owner).catch(() => undefined);
    }

    const left = await this.store.reconcile(job.tenantId, job.id, message.first, message.count, this.clock.now().toISOString());
    if (left > 0) throw new JobBusyError(`job ${job.id}: ${left} task(s) held by another worker or not finished`);
    await this.recordIfFinished(job);
  }

  private async acquire(scope: SlotScope, limit: number): Promise<number | undefined> {
    const giveUpAt = this.clock.now().getTime() + this.limits.slotWaitMs;
    for (;;) {
      const now = this.clock.now().getTime();
      const slot = await this.store.acquireSlot(scope, limit, this.options.owner, now + this.limits.slotLeaseMs, now);
      if (slot !== undefined || now >= giveUpAt) return slot;
      await new Promise((r) => setTimeout(r, Math.min(1_000, giveUpAt - now)));
    }
  }

  private async runTasks(job: Job, pending: readonly JobTask[]): Promise<void> {
    if (job.storedState === 'queued') await this.store.markRunning(job.tenantId, job.id, this.clock.now().toISOString());
    const cancelled = this.cancelWatch(job);
    let next = 0;
    const lane = async () => {
      while (next < pending.length) {
        const task = pending[next++] as JobTask;
        // One task's store failure leaves it for a retry; the others go on.
        await this.runTask(job, task, await cancelled()).catch(() => undefined);
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.limits.window, pending.length) }, lane));
  }

  /** Whether the job was cancelled, re-read at most every cancelCheckMs. */
  private cancelWatch(job: Job): () => Promise<boolean> {
    let known = job.storedState === 'cancelled';
    let checkedAt = this.clock.now().getTime();
    let reading: Promise<void> | undefined;
    return async () => {
      if (known) return true;
      if (this.clock.now().getTime() - checkedAt >= this.limits.cancelCheckMs) {
        reading ??= this.store.get(job.tenantId, job.id).then((fresh) => {
          known = fresh?.storedState === 'cancelled';
          checkedAt = this.clock.now().getTime();
          reading = undefined;
        });
        await reading;
      }
      return known;
    };
  }

  private async runTask(job: Job, queued: JobTask, cancelled: boolean): Promise<void> {
    const { tenantId, id: jobId } = job;
    // One deadline per claim, started before the lease's clock reading: everything this attempt
    // sends (a recovery's re-read and its command included) stops before the lease can lapse,
    // so a worker that is slow, not dead, never sends after another took its task over.
    const signal = AbortSignal.timeout(this.deadlineMs(job));
    const now = this.clock.now();
    const task = await this.store.claimTask(tenantId, jobId, queued.index, this.options.owner, now.getTime() + this.deadlineMs(job) + this.limits.leaseMarginMs, now.toISOString());
    if (!task) return;
    const finish = async (outcome: TaskOutcome) => {
      const done = await this.store.finishTask(tenantId, jobId, task.index, this.options.owner, outcome, this.clock.now().toISOString());
      if (done && (outcome.state === 'failed' || outcome.state === 'unknown')) this.telemetry?.jobTaskFailed?.();
      return done;
    };

    if (task.actionRequestId !== null) {
      // An earlier attempt may have sent the command: find out from the BMC, never send blindly.
      await finish(await this.recover(job, task, cancelled, signal));
      return;
    }
    if (cancelled) {
      if (await finish({ state: 'cancelled' })) {
        await this.audit.record(this.caller(job, task, `job:${jobId}:${task.index}:cancel`), {
          action: 'job.task.cancel',
          target: `bmc:${task.bmcId}`,
          parameters: { jobId, task: task.index },
          outcome: 'succeeded',
        });
      }
      return;
    }
    await finish(await this.execute(job, task, signal));
  }

  private caller(job: Job, task: JobTask, requestId = `job:${job.id}:${task.index}:${task.attempts}`): Caller {
    return { principal: job.startedBy, requestId, source: `job via ${job.source}` };
  }

  /** A task's deadline: the worker's, or longer for a capture that is asked to last longer. */
  private deadlineMs(job: Job): number {
    const own = job.operation.kind === 'bmc.sol' ? job.operation.seconds * 1000 + SOL_SETUP_MS : 0;
    return Math.max(this.limits.taskDeadlineMs, own);
  }

  /** Records, while this worker holds the task, that the BMC is about to be touched. */
  private async markStarted(job: Job, task: JobTask, requestId: string): Promise<void> {
    if (!(await this.store.markActionStarted(job.tenantId, job.id, task.index, this.options.owner, requestId))) {
      throw new DomainError('CONFLICT', 'the task was taken over by another worker');
    }
  }

  private async execute(job: Job, task: JobTask, signal: AbortSignal): Promise<TaskOutcome> {
    const caller = this.caller(job, task);
    const op = job.operation;
    try {
      switch (op.kind) {
        case 'fleet.powerStatus':
          return { state: 'succeeded', result: { power: await this.services.actions.powerStatus(caller, task.bmcId, signal) } };
        case 'fleet.sensors':
          return { state: 'succeeded', result: { sensors: (await this.services.actions.sensors(caller, task.bmcId, signal)) as unknown as JsonValue } };
        case 'fleet.power': {
          // On record before the packet: a worker that dies after this line leaves a trace to recover from.
          await this.markStarted(job, task, caller.requestId);
          try {
            return powerOutcome(await this.services.actions.power(caller, task.bmcId, op.action, signal));
          } catch (e) {
            // Cut short by the deadline: the command may have reached the BMC (the journals of
            // the multi-process test show aborts during Chassis Control and its verification),
            // so the task is `unknown`, never a `failed` that would invite a blind retry.
            const error = taskError(e);
            if (error.code === 'TIMEOUT') return { state: 'unknown', error };
            throw e;
          }
        }
        case 'fleet.identify':
          // On record before the packet, as for power: recovery then closes the `started` event.
          await this.markStarted(job, task, caller.requestId);
          await this.services.actions.identify(caller, task.bmcId, { seconds: op.seconds }, signal);
          return { state: 'succeeded', result: { seconds: op.seconds } };
        case 'bmc.sol':
          // A capture changes nothing on the host, but its `started` event needs an outcome after a crash.
          await this.markStarted(job, task, caller.requestId);
          return { state: 'succeeded', result: { ...(await this.services.actions.solCapture(caller, task.bmcId, op.seconds, signal)) } };
        case 'bmc.credentials.rotate':
          await this.markStarted(job, task, caller.requestId);
          return { state: 'succeeded', result: { ...(await this.services.bmcs.completeRotation(caller, task.bmcId, op.mode, signal)) } };
        case 'monitor.collect': {
          if (!this.services.monitor) throw new DomainError('INTERNAL', 'monitoring is not configured in this deployment');
          const result = await this.services.monitor.collect(caller, { bmcId: task.bmcId, collect: op.collect, historyDays: op.historyDays }, signal);
          return { state: 'succeeded', result };
        }
      }
    } catch (e) {
      return { state: 'failed', error: taskError(e) };
    }
  }

  /**
   * A re-driven state-changing task: re-reads the power state, closes the orphaned `started`
   * event with what it shows, and only sends again when the state proves the first command did
   * not take effect (on/off). A cycle or reset cannot be proven from the state: the task ends
   * unknown rather than risk a second command.
   */
  private async recover(job: Job, task: JobTask, cancelled: boolean, signal: AbortSignal): Promise<TaskOutcome> {
    const op = job.operation;
    if (op.kind === 'bmc.sol') return this.recoverCapture(job, task, cancelled, signal);
    if (op.kind === 'bmc.credentials.rotate') return this.recoverRotation(job, task, op.mode, signal);
    if (op.kind === 'fleet.identify') return this.recoverIdentify(job, task, op.seconds, cancelled, signal);
    if (op.kind !== 'fleet.power') return this.execute(job, task, signal);
    const action = op.action;
    const orphanCaller = this.caller(job, task, task.actionRequestId ?? undefined);
    const subject = { action: 'bmc.power.set', target: `bmc:${task.bmcId}`, parameters: { action, jobId: job.id, task: task.index, recovered: true } };
    const orphan = { record: (record: AuditRecord) => this.recordOrphan(job, task, orphanCaller, record) };
    let power: string;
    try {
      // maxAge 0: never a state this process read before the orphaned command.
      const recheck = this.caller(job, task, `job:${job.id}:${task.index}:${task.attempts}:recheck`);
      power = (await this.services.actions.readPower(recheck, task.bmcId, { maxAge: 0, signal })).value;
    } catch (e) {
      const error = taskError(e);
      await orphan.record({ ...subject, outcome: 'unknown', errorCode: error.code });
      return { state: 'unknown', error: { code: error.code, message: `the worker stopped after sending ${action}, and the power state could not be re-read: ${error.message}` } };
    }
    const expected = PROVABLE[action];
    if (expected !== undefined && power === expected) {
      await orphan.record({ ...subject, parameters: { ...subject.parameters, power }, outcome: 'succeeded' });
      return { state: 'succeeded', result: { action, power, confirmed: true, recovered: true } };
    }
    if (expected === undefined) {
      await orphan.record({ ...subject, parameters: { ...subject.parameters, power }, outcome: 'unknown' });
      return {
        state: 'unknown',
        result: { action, power, confirmed: false, recovered: true },
        error: { code: 'TIMEOUT', message: `the worker stopped after power ${action} may have been sent; the power state (${power}) cannot show whether it was, so it was not sent again` },
      };
    }
    // The state shows the command did not take effect: it is on record as failed, and may be sent once more.
    await orphan.record({ ...subject, parameters: { ...subject.parameters, power }, outcome: 'failed', errorCode: 'BMC_COMMAND_FAILED' });
    if (cancelled) return { state: 'cancelled' };
    return this.execute(job, { ...task, actionRequestId: null }, signal);
  }

  /** The outcome of an orphaned `started` event; with markers, only while this worker holds the orphan's (none left: nothing to write). */
  private async recordOrphan(job: Job, task: JobTask, orphanCaller: Caller, record: AuditRecord): Promise<void> {
    if (!this.orphans) return void (await this.audit.record(orphanCaller, record));
    const adopted = await this.orphans.adopt(job.tenantId, task.bmcId, orphanCaller.requestId);
    if (!adopted) return;
    await this.audit.record(orphanCaller, record);
    await adopted.done();
  }

  /**
   * An identify whose worker died: the indicator may or may not be lit, so the orphaned event
   * ends unknown; sending it again is safe (a second Chassis Identify only restarts the interval).
   */
  private async recoverIdentify(job: Job, task: JobTask, seconds: number, cancelled: boolean, signal: AbortSignal): Promise<TaskOutcome> {
    const orphan = this.caller(job, task, task.actionRequestId ?? undefined);
    const parameters = { seconds, jobId: job.id, task: task.index, recovered: true };
    await this.recordOrphan(job, task, orphan, { action: 'bmc.identify', target: `bmc:${task.bmcId}`, parameters, outcome: 'unknown', errorCode: 'TIMEOUT' });
    if (cancelled) return { state: 'cancelled' };
    return this.execute(job, { ...task, actionRequestId: null }, signal);
  }

  /** A capture whose worker died: its output is lost and it changed nothing, so it is closed as failed and taken again. */
  private async recoverCapture(job: Job, task: JobTask, cancelled: boolean, signal: AbortSignal): Promise<TaskOutcome> {
    const orphan = this.caller(job, task, task.actionRequestId ?? undefined);
    const parameters = { jobId: job.id, task: task.index, recovered: true };
    await this.recordOrphan(job, task, orphan, { action: 'bmc.sol.capture', target: `bmc:${task.bmcId}`, parameters, outcome: 'failed', errorCode: 'TIMEOUT' });
    if (cancelled) return { state: 'cancelled' };
    return this.execute(job, { ...task, actionRequestId: null }, signal);
  }

  /** A rotation whose worker died: the BMC is asked which credentials it takes before anything is sent again (BmcService.recoverRotation). */
  private async recoverRotation(job: Job, task: JobTask, mode: 'set-on-bmc' | 'already-changed', signal: AbortSignal): Promise<TaskOutcome> {
    const caller = this.caller(job, task);
    const orphan = this.caller(job, task, task.actionRequestId ?? undefined);
    try {
      await this.markStarted(job, task, caller.requestId);
      const result = await this.services.bmcs.recoverRotation(caller, orphan, task.bmcId, mode, signal);
      return { state: 'succeeded', result: { ...result } };
    } catch (e) {
      return { state: e instanceof RotationUnknownError ? 'unknown' : 'failed', error: taskError(e) };
    }
  }

  /** Records `job.finish` once, by whichever worker sees the job finished first. */
  private async recordIfFinished(job: Job): Promise<void> {
    const fresh = await this.store.get(job.tenantId, job.id);
    if (!fresh) return;
    const state = jobState(fresh);
    if (!isFinished(state) || fresh.storedState === 'cancelled') return;
    if (!(await this.store.markFinished(job.tenantId, job.id, this.clock.now().toISOString()))) return;
    await this.audit.record(
      { principal: job.startedBy, requestId: job.requestId, source: `job via ${job.source}` },
      { action: 'job.finish', target: `job:${job.id}`, parameters: { kind: job.kind, state, ...fresh.progress }, outcome: state === 'succeeded' ? 'succeeded' : 'failed' },
    );
  }
}

/**
 * A power action the BMC accepted but whose state never matched is not a success (reporting
 * one early is a fencing hazard): the task ends unknown, with what was read back.
 */
function powerOutcome(result: PowerActionResult): TaskOutcome {
  const value = { ...result } as unknown as JsonValue;
  if (result.confirmed) return { state: 'succeeded', result: value };
  return { state: 'unknown', result: value, error: { code: 'TIMEOUT', message: `power ${result.action} was accepted but the power state (${result.power}) did not confirm it in time` } };
}

function taskError(e: unknown): ErrorInfo {
  if (e instanceof Error && !(e instanceof DomainError) && (e.name === 'TimeoutError' || e.name === 'AbortError')) {
    return { code: 'TIMEOUT', message: 'the task did not finish before its deadline' };
  }
  return errorInfo(toDomainError(e));
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
