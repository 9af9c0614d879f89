/**
 * `npm start`'s simulated fleet is not uniformly healthy (lambdas/local/default-scenarios.ts):
 * read with the library as collection would, it shows a failed PSU, a fan under its critical
 * threshold, an ECC storm and a drive about to fail, and the prediction rules name each.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assessBmc } from '../../lambdas/core/monitoring/predictions/index.ts';
import { openSession } from '../../lambdas/ipmi/index.ts';
import { readSensors } from '../../lambdas/ipmi/ops/sensors.ts';
import { selList } from '../../lambdas/ipmi/ops/sel.ts';
import { ConfigError, localConfig } from '../../lambdas/local/config.ts';
import { defaultScenarios } from '../../lambdas/local/default-scenarios.ts';
import { startFleet, type Fleet } from '../../lambdas/simulator/index.ts';

const PASSWORD = 'default-fleet';
let fleet: Fleet;

beforeAll(async () => {
  fleet = await startFleet({ count: 8, password: PASSWORD, selHistory: true, scenarios: defaultScenarios(8) });
});
afterAll(async () => {
  await fleet?.stop();
});

async function read(i: number) {
  const b = fleet.bmc(i);
  const s = await openSession({ host: b.host, port: b.port, username: 'admin', password: PASSWORD, cipherSuite: 3, timeoutMs: 300, retries: 2 });
  try {
    return { sensors: await readSensors(s), sel: await selList(s) };
  } finally {
    await s.close();
  }
}

describe('the default fleet of npm start', () => {
  it('has a failed PSU, a fan under threshold, an ECC storm and a failing drive, and the rules see them', async () => {
    const now = new Date().toISOString();
    const found: string[] = [];
    const unhealthy: string[] = [];
    for (let i = 0; i < fleet.size; i++) {
      const { sensors, sel } = await read(i);
      for (const s of sensors.filter((x) => x.status !== 'ok')) unhealthy.push(`sim-0${i + 1} ${s.name} ${s.status}`);
      for (const p of assessBmc({ bmcId: String(i), sel, sensors: [], previous: [], now })) found.push(`sim-0${i + 1} ${p.rule} ${p.component} ${p.risk}`);
    }
    expect(unhealthy).toContain('sim-03 FAN2 cr');
    expect(found).toEqual([
      'sim-02 psu.failure Power Supply #0x41 high',
      'sim-03 fan.degrading Fan #0x21 high',
      'sim-04 memory.ecc-rate DIMM 2 (Memory #0x70) high',
      'sim-06 drive.predictive-failure Drive Slot / Bay #0x80 medium',
    ]);
    const psu = (await read(1)).sensors.find((s) => s.name === 'PSU2 Status');
    expect(psu?.states).toContain('Failure detected');
  });

  it('is healthy with BMC_SIM_SCENARIOS=none, and refuses other values', () => {
    expect(localConfig({ BMC_SIM_SCENARIOS: 'none' }).fleet.scenarios).toBe('none');
    expect(localConfig({}).fleet.scenarios).toBe('default');
    expect(() => localConfig({ BMC_SIM_SCENARIOS: 'chaos' })).toThrow(ConfigError);
    expect(defaultScenarios(2)).toEqual({ 1: [{ kind: 'psu-failure', psu: 2 }] });
  });
});
