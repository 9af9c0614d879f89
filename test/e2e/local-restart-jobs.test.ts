/**
 * `npm start` killed mid-job and started again over the same data folder: the in-process queue
 * died with the first run, and the restart queues the unfinished job again
 * (lambdas/core/jobs/requeue.ts). The BMCs live in this test process, so they outlive both runs
 * and their journals show what each received.
 *
 * - Every task ends exactly once, in a final state, and the counters agree with the tasks.
 * - No BMC executes Chassis Control (NetFn 00h, cmd 02h; IPMI v2.0 section 28.3) twice: a task
 *   the killed run recorded as started is re-driven through the worker's recovery, which
 *   re-reads the power state instead of sending again. A retransmission of one request (same
 *   session and rqSeq) is answered from memory and marked `duplicate` in the journal.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFleet, type Fleet } from '../../lambdas/simulator/index.ts';
import type { CommandJournal } from '../../lambdas/simulator/rmcp/command-journal.ts';
import { gql, startApi, type StartedApi } from './start-support.ts';

const BMCS = 120;
const PASSWORD = 'restart-pw-1';
const CHASSIS_CONTROL = [0x00, 0x02] as const;
// Simulated BMCs only: no default fleet, and no monitoring cycle beside the job.
const ENV = { BMC_SIM_COUNT: '0', MONITOR_INTERVAL_SECONDS: '86400' };

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
}

let dataDir: string;
let fleet: Fleet;
let api: StartedApi | undefined;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'bmcp-restart-'));
  // A power off lands 1.5 s after the command: the job is still running when the first run dies.
  fleet = await startFleet({ count: BMCS, password: PASSWORD, seed: 11, poweredOn: true, timing: { powerOffMs: 1500 } });
}, 60_000);

afterAll(async () => {
  await api?.stop();
  await fleet?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

async function rest<T>(method: string, url: string, key: string, body?: unknown): Promise<{ status: number; json: T }> {
  const res = await fetch(url, { method, headers: { 'content-type': 'application/json', 'x-api-key': key }, ...(body !== undefined && { body: JSON.stringify(body) }) });
  return { status: res.status, json: (await res.json()) as T };
}

describe('npm start restarted mid-job', () => {
  it('queues the unfinished job again; every task ends once and no BMC executes the command twice', async () => {
    api = await startApi({ ...ENV, DATA_DIR: dataDir });
    const first = api;
    const ids: string[] = [];
    for (let i = 0; i < BMCS; i += 20) {
      const batch = await Promise.all(
        Array.from({ length: 20 }, async (_, k) => {
          const { host, port } = fleet.bmc(i + k);
          const r = await gql(first.graphqlUrl, first.adminKey, 'mutation($input: RegisterBmcInput!) { registerBmc(input: $input) { bmc { id } } }', {
            input: { name: `node-${i + k}`, address: host, port, credentials: { username: 'admin', password: PASSWORD } },
          });
          const id = (r.body.data?.['registerBmc'] as { bmc: { id: string } } | undefined)?.bmc.id;
          if (!id) throw new Error(`registration failed: ${JSON.stringify(r.body.errors)}`);
          return id;
        }),
      );
      ids.push(...batch);
    }
    const journals: CommandJournal[] = ids.map((_, i) => fleet.bmc(i).recordCommands());
    const sent = () => journals.reduce((n, j) => n + j.of(...CHASSIS_CONTROL).length, 0);

    const started = await rest<JobBody>('POST', `${first.restUrl}/fleet/power`, first.adminKey, { target: { ids }, action: 'off' });
    expect(started.status).toBe(202);
    const jobId = started.json.id;

    // Mid-job: some commands have arrived, most BMCs are still waiting for theirs.
    const until = Date.now() + 120_000;
    while (sent() < 10 && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
    first.child.kill('SIGKILL');
    await first.stop();
    const sentAtKill = sent();
    expect(sentAtKill, 'commands sent before the kill').toBeGreaterThanOrEqual(10);
    expect(sentAtKill).toBeLessThan(BMCS);

    api = await startApi({ ...ENV, DATA_DIR: dataDir });
    const second = api;
    let job: JobBody;
    const finishBy = Date.now() + 180_000;
    for (;;) {
      job = (await rest<JobBody>('GET', `${second.restUrl}/jobs/${jobId}`, second.adminKey)).json;
      if (!['queued', 'running'].includes(job.state) || Date.now() > finishBy) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    expect(job.state).toBe('succeeded');
    expect(job.progress).toEqual({ total: BMCS, done: BMCS, succeeded: BMCS, failed: 0 });

    const tasks: TaskBody[] = [];
    let cursor: string | null = null;
    do {
      const page: { json: { items: TaskBody[]; nextCursor: string | null } } = await rest('GET', `${second.restUrl}/jobs/${jobId}/tasks?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, second.adminKey);
      tasks.push(...page.json.items);
      cursor = page.json.nextCursor;
    } while (cursor);
    expect(tasks.map((t) => t.index)).toEqual(Array.from({ length: BMCS }, (_, i) => i));
    expect(tasks.filter((t) => t.state !== 'succeeded')).toEqual([]);
    // Tasks the killed run held were taken over by the restarted one.
    expect(tasks.some((t) => t.attempts > 1)).toBe(true);

    // From the BMCs' side: each received one request and executed it once, and is off.
    const byBmc = new Map(ids.map((id, i) => [id, i]));
    for (const t of tasks) {
      const i = byBmc.get(t.bmcId) as number;
      const arrivals = (journals[i] as CommandJournal).of(...CHASSIS_CONTROL);
      const what = `task ${t.index} (${t.state}, attempts ${t.attempts}): ${JSON.stringify(arrivals)}`;
      expect(new Set(arrivals.map((e) => `${e.bmcSessionId}:${e.rqSeq}`)).size, what).toBe(1);
      expect(arrivals.filter((e) => !e.duplicate).length, what).toBe(1);
      expect(fleet.bmc(i).power, what).toBe('off');
    }
  }, 600_000);
});
