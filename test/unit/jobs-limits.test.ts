/**
 * The job limits, counted where they matter: BMC calls in flight at the gateway (the BMC's side)
 * while several workers (as several Lambda environments would) take a job's messages at once,
 * over the real DynamoDB job store (dynalite in memory). Calls are held open until the test
 * has seen every worker either running or turned away, so the counts do not depend on timing.
 */
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DynamoJobStore } from '../../lambdas/adapters/dynamodb/index.ts';
import { createMemoryCore, type MemoryCore } from '../../lambdas/adapters/memory/index.ts';
import { JobBusyError, type Caller, type JobMessage, type JobWorkerOptions } from '../../lambdas/core/index.ts';
import { useEmbeddedJobStore } from '../support/embedded-job-store.ts';

const TENANT = 'tenant-l';
const viewer: Caller = { principal: { tenantId: TENANT, role: 'viewer', actor: 'apikey:v' }, requestId: 'req-start', source: 'test' };
const admin: Caller = { principal: { tenantId: TENANT, role: 'admin', actor: 'apikey:admin' }, requestId: 'req-seed', source: 'test' };
const TASKS_PER_MESSAGE = 2;

const jobStore = useEmbeddedJobStore('limits-jobs');
let store: DynamoJobStore;
beforeAll(() => {
  store = jobStore();
});

let core: MemoryCore;
let sent: JobMessage[];
let ids: string[];
/** BMC calls in flight now, and the most seen at once. */
let inFlight = 0;
let peak = 0;
let release: () => void;
let held: Promise<void>;

beforeEach(async () => {
  sent = [];
  inFlight = 0;
  peak = 0;
  held = new Promise((resolve) => (release = resolve));
  core = createMemoryCore({ jobs: { store, queue: { send: async (m) => void sent.push(...m) }, options: { tasksPerMessage: TASKS_PER_MESSAGE } } });
  ids = [];
  for (let i = 1; i <= 12; i++) {
    core.gateway.add(`10.9.2.${i}`, 623, 'admin', 'pw');
    ids.push((await core.services.bmcs.register(admin, { name: `l${i}`, address: `10.9.2.${i}`, credentials: { username: 'admin', password: 'pw' } })).id);
  }
  const answer = core.gateway.powerStatus.bind(core.gateway);
  core.gateway.powerStatus = async (...args) => {
    inFlight++;
    peak = Math.max(peak, inFlight);
    try {
      await held;
      return await answer(...args);
    } finally {
      inFlight--;
    }
  };
});

/**
 * Hands every message to its own worker at once, waits until each worker is either turned away
 * (JobBusyError) or has all its tasks at the BMC, then lets the BMCs answer. Returns how many
 * were turned away; those messages are handled again until the jobs are done.
 */
async function runAtOnce(messages: readonly JobMessage[], limits: Omit<JobWorkerOptions, 'owner'>): Promise<number> {
  let refused = 0;
  const busy: JobMessage[] = [];
  const runs = messages.map((m, i) =>
    core.services
      .jobWorker({ owner: `env-${i}`, cancelCheckMs: 0, ...limits })
      .handle(m)
      .catch((e: unknown) => {
        if (!(e instanceof JobBusyError)) throw e;
        refused++;
        busy.push(m);
      }),
  );
  await vi.waitFor(() => expect(refused + inFlight / TASKS_PER_MESSAGE).toBe(messages.length), { timeout: 10_000, interval: 5 });
  const refusedAtPeak = refused;
  release();
  await Promise.all(runs);
  // The ones turned away run later, as a redelivered message would.
  for (const m of busy) await core.services.jobWorker({ owner: 'later', cancelCheckMs: 0, ...limits }).handle(m);
  return refusedAtPeak;
}

describe('job limits, counted at the BMCs', () => {
  it('workers per job: five environments take one job at once; only two run, each with its window', async () => {
    const job = await core.services.jobs.startFleet(viewer, { ids: ids.slice(0, 10) }, { kind: 'fleet.powerStatus' });
    expect(sent).toHaveLength(5);
    const refused = await runAtOnce(sent, { workersPerJob: 2, workersPerTenant: 8, window: TASKS_PER_MESSAGE });
    expect(peak).toBe(2 * TASKS_PER_MESSAGE);
    expect(refused).toBe(3);
    expect((await core.services.jobs.get(viewer, job.id)).progress).toEqual({ total: 10, done: 10, succeeded: 10, failed: 0 });
  });

  it('workers per tenant: three jobs of one tenant at once; only one worker runs across them', async () => {
    const jobs = [];
    for (const first of [0, 2, 4]) jobs.push(await core.services.jobs.startFleet(viewer, { ids: ids.slice(first, first + 2) }, { kind: 'fleet.powerStatus' }));
    expect(sent).toHaveLength(3);
    const refused = await runAtOnce(sent, { workersPerJob: 4, workersPerTenant: 1, window: TASKS_PER_MESSAGE });
    expect(peak).toBe(TASKS_PER_MESSAGE);
    expect(refused).toBe(2);
    for (const job of jobs) expect((await core.services.jobs.get(viewer, job.id)).progress.succeeded).toBe(2);
  });

  it('window: one worker never has more than its window of tasks at the BMCs', async () => {
    await core.services.jobs.startFleet(viewer, { ids: ids.slice(0, 2) }, { kind: 'fleet.powerStatus' });
    const run = core.services.jobWorker({ owner: 'one', cancelCheckMs: 0, window: 1 }).handle(sent[0] as JobMessage);
    await vi.waitFor(() => expect(inFlight).toBe(1), { timeout: 10_000, interval: 5 });
    release();
    await run;
    expect(peak).toBe(1);
  });

  it('deadline per task: a BMC that never answers fails its task with TIMEOUT; the others succeed', async () => {
    const job = await core.services.jobs.startFleet(viewer, { ids: ids.slice(0, 2) }, { kind: 'fleet.powerStatus' });
    const counted = core.gateway.powerStatus.bind(core.gateway);
    release();
    // The first BMC never answers: only the task's deadline can end its task.
    core.gateway.powerStatus = (...args: Parameters<typeof counted>) => (args[0].address === '10.9.2.1' ? new Promise<never>(() => undefined) : counted(...args));
    await core.services.jobWorker({ owner: 'deadline', cancelCheckMs: 0, taskDeadlineMs: 200 }).handle(sent[0] as JobMessage);
    const tasks = (await core.services.jobs.tasks(viewer, job.id)).items;
    expect(tasks.map((t) => [t.bmcId, t.state, t.error?.code ?? null])).toEqual([
      [ids[0], 'failed', 'TIMEOUT'],
      [ids[1], 'succeeded', null],
    ]);
  });
});
