/**
 * Recovery of orphaned `started` events of synchronous actions, across Lambda environments: four
 * processes run the bundled REST and worker handlers over one DynamoDB Local; an environment is
 * SIGKILLed in the middle of a power action, then the worker's scheduled sweep (two at once, in
 * two other environments) writes the orphan's outcome exactly once, from what the BMC shows.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDynamoPorts, DynamoInFlightStore } from '../../lambdas/adapters/dynamodb/index.ts';
import type { SweepReport } from '../../lambdas/core/recovery/orphan-sweep.ts';
import type { AuditEvent, Page } from '../../lambdas/core/types.ts';
import { startFleet, type Fleet } from '../../lambdas/simulator/index.ts';
import { bundleHandlers, EnvironmentKilledError, LambdaEnvironments, type HandlerBundles } from '../support/lambda-environments.ts';
import { startSharedStores, type SharedStores } from '../support/shared-stores.ts';

const PASSWORD = 'orphan-pw-1';
const TENANT = 'tenant-orphans';
const CHASSIS_CONTROL = [0x00, 0x02] as const;
const ORPHAN_AFTER_MS = 1000;
const SCHEDULED = { version: '0', id: 'e-1', 'detail-type': 'Scheduled Event', source: 'aws.events', account: '123456789012', time: '2026-12-03T00:00:00Z', region: 'eu-west-1', resources: [], detail: {} };

describe('orphaned `started` events of synchronous actions', () => {
  let bundles: HandlerBundles;
  let stores: SharedStores;
  let fleet: Fleet;
  let envs: LambdaEnvironments;
  let apiKey: string;
  const ids: string[] = [];

  beforeAll(async () => {
    [bundles, stores, fleet] = await Promise.all([
      bundleHandlers({ rest: 'lambdas/handlers/rest.ts', worker: 'lambdas/handlers/worker.ts' }),
      startSharedStores({ prefix: 'orphans' }),
      // BMC 0 takes 3 s to power on: the action is still verifying when its environment dies.
      startFleet({ count: 3, password: PASSWORD, seed: 53, poweredOn: false, timing: { powerOnMs: 3000 } }),
    ]);
    apiKey = (await stores.services.apiKeys.bootstrap(TENANT)).key;
    for (let i = 0; i < 3; i++) ids.push(await stores.registerBmc(TENANT, fleet.bmc(i), PASSWORD, `node-${i}`));
    envs = await LambdaEnvironments.start({
      bundles,
      concurrency: 'many',
      env: stores.environment({ ORPHAN_AFTER_MS: String(ORPHAN_AFTER_MS), BMC_MIN_ACTION_INTERVAL_MS: '0', BMC_TIMEOUT_MS: '500', BMC_POWER_VERIFY_DELAYS_MS: '500,500,500,500,500,500,500,500,500,500' }),
    });
  }, 300_000);

  afterAll(async () => {
    await envs?.stop();
    await fleet?.stop();
    await stores?.stop();
    await bundles?.remove();
  });

  async function powerEvents(bmcId: string): Promise<AuditEvent[]> {
    const log = createDynamoPorts(stores.documentClient, stores.names).auditLog;
    const out: AuditEvent[] = [];
    let cursor: string | null = null;
    do {
      const page: Page<AuditEvent> = await log.query(TENANT, { target: `bmc:${bmcId}`, action: 'bmc.power.set' }, { limit: 100, cursor });
      out.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    return out.reverse();
  }

  async function until(what: string, ok: () => boolean | Promise<boolean>, timeoutMs = 60_000): Promise<void> {
    const end = Date.now() + timeoutMs;
    while (!(await ok())) {
      if (Date.now() > end) throw new Error(`timed out waiting until ${what}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /** Two sweeps at once in two environments, as two overlapping scheduled invocations would run. */
  async function sweepTwice(): Promise<SweepReport[]> {
    await new Promise((r) => setTimeout(r, ORPHAN_AFTER_MS + 100));
    const runs = await Promise.all([1, 2].map((env) => envs.invoke<SweepReport>('worker', SCHEDULED, { env })));
    return runs.map((r) => r.result);
  }

  const markers = () => new DynamoInFlightStore(stores.documentClient, stores.names.coordination as string).startedBefore(new Date(Date.now() + 3_600_000).toISOString(), 100);

  it('a completed action leaves no in-flight marker, and the sweep finds nothing to do', async () => {
    const done = await envs.rest('POST', `/v1/bmcs/${ids[2]}/power`, { apiKey, body: { action: 'on' } });
    expect(done.status).toBe(200);
    expect(await markers()).toEqual([]);
    const reports = await sweepTwice();
    expect(reports.map((r) => r.found)).toEqual([0, 0]);
    expect((await powerEvents(ids[2] as string)).map((e) => e.outcome)).toEqual(['started', 'succeeded']);
  }, 120_000);

  it('killed after the command reached the BMC: one `unknown` outcome with the power state re-read, and no second command', async () => {
    const bmcId = ids[0] as string;
    const journal = fleet.bmc(0).recordCommands();
    const answer = envs.rest('POST', `/v1/bmcs/${bmcId}/power`, { apiKey, env: 0, body: { action: 'on' } });
    await until('Chassis Control reached BMC 0', () => journal.executed(...CHASSIS_CONTROL).length === 1);
    envs.kill(0);
    await expect(answer).rejects.toBeInstanceOf(EnvironmentKilledError);
    const [started, ...rest] = await powerEvents(bmcId);
    expect(started?.outcome).toBe('started');
    expect(rest).toEqual([]);
    expect(await markers()).toHaveLength(1);
    await until('BMC 0 is on', () => fleet.bmc(0).power === 'on');

    const reports = await sweepTwice();
    expect(reports.map((r) => r.written.unknown ?? 0).sort()).toEqual([0, 1]);
    const events = await powerEvents(bmcId);
    expect(events.map((e) => e.outcome)).toEqual(['started', 'unknown']);
    expect(events[1]).toMatchObject({ requestId: started?.requestId, actor: started?.actor, errorCode: null, parameters: { action: 'on', power: 'on', recovered: true } });
    expect(await markers()).toEqual([]);
    // The sweep only read: the BMC got the command once.
    expect(journal.executed(...CHASSIS_CONTROL)).toHaveLength(1);
    expect((await sweepTwice()).map((r) => r.found)).toEqual([0, 0]);
    expect(await powerEvents(bmcId)).toHaveLength(2);
    await envs.replace(0);
  }, 180_000);

  it('killed before the command was sent (the BMC did not answer): one `failed` outcome, the state showing it did not happen', async () => {
    const bmcId = ids[1] as string;
    const journal = fleet.bmc(1).recordCommands();
    fleet.bmc(1).inject({ unresponsive: true });
    const answer = envs.rest('POST', `/v1/bmcs/${bmcId}/power`, { apiKey, env: 3, body: { action: 'on' } });
    await until('the action is on record as started', async () => (await powerEvents(bmcId)).length === 1);
    envs.kill(3);
    await expect(answer).rejects.toBeInstanceOf(EnvironmentKilledError);
    fleet.bmc(1).heal();

    const reports = await sweepTwice();
    expect(reports.map((r) => r.written.failed ?? 0).sort()).toEqual([0, 1]);
    const events = await powerEvents(bmcId);
    expect(events.map((e) => e.outcome)).toEqual(['started', 'failed']);
    expect(events[1]).toMatchObject({ requestId: events[0]?.requestId, errorCode: 'BMC_COMMAND_FAILED', parameters: { action: 'on', power: 'off', recovered: true } });
    expect(fleet.bmc(1).power).toBe('off');
    expect(journal.executed(...CHASSIS_CONTROL)).toEqual([]);
    expect(await markers()).toEqual([]);
    await envs.replace(3);
  }, 180_000);
});
