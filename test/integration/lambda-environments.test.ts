/**
 * The multi-environment harness itself: four processes running the bundled REST and GraphQL
 * handlers over one DynamoDB Local and a simulated fleet, fed API Gateway events; one is
 * SIGKILLed mid-request and replaced.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFleet, type Fleet } from '../../lambdas/simulator/index.ts';
import { bundleHandlers, EnvironmentKilledError, LambdaEnvironments, type HandlerBundles } from '../support/lambda-environments.ts';
import { startSharedStores, type SharedStores } from '../support/shared-stores.ts';

const PASSWORD = 'harness-pw-1';

describe('multi-environment harness', () => {
  let bundles: HandlerBundles;
  let stores: SharedStores;
  let fleet: Fleet;
  let envs: LambdaEnvironments;
  let apiKey: string;
  const ids: string[] = [];

  beforeAll(async () => {
    [bundles, stores, fleet] = await Promise.all([
      bundleHandlers(),
      startSharedStores({ prefix: 'harness' }),
      startFleet({ count: 2, password: PASSWORD, seed: 31, poweredOn: false, timing: { powerOnMs: 1500, powerOffMs: 20 } }),
    ]);
    apiKey = (await stores.services.apiKeys.bootstrap('tenant-h')).key;
    for (let i = 0; i < 2; i++) ids.push(await stores.registerBmc('tenant-h', fleet.bmc(i), PASSWORD));
    envs = await LambdaEnvironments.start({
      bundles,
      env: stores.environment({ BMC_MIN_ACTION_INTERVAL_MS: '0', BMC_TIMEOUT_MS: '500', BMC_POWER_VERIFY_DELAYS_MS: '200,200,200,200,200,200,200,200,200,200' }),
    });
  }, 120_000);
  afterAll(async () => {
    await envs?.stop();
    await fleet?.stop();
    await stores?.stop();
    await bundles?.remove();
  });

  it('spreads requests over four separate processes, each answering from the shared stores and BMCs', async () => {
    const answers = await Promise.all(Array.from({ length: 8 }, () => envs.rest('GET', `/v1/bmcs/${ids[0]}/power`, { apiKey })));
    expect(answers.map((a) => a.status)).toEqual(Array(8).fill(200));
    expect(answers.every((a) => (a.json as { power: string }).power === 'off')).toBe(true);
    expect(new Set(answers.map((a) => a.env))).toEqual(new Set([0, 1, 2, 3]));
    const pids = [0, 1, 2, 3].map((i) => envs.pid(i));
    expect(new Set(pids).size).toBe(4);
    expect(pids).not.toContain(process.pid);
  });

  it('serves GraphQL from the bundled handler too', async () => {
    const r = await envs.graphql('query($id: ID!) { bmc(id: $id) { name power { state } } }', { id: ids[1] }, { apiKey, env: 2 });
    expect(r.status).toBe(200);
    expect(r.json).toEqual({ data: { bmc: { name: expect.any(String), power: { state: 'OFF' } } } });
  });

  it('an environment SIGKILLed mid-request fails that request only; its replacement serves the next', async () => {
    const journal = fleet.bmc(1).recordCommands();
    const oldPid = envs.pid(1);
    const pending = envs.rest('POST', `/v1/bmcs/${ids[1]}/power`, { apiKey, env: 1, body: { action: 'on' } });
    // Mid-request: the Chassis Control reached the BMC, the power-on is still being verified.
    while (journal.of(0x00, 0x02).length === 0) await new Promise((r) => setTimeout(r, 10));
    envs.kill(1);
    await expect(pending).rejects.toBeInstanceOf(EnvironmentKilledError);
    await expect(envs.rest('GET', `/v1/bmcs/${ids[1]}/power`, { apiKey, env: 1 })).rejects.toBeInstanceOf(EnvironmentKilledError);
    await envs.replace(1);
    expect(envs.pid(1)).not.toBe(oldPid);
    const after = await envs.rest('GET', `/v1/bmcs/${ids[0]}/power`, { apiKey, env: 1 });
    expect(after.status).toBe(200);
  });
});
