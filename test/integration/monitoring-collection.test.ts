/**
 * Scheduled collection end to end: DynamoDB Local, simulated BMCs, and the path AWS runs — the
 * scheduler's entry point starts `monitor.collect` jobs, the job worker runs their tasks, the
 * collector stores state, history and events. A test clock moves the schedule forward; the BMCs
 * change through the simulator's handles.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDynamoPorts, DynamoMonitoringStore } from '../../lambdas/adapters/dynamodb/index.ts';
import { IpmiGateway } from '../../lambdas/adapters/ipmi/gateway.ts';
import { FileCredentialStore } from '../../lambdas/adapters/local/file-credential-store.ts';
import { createServices, type CoreServices } from '../../lambdas/core/index.ts';
import type { JobMessage } from '../../lambdas/core/jobs/ports.ts';
import type { AssessBmc, MonitorEvent } from '../../lambdas/core/monitoring/model.ts';
import type { EventPublisher } from '../../lambdas/core/monitoring/publisher.ts';
import type { Caller } from '../../lambdas/core/types.ts';
import { startFleet, type Fleet } from '../../lambdas/simulator/index.ts';
import { startSharedStores, type SharedStores } from '../support/shared-stores.ts';

const PASSWORD = 'monitor-pw-1';
const A = 'tenant-mon-a';
const B = 'tenant-mon-b';
const MINUTE = 60_000;

function admin(tenantId: string): Caller {
  return { principal: { tenantId, role: 'admin', actor: 'user:admin' }, requestId: 'r', source: 'test' };
}

/** A rule of the test's own: a fan below its lower critical threshold is a degrading fan. */
const fanRule: AssessBmc = (input) =>
  input.sensors
    .filter((s) => s.type === 'Fan' && s.samples.some((x) => x.status === 'cr'))
    .map((s) => ({ rule: 'test.fan', component: s.name, risk: 'high', reason: 'below lower critical', evidence: [], since: input.now, evaluatedAt: input.now }));

describe('scheduled collection', () => {
  let stores: SharedStores;
  let fleet: Fleet;
  let services: CoreServices;
  let gateway: IpmiGateway;
  const now = { t: Date.parse('2026-12-03T10:00:30Z') };
  const queue: JobMessage[] = [];
  const bus: MonitorEvent[] = [];
  const ids: Record<string, string[]> = { [A]: [], [B]: [] };

  /** One scheduler tick, then every queued job message handled: one collection cycle. */
  async function cycle(): Promise<MonitorEvent[]> {
    const before = bus.length;
    const started = await services.monitorScheduler().runDue();
    const worker = services.jobWorker({ owner: 'test-worker' });
    expect(started.length).toBeGreaterThan(0);
    while (queue.length > 0) await worker.handle(queue.shift() as JobMessage);
    return bus.slice(before);
  }

  function advance(ms: number): void {
    now.t += ms;
  }

  beforeAll(async () => {
    [stores, fleet] = await Promise.all([startSharedStores({ prefix: 'monitor' }), startFleet({ count: 5, password: PASSWORD, seed: 14 })]);
    for (let i = 0; i < 4; i++) ids[A]?.push(await stores.registerBmc(A, fleet.bmc(i), PASSWORD, `a-${i}`));
    ids[B]?.push(await stores.registerBmc(B, fleet.bmc(4), PASSWORD, 'b-0'));
    const ports = createDynamoPorts(stores.documentClient, stores.names);
    const recorder: EventPublisher = { publish: async (events) => void bus.push(...events) };
    // 600 ms a try: on two shared cores a 300 ms answer can come late and read as an unreachable BMC.
    // The SDR cache as in production: repositories do not change here, readings do.
    gateway = new IpmiGateway({ timeoutMs: 600, retries: 1 });
    services = createServices({
      ...ports,
      credentials: new FileCredentialStore(stores.credentialsDir),
      gateway,
      clock: { now: () => new Date(now.t) },
      jobs: { store: ports.jobStore!, queue: { send: async (m) => void queue.push(...m) } },
      monitoring: {
        store: new DynamoMonitoringStore(stores.documentClient, stores.names.monitoring!),
        assess: fanRule,
        publishers: [recorder],
        options: { tenants: async () => [A, B] },
      },
    });
    // Readings stay put: only what a test changes moves.
    for (const bmc of fleet.bmcs) for (const s of bmc.sensors()) if (s.value !== null) bmc.setSensor(s.number, s.value);
    await cycle();
  }, 120_000);

  afterAll(async () => {
    await gateway?.close();
    await fleet?.stop();
    await stores?.stop();
  });

  it('takes the first cycle as the baseline: a state per BMC, history, no news about a healthy fleet', async () => {
    for (const tenant of [A, B]) {
      for (const id of ids[tenant] ?? []) {
        const state = await services.monitoring.state(admin(tenant), id);
        expect(state).toMatchObject({ bmcId: id, power: 'on', health: 'ok', reachable: true });
        expect(state?.sel?.lastAddition).not.toBeUndefined();
      }
    }
    const page = await services.monitoring.events(admin(A));
    expect(page.items).toEqual([]);
  });

  it('does nothing before a rule is due again', async () => {
    advance(10_000);
    expect(await services.monitorScheduler().runDue()).toEqual([]);
  });

  it('turns an injected change into exactly its events: power, SEL entries, nothing on the untouched BMCs', async () => {
    const [bmc0, , , bmc3] = [fleet.bmc(0), fleet.bmc(1), fleet.bmc(2), fleet.bmc(3)];
    const sel0 = bmc0.selEntries().length;
    bmc0.setPower('off');
    const addedSel = bmc0.selEntries().slice(sel0);
    bmc3.addSelEvent({ sensorType: 0x0c, sensorNumber: 0x40, eventType: 0x6f, deassertion: false, data: [0x00, 0xff, 0xff] });
    advance(5 * MINUTE);
    const events = await cycle();
    const a0 = events.filter((e) => e.bmcId === ids[A]?.[0]);
    expect(a0.filter((e) => e.kind === 'power.changed').map((e) => e.detail)).toEqual([{ from: 'on', to: 'off' }]);
    // Powering off also turns the powered sensors to "no reading"; that is a status change each.
    expect(a0.filter((e) => e.kind === 'sel.entry').map((e) => e.detail['raw'])).toEqual(addedSel);
    const a3 = events.filter((e) => e.bmcId === ids[A]?.[3]);
    expect(a3.map((e) => e.kind)).toEqual(['sel.entry']);
    expect(a3[0]?.detail['sensorType']).toBe('Memory');
    expect(events.filter((e) => e.bmcId === ids[A]?.[1] || e.bmcId === ids[A]?.[2] || e.bmcId === ids[B]?.[0])).toEqual([]);
    expect(await services.monitoring.state(admin(A), ids[A]?.[0] ?? '')).toMatchObject({ power: 'off' });
    // The store has them for the tenant's queries, newest first, filtered.
    const stored = await services.monitoring.events(admin(A), { kinds: ['power.changed'] });
    expect(stored.items.map((e) => e.bmcId)).toEqual([ids[A]?.[0]]);
    bmc0.setPower('on');
  }, 60_000);

  it('raises no storm when a reading hovers at a threshold: the SDR hysteresis holds the status', async () => {
    const bmc = fleet.bmc(1);
    const id = ids[A]?.[1] ?? '';
    const onlyInlet = (events: MonitorEvent[]) => events.filter((e) => e.bmcId === id && e.kind === 'sensor.status.changed' && e.detail['sensor'] === 'Inlet Temp');
    const start = new Date(now.t + 1).toISOString();
    bmc.setSensor('Inlet Temp', 45); // at ucr 45: critical
    advance(5 * MINUTE);
    const first = onlyInlet(await cycle());
    expect(first.map((e) => [e.detail['from'], e.detail['to']])).toEqual([['ok', 'cr']]);
    expect(first[0]?.detail['threshold']).toEqual({ name: 'ucr', value: 45 });
    // 44.5 is below ucr, so the BMC's own bits say non-critical; within the 1 degree hysteresis it stays critical.
    for (const value of [44.5, 45, 44.5, 45, 44.5]) {
      bmc.setSensor('Inlet Temp', value);
      advance(5 * MINUTE);
      expect(onlyInlet(await cycle())).toEqual([]);
    }
    bmc.setSensor('Inlet Temp', 23);
    advance(5 * MINUTE);
    expect(onlyInlet(await cycle()).map((e) => [e.detail['from'], e.detail['to']])).toEqual([['cr', 'ok']]);
    const history = await services.monitoring.sensorHistory(admin(A), id, 'Inlet Temp', { from: start });
    expect(history.map((s) => s.reading)).toEqual([45, 44.5, 45, 44.5, 45, 44.5, 23]);
  }, 120_000);

  it('raises a prediction once, keeps its since, and says when it is raised', async () => {
    const bmc = fleet.bmc(2);
    const id = ids[A]?.[2] ?? '';
    bmc.pushOverThreshold('FAN2', 'lcr');
    advance(5 * MINUTE);
    const raised = (await cycle()).filter((e) => e.bmcId === id && e.kind === 'prediction.raised');
    expect(raised.map((e) => e.detail['component'])).toEqual(['FAN2']);
    const since = (await services.monitoring.predictions(admin(A), id))[0]?.since;
    advance(5 * MINUTE);
    expect((await cycle()).filter((e) => e.kind === 'prediction.raised')).toEqual([]);
    expect((await services.monitoring.predictions(admin(A), id))[0]?.since).toBe(since);
  }, 60_000);

  it('reads the SEL incrementally: only new records, the whole log after a clear', async () => {
    const bmc = fleet.bmc(3);
    const id = ids[A]?.[3] ?? '';
    const memory = { sensorType: 0x0c, sensorNumber: 0x40, eventType: 0x6f, deassertion: false, data: [0x00, 0xff, 0xff] as const };
    for (let i = 0; i < 20; i++) bmc.addSelEvent({ ...memory, data: [...memory.data] });
    advance(5 * MINUTE);
    await cycle();
    const journal = bmc.recordCommands();
    bmc.addSelEvent({ ...memory, data: [0x01, 0xff, 0xff] });
    advance(5 * MINUTE);
    const events = (await cycle()).filter((e) => e.bmcId === id && e.kind === 'sel.entry');
    expect(events).toHaveLength(1);
    // Get SEL Entry (NetFn 0Ah, cmd 43h; IPMI v2.0 section 31.5): the marked record and the new one, not the 20 before.
    // A retransmission the BMC answers from memory (a late answer on a loaded machine) is not a second read.
    const entryReads = journal.entries.filter((c) => c.netFn === 0x0a && c.cmd === 0x43 && !c.duplicate);
    expect(entryReads.length).toBe(2);

    bmc.clearSel();
    bmc.addSelEvent({ ...memory, data: [0x02, 0xff, 0xff] });
    advance(5 * MINUTE);
    const afterClear = (await cycle()).filter((e) => e.bmcId === id && e.kind === 'sel.entry');
    expect(afterClear.map((e) => e.detail['id'])).toEqual([1]);
    advance(5 * MINUTE);
    expect((await cycle()).filter((e) => e.bmcId === id && e.kind === 'sel.entry')).toEqual([]);
  }, 60_000);

  it('says when a BMC stops answering and when it is back, once each', async () => {
    const bmc = fleet.bmc(3);
    const id = ids[A]?.[3] ?? '';
    bmc.inject({ unresponsive: true });
    advance(5 * MINUTE);
    expect((await cycle()).filter((e) => e.bmcId === id).map((e) => e.kind)).toEqual(['bmc.unreachable']);
    advance(5 * MINUTE);
    expect((await cycle()).filter((e) => e.bmcId === id)).toEqual([]);
    bmc.heal();
    advance(5 * MINUTE);
    expect((await cycle()).filter((e) => e.bmcId === id).map((e) => e.kind)).toEqual(['bmc.recovered']);
    const changed = await services.monitoring.healthChanged(admin(A), new Date(now.t - 11 * MINUTE).toISOString());
    expect(changed.items.map((s) => s.bmcId)).toContain(id);
  }, 120_000);

  it('keeps tenants apart: events, history and predictions', async () => {
    const other = await services.monitoring.events(admin(B));
    expect(other.items.every((e) => e.tenantId === B)).toBe(true);
    expect(other.items.some((e) => (ids[A] ?? []).includes(e.bmcId ?? ''))).toBe(false);
    await expect(services.monitoring.sensorHistory(admin(B), ids[A]?.[1] ?? '', 'Inlet Temp')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(services.monitoring.predictions(admin(B), ids[A]?.[2] ?? '')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('refuses a bad policy with a clear error and changes nothing, on record', async () => {
    const before = await services.monitoring.policy(admin(A));
    await expect(services.monitoring.setPolicy(admin(A), { rules: [{ tag: null, intervalSeconds: 30 }] })).rejects.toMatchObject({ code: 'BAD_USER_INPUT', field: 'rules[0].intervalSeconds' });
    await expect(services.monitoring.setPolicy(admin(A), { rules: [{ tag: 'no-such-tag', intervalSeconds: 60 }] })).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
    await expect(services.monitoring.setPolicy({ ...admin(A), principal: { ...admin(A).principal, role: 'viewer' } }, { historyDays: 3 })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await services.monitoring.policy(admin(A))).toEqual(before);
    const set = await services.monitoring.setPolicy(admin(A), { rules: [{ tag: null, intervalSeconds: 60, collect: { sel: false } }], historyDays: 7 });
    expect(set).toMatchObject({ historyDays: 7, rules: [{ tag: null, intervalSeconds: 60, collect: { power: true, sensors: true, sel: false } }] });
    const audit = await services.audit.query(admin(A), { action: 'monitoring.policy.update' }, {});
    expect(audit.items.map((e) => e.outcome).sort()).toEqual(['denied', 'failed', 'failed', 'succeeded']);
  });
});
