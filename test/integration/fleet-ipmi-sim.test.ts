import { beforeAll, describe, expect, it } from 'vitest';
import { collectFleet, powerStatus, runFleet, SessionPool, sweepSensors, TimeoutError, UdpTransport, type FleetTarget } from '../../lambdas/ipmi/index.ts';
import { readSensors } from '../../lambdas/ipmi/ops/sensors.ts';
import { forgetBmcHints } from '../../lambdas/ipmi/session/bmc-hints.ts';
import { AUTO_PIPELINE_DEPTH } from '../../lambdas/ipmi/session/session.ts';
import { openSession } from '../../lambdas/ipmi/index.ts';
import type { IpmiSimHandle } from '../support/ipmi-sim.ts';
import { useIpmiSims } from '../support/use-ipmi-sim.ts';
import { freeUdpPort } from '../support/ports.ts';

/** The fleet engine over several real ipmi_sim BMCs sharing one socket, one of them down. */
describe('fleet runs against ipmi_sim', () => {
  // Same credentials on every BMC, as `bmc sweep` assumes.
  const users = { admin: { username: 'fleetadmin', password: 'fleet-secret-1' } };
  const sims = useIpmiSims([{ users }, { users, power: 'off' }, { users }]);
  let bmcs: readonly IpmiSimHandle[];
  let deadPort: number;

  beforeAll(async () => {
    bmcs = sims();
    deadPort = await freeUdpPort();
  });

  const creds = { username: 'fleetadmin', password: 'fleet-secret-1', timeoutMs: 200, retries: 1 };

  it('returns one result per BMC, an unreachable one as data, and closes every session', async () => {
    const transport = new UdpTransport();
    const targets: FleetTarget[] = [...bmcs.map((b) => ({ host: b.host, port: b.port })), { host: '127.0.0.1', port: deadPort }];
    const results = await collectFleet(runFleet(targets, (s) => powerStatus(s), { ...creds, transport, concurrency: 2 }));
    expect(results).toHaveLength(4);
    const byPort = new Map(results.map((r) => [r.target.port, r]));
    expect(byPort.get(bmcs[0]!.port)).toMatchObject({ ok: true, value: 'on' });
    expect(byPort.get(bmcs[1]!.port)).toMatchObject({ ok: true, value: 'off' });
    expect(byPort.get(bmcs[2]!.port)).toMatchObject({ ok: true, value: 'on' });
    const dead = byPort.get(deadPort)!;
    expect(dead.ok).toBe(false);
    if (!dead.ok) expect(dead.error).toBeInstanceOf(TimeoutError);
    expect(transport.sessionCount).toBe(0);
    await transport.close();
  });

  it('streams results as they complete: a held-back BMC is released only by the consumer seeing the others', async () => {
    // If runFleet buffered its results, the consumer would never see two before the third
    // finishes, the gate would never open, and this test would time out.
    let openGate!: () => void;
    const gate = new Promise<void>((r) => (openGate = r));
    const held = bmcs[0]!.port;
    const order: (number | undefined)[] = [];
    const targets = bmcs.map((b) => ({ host: b.host, port: b.port }));
    const work = async (s: Parameters<Parameters<typeof runFleet>[1]>[0], t: FleetTarget) => {
      if (t.port === held) await gate;
      return powerStatus(s);
    };
    for await (const r of runFleet(targets, work, { ...creds, cipherSuite: 3, timeoutMs: 1000 })) {
      expect(r.ok).toBe(true);
      order.push(r.target.port);
      if (order.length === 2) openGate();
    }
    expect(order).toHaveLength(3);
    expect(order.at(-1)).toBe(held);
  });

  it('a session pool reuses one session per BMC across runs', async () => {
    const transport = new UdpTransport();
    const pool = new SessionPool({ idleMs: 5_000 });
    const targets = bmcs.map((b) => ({ host: b.host, port: b.port }));
    const ids = async () =>
      (await collectFleet(runFleet(targets, async (s) => s.consoleSessionId, { ...creds, transport, pool }))).map((r) => (r.ok ? r.value : -1)).sort();
    const first = await ids();
    const second = await ids();
    expect(first).toEqual(second);
    expect(pool.openSessions).toBe(3);
    await pool.close();
    expect(pool.openSessions).toBe(0);
    await transport.close();
  });

  it('pipelined readings (fixed at 4, and the adaptive default) give the same sensors as one at a time', async () => {
    const targets = bmcs.map((b) => ({ host: b.host, port: b.port }));
    const names = async (extra: object) =>
      (await collectFleet(sweepSensors(targets, { ...creds, cipherSuite: 3, ...extra })))
        .map((r) => (r.ok ? r.value.map((s) => `${s.number}:${s.name}:${s.unit}`).join(',') : `error ${String(r.error)}`))
        .sort();
    const serial = await names({ maxInFlight: 1 });
    expect(await names({ maxInFlight: 4, sensorConcurrency: 4 })).toEqual(serial);
    expect(await names({})).toEqual(serial);
    expect(serial[0]).toMatch(/^\d+:/);
  });

  it('an adaptive session to ipmi_sim, a BMC nobody here wrote, grows to four requests in flight', async () => {
    forgetBmcHints();
    const b = bmcs[0]!;
    const s = await openSession({ host: b.host, port: b.port, username: creds.username, password: creds.password, cipherSuite: 3, timeoutMs: 2_000 });
    try {
      const sensors = await readSensors(s);
      expect(sensors.length).toBeGreaterThan(10);
      expect(s.inFlightWindow).toBe(AUTO_PIPELINE_DEPTH);
      expect(s.drops).toEqual({ malformed: 0, integrity: 0, replay: 0, unmatched: 0 });
    } finally {
      await s.close();
    }
  });
});
