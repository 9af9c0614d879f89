/**
 * The job worker against a real DynamoDB adapter (dynalite in memory) and the scripted gateway:
 * what a re-driven task does after its worker died, cancellation, and the worker-slot limit.
 * The multi-process version of the crash (SIGKILL, 1,000 BMCs) is
 * test/integration/jobs-multi-environment.test.ts.
 */
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DynamoJobStore } from '../../lambdas/adapters/dynamodb/index.ts';
import { useEmbeddedJobStore } from '../support/embedded-job-store.ts';
import { createMemoryCore, type MemoryCore } from '../../lambdas/adapters/memory/index.ts';
import { DomainError, JobBusyError, type Caller, type JobMessage, type PowerAction } from '../../lambdas/core/index.ts';

const TENANT = 'tenant-w';
const operator: Caller = { principal: { tenantId: TENANT, role: 'operator', actor: 'apikey:op' }, requestId: 'req-start', source: 'test' };
const admin: Caller = { principal: { tenantId: TENANT, role: 'admin', actor: 'apikey:admin' }, requestId: 'req-seed', source: 'test' };

let store: DynamoJobStore;
let core: MemoryCore;
let sent: JobMessage[];
let bmcId: string;

const jobStore = useEmbeddedJobStore('worker-jobs');
beforeAll(() => {
  store = jobStore();
});

beforeEach(async () => {
  sent = [];
  // The queue only collects: each test plays the worker (or the dead worker) itself.
  core = createMemoryCore({ jobs: { store, queue: { send: async (m) => void sent.push(...m) } } });
  core.gateway.add('10.9.0.1', 623, 'admin', 'pw-1', { power: 'off' });
  bmcId = (await core.services.bmcs.register(admin, { name: 'w1', address: '10.9.0.1', credentials: { username: 'admin', password: 'pw-1' } })).id;
});

/** A job on one BMC whose first worker claimed it, recorded the command as started, and died. */
async function orphaned(action: PowerAction) {
  const job = await core.services.jobs.startFleet(operator, { ids: [bmcId] }, { kind: 'fleet.power', action });
  const lapsed = Date.now() - 1;
  await store.claimTask(TENANT, job.id, 0, 'dead-worker', lapsed, new Date().toISOString());
  expect(await store.markActionStarted(TENANT, job.id, 0, 'dead-worker', 'req-dead')).toBe(true);
  await core.services.audit.record({ ...operator, requestId: 'req-dead' }, { action: 'bmc.power.set', target: `bmc:${bmcId}`, parameters: { action }, outcome: 'started' });
  return job;
}

const powerCommands = () => core.gateway.calls.filter((c) => c.startsWith('powerAction')).length;
const outcomeOf = (requestId: string) => core.auditLog.events.filter((e) => e.requestId === requestId && e.outcome !== 'started').map((e) => e.outcome);
const worker = () => core.services.jobWorker({ owner: 'live-worker', cancelCheckMs: 0 });

describe('a re-driven task whose command may have reached the BMC', () => {
  it('power on that took effect: succeeds from the re-read state, sends nothing, closes the orphaned started event', async () => {
    const job = await orphaned('on');
    // The dead worker's command arrived: the BMC is on.
    const state = core.gateway.bmcs.get('10.9.0.1:623');
    if (state) state.power = 'on';
    await worker().handle(sent[0] as JobMessage);
    const [task] = (await core.services.jobs.tasks(operator, job.id)).items;
    expect(task).toMatchObject({ state: 'succeeded', attempts: 2, result: { action: 'on', power: 'on', confirmed: true, recovered: true } });
    expect(powerCommands()).toBe(0);
    expect(outcomeOf('req-dead')).toEqual(['succeeded']);
    expect((await core.services.jobs.get(operator, job.id)).progress).toEqual({ total: 1, done: 1, succeeded: 1, failed: 0 });
  });

  it('power on that did not take effect: the orphan is closed as failed and the command is sent once', async () => {
    const job = await orphaned('on');
    await worker().handle(sent[0] as JobMessage);
    const [task] = (await core.services.jobs.tasks(operator, job.id)).items;
    expect(task).toMatchObject({ state: 'succeeded', attempts: 2, result: { action: 'on', power: 'on', confirmed: true } });
    expect(powerCommands()).toBe(1);
    expect(outcomeOf('req-dead')).toEqual(['failed']);
  });

  it('power cycle: the state cannot prove it, so the task ends unknown and nothing is sent again', async () => {
    const job = await orphaned('cycle');
    await worker().handle(sent[0] as JobMessage);
    const [task] = (await core.services.jobs.tasks(operator, job.id)).items;
    expect(task).toMatchObject({ state: 'unknown', attempts: 2, error: { code: 'TIMEOUT' } });
    expect(powerCommands()).toBe(0);
    expect(outcomeOf('req-dead')).toEqual(['unknown']);
    const done = await core.services.jobs.get(operator, job.id);
    expect(done.progress).toEqual({ total: 1, done: 1, succeeded: 0, failed: 1 });
  });

  it('a power task cut short by its deadline ends unknown, not failed: the command may have arrived', async () => {
    const job = await core.services.jobs.startFleet(operator, { ids: [bmcId] }, { kind: 'fleet.power', action: 'on' });
    const state = core.gateway.bmcs.get('10.9.0.1:623');
    if (state) state.failure = new DomainError('TIMEOUT', 'power on at 10.9.0.1:623: Chassis Control: aborted');
    await worker().handle(sent[0] as JobMessage);
    const [task] = (await core.services.jobs.tasks(operator, job.id)).items;
    expect(task).toMatchObject({ state: 'unknown', attempts: 1, error: { code: 'TIMEOUT' } });
    expect((await core.services.jobs.get(operator, job.id)).progress).toEqual({ total: 1, done: 1, succeeded: 0, failed: 1 });
  });

  it('leaves a task alone while its worker lease is live, and gives the message back', async () => {
    const job = await core.services.jobs.startFleet(operator, { ids: [bmcId] }, { kind: 'fleet.power', action: 'on' });
    await store.claimTask(TENANT, job.id, 0, 'busy-worker', Date.now() + 60_000, new Date().toISOString());
    await expect(worker().handle(sent[0] as JobMessage)).rejects.toBeInstanceOf(JobBusyError);
    expect(powerCommands()).toBe(0);
    expect((await core.services.jobs.tasks(operator, job.id)).items[0]).toMatchObject({ state: 'running', attempts: 1 });
  });
});

describe('limits and cancel', () => {
  it('a job whose worker slots are all held waits: nothing is claimed', async () => {
    const job = await core.services.jobs.startFleet(operator, { ids: [bmcId] }, { kind: 'fleet.powerStatus' });
    expect(await store.acquireSlot({ tenantId: TENANT, jobId: job.id }, 1, 'other-worker', Date.now() + 60_000, Date.now())).toBe(0);
    const limited = core.services.jobWorker({ owner: 'live-worker', workersPerJob: 1 });
    await expect(limited.handle(sent[0] as JobMessage)).rejects.toBeInstanceOf(JobBusyError);
    expect((await core.services.jobs.tasks(operator, job.id)).items[0]).toMatchObject({ state: 'queued', attempts: 0 });
    await store.releaseSlot({ tenantId: TENANT, jobId: job.id }, 0, 'other-worker');
    await limited.handle(sent[0] as JobMessage);
    expect((await core.services.jobs.get(operator, job.id)).progress.succeeded).toBe(1);
  });

  it('a cancelled job runs none of its unstarted tasks; each is on record in its BMC chain', async () => {
    const job = await core.services.jobs.startFleet(operator, { ids: [bmcId] }, { kind: 'fleet.power', action: 'on' });
    expect((await core.services.jobs.cancel(operator, job.id)).storedState).toBe('cancelled');
    await worker().handle(sent[0] as JobMessage);
    expect((await core.services.jobs.tasks(operator, job.id)).items[0]).toMatchObject({ state: 'cancelled' });
    expect(powerCommands()).toBe(0);
    expect(core.auditLog.events.filter((e) => e.action === 'job.task.cancel' && e.chain === `bmc:${bmcId}`)).toHaveLength(1);
    await expect(core.services.jobs.cancel(operator, job.id)).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('refuses a viewer starting a power job and records the refusal; no job is written', async () => {
    const viewer: Caller = { ...operator, principal: { ...operator.principal, role: 'viewer' } };
    const before = (await core.services.jobs.list(viewer)).items.length;
    await expect(core.services.jobs.startFleet(viewer, { ids: [bmcId] }, { kind: 'fleet.power', action: 'off' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(core.auditLog.events.at(-1)).toMatchObject({ action: 'job.start', outcome: 'denied', errorCode: 'FORBIDDEN' });
    expect((await core.services.jobs.list(viewer)).items.length).toBe(before);
    expect(sent).toEqual([]);
  });
});
