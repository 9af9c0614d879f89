/**
 * A viewer's burst of refused actions on one BMC against an operator's actions on the same BMC,
 * through two processes running the bundled REST handler over one DynamoDB Local (all writing
 * to that BMC's audit chain at once). Every refusal is recorded, no action fails, and the chain
 * still verifies with its signed checkpoints. See test/support/lambda-environments.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFleet, type Fleet } from '../../lambdas/simulator/index.ts';
import type { AuditEvent, Page } from '../../lambdas/core/types.ts';
import { bundleHandlers, LambdaEnvironments, type ApiAnswer, type HandlerBundles } from '../support/lambda-environments.ts';
import { adminCaller, startSharedStores, type SharedStores } from '../support/shared-stores.ts';
import { caller } from '../support/caller.ts';

const PASSWORD = 'starve-pw-1';
const TENANT = 'tenant-s';
const DENIALS = 150;
const ACTIONS = 12;

const errorCode = (a: ApiAnswer) => (a.json as { error?: { code?: string } } | undefined)?.error?.code;

// `one` is Lambda (one invocation at a time per environment); `many` is a process serving many
// requests at once, as `npm start` does: 75 refusals queue per process and go in batches.
describe.each(['one', 'many'] as const)('refusals cannot starve actions on one audit chain (two processes, concurrency %s)', (concurrency) => {
  let bundles: HandlerBundles;
  let stores: SharedStores;
  let fleet: Fleet;
  let envs: LambdaEnvironments;
  let bmcId: string;
  let viewer: string;
  let operator: string;

  beforeAll(async () => {
    [bundles, stores, fleet] = await Promise.all([
      bundleHandlers({ rest: 'lambdas/handlers/rest.ts' }),
      startSharedStores({ prefix: `starve-${concurrency}` }),
      startFleet({ count: 1, password: PASSWORD, seed: 51 }),
    ]);
    await stores.services.apiKeys.bootstrap(TENANT);
    viewer = (await stores.services.apiKeys.create(adminCaller(TENANT), { name: 'viewer', role: 'viewer' })).key;
    operator = (await stores.services.apiKeys.create(adminCaller(TENANT), { name: 'operator', role: 'operator' })).key;
    bmcId = await stores.registerBmc(TENANT, fleet.bmc(0), PASSWORD);
    // Leases generous enough that the BMC itself never answers BMC_BUSY: only the audit chain is contended.
    envs = await LambdaEnvironments.start({
      bundles,
      count: 2,
      concurrency,
      // DENIAL_LIMIT above the burst: this file is about the audit chain under contention, not the
      // per-key limit on denials (api-refusals-local), which would answer 429 past 30 a minute.
      env: stores.environment({ BMC_MIN_ACTION_INTERVAL_MS: '0', BMC_SESSIONS_PER_BMC: '2', BMC_LEASE_WAIT_MS: '25000', BMC_TIMEOUT_MS: '1000', BMC_RETRIES: '2', DENIAL_LIMIT: '1000' }),
    });
  }, 180_000);
  afterAll(async () => {
    await envs?.stop();
    await fleet?.stop();
    await stores?.stop();
    await bundles?.remove();
  });

  it(`${DENIALS} refused power actions and ${ACTIONS} identify actions at once: every refusal recorded, every action done`, async () => {
    const denials = Array.from({ length: DENIALS }, (_, i) => envs.rest('POST', `/v1/bmcs/${bmcId}/power`, { apiKey: viewer, env: i % 2, body: { action: 'off' } }));
    const actions = Array.from({ length: ACTIONS }, (_, i) => envs.rest('POST', `/v1/bmcs/${bmcId}/identify`, { apiKey: operator, env: i % 2, body: { seconds: 1 } }));
    const [refused, done] = await Promise.all([Promise.all(denials), Promise.all(actions)]);

    expect(done.map((a) => `${a.status} ${errorCode(a) ?? ''}`.trim())).toEqual(Array(ACTIONS).fill('200'));
    expect(refused.map((a) => `${a.status} ${errorCode(a)}`)).toEqual(Array(DENIALS).fill('403 FORBIDDEN'));
    expect(new Set(refused.map((a) => a.env))).toEqual(new Set([0, 1]));

    const chain: AuditEvent[] = [];
    let cursor: string | null = null;
    do {
      const page: Page<AuditEvent> = await stores.services.audit.query(caller('auditor', TENANT), { target: `bmc:${bmcId}` }, { limit: 100, cursor });
      chain.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    const viewerDenials = chain.filter((e) => e.outcome === 'denied' && e.role === 'viewer');
    expect(viewerDenials).toHaveLength(DENIALS);
    expect(chain.filter((e) => e.action.startsWith('bmc.identify') && e.outcome === 'succeeded')).toHaveLength(ACTIONS);

    const [verification] = await stores.services.audit.verify(caller('auditor', TENANT), `bmc:${bmcId}`);
    expect(verification?.problems).toEqual([]);
    expect(verification?.ok).toBe(true);
    // Each action's outcome was checkpointed, and so was every 16th refusal.
    expect(verification?.checkpoints).toBeGreaterThanOrEqual(ACTIONS);
  }, 180_000);
});
