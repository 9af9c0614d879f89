/**
 * Per-tenant request rates across Lambda environments: four processes running the bundled REST
 * and GraphQL handlers over one DynamoDB Local, a tenant at 1 request/s over 60 s windows (a
 * limit of 60 per window), flooded from every process at once. The count in the coordination
 * table is the only judge, so the limit holds exactly: no process admits on its own.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoTenantRegistry } from '../../lambdas/adapters/dynamodb/tenant-registry.ts';
import { DEFAULT_QUOTAS, type TenantRecord } from '../../lambdas/core/index.ts';
import { bundleHandlers, LambdaEnvironments, type ApiAnswer, type HandlerBundles } from '../support/lambda-environments.ts';
import { startSharedStores, type SharedStores } from '../support/shared-stores.ts';

const WINDOW_SECONDS = 60;
const RATE = 1;
const LIMIT = RATE * WINDOW_SECONDS;

function tenant(id: string, requestsPerSecond: number): TenantRecord {
  const now = new Date().toISOString();
  return { id, status: 'active', ranges: ['127.0.0.0/8'], quotas: { ...DEFAULT_QUOTAS, requestsPerSecond }, createdAt: now, updatedAt: now, updatedBy: 'test', deletedAt: null, auditRetainedUntil: null };
}

const errorOf = (a: ApiAnswer) => (a.json as { error?: { code?: string; retryAfterSeconds?: number } } | undefined)?.error;
const graphqlErrorOf = (a: ApiAnswer) => (a.json as { errors?: { extensions?: { code?: string; retryAfterSeconds?: number } }[] } | undefined)?.errors?.[0]?.extensions;

describe('per-tenant request rate across four Lambda environments', () => {
  let bundles: HandlerBundles;
  let stores: SharedStores;
  let envs: LambdaEnvironments;
  let floodKey: string;
  let quietKey: string;

  beforeAll(async () => {
    [bundles, stores] = await Promise.all([bundleHandlers(), startSharedStores({ prefix: 'rates' })]);
    const registry = new DynamoTenantRegistry(stores.documentClient, stores.names.tenants as string);
    await registry.create(tenant('tenant-flood', RATE));
    await registry.create(tenant('tenant-quiet', 1_000));
    floodKey = (await stores.services.apiKeys.bootstrap('tenant-flood')).key;
    quietKey = (await stores.services.apiKeys.bootstrap('tenant-quiet')).key;
    envs = await LambdaEnvironments.start({ bundles, count: 4, concurrency: 'many', env: stores.environment({ TENANT_RATE_WINDOW_SECONDS: String(WINDOW_SECONDS) }) });
  }, 180_000);
  afterAll(async () => {
    await envs?.stop();
    await stores?.stop();
    await bundles?.remove();
  });

  it('admits exactly the limit per window over REST and GraphQL from every process, refuses the rest with 429 and Retry-After, and audits one event', async () => {
    const started = Date.now();
    const flood = Array.from({ length: 3 * LIMIT }, (_, i) => (i % 2 === 0 ? envs.rest('GET', '/v1/me', { apiKey: floodKey }) : envs.graphql('{ me { tenantId } }', {}, { apiKey: floodKey })));
    const answers = await Promise.all(flood);
    const ended = Date.now();
    expect(new Set(answers.map((a) => a.env))).toEqual(new Set([0, 1, 2, 3]));
    const windows = Math.floor(ended / (WINDOW_SECONDS * 1000)) - Math.floor(started / (WINDOW_SECONDS * 1000)) + 1;

    const admitted = answers.filter((a) => a.status === 200);
    const refused = answers.filter((a) => a.status === 429);
    expect(admitted.length + refused.length).toBe(answers.length);
    // Within one window exactly the limit; a run that crossed a window boundary may use two.
    if (windows === 1) expect(admitted.length).toBe(LIMIT);
    else expect(admitted.length).toBeLessThanOrEqual(windows * LIMIT);
    for (const r of refused) {
      expect(Number(r.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      expect(Number(r.headers['retry-after'])).toBeLessThanOrEqual(WINDOW_SECONDS);
      const code = r.json && 'errors' in (r.json as object) ? graphqlErrorOf(r) : errorOf(r);
      expect(code).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: Number(r.headers['retry-after']) });
    }
    expect(refused.some((r) => (r.json as object) && 'errors' in (r.json as object))).toBe(true);
    expect(refused.some((r) => (r.json as object) && 'error' in (r.json as object))).toBe(true);

    // Another tenant is not limited by the first one's use.
    const quiet = await Promise.all(Array.from({ length: 20 }, () => envs.rest('GET', '/v1/me', { apiKey: quietKey })));
    expect(quiet.map((a) => a.status)).toEqual(Array(20).fill(200));

    // One audit event for the flood (one per tenant and minute), not one per refusal.
    const minutes = Math.floor(ended / 60_000) - Math.floor(started / 60_000) + 1;
    const events = await stores.services.audit.query({ principal: { tenantId: 'tenant-flood', role: 'admin', actor: 'test:check' }, requestId: 'check', source: 'test' }, { outcome: 'denied' }, { limit: 100 });
    const exceeded = events.items.filter((e) => e.action === 'ratelimit.exceeded');
    expect(exceeded.length).toBeGreaterThanOrEqual(1);
    expect(exceeded.length).toBeLessThanOrEqual(minutes);
    expect(events.items.length).toBe(exceeded.length);
    expect(exceeded[0]).toMatchObject({ errorCode: 'RATE_LIMITED', parameters: { limit: LIMIT, requestsPerSecond: RATE, windowSeconds: WINDOW_SECONDS, quota: 'requestsPerSecond' } });
  }, 120_000);
});
