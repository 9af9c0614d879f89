/**
 * Scenario h: jobs at fleet scale on `npm start`'s store. 1,000 simulated BMCs, the DynamoDB
 * adapters over dynalite (in memory), the in-process queue and the same JobWorker the Lambda
 * worker runs. Measures a power status job and a power action job end to end, from the API
 * service call to the last task stored, and counts DynamoDB requests per task. The peer, run in
 * the same process on the same BMCs just before each job: the library's runFleet doing the same
 * commands with no store at all, so the ratio (job / library) holds on a loaded machine.
 *
 *   node --import tsx bench/jobs.ts [--count N]
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDocumentClient, createDynamoPorts, createTables, DEFAULT_TABLE_NAMES } from '../lambdas/adapters/dynamodb/index.ts';
import { IpmiGateway } from '../lambdas/adapters/ipmi/gateway.ts';
import { startEmbeddedDynamoDb } from '../lambdas/adapters/local/embedded-dynamodb.ts';
import { FileCredentialStore } from '../lambdas/adapters/local/file-credential-store.ts';
import { InProcessJobQueue } from '../lambdas/adapters/local/in-process-job-queue.ts';
import { createServices, type Caller, type JobOperation } from '../lambdas/core/index.ts';
import { startFleet } from '../lambdas/simulator/index.ts';
import { collectFleet, powerAction, powerStatus, runFleet, type IpmiRequester } from '../lambdas/ipmi/index.ts';
import type { Row } from './report.ts';

const PASSWORD = 'bench-jobs-pw';
const VERIFY_DELAYS_MS = [20, 50, 100, 200];

export async function run(options: { count?: number; log?: (line: string) => void } = {}): Promise<Row[]> {
  const n = options.count ?? 1000;
  const log = options.log ?? (() => undefined);
  const db = await startEmbeddedDynamoDb();
  const { client, doc } = createDocumentClient(db.clientConfig);
  let requests = 0;
  doc.middlewareStack.add((next) => (args) => {
    requests++;
    return next(args);
  }, { step: 'initialize', name: 'countRequests' });
  const dir = await mkdtemp(join(tmpdir(), 'bench-jobs-'));
  const fleet = await startFleet({ count: n, password: PASSWORD, seed: 5, poweredOn: false, timing: { powerOnMs: 20, powerOffMs: 20 } });
  const gateway = new IpmiGateway({ minActionIntervalMs: 0, powerVerifyDelaysMs: VERIFY_DELAYS_MS });
  const queue = new InProcessJobQueue({ retryDelayMs: 20 });
  try {
    await createTables(client, DEFAULT_TABLE_NAMES, { pollMs: 5 });
    const ports = createDynamoPorts(doc, DEFAULT_TABLE_NAMES);
    const jobStore = ports.jobStore;
    if (!jobStore) throw new Error('no jobs table');
    const services = createServices({ ...ports, credentials: new FileCredentialStore(dir), gateway, jobs: { store: jobStore, queue } });
    const worker = services.jobWorker({ owner: 'bench-worker' });
    queue.attach((m) => worker.handle(m));
    const caller: Caller = { principal: { tenantId: 'bench', role: 'admin', actor: 'bench' }, requestId: 'bench', source: 'bench' };
    const ids: string[] = [];
    for (let i = 0; i < n; i += 50) {
      const batch = Array.from({ length: Math.min(50, n - i) }, (_, k) =>
        services.bmcs.register(caller, { name: `b${i + k}`, address: fleet.bmc(i + k).host, port: fleet.bmc(i + k).port, credentials: { username: 'admin', password: PASSWORD } }),
      );
      ids.push(...(await Promise.all(batch)).map((b) => b.id));
    }
    log(`jobs: ${n} BMCs registered`);
    const rows: Row[] = [];
    const targets = Array.from({ length: n }, (_, i) => ({ host: fleet.bmc(i).host, port: fleet.bmc(i).port }));
    const library = async (operation: JobOperation): Promise<number> => {
      const t0 = performance.now();
      // The same exchanges as the job's tasks: a power action with the gateway's verification delays.
      const command = (s: IpmiRequester): Promise<unknown> => (operation.kind === 'fleet.power' ? powerAction(s, 'off', { delaysMs: VERIFY_DELAYS_MS }) : powerStatus(s));
      const results = await collectFleet(runFleet(targets, (s) => command(s), { username: 'admin', password: PASSWORD, concurrency: 64, timeoutMs: 1_000, retries: 3 }));
      const wallMs = performance.now() - t0;
      const failed = results.filter((r) => !r.ok).length;
      if (failed > 0) throw new Error(`library peer: ${failed} BMCs failed`);
      return wallMs;
    };
    const measure = async (client: string, operation: JobOperation) => {
      // The peer first (for power on: turning the fleet off, so the job has work to do after it).
      const peerMs = await library(operation);
      requests = 0;
      const t0 = performance.now();
      const job = await services.jobs.startFleet(caller, { ids }, operation);
      await queue.drained();
      const wallMs = performance.now() - t0;
      const done = await services.jobs.get(caller, job.id);
      const perTask = requests / n;
      const met = wallMs < 10_000 && done.progress.succeeded === n;
      rows.push({
        scenario: `h. jobs, ${n} simulated BMCs (npm start: dynalite, in-process worker)`,
        client,
        value: `${(wallMs / 1000).toFixed(2)} s`,
        ratio: `${(wallMs / peerMs).toFixed(1)} x library (${(peerMs / 1000).toFixed(2)} s)`,
        goal: `${met ? 'met' : 'MISSED'}: < 10 s, every task succeeded`,
        notes: `${done.progress.succeeded}/${n} tasks succeeded; ${perTask.toFixed(1)} DynamoDB requests per task (job writes, claims, audit, counters, slots); API call to last task stored; BMCs, store and worker share this process`,
      });
      log(`jobs: ${client}: ${(wallMs / 1000).toFixed(2)} s (library peer ${(peerMs / 1000).toFixed(2)} s), ${perTask.toFixed(1)} requests per task, ${done.progress.succeeded}/${n}`);
    };
    await measure('power status job', { kind: 'fleet.powerStatus' });
    await measure('power on job', { kind: 'fleet.power', action: 'on' });
    return rows;
  } finally {
    queue.close();
    await gateway.close();
    await fleet.stop();
    client.destroy();
    await db.close();
    await rm(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const at = process.argv.indexOf('--count');
  const count = at > 0 ? Number(process.argv[at + 1]) : 1000;
  for (const row of await run({ count, log: (l) => process.stderr.write(`${l}\n`) })) process.stdout.write(`${JSON.stringify(row)}\n`);
}
