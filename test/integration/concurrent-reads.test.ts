/**
 * Four full read operations (sensors with their SDR read, SEL, FRU) at once per BMC, each in
 * its own session: the SDR reads cancel each other's reservations (C5h), and each must take
 * a new one and carry on. All succeed, with the same records a lone operation reads.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFru, readSensors, selList, withSession, type SessionOptions } from '../../lambdas/ipmi/index.ts';
import { startFleet, type Fleet } from '../../lambdas/simulator/index.ts';
import { useIpmiSim } from '../support/use-ipmi-sim.ts';

const CONCURRENT = 4;

/** Sensor names and numbers (values drift between reads), SEL entries and the FRU. */
async function fullRead(o: SessionOptions) {
  return withSession(o, async (s) => {
    const sensors = (await readSensors(s)).map((x) => `${x.number}:${x.name}`);
    const sel = await selList(s);
    const fru = await readFru(s);
    return { sensors, sel, fru };
  });
}

async function concurrently(o: SessionOptions) {
  const alone = await fullRead(o);
  const together = await Promise.allSettled(Array.from({ length: CONCURRENT }, () => fullRead(o)));
  return { alone, together };
}

function expectAllAsAlone({ alone, together }: Awaited<ReturnType<typeof concurrently>>) {
  expect(together.map((r) => (r.status === 'rejected' ? String(r.reason) : 'ok'))).toEqual(Array(CONCURRENT).fill('ok'));
  for (const r of together) if (r.status === 'fulfilled') expect(r.value).toEqual(alone);
}

describe('the simulator', () => {
  let fleet: Fleet;
  beforeAll(async () => {
    fleet = await startFleet({ count: 2, seed: 8 });
    for (const i of [0, 1]) fleet.bmc(i).addSelEvents(30, { sensorType: 0x02, sensorNumber: 0x10, eventType: 0x01, deassertion: false, data: [0x52, 0x00, 0x00] });
  });
  afterAll(async () => {
    await fleet?.stop();
  });

  it(`serves ${CONCURRENT} concurrent full reads per BMC on two BMCs, all complete`, async () => {
    const journals = [fleet.bmc(0).recordCommands(), fleet.bmc(1).recordCommands()];
    const results = await Promise.all([0, 1].map((i) => concurrently({ host: fleet.bmc(i).host, port: fleet.bmc(i).port, username: 'admin', password: 'admin', timeoutMs: 1000, retries: 3 })));
    for (const r of results) expectAllAsAlone(r);
    // Partial reads needed reservations (the simulator serves 32 bytes per Get SDR), one per reader at least.
    for (const j of journals) expect(j.of(0x0a, 0x22).length).toBeGreaterThanOrEqual(CONCURRENT + 1);
  });
});

describe('ipmi_sim', () => {
  const sim = useIpmiSim();

  it(`serves ${CONCURRENT} concurrent full reads, all complete`, async () => {
    const { host, port, username, password } = sim();
    expectAllAsAlone(await concurrently({ host, port, username, password, cipherSuite: 3, timeoutMs: 2000, retries: 3 }));
  });
});
