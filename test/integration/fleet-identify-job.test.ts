/**
 * The `fleet.identify` job: one task per BMC, run by the job worker through the same per-BMC
 * path as a single identify, on DynamoDB Local with simulated BMCs whose identify indicator the
 * test reads. Every BMC's identify is on record; a viewer's attempt and bad input are refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobState } from '../../lambdas/core/jobs/types.ts';
import type { Caller, Role } from '../../lambdas/core/types.ts';
import { startFleet, type Fleet } from '../../lambdas/simulator/index.ts';
import { coreOverDynamo, type CoreOverDynamo } from '../support/core-over-dynamo.ts';
import { startSharedStores, type SharedStores } from '../support/shared-stores.ts';

const PASSWORD = 'identify-pw-1';
const T = 'tenant-identify';

function as(role: Role, requestId = `req-${role}`): Caller {
  return { principal: { tenantId: T, role, actor: `user:${role}` }, requestId, source: 'test' };
}

describe('fleet.identify job', () => {
  let stores: SharedStores;
  let fleet: Fleet;
  let core: CoreOverDynamo;
  const ids: string[] = [];

  beforeAll(async () => {
    [stores, fleet] = await Promise.all([startSharedStores({ prefix: 'identify' }), startFleet({ count: 3, password: PASSWORD, seed: 16 })]);
    for (let i = 0; i < 3; i++) ids.push(await stores.registerBmc(T, fleet.bmc(i), PASSWORD, `id-${i}`));
    core = coreOverDynamo(stores);
  }, 120_000);

  afterAll(async () => {
    await core?.gateway.close();
    await fleet?.stop();
    await stores?.stop();
  });

  it('lights the identify indicator of every selected BMC, one audited task each', async () => {
    expect(fleet.bmcs.map((b) => b.identify)).toEqual(['off', 'off', 'off']);
    const job = await core.services.jobs.startFleet(as('operator', 'req-identify'), { ids: ids.slice(0, 2) }, { kind: 'fleet.identify', seconds: 120 });
    expect(job.kind).toBe('fleet.identify');
    expect(job.progress.total).toBe(2);
    await core.drain();
    const done = await core.services.jobs.get(as('viewer'), job.id);
    expect(jobState(done)).toBe('succeeded');
    expect(done.progress).toEqual({ total: 2, done: 2, succeeded: 2, failed: 0 });
    // The first two are lit for their interval; the one not selected stays off.
    expect(fleet.bmcs.map((b) => b.identify)).toEqual(['temporary', 'temporary', 'off']);
    const tasks = await core.services.jobs.tasks(as('viewer'), job.id);
    expect(tasks.items.map((t) => [t.bmcId, t.state, t.result])).toEqual(ids.slice(0, 2).map((id) => [id, 'succeeded', { seconds: 120 }]));
    for (const id of ids.slice(0, 2)) {
      const events = (await core.ports.auditLog.query(T, { target: `bmc:${id}`, action: 'bmc.identify' }, { limit: 10 })).items;
      expect(events.map((e) => e.outcome).sort()).toEqual(['started', 'succeeded']);
      expect(events.every((e) => e.parameters['seconds'] === 120 && e.requestId.startsWith(`job:${job.id}:`))).toBe(true);
    }
  }, 60_000);

  it('refuses a viewer, on record, and starts nothing', async () => {
    const before = core.queue.length;
    await expect(core.services.jobs.startFleet(as('viewer', 'req-viewer-identify'), { ids }, { kind: 'fleet.identify', seconds: 10 })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(core.queue.length).toBe(before);
    const denied = (await core.ports.auditLog.query(T, { outcome: 'denied', actor: 'user:viewer' }, { limit: 10 })).items;
    expect(denied.some((e) => e.requestId === 'req-viewer-identify')).toBe(true);
    expect((await core.services.jobs.list(as('viewer'), { kind: 'fleet.identify' })).items).toHaveLength(1);
  });

  it('refuses seconds outside 1-255 with a clear error and starts nothing', async () => {
    for (const seconds of [0, 256, 1.5]) {
      await expect(core.services.jobs.startFleet(as('operator'), { ids }, { kind: 'fleet.identify', seconds })).rejects.toMatchObject({ code: 'BAD_USER_INPUT', message: expect.stringContaining('seconds') });
    }
    expect(core.queue).toEqual([]);
    expect(fleet.bmc(2).identify).toBe('off');
  });
});
