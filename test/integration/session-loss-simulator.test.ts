/**
 * Loss: 200 full operations (open, power, sensors, SEL, FRU, close) at 20 % loss each way,
 * on default settings (time-outs, retries, deadline), all succeed. Retransmission waits
 * adapt to the measured round trip, and an exchange retransmits while the operation's
 * deadline allows rather than a fixed number of times. One operation per simulated BMC, all
 * at once, to keep the test short (concurrent SDR readers on one BMC are another matter: C5h).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { collectFleet, powerStatus, readFru, readSensors, runFleet, selList, type FleetTarget } from '../../lambdas/ipmi/index.ts';
import { forgetBmcHints } from '../../lambdas/ipmi/session/bmc-hints.ts';
import { startFleet, type Fleet } from '../../lambdas/simulator/index.ts';

const BMCS = 200;
const OPERATIONS = 200;

let fleet: Fleet;
beforeAll(async () => {
  forgetBmcHints();
  fleet = await startFleet({ count: BMCS, seed: 20, faults: { lossPercent: 20 } });
});
afterAll(async () => {
  await fleet?.stop();
});

it('200 full operations at 20 % loss each way all succeed on default settings', async () => {
  const targets: FleetTarget[] = Array.from({ length: OPERATIONS }, (_, i) => ({ host: fleet.bmc(i % BMCS).host, port: fleet.bmc(i % BMCS).port }));
  const started = performance.now();
  const results = await collectFleet(
    runFleet(
      targets,
      async (s) => {
        const power = await powerStatus(s);
        const sensors = await readSensors(s);
        const sel = await selList(s);
        const fru = await readFru(s);
        return { power, sensors: sensors.length, sel: sel.length, fruBytes: fru.sizeBytes };
      },
      { username: 'admin', password: 'admin' },
    ),
  );
  const ms = results.map((r) => r.ms).sort((a, b) => a - b);
  console.log(`200 operations at 20 % loss: ${Math.round(performance.now() - started)} ms in all, p50 ${Math.round(ms[100]!)} ms, p99 ${Math.round(ms[197]!)} ms (shared machine)`);
  const failed = results.filter((r) => !r.ok);
  expect(failed.map((r) => (r.ok ? '' : r.error.message))).toEqual([]);
  expect(results).toHaveLength(OPERATIONS);
  for (const r of results) if (r.ok) expect(r.value.sensors).toBeGreaterThan(0);
  // The loss really happened, both ways.
  const net = fleet.bmc(0).stats.net;
  expect(net.droppedIn).toBeGreaterThan(0);
  expect(net.droppedOut).toBeGreaterThan(0);
  // And every session was closed (Close Session retransmitted within its own budget).
  for (let i = 0; i < BMCS; i++) expect(fleet.bmc(i).activeSessions).toBe(0);
}, 240_000);
