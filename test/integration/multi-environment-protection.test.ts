/**
 * BMC protection and idempotency across Lambda environments: four processes running the
 * bundled REST handler over one DynamoDB Local (the coordination table) and simulated BMCs,
 * asserted from the BMC's side (its command journal). See test/support/lambda-environments.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { startFleet, type Fleet } from '../../lambdas/simulator/index.ts';
import { bundleHandlers, EnvironmentKilledError, LambdaEnvironments, type ApiAnswer, type HandlerBundles } from '../support/lambda-environments.ts';
import { adminCaller, startSharedStores, type SharedStores } from '../support/shared-stores.ts';

const PASSWORD = 'multi-env-pw-1';
const GAP_MS = 200;
const CHASSIS_CONTROL = [0x00, 0x02] as const;
const CHASSIS_IDENTIFY = [0x00, 0x04] as const;

const settings = {
  BMC_MIN_ACTION_INTERVAL_MS: String(GAP_MS),
  BMC_SESSIONS_PER_BMC: '2',
  BMC_LEASE_WAIT_MS: '3000',
  BMC_LEASE_MS: '1500',
  BMC_POWER_VERIFY_DELAYS_MS: '30,30,30,30,30,30,30,30,30,30',
  BMC_TIMEOUT_MS: '500',
  BMC_RETRIES: '2',
};

const errorCode = (a: ApiAnswer) => (a.json as { error?: { code?: string } } | undefined)?.error?.code;

describe('protection and idempotency across four Lambda environments', () => {
  let bundles: HandlerBundles;
  let stores: SharedStores;
  let fleet: Fleet;
  let slowFleet: Fleet;
  let envs: LambdaEnvironments;
  let admin: string;
  let operator: string;
  let otherTenant: string;
  const ids: string[] = [];
  let slowId: string;

  beforeAll(async () => {
    [bundles, stores, fleet, slowFleet] = await Promise.all([
      bundleHandlers({ rest: 'lambdas/handlers/rest.ts' }),
      startSharedStores({ prefix: 'multi' }),
      startFleet({ count: 2, password: PASSWORD, seed: 41, timing: { powerOnMs: 20, powerOffMs: 20 } }),
      startFleet({ count: 1, password: PASSWORD, seed: 42, poweredOn: false, timing: { powerOnMs: 4000 } }),
    ]);
    admin = (await stores.services.apiKeys.bootstrap('tenant-m')).key;
    operator = (await stores.services.apiKeys.create(adminCaller('tenant-m'), { name: 'second key', role: 'operator' })).key;
    otherTenant = (await stores.services.apiKeys.bootstrap('tenant-o')).key;
    for (let i = 0; i < 2; i++) ids.push(await stores.registerBmc('tenant-m', fleet.bmc(i), PASSWORD));
    slowId = await stores.registerBmc('tenant-m', slowFleet.bmc(0), PASSWORD);
    envs = await LambdaEnvironments.start({ bundles, count: 4, concurrency: 'many', env: stores.environment(settings) });
  }, 180_000);
  afterAll(async () => {
    await envs?.stop();
    await Promise.all([fleet?.stop(), slowFleet?.stop()]);
    await stores?.stop();
    await bundles?.remove();
  });

  it('50 concurrent power and identify requests: never more than 2 sessions, state changes at least the gap apart, each answered 200 or BMC_BUSY', async () => {
    const journal = fleet.bmc(0).recordCommands();
    const requests = Array.from({ length: 50 }, (_, i) =>
      i % 2 === 0
        ? envs.rest('POST', `/v1/bmcs/${ids[0]}/identify`, { apiKey: admin, body: { seconds: 1 } })
        : envs.rest('POST', `/v1/bmcs/${ids[0]}/power`, { apiKey: admin, body: { action: i % 4 === 1 ? 'on' : 'off' } }),
    );
    const answers = await Promise.all(requests);
    expect(new Set(answers.map((a) => a.env))).toEqual(new Set([0, 1, 2, 3]));
    const outcomes = answers.map((a) => (a.status === 200 ? 'ok' : `${a.status} ${errorCode(a)}`));
    expect(outcomes.filter((o) => o !== 'ok' && o !== '503 BMC_BUSY')).toEqual([]);
    const ok = outcomes.filter((o) => o === 'ok').length;
    expect(ok).toBeGreaterThanOrEqual(5);
    for (const busy of answers.filter((a) => a.status === 503)) expect(Number(busy.headers['retry-after'])).toBeGreaterThanOrEqual(1);

    // From the BMC's side: the cap, the spacing, and one state change per success (none for BMC_BUSY).
    expect(journal.peakSessions).toBeLessThanOrEqual(2);
    expect(Math.max(...journal.entries.map((e) => e.sessions))).toBeLessThanOrEqual(2);
    const changes = [...journal.of(...CHASSIS_CONTROL), ...journal.of(...CHASSIS_IDENTIFY)].map((e) => e.at).sort((a, b) => a - b);
    expect(changes).toHaveLength(ok);
    const gaps = changes.slice(1).map((at, i) => at - (changes[i] ?? 0));
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(GAP_MS);
  }, 120_000);

  it('one Idempotency-Key sent to two environments at once acts once; a third replays it; another key or tenant is refused', async () => {
    const journal = fleet.bmc(1).recordCommands();
    const headers = { 'idempotency-key': 'multi-env-power-0001' };
    const path = `/v1/bmcs/${ids[1]}/power`;
    const [a, b] = await Promise.all([0, 1].map((env) => envs.rest('POST', path, { apiKey: admin, env, headers, body: { action: 'on' } })));
    expect(journal.of(...CHASSIS_CONTROL)).toHaveLength(1);
    const answers = [a, b].map((x) => x?.status).sort();
    expect([[200, 200], [200, 409]]).toContainEqual(answers);
    const first = [a, b].find((x) => x?.status === 200 && x.headers['idempotent-replayed'] !== 'true') ?? a;
    if (a?.status === 200 && b?.status === 200) expect(a.json).toEqual(b.json);

    const replay = await envs.rest('POST', path, { apiKey: admin, env: 2, headers, body: { action: 'on' } });
    expect([replay.status, replay.headers['idempotent-replayed']]).toEqual([200, 'true']);
    expect(replay.json).toEqual(first?.json);

    for (const apiKey of [operator, otherTenant]) {
      const refused = await envs.rest('POST', path, { apiKey, env: 3, headers, body: { action: 'on' } });
      expect([refused.status, errorCode(refused)]).toEqual([400, 'BAD_USER_INPUT']);
      expect(refused.body).not.toContain('"power"');
    }
    const changed = await envs.rest('POST', path, { apiKey: admin, env: 3, headers, body: { action: 'off' } });
    expect([changed.status, errorCode(changed)]).toEqual([400, 'BAD_USER_INPUT']);
    expect(journal.of(...CHASSIS_CONTROL)).toHaveLength(1);
  }, 60_000);

  it('a slot holder SIGKILLed mid-action: its lease expires and the next caller proceeds', async () => {
    const one = await LambdaEnvironments.start({ bundles, count: 2, env: stores.environment({ ...settings, BMC_SESSIONS_PER_BMC: '1' }) });
    try {
      const journal = slowFleet.bmc(0).recordCommands();
      const pending = one.rest('POST', `/v1/bmcs/${slowId}/power`, { apiKey: admin, env: 0, body: { action: 'on' } });
      // Mid-action: the power-on was sent and is being verified, the only slot held.
      while (journal.of(...CHASSIS_CONTROL).length === 0) await new Promise((r) => setTimeout(r, 10));
      const bmc = `${slowFleet.bmc(0).host}:${slowFleet.bmc(0).port}`;
      const lease = await stores.documentClient.send(new GetCommand({ TableName: stores.names.coordination, Key: { pk: `bmc#${bmc}`, sk: 'slot#0' } }));
      const deadHolder = lease.Item?.['holder'] as string;
      expect(deadHolder).toEqual(expect.any(String));
      one.kill(0);
      await expect(pending).rejects.toBeInstanceOf(EnvironmentKilledError);
      const killedAt = Date.now();

      const next = await one.rest('GET', `/v1/bmcs/${slowId}/power`, { apiKey: admin, env: 1 });
      expect(next.status).toBe(200);
      // It could only get the slot once the dead holder's lease ran out.
      expect(Date.now() - killedAt).toBeGreaterThanOrEqual(500);
      const after = await stores.documentClient.send(new GetCommand({ TableName: stores.names.coordination, Key: { pk: `bmc#${bmc}`, sk: 'slot#0' } }));
      expect(after.Item?.['holder']).not.toBe(deadHolder);
    } finally {
      await one.stop();
    }
  }, 90_000);
});
