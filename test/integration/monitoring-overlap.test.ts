/**
 * Overlapping cycles across processes: two worker environments (separate Node processes running
 * the bundled worker handler) tick the monitoring schedule over one DynamoDB Local. A cycle that
 * is still running when its rule is due again is not started a second time beside it, whichever
 * process ticks; the due cycle starts once the running one has ended, in one process only.
 * Tenants come from the tenant registry: a suspended one is not collected.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDynamoPorts, DynamoMonitoringStore } from '../../lambdas/adapters/dynamodb/index.ts';
import type { JobStore } from '../../lambdas/core/jobs/ports.ts';
import { isFinished, jobState } from '../../lambdas/core/jobs/types.ts';
import { DEFAULT_QUOTAS } from '../../lambdas/core/tenants/types.ts';
import { defaultPolicy } from '../../lambdas/core/monitoring/policy.ts';
import { LOCAL_JOB_QUEUE_ENV } from '../../lambdas/handlers/job-env.ts';
import { MONITOR_SCHEDULE_INPUT } from '../../lambdas/handlers/worker-inputs.ts';
import { startFleet, type CommandJournal, type Fleet } from '../../lambdas/simulator/index.ts';
import { JobQueueRelay } from '../support/job-queue-relay.ts';
import { bundleHandlers, LambdaEnvironments, type HandlerBundles } from '../support/lambda-environments.ts';
import { startSharedStores, type SharedStores } from '../support/shared-stores.ts';

const TENANT = 'tenant-overlap';
const PASSWORD = 'overlap-pw-1';

interface Tick {
  readonly started: number;
  readonly skipped: number;
}

describe('overlapping monitoring cycles, two worker processes over one DynamoDB Local', () => {
  let bundles: HandlerBundles;
  let stores: SharedStores;
  let fleet: Fleet;
  let envs: LambdaEnvironments;
  let relay: JobQueueRelay;
  let queueDir: string;
  let store: DynamoMonitoringStore;
  let journals: CommandJournal[];
  const ids: string[] = [];

  /** Both processes tick the schedule at the same moment. */
  const tickBoth = async (): Promise<Tick[]> =>
    (await Promise.all([0, 1].map((env) => envs.invoke<Tick>('worker', MONITOR_SCHEDULE_INPUT, { env })))).map((r) => r.result);
  const sum = (ticks: Tick[], k: keyof Tick) => ticks.reduce((n, t) => n + t[k], 0);

  /** The rule's next slot comes now, as if its interval had passed while the cycle ran. */
  async function makeDue(): Promise<void> {
    await stores.documentClient.send(
      new UpdateCommand({ TableName: stores.names.monitoring, Key: { pk: 'policy', sk: TENANT }, UpdateExpression: 'SET #next = :zero', ExpressionAttributeNames: { '#next': 'next:rule:*' }, ExpressionAttributeValues: { ':zero': 0 } }),
    );
  }

  const collectJobs = async () => (await jobStore().list(TENANT, { kind: 'monitor.collect' }, { limit: 50, cursor: null })).items;
  const registry = () => createDynamoPorts(stores.documentClient, stores.names).tenantRegistry;
  const jobStore = (): JobStore => createDynamoPorts(stores.documentClient, stores.names).jobStore!;

  async function finished(jobId: string): Promise<void> {
    const until = Date.now() + 120_000;
    for (;;) {
      const job = await jobStore().get(TENANT, jobId);
      if (!job) throw new Error(`job ${jobId} is gone`);
      const state = jobState(job);
      if (isFinished(state)) return;
      if (Date.now() > until) throw new Error(`job ${jobId} still ${state}: ${JSON.stringify(job.progress)}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  beforeAll(async () => {
    queueDir = await mkdtemp(join(tmpdir(), 'bmcp-monitor-queue-'));
    [bundles, stores, fleet] = await Promise.all([
      bundleHandlers({ worker: 'lambdas/handlers/worker.ts' }),
      startSharedStores({ prefix: 'overlap' }),
      startFleet({ count: 2, password: PASSWORD, seed: 21 }),
    ]);
    for (let i = 0; i < 2; i++) ids.push(await stores.registerBmc(TENANT, fleet.bmc(i), PASSWORD, `o-${i}`));
    const at = new Date().toISOString();
    await registry().create({ id: TENANT, status: 'active', ranges: [], quotas: DEFAULT_QUOTAS, createdAt: at, updatedAt: at, updatedBy: 'test', deletedAt: null, auditRetainedUntil: null });
    store = new DynamoMonitoringStore(stores.documentClient, stores.names.monitoring!);
    await store.putPolicy(defaultPolicy(TENANT));
    journals = fleet.bmcs.map((b) => b.recordCommands());
    envs = await LambdaEnvironments.start({ bundles, count: 2, env: stores.environment({ [LOCAL_JOB_QUEUE_ENV]: queueDir, BMC_TIMEOUT_MS: '1000' }) });
    // The stand-in for SQS, not started yet: the first cycle's messages wait, so it stays running.
    relay = new JobQueueRelay(envs, queueDir, { visibilityMs: 20_000, retryMs: 500 });
  }, 300_000);

  afterAll(async () => {
    relay?.stop();
    await envs?.stop();
    await fleet?.stop();
    await stores?.stop();
    await bundles?.remove();
    if (queueDir) await rm(queueDir, { recursive: true, force: true });
  });

  it('starts a due cycle once when both processes tick together', async () => {
    expect(sum(await tickBoth(), 'started')).toBe(1);
    expect(await collectJobs()).toHaveLength(1);
  });

  it('does not start the next cycle beside one still running, in either process, and says so', async () => {
    const [running] = await collectJobs();
    expect(running && jobState(running)).toBe('queued');
    await makeDue();
    const ticks = await tickBoth();
    expect(sum(ticks, 'started')).toBe(0);
    expect(sum(ticks, 'skipped')).toBe(2);
    expect(await collectJobs()).toHaveLength(1);
  });

  it('starts the deferred cycle once the running one has ended, in one process only', async () => {
    const [first] = await collectJobs();
    relay.start();
    await finished(first?.id ?? '');
    const ticks = await tickBoth();
    expect(sum(ticks, 'started')).toBe(1);
    expect(sum(ticks, 'skipped')).toBe(0);
    const jobs = await collectJobs();
    expect(jobs).toHaveLength(2);
    const second = jobs.find((j) => j.id !== first?.id);
    await finished(second?.id ?? '');
    // One history item per BMC per cycle, and never two sessions at once on a BMC: no collection ran twice at once.
    for (const id of ids) expect((await store.samples(TENANT, id, { from: '0', to: '9' }, {})).items).toHaveLength(2);
    for (const journal of journals) expect(journal.peakSessions).toBe(1);
  }, 180_000);

  it('finds tenants in the registry: a suspended tenant is not collected, its stored policy notwithstanding', async () => {
    const before = (await collectJobs()).length;
    const tenant = await registry().get(TENANT);
    if (!tenant) throw new Error('tenant not in the registry');
    await registry().update({ ...tenant, status: 'suspended', updatedAt: new Date().toISOString() }, tenant.updatedAt);
    await makeDue();
    const ticks = await tickBoth();
    expect(sum(ticks, 'started')).toBe(0);
    expect(sum(ticks, 'skipped')).toBe(0);
    expect(await collectJobs()).toHaveLength(before);
  });
});
