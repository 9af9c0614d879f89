/**
 * `Bmc.lastSeen`: when scheduled collection last got an answer from the BMC, from stored state
 * and history only. DynamoDB Local, one simulated BMC, the scheduler and job worker AWS runs, a
 * test clock; the BMC stops answering and comes back through the simulator's handle.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDynamoPorts, DynamoMonitoringStore } from '../../lambdas/adapters/dynamodb/index.ts';
import { IpmiGateway } from '../../lambdas/adapters/ipmi/gateway.ts';
import { FileCredentialStore } from '../../lambdas/adapters/local/file-credential-store.ts';
import { createServices, type CoreServices } from '../../lambdas/core/index.ts';
import type { JobMessage } from '../../lambdas/core/jobs/ports.ts';
import { startFleet, type Fleet } from '../../lambdas/simulator/index.ts';
import { adminCaller, startSharedStores, type SharedStores } from '../support/shared-stores.ts';

const PASSWORD = 'last-seen-pw';
const A = 'tenant-seen-a';
const B = 'tenant-seen-b';
const CYCLE_MS = 5 * 60_000;

describe('Bmc.lastSeen', () => {
  let stores: SharedStores;
  let fleet: Fleet;
  let services: CoreServices;
  let gateway: IpmiGateway;
  let id: string;
  const now = { t: Date.parse('2026-12-03T10:00:30Z') };
  const queue: JobMessage[] = [];

  /** One scheduler tick and every queued task run: one collection cycle, at the clock's time. */
  async function cycle(): Promise<string> {
    const at = new Date(now.t).toISOString();
    await services.monitorScheduler().runDue();
    // A BMC that does not answer holds its task until the deadline: a short one keeps the test short.
    const worker = services.jobWorker({ owner: 'last-seen-worker', taskDeadlineMs: 4_000 });
    while (queue.length > 0) await worker.handle(queue.shift() as JobMessage);
    now.t += CYCLE_MS;
    return at;
  }

  beforeAll(async () => {
    [stores, fleet] = await Promise.all([startSharedStores({ prefix: 'seen' }), startFleet({ count: 1, password: PASSWORD, seed: 16 })]);
    id = await stores.registerBmc(A, fleet.bmc(0), PASSWORD, 'seen-0');
    const ports = createDynamoPorts(stores.documentClient, stores.names);
    gateway = new IpmiGateway({ sdrCache: false, timeoutMs: 600, retries: 1 });
    services = createServices({
      ...ports,
      credentials: new FileCredentialStore(stores.credentialsDir),
      gateway,
      clock: { now: () => new Date(now.t) },
      jobs: { store: ports.jobStore!, queue: { send: async (m) => void queue.push(...m) } },
      monitoring: { store: new DynamoMonitoringStore(stores.documentClient, stores.names.monitoring!), options: { tenants: async () => [A] } },
    });
  }, 120_000);

  afterAll(async () => {
    await gateway?.close();
    await fleet?.stop();
    await stores?.stop();
  });

  it('is null before any collection, then the time of the latest answered one', async () => {
    expect(await services.monitoring.lastSeen(adminCaller(A), id)).toBeNull();
    await cycle();
    const second = await cycle();
    expect(await services.monitoring.lastSeen(adminCaller(A), id)).toBe(second);
  }, 60_000);

  it('stays at the last answer while the BMC does not answer, and moves on when it is back', async () => {
    const answered = await cycle();
    fleet.bmc(0).inject({ unresponsive: true });
    await cycle();
    await cycle();
    expect((await services.monitoring.state(adminCaller(A), id))?.reachable).toBe(false);
    expect(await services.monitoring.lastSeen(adminCaller(A), id)).toBe(answered);
    fleet.bmc(0).heal();
    const back = await cycle();
    expect(await services.monitoring.lastSeen(adminCaller(A), id)).toBe(back);
  }, 120_000);

  it('is NOT_FOUND to another tenant', async () => {
    await expect(services.monitoring.lastSeen(adminCaller(B), id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
