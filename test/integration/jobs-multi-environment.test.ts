/**
 * Jobs across Lambda environments: four processes run the bundled REST, GraphQL and worker
 * handlers over one DynamoDB Local and 1,000 simulated BMCs; job messages travel through a
 * stand-in for SQS (job-queue-relay.ts) that redelivers what a killed worker held.
 *
 * - Crash recovery: a power action on 1,000 BMCs while one worker process is SIGKILLed mid-way.
 *   Every task ends once, no BMC executes Chassis Control (NetFn 00h, cmd 02h; IPMI v2.0 section
 *   28.3) twice, every `started` audit event has exactly one outcome.
 *
 * "No BMC receives the command twice", from the BMC's own journal: at most one request, that is
 * one (session, rqSeq) pair, and at most one execution. A retransmission of that same request
 * (same session and rqSeq, a late answer on a loaded machine) may arrive again; the BMC answers
 * it from memory (lambdas/simulator/rmcp/sim-session.ts) and the journal marks it `duplicate`. A second request, from another session or with another
 * rqSeq, is a second command and fails the test.
 * - Jobs end to end through the real handlers: start, progress, task paging, cancel, another
 *   tenant's job, bad input.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDynamoPorts, DynamoInFlightStore } from '../../lambdas/adapters/dynamodb/index.ts';
import type { AuditEvent, Page } from '../../lambdas/core/types.ts';
import { LOCAL_JOB_QUEUE_ENV } from '../../lambdas/handlers/job-env.ts';
import { startFleet, type Fleet } from '../../lambdas/simulator/index.ts';
import type { CommandJournal } from '../../lambdas/simulator/rmcp/command-journal.ts';
import { JobQueueRelay } from '../support/job-queue-relay.ts';
import { API_HANDLERS, bundleHandlers, LambdaEnvironments, type HandlerBundles } from '../support/lambda-environments.ts';
import { startSharedStores, type SharedStores } from '../support/shared-stores.ts';
import { proxyEvent } from './handlers-events.ts';

const PASSWORD = 'jobs-pw-1';
const TENANT = 'tenant-jobs';
const OTHER = 'tenant-other';
const BMCS = 1000;
const CHASSIS_CONTROL = [0x00, 0x02] as const;
const SCHEDULED_EVENT = { version: '0', id: 'e-1', 'detail-type': 'Scheduled Event', source: 'aws.events', account: '123456789012', time: '2026-12-03T00:00:00Z', region: 'eu-west-1', resources: [], detail: {} };

interface JobBody {
  id: string;
  state: string;
  progress: { total: number; done: number; succeeded: number; failed: number };
}
interface TaskBody {
  index: number;
  bmcId: string;
  state: string;
  attempts: number;
  error: { code: string } | null;
}

describe('jobs across Lambda environments', () => {
  let bundles: HandlerBundles;
  let stores: SharedStores;
  let fleet: Fleet;
  let envs: LambdaEnvironments;
  let relay: JobQueueRelay;
  let queueDir: string;
  let apiKey: string;
  let otherKey: string;
  const ids: string[] = [];

  beforeAll(async () => {
    queueDir = await mkdtemp(join(tmpdir(), 'bmcp-job-queue-'));
    [bundles, stores, fleet] = await Promise.all([
      bundleHandlers({ ...API_HANDLERS, worker: 'lambdas/handlers/worker.ts' }),
      startSharedStores({ prefix: 'jobs' }),
      startFleet({ count: BMCS, password: PASSWORD, seed: 47, poweredOn: false, timing: { powerOnMs: 20, powerOffMs: 20 } }),
    ]);
    apiKey = (await stores.services.apiKeys.bootstrap(TENANT)).key;
    otherKey = (await stores.services.apiKeys.bootstrap(OTHER)).key;
    for (let i = 0; i < BMCS; i += 25) {
      const batch = await Promise.all(Array.from({ length: Math.min(25, BMCS - i) }, (_, k) => stores.registerBmc(TENANT, fleet.bmc(i + k), PASSWORD, `node-${i + k}`)));
      ids.push(...batch);
    }
    envs = await LambdaEnvironments.start({
      bundles,
      env: stores.environment({
        [LOCAL_JOB_QUEUE_ENV]: queueDir,
        // A killed worker's tasks are taken over when their lease (deadline plus margin) ends:
        // short enough for the test, generous against a loaded machine.
        JOB_TASK_DEADLINE_MS: '30000',
        JOB_LEASE_MARGIN_MS: '5000',
        JOB_SLOT_LEASE_MS: '5000',
        JOB_WORKERS_PER_JOB: '4',
        BMC_MIN_ACTION_INTERVAL_MS: '0',
        BMC_TIMEOUT_MS: '2000',
        BMC_POWER_VERIFY_DELAYS_MS: '50,100,200,400',
        // The recovery sweep, run once after the job: every marker older than this is an orphan.
        ORPHAN_AFTER_MS: '1000',
      }),
    });
    // Redelivery after 20 s: sooner would only bring back messages whose tasks are still leased.
    relay = new JobQueueRelay(envs, queueDir, { visibilityMs: 20_000, retryMs: 1000 });
    relay.start();
  }, 600_000);

  afterAll(async () => {
    relay?.stop();
    await envs?.stop();
    await fleet?.stop();
    await stores?.stop();
    await bundles?.remove();
    if (queueDir) await rm(queueDir, { recursive: true, force: true });
  });

  const job = async (id: string, key = apiKey) => (await envs.rest('GET', `/v1/jobs/${id}`, { apiKey: key })).json as JobBody;

  async function finished(id: string, timeoutMs = 600_000): Promise<JobBody> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const j = await job(id);
      if (!['queued', 'running'].includes(j.state)) return j;
      if (Date.now() > until) throw new Error(`job ${id} still ${j.state} after ${timeoutMs} ms: ${JSON.stringify(j.progress)}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }

  /** A REST GET with a query string, which API Gateway hands over apart from the path. */
  async function getPage<T>(path: string, query: Record<string, string>, key = apiKey): Promise<Page<T>> {
    const event = proxyEvent({ method: 'GET', path, query, headers: { 'x-api-key': key } });
    const { result } = await envs.invoke<{ statusCode: number; body: string }>('rest', event);
    if (result.statusCode !== 200) throw new Error(`GET ${path}: ${result.statusCode} ${result.body}`);
    return JSON.parse(result.body) as Page<T>;
  }

  async function allTasks(id: string, key = apiKey): Promise<TaskBody[]> {
    const out: TaskBody[] = [];
    let cursor: string | null = null;
    do {
      const page: Page<TaskBody> = await getPage<TaskBody>(`/v1/jobs/${id}/tasks`, { limit: '100', ...(cursor && { cursor }) }, key);
      out.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    return out;
  }

  async function auditEvents(tenantId: string): Promise<AuditEvent[]> {
    const log = createDynamoPorts(stores.documentClient, stores.names).auditLog;
    const out: AuditEvent[] = [];
    let cursor: string | null = null;
    do {
      const page: Page<AuditEvent> = await log.query(tenantId, {}, { limit: 500, cursor });
      out.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    return out;
  }

  it('a worker SIGKILLed mid-way through a power action on 1,000 BMCs loses nothing and doubles nothing', async () => {
    const journals: CommandJournal[] = ids.map((_, i) => fleet.bmc(i).recordCommands());
    const sent = () => journals.reduce((n, j) => n + j.of(...CHASSIS_CONTROL).length, 0);
    const started = await envs.rest('POST', '/v1/fleet/power', { apiKey, body: { target: { ids }, action: 'on' } });
    expect(started.status).toBe(202);
    const jobId = (started.json as JobBody).id;
    expect(started.headers['location']).toBe(`/v1/jobs/${jobId}`);

    // Mid-way: some commands sent, most not, and a worker busy with its share.
    // Polled every 50 ms: the journals live in this process, beside the 1,000 simulated BMCs.
    const waitUntil = Date.now() + 600_000;
    while ((sent() < 100 || relay.running().length === 0) && Date.now() < waitUntil) await new Promise((r) => setTimeout(r, 50));
    expect(sent(), 'commands sent before the kill').toBeGreaterThanOrEqual(100);
    const victim = relay.running()[0] as number;
    envs.kill(victim);
    const sentAtKill = sent();
    expect(sentAtKill).toBeLessThan(BMCS);
    await envs.replace(victim);

    const done = await finished(jobId);
    expect(relay.lostDeliveries).toBeGreaterThanOrEqual(1);
    expect(done.progress.total).toBe(BMCS);
    expect(done.progress.done).toBe(BMCS);
    expect(done.progress.succeeded + done.progress.failed).toBe(BMCS);

    // Every task ended exactly once, in a final state, and the counters agree with the tasks.
    const tasks = await allTasks(jobId);
    expect(tasks.map((t) => t.index)).toEqual(Array.from({ length: BMCS }, (_, i) => i));
    expect(tasks.filter((t) => !['succeeded', 'failed', 'unknown'].includes(t.state))).toEqual([]);
    expect(tasks.filter((t) => t.state === 'succeeded').length).toBe(done.progress.succeeded);
    // The killed worker's tasks were taken over by another.
    expect(tasks.some((t) => t.attempts > 1)).toBe(true);

    // From the BMCs' side: none got two requests or executed one twice; every succeeded one
    // executed it once, and a BMC is on exactly when it executed it.
    const byBmc = new Map(ids.map((id, i) => [id, i]));
    for (const t of tasks) {
      const i = byBmc.get(t.bmcId) as number;
      const arrivals = (journals[i] as CommandJournal).of(...CHASSIS_CONTROL);
      const requests = new Set(arrivals.map((e) => `${e.bmcSessionId}:${e.rqSeq}`));
      const executed = arrivals.filter((e) => !e.duplicate).length;
      const what = `task ${t.index} (${t.state}, attempts ${t.attempts}): ${JSON.stringify(arrivals)}`;
      expect(requests.size, what).toBeLessThanOrEqual(1);
      expect(executed, what).toBeLessThanOrEqual(1);
      if (t.state === 'succeeded') expect(executed, what).toBe(1);
      expect(fleet.bmc(i).power, what).toBe(executed === 1 ? 'on' : 'off');
    }

    // A re-driven task closes its orphan only while it can claim the orphan's in-flight marker;
    // one still claimed by the killed worker (it died while writing that outcome) is left to the
    // recovery sweep, which the worker function runs on a schedule. Run it as the schedule would,
    // until no marker is left (a dead holder's claim lapses after a minute).
    const inFlight = new DynamoInFlightStore(stores.documentClient, stores.names.coordination as string);
    const markersLeft = () => inFlight.startedBefore(new Date(Date.now() + 3_600_000).toISOString(), 10);
    for (let run = 0; run < 30 && (await markersLeft()).length > 0; run++) {
      await envs.invoke('worker', SCHEDULED_EVENT, { env: 0 });
      await new Promise((r) => setTimeout(r, 5000));
    }
    expect(await markersLeft()).toEqual([]);

    // Every `started` power event has exactly one outcome, under the same request id.
    const events = (await auditEvents(TENANT)).filter((e) => e.action === 'bmc.power.set');
    const key = (e: AuditEvent) => `${e.requestId} ${e.target}`;
    const outcomes = new Map<string, number>();
    for (const e of events.filter((e) => e.outcome !== 'started')) outcomes.set(key(e), (outcomes.get(key(e)) ?? 0) + 1);
    const startedEvents = events.filter((e) => e.outcome === 'started');
    expect(startedEvents.filter((e) => outcomes.get(key(e)) !== 1).map((e) => `${key(e)}: ${outcomes.get(key(e)) ?? 0} outcome(s)`)).toEqual([]);
    expect(new Set(startedEvents.map(key)).size).toBe(startedEvents.length);
    expect(startedEvents.length).toBeGreaterThanOrEqual(tasks.filter((t) => t.state === 'succeeded').length);

  }, 900_000);
  it('starts a job over GraphQL, reports progress, pages tasks over both APIs; another tenant sees NOT_FOUND', async () => {
    const some = ids.slice(0, 30);
    const start = await envs.graphql('mutation($ids: [ID!]) { fleetPowerAction(input: { target: { ids: $ids }, action: OFF }) { job { id kind state action progress { total done } } } }', { ids: some }, { apiKey });
    const started = (start.json as { data: { fleetPowerAction: { job: { id: string; kind: string; state: string; action: string; progress: { total: number; done: number } } } } }).data.fleetPowerAction.job;
    expect(started).toMatchObject({ kind: 'fleet.power', action: 'OFF', progress: { total: 30 } });
    expect(['QUEUED', 'RUNNING']).toContain(started.state);
    const done = await finished(started.id);
    expect(done).toMatchObject({ id: started.id, state: 'succeeded', progress: { total: 30, done: 30, succeeded: 30, failed: 0 } });

    const query = `query($id: ID!, $after: String) { job(id: $id) { state progress { done } tasks(first: 10, after: $after) {
      nodes { index state attempts bmc { name } result { ... on PowerActionResult { power confirmed } } } pageInfo { hasNextPage endCursor } } } }`;
    type TasksAnswer = { data: { job: { state: string; tasks: { nodes: { index: number; state: string; bmc: { name: string }; result: unknown }[]; pageInfo: { hasNextPage: boolean; endCursor: string } } } } };
    const first = (await envs.graphql(query, { id: started.id }, { apiKey })).json as TasksAnswer;
    expect(first.data.job.state).toBe('SUCCEEDED');
    expect(first.data.job.tasks.nodes.map((t) => t.index)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(first.data.job.tasks.nodes[0]).toMatchObject({ state: 'SUCCEEDED', bmc: { name: 'node-0' }, result: { power: 'OFF', confirmed: true } });
    const second = (await envs.graphql(query, { id: started.id, after: first.data.job.tasks.pageInfo.endCursor }, { apiKey })).json as TasksAnswer;
    expect(second.data.job.tasks.nodes.map((t) => t.index)).toEqual([10, 11, 12, 13, 14, 15, 16, 17, 18, 19]);
    const restPage = await getPage<TaskBody>(`/v1/jobs/${started.id}/tasks`, { limit: '10' });
    const restNext = await getPage<TaskBody>(`/v1/jobs/${started.id}/tasks`, { limit: '10', cursor: restPage.nextCursor ?? '' });
    expect([...restPage.items, ...restNext.items].map((t) => t.index)).toEqual(Array.from({ length: 20 }, (_, i) => i));
    const listed = (await envs.graphql('{ jobs(first: 2) { nodes { id state } } }', {}, { apiKey })).json as { data: { jobs: { nodes: { id: string }[] } } };
    expect(listed.data.jobs.nodes[0]?.id).toBe(started.id);

    // Another tenant: the same refusal as for an id that exists nowhere, on record in its own log.
    const deniedBefore = (await auditEvents(OTHER)).filter((e) => e.outcome === 'denied').length;
    for (const [method, path] of [['GET', `/v1/jobs/${started.id}`], ['GET', `/v1/jobs/${started.id}/tasks`], ['POST', `/v1/jobs/${started.id}/cancel`]] as const) {
      const r = await envs.rest(method, path, { apiKey: otherKey });
      expect([r.status, (r.json as { error: { code: string } }).error.code], `${method} ${path}`).toEqual([404, 'NOT_FOUND']);
      expect(r.body).not.toContain('node-');
    }
    const gql = (await envs.graphql('query($id: ID!) { job(id: $id) { id } }', { id: started.id }, { apiKey: otherKey })).json as { data: unknown; errors: { extensions: { code: string } }[] };
    expect(gql.errors[0]?.extensions.code).toBe('NOT_FOUND');
    expect((await auditEvents(OTHER)).filter((e) => e.outcome === 'denied').length).toBe(deniedBefore + 4);
    expect(await job(started.id)).toEqual(done);
  }, 300_000);

  it('cancels: unstarted tasks never run; a finished job and bad input are refused and change nothing', async () => {
    const some = ids.slice(100, 160);
    const journals = some.map((_, i) => fleet.bmc(100 + i).recordCommands());
    const powerBefore = some.map((_, i) => fleet.bmc(100 + i).power);
    relay.stop();
    const start = await envs.rest('POST', '/v1/fleet/power', { apiKey, body: { target: { ids: some }, action: 'off' } });
    const jobId = (start.json as JobBody).id;
    const cancel = await envs.rest('POST', `/v1/jobs/${jobId}/cancel`, { apiKey });
    expect([cancel.status, (cancel.json as JobBody).state]).toEqual([200, 'cancelled']);
    relay.start();
    const until = Date.now() + 120_000;
    while ((await job(jobId)).progress.done < some.length && Date.now() < until) await new Promise((r) => setTimeout(r, 200));
    expect(await job(jobId)).toMatchObject({ state: 'cancelled', progress: { total: 60, done: 60, succeeded: 0, failed: 0 } });
    expect((await allTasks(jobId)).every((t) => t.state === 'cancelled')).toBe(true);
    expect(journals.reduce((n, j) => n + j.of(...CHASSIS_CONTROL).length, 0)).toBe(0);
    expect(some.map((_, i) => fleet.bmc(100 + i).power)).toEqual(powerBefore);

    // Cancelling again, or cancelling a job that finished, is a CONFLICT that changes nothing.
    const finishedJob = (await envs.graphql('{ jobs(first: 10, filter: { state: SUCCEEDED }) { nodes { id } } }', {}, { apiKey })).json as { data: { jobs: { nodes: { id: string }[] } } };
    const doneId = finishedJob.data.jobs.nodes[0]?.id ?? '';
    const before = await job(doneId);
    for (const id of [jobId, doneId]) {
      const again = await envs.rest('POST', `/v1/jobs/${id}/cancel`, { apiKey });
      expect([again.status, (again.json as { error: { code: string } }).error.code]).toEqual([409, 'CONFLICT']);
    }
    const gqlAgain = (await envs.graphql('mutation($id: ID!) { cancelJob(id: $id) { state } }', { id: doneId }, { apiKey })).json as { errors: { extensions: { code: string } }[] };
    expect(gqlAgain.errors[0]?.extensions.code).toBe('CONFLICT');
    expect(await job(doneId)).toEqual(before);

    // Unknown and malformed ids, and a bad action: clear errors, no job made.
    const jobsBefore = (await getPage<JobBody>('/v1/jobs', { limit: '100' })).items.length;
    const unknown = await envs.rest('GET', '/v1/jobs/0f2c8a52-0000-4000-8000-000000000000', { apiKey });
    expect([unknown.status, (unknown.json as { error: { code: string } }).error.code]).toEqual([404, 'NOT_FOUND']);
    const malformed = await envs.rest('GET', '/v1/jobs/not%20a%20job', { apiKey });
    expect([malformed.status, (malformed.json as { error: { code: string } }).error.code]).toEqual([400, 'BAD_USER_INPUT']);
    const gqlMalformed = (await envs.graphql('{ job(id: "no/such job") { id } }', {}, { apiKey })).json as { errors: { extensions: { code: string } }[] };
    expect(gqlMalformed.errors[0]?.extensions.code).toBe('BAD_USER_INPUT');
    const badAction = await envs.rest('POST', '/v1/fleet/power', { apiKey, body: { target: { ids: some }, action: 'explode' } });
    expect([badAction.status, (badAction.json as { error: { code: string } }).error.code]).toEqual([400, 'BAD_USER_INPUT']);
    expect((await getPage<JobBody>('/v1/jobs', { limit: '100' })).items.length).toBe(jobsBefore);
  }, 300_000);
});
