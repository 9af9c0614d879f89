/**
 * SOL capture and credential rotation as jobs, against the real DynamoDB job store (dynalite in
 * memory) and the scripted gateway: what the request does before the worker runs, what a task
 * produces, and what a re-driven task does after its worker died mid-rotation or mid-capture.
 */
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DynamoJobStore } from '../../lambdas/adapters/dynamodb/index.ts';
import { useEmbeddedJobStore } from '../support/embedded-job-store.ts';
import { createMemoryCore, type MemoryCore } from '../../lambdas/adapters/memory/index.ts';
import { MAX_SOL_CAPTURE_BYTES } from '../../lambdas/core/bmc-data.ts';
import type { Caller, Job, JobMessage } from '../../lambdas/core/index.ts';

const TENANT = 'tenant-k';
const ADDRESS = '10.9.1.1';
const admin: Caller = { principal: { tenantId: TENANT, role: 'admin', actor: 'apikey:admin' }, requestId: 'req-admin', source: 'test' };
const operator: Caller = { principal: { tenantId: TENANT, role: 'operator', actor: 'apikey:op' }, requestId: 'req-op', source: 'test' };

let store: DynamoJobStore;
let core: MemoryCore;
let sent: JobMessage[];
let bmcId: string;

const jobStore = useEmbeddedJobStore('kinds-jobs');
beforeAll(() => {
  store = jobStore();
});

beforeEach(async () => {
  sent = [];
  // The queue only collects: each test plays the worker (or the dead worker) itself.
  core = createMemoryCore({ jobs: { store, queue: { send: async (m) => void sent.push(...m) } } });
  core.gateway.add(ADDRESS, 623, 'admin', 'old-pw');
  bmcId = (await core.services.bmcs.register(admin, { name: 'k1', address: ADDRESS, credentials: { username: 'admin', password: 'old-pw' } })).id;
});

const worker = () => core.services.jobWorker({ owner: 'live-worker', cancelCheckMs: 0 });
const bmcPassword = () => core.gateway.bmcs.get(`${ADDRESS}:623`)?.password;
const stored = async (stage: 'current' | 'pending' | 'previous') => (await core.credentials.get(TENANT, bmcId, stage))?.reveal().password;
const changes = () => core.gateway.calls.filter((c) => c.startsWith('changePassword')).length;
const task = async (job: Job) => (await core.services.jobs.tasks(admin, job.id)).items[0];
const outcomesOf = (requestId: string) => core.auditLog.events.filter((e) => e.requestId === requestId && e.outcome !== 'started').map((e) => e.outcome);

/** A rotation whose first worker claimed the task, recorded it as started, maybe changed the BMC, and died. */
async function orphanedRotation(changedOnBmc: boolean) {
  const job = await core.services.jobs.startRotation(admin, bmcId, { mode: 'set-on-bmc', credentials: { username: 'admin', password: 'new-pw' } });
  await store.claimTask(TENANT, job.id, 0, 'dead-worker', Date.now() - 1, new Date().toISOString());
  expect(await store.markActionStarted(TENANT, job.id, 0, 'dead-worker', 'req-dead')).toBe(true);
  await core.services.audit.record({ ...admin, requestId: 'req-dead' }, { action: 'bmc.credentials.rotate', target: `bmc:${bmcId}`, outcome: 'started' });
  const state = core.gateway.bmcs.get(`${ADDRESS}:623`);
  if (changedOnBmc && state) state.password = 'new-pw';
  return job;
}

describe('credential rotation as a job', () => {
  it('the request stages the new credentials and marks the BMC rotating; the worker changes, verifies, commits', async () => {
    const job = await core.services.jobs.startRotation(admin, bmcId, { mode: 'set-on-bmc', credentials: { username: 'admin', password: 'new-pw' } });
    expect(job).toMatchObject({ kind: 'bmc.credentials.rotate', progress: { total: 1 } });
    // Nothing reached the BMC yet; the secret is in the credential store, not in the job.
    expect(bmcPassword()).toBe('old-pw');
    expect(await stored('pending')).toBe('new-pw');
    expect(JSON.stringify(await core.services.jobs.get(admin, job.id))).not.toContain('new-pw');
    expect((await core.services.bmcs.get(admin, bmcId)).credentialState).toBe('rotating');
    await expect(core.services.actions.power(operator, bmcId, 'on')).rejects.toMatchObject({ code: 'CONFLICT' });

    await worker().handle(sent[0] as JobMessage);
    expect(await task(job)).toMatchObject({ state: 'succeeded', attempts: 1, result: { mode: 'set-on-bmc', username: 'admin', recovered: false } });
    expect(bmcPassword()).toBe('new-pw');
    expect([await stored('current'), await stored('previous'), await stored('pending')]).toEqual(['new-pw', 'old-pw', undefined]);
    expect((await core.services.bmcs.get(admin, bmcId)).credentialState).toBe('ok');
    expect(core.auditLog.events.filter((e) => e.action === 'bmc.credentials.rotate' && e.chain === `bmc:${bmcId}`).map((e) => e.outcome)).toEqual(['started', 'succeeded']);
  });

  it('refuses a second rotation while one is under way, and bad input, changing nothing', async () => {
    await core.services.jobs.startRotation(admin, bmcId, { mode: 'set-on-bmc', credentials: { username: 'admin', password: 'new-pw' } });
    const jobs = (await core.services.jobs.list(admin)).items.length;
    await expect(core.services.jobs.startRotation(admin, bmcId, { mode: 'set-on-bmc', credentials: { username: 'admin', password: 'other' } })).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(await stored('pending')).toBe('new-pw');
    const other = (await core.services.bmcs.register(admin, { name: 'k2', address: '10.9.1.2', credentials: { username: 'admin', password: 'pw' } })).id;
    await expect(core.services.jobs.startRotation(admin, other, { mode: 'set-on-bmc', credentials: { username: 'root', password: 'x' } })).rejects.toMatchObject({ field: 'credentials.username' });
    expect((await core.services.bmcs.get(admin, other)).credentialState).toBe('ok');
    expect(await core.credentials.get(TENANT, other, 'pending')).toBeUndefined();
    expect((await core.services.jobs.list(admin)).items.length).toBe(jobs);
    expect(sent).toHaveLength(1);
  });

  it('credentials that do not verify are not committed; the BMC is changed back and stays on the old ones', async () => {
    const job = await core.services.jobs.startRotation(admin, bmcId, { mode: 'already-changed', credentials: { username: 'admin', password: 'wrong' } });
    await worker().handle(sent[0] as JobMessage);
    expect(await task(job)).toMatchObject({ state: 'failed', error: { code: 'BMC_AUTH_FAILED' } });
    expect([await stored('current'), await stored('pending')]).toEqual(['old-pw', undefined]);
    expect((await core.services.bmcs.get(admin, bmcId)).credentialState).toBe('ok');
    expect((await core.services.jobs.get(admin, job.id)).progress).toEqual({ total: 1, done: 1, succeeded: 0, failed: 1 });
  });

  it('re-driven after the change reached the BMC: the new password works, so it is committed and nothing is sent again', async () => {
    const job = await orphanedRotation(true);
    await worker().handle(sent[0] as JobMessage);
    expect(await task(job)).toMatchObject({ state: 'succeeded', attempts: 2, result: { recovered: true } });
    expect(changes()).toBe(0);
    expect([await stored('current'), await stored('previous'), await stored('pending')]).toEqual(['new-pw', 'old-pw', undefined]);
    expect(outcomesOf('req-dead')).toEqual(['succeeded']);
    expect((await core.services.bmcs.get(admin, bmcId)).credentialState).toBe('ok');
  });

  it('re-driven when the change never arrived: the old password still works, so the orphan fails and the change is made once', async () => {
    const job = await orphanedRotation(false);
    await worker().handle(sent[0] as JobMessage);
    expect(await task(job)).toMatchObject({ state: 'succeeded', attempts: 2, result: { recovered: true } });
    expect(changes()).toBe(1);
    expect(bmcPassword()).toBe('new-pw');
    expect(await stored('current')).toBe('new-pw');
    expect(outcomesOf('req-dead')).toEqual(['failed']);
  });

  it('re-driven when the BMC takes neither password: unknown, both versions kept, nothing sent, the BMC stays paused', async () => {
    const job = await orphanedRotation(false);
    const state = core.gateway.bmcs.get(`${ADDRESS}:623`);
    if (state) state.password = 'set-by-someone-else';
    await worker().handle(sent[0] as JobMessage);
    expect(await task(job)).toMatchObject({ state: 'unknown', attempts: 2, error: { code: 'BMC_AUTH_FAILED' } });
    expect(changes()).toBe(0);
    expect([await stored('current'), await stored('pending')]).toEqual(['old-pw', 'new-pw']);
    expect(outcomesOf('req-dead')).toEqual(['unknown']);
    expect((await core.services.bmcs.get(admin, bmcId)).credentialState).toBe('rotating');
  });

  it('an unknown rotation keeps its pending password past the staleness window until the BMC proves known credentials', async () => {
    const job = await orphanedRotation(false);
    const state = core.gateway.bmcs.get(`${ADDRESS}:623`);
    if (state) state.password = 'set-from-the-host';
    await worker().handle(sent[0] as JobMessage);
    expect(await task(job)).toMatchObject({ state: 'unknown' });
    // Sixteen minutes later the rotation no longer pauses the BMC, but its pending version stays.
    const paused = await core.bmcs.get(TENANT, bmcId);
    if (!paused) throw new Error('BMC gone');
    await core.bmcs.update({ ...paused, updatedAt: new Date(Date.now() - 16 * 60_000).toISOString() }, paused.updatedAt);
    const jobs = sent.length;
    const rotate = (mode: 'set-on-bmc' | 'already-changed', password: string) => core.services.jobs.startRotation(admin, bmcId, { mode, credentials: { username: 'admin', password } });
    await expect(rotate('set-on-bmc', 'newer-pw')).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(rotate('already-changed', 'a-guess')).rejects.toMatchObject({ code: 'BMC_AUTH_FAILED' });
    expect([await stored('current'), await stored('pending')]).toEqual(['old-pw', 'new-pw']);
    expect(sent).toHaveLength(jobs);
    expect(core.auditLog.events.filter((e) => e.action === 'bmc.credentials.rotate' && e.outcome === 'denied').map((e) => e.errorCode)).toEqual(['CONFLICT', 'BMC_AUTH_FAILED']);
    // The credentials the BMC takes now resolve it: verified, staged, committed.
    const resolved = await rotate('already-changed', 'set-from-the-host');
    await worker().handle(sent.at(-1) as JobMessage);
    expect(await task(resolved)).toMatchObject({ state: 'succeeded' });
    expect(await stored('current')).toBe('set-from-the-host');
    expect((await core.services.bmcs.get(admin, bmcId)).credentialState).toBe('ok');
  });
});

describe('SOL capture as a job', () => {
  it('the task result is the capture: display text cleaned, raw bytes kept', async () => {
    const printed = new TextEncoder().encode('\x1b[2J\x1b]0;pwned\x07login:\x1b[31m ok\r\n');
    const state = core.gateway.bmcs.get(`${ADDRESS}:623`);
    if (state) state.console = printed;
    const job = await core.services.jobs.startSolCapture(operator, bmcId, 3);
    expect(job).toMatchObject({ kind: 'bmc.sol', progress: { total: 1 } });
    await worker().handle(sent[0] as JobMessage);
    const result = (await task(job))?.result as { output: string; raw: string; bytes: number; truncated: boolean };
    expect(result).toMatchObject({ output: 'login: ok\n', bytes: printed.length, truncated: false, droppedBytes: 0, seconds: 3 });
    expect(Buffer.from(result.raw, 'base64')).toEqual(Buffer.from(printed));
  });

  it('a console that prints more than the cap is cut there and says how much was dropped', async () => {
    const state = core.gateway.bmcs.get(`${ADDRESS}:623`);
    if (state) state.console = new Uint8Array(MAX_SOL_CAPTURE_BYTES + 1000).fill(0x41);
    const job = await core.services.jobs.startSolCapture(operator, bmcId, 3);
    await worker().handle(sent[0] as JobMessage);
    expect((await task(job))?.result).toMatchObject({ bytes: MAX_SOL_CAPTURE_BYTES, truncated: true, droppedBytes: 1000 });
  });

  it('refuses a viewer, a BMC of another tenant and a capture too long, before any job is written', async () => {
    const viewer: Caller = { ...operator, principal: { ...operator.principal, role: 'viewer' } };
    await expect(core.services.jobs.startSolCapture(viewer, bmcId, 3)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const stranger: Caller = { ...operator, principal: { ...operator.principal, tenantId: 'tenant-other' } };
    await expect(core.services.jobs.startSolCapture(stranger, bmcId, 3)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(core.services.jobs.startSolCapture(operator, bmcId, 241)).rejects.toMatchObject({ field: 'seconds' });
    expect(sent).toEqual([]);
  });

  it('re-driven after its worker died: the orphaned started event fails (the output was lost) and the capture is taken again', async () => {
    const job = await core.services.jobs.startSolCapture(operator, bmcId, 1);
    await store.claimTask(TENANT, job.id, 0, 'dead-worker', Date.now() - 1, new Date().toISOString());
    await store.markActionStarted(TENANT, job.id, 0, 'dead-worker', 'req-dead-sol');
    await worker().handle(sent[0] as JobMessage);
    expect(await task(job)).toMatchObject({ state: 'succeeded', attempts: 2, result: { output: 'fake console\n' } });
    expect(outcomesOf('req-dead-sol')).toEqual(['failed']);
    expect(core.gateway.calls.filter((c) => c.startsWith('solCapture'))).toHaveLength(1);
  });
});
