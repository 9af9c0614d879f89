/**
 * `Bmc.lastSeen`: when scheduled collection last got an answer from the BMC, from stored state
 * and history only. DynamoDB Local, one simulated BMC, the scheduler and job worker AWS runs, a
 * test clock; the BMC stops answering and comes back through the simulator's handle.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoMonitoringStore } from '../../lambdas/adapters/dynamodb/index.ts';
import { startFleet, type Fleet } from '../../lambdas/simulator/index.ts';
import { coreOverDynamo, type CoreOverDynamo } from '../support/core-over-dynamo.ts';
import { adminCaller, startSharedStores, type SharedStores } from '../support/shared-stores.ts';

const PASSWORD = 'last-seen-pw';
const A = 'tenant-seen-a';
const B = 'tenant-seen-b';
const CYCLE_MS = 5 * 60_000;

describe('Bmc.lastSeen', () => {
  let stores: SharedStores;
  let fleet: Fleet;
  let core: CoreOverDynamo;
  let id: string;
  const now = { t: Date.parse('2026-12-03T10:00:30Z') };

  /** One scheduler tick and every queued task run: one collection cycle, at the clock's time. */
  async function cycle(): Promise<string> {
    const at = new Date(now.t).toISOString();
    await core.services.monitorScheduler().runDue();
    // A BMC that does not answer holds its task until the deadline: a short one keeps the test short.
    await core.drain({ taskDeadlineMs: 4_000 });
    now.t += CYCLE_MS;
    return at;
  }

  beforeAll(async () => {
    [stores, fleet] = await Promise.all([startSharedStores({ prefix: 'seen' }), startFleet({ count: 1, password: PASSWORD, seed: 16 })]);
    id = await stores.registerBmc(A, fleet.bmc(0), PASSWORD, 'seen-0');
    core = coreOverDynamo(stores, {
      clock: { now: () => new Date(now.t) },
      monitoring: { store: new DynamoMonitoringStore(stores.documentClient, stores.names.monitoring!), options: { tenants: async () => [A] } },
    });
  }, 120_000);

  afterAll(async () => {
    await core?.gateway.close();
    await fleet?.stop();
    await stores?.stop();
  });

  it('is null before any collection, then the time of the latest answered one', async () => {
    expect(await core.services.monitoring.lastSeen(adminCaller(A), id)).toBeNull();
    await cycle();
    const second = await cycle();
    expect(await core.services.monitoring.lastSeen(adminCaller(A), id)).toBe(second);
  }, 60_000);

  it('stays at the last answer while the BMC does not answer, and moves on when it is back', async () => {
    const answered = await cycle();
    fleet.bmc(0).inject({ unresponsive: true });
    await cycle();
    await cycle();
    expect((await core.services.monitoring.state(adminCaller(A), id))?.reachable).toBe(false);
    expect(await core.services.monitoring.lastSeen(adminCaller(A), id)).toBe(answered);
    fleet.bmc(0).heal();
    const back = await cycle();
    expect(await core.services.monitoring.lastSeen(adminCaller(A), id)).toBe(back);
  }, 120_000);

  it('is NOT_FOUND to another tenant', async () => {
    await expect(core.services.monitoring.lastSeen(adminCaller(B), id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
