/**
 * Refusals before authorization, through the local server of `npm start` (startLocalApi: the
 * real REST router and Apollo server over HTTP, dynalite, the coordination table). Each refused
 * request of a known key is one `denied` event in its own tenant's chain, naming the key, the
 * source, the operation and the reason; a key refused too often gets 429 RATE_LIMITED with
 * Retry-After, and its further refusals are counted, not recorded one by one.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDocumentClient } from '../../lambdas/adapters/dynamodb/index.ts';
import { DynamoDenialCounter } from '../../lambdas/adapters/dynamodb/denial-counter-store.ts';
import { startEmbeddedDynamoDb } from '../../lambdas/adapters/local/embedded-dynamodb.ts';
import { createTables } from '../../lambdas/adapters/dynamodb/create-tables.ts';
import { DEFAULT_DENIAL_LIMIT, DenialLimiter } from '../../lambdas/api/denials.ts';
import { localConfig } from '../../lambdas/local/config.ts';
import { startLocalApi, type LocalApi } from '../../lambdas/local/main.ts';
import type { AuditEvent, Principal } from '../../lambdas/core/types.ts';

let dataDir: string;
let api: LocalApi;

async function call(key: string, method: string, path: string, body?: string, contentType = 'application/json') {
  const res = await fetch(`${api.restUrl}${path.replace(/^\/v1/, '')}`, {
    method,
    headers: { 'x-api-key': key, ...(body === undefined ? {} : { 'content-type': contentType }) },
    ...(body === undefined ? {} : { body }),
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as Record<string, unknown> };
}

async function gql(key: string, query: string) {
  const res = await fetch(api.graphqlUrl, { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': key }, body: JSON.stringify({ query }) });
  return { status: res.status, body: (await res.json()) as { errors?: { extensions?: { code?: string; retryAfterSeconds?: number } }[] } };
}

async function newKey(role: string, name: string): Promise<{ key: string; id: string }> {
  const r = await call(api.adminKey, 'POST', '/v1/api-keys', JSON.stringify({ name, role }));
  expect(r.status).toBe(201);
  return { key: String(r.body['key']), id: String((r.body['apiKey'] as { id: string } | undefined)?.id ?? r.body['id']) };
}

/** The denied events of one actor, oldest first. */
async function deniedOf(actor: string): Promise<AuditEvent[]> {
  const r = await call(api.adminKey, 'GET', `/v1/audit-events?outcome=denied&actor=${encodeURIComponent(actor)}&limit=100`);
  expect(r.status).toBe(200);
  return (r.body['items'] as AuditEvent[]).slice().reverse();
}

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'bmcp-refusals-'));
  api = await startLocalApi(localConfig({ PORT: '0', DATA_DIR: dataDir, BMC_SIM_COUNT: '0', LOG_LEVEL: 'error' }));
}, 60_000);

afterAll(async () => {
  await api?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

describe('refusals before authorization are audited', () => {
  const CASES: [name: string, send: (key: string) => Promise<{ status: number }>, action: string, target: string][] = [
    ['a viewer creating a key with an extra field', (k) => call(k, 'POST', '/v1/api-keys', JSON.stringify({ name: 'x', role: 'admin', tenantId: 'other' })), 'createApiKey', 'api:POST /v1/api-keys'],
    ['a bad path id', (k) => call(k, 'GET', '/v1/bmcs/%20not%20an%20id%20'), 'getBmc', 'api:GET /v1/bmcs/{id}'],
    ['a wrong content type', (k) => call(k, 'POST', '/v1/api-keys', 'name=x&role=admin', 'text/plain'), 'createApiKey', 'api:POST /v1/api-keys'],
    ['a bad GraphQL enum', (k) => gql(k, '{ bmcs(filter: { health: PWNED }) { nodes { id } } }'), 'graphql.operation', 'api:graphql'],
    ['a path no route serves (404)', (k) => call(k, 'GET', '/v1/admin/tenants'), 'rest.unrouted', 'api:rest'],
    ['a method the path does not take (405)', (k) => call(k, 'DELETE', '/v1/bmcs'), 'rest.unrouted', 'api:rest'],
  ];

  it.each(CASES)('%s: one denied event with key, source, operation and reason in the tenant chain', async (name, send, action, target) => {
    const viewer = await newKey('viewer', `viewer ${name}`);
    const r = await send(viewer.key);
    const [status, errorCode] = name.endsWith('(404)') ? [404, 'NOT_FOUND'] : [name.endsWith('(405)') ? 405 : 400, 'BAD_USER_INPUT'];
    expect(r.status).toBe(status);
    const events = await deniedOf(`apikey:${viewer.id}`);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ chain: 'tenant', actor: `apikey:${viewer.id}`, role: 'viewer', action, target, outcome: 'denied', errorCode, source: 'http 127.0.0.1' });
    if (action === 'rest.unrouted') expect(events[0]?.parameters).toMatchObject({ method: name.endsWith('(404)') ? 'GET' : 'DELETE', path: expect.stringMatching(/\/(admin\/tenants|bmcs)$/) });
  });

  it('a path no route serves, without a key: 404 as before, and nothing written anywhere', async () => {
    const before = (await call(api.adminKey, 'GET', '/v1/audit-events?limit=100')).body['items'] as AuditEvent[];
    const res = await fetch(`${api.restUrl}/nothing-here`);
    expect(res.status).toBe(404);
    const after = (await call(api.adminKey, 'GET', '/v1/audit-events?limit=100')).body['items'] as AuditEvent[];
    // The two listings themselves are reads (not chain events): the log is unchanged.
    expect(after.map((e) => e.id)).toEqual(before.map((e) => e.id));
  });

  it('a revoked key: 401 as any bad key, and one denied event naming it in its tenant', async () => {
    const viewer = await newKey('viewer', 'soon revoked');
    expect((await call(api.adminKey, 'DELETE', `/v1/api-keys/${viewer.id}`)).status).toBe(200);
    const r = await call(viewer.key, 'GET', '/v1/bmcs');
    expect(r.status).toBe(401);
    expect(r.body['error']).toMatchObject({ code: 'UNAUTHENTICATED', message: 'missing or invalid credentials' });
    const events = await deniedOf(`apikey:${viewer.id}`);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ action: 'listBmcs', target: 'api:GET /v1/bmcs', errorCode: 'UNAUTHENTICATED', parameters: { reason: 'key revoked' } });
  });
});

describe('one denied event per request', () => {
  it('a fleet read naming 12 ids of no BMC of the tenant: 12 NOT_FOUND results, one event listing the ids and their count', async () => {
    const viewer = await newKey('viewer', 'fleet prober');
    const ids = Array.from({ length: 12 }, (_, i) => `nowhere-${i}`);
    const r = await call(viewer.key, 'POST', '/v1/fleet/power-status', JSON.stringify({ target: { ids } }));
    expect(r.status).toBe(200);
    const results = r.body['results'] as { bmcId: string; ok: boolean; error?: { code: string } }[];
    expect(results.map((x) => [x.bmcId, x.ok, x.error?.code])).toEqual(ids.map((id) => [id, false, 'NOT_FOUND']));
    const events = await deniedOf(`apikey:${viewer.id}`);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ chain: 'tenant', action: 'fleet.powerStatus', errorCode: 'NOT_FOUND', parameters: { refusedIds: ids, refusedCount: 12 } });
  });
});

describe('the limit on denied attempts per key', () => {
  it(`past ${DEFAULT_DENIAL_LIMIT} refusals a minute: 429 RATE_LIMITED with Retry-After, on REST and GraphQL; one aggregated event, the rest counted`, async () => {
    const viewer = await newKey('viewer', 'noisy');
    // Aligned so that the whole burst falls in one window.
    const msIntoWindow = Date.now() % 60_000;
    if (msIntoWindow > 45_000) await new Promise((r) => setTimeout(r, 60_500 - msIntoWindow));
    const statuses: number[] = [];
    for (let i = 0; i < DEFAULT_DENIAL_LIMIT + 10; i++) statuses.push((await call(viewer.key, 'POST', '/v1/api-keys', '{"extra":1}')).status);
    expect(statuses.slice(0, DEFAULT_DENIAL_LIMIT).every((s) => s === 400)).toBe(true);
    expect(statuses.slice(DEFAULT_DENIAL_LIMIT).every((s) => s === 429)).toBe(true);

    const limited = await call(viewer.key, 'GET', '/v1/bmcs');
    expect(limited.status).toBe(429);
    expect(limited.body['error']).toMatchObject({ code: 'RATE_LIMITED', retryable: true });
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    const graphql = await gql(viewer.key, '{ me { role } }');
    expect(graphql.body.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');

    const events = await deniedOf(`apikey:${viewer.id}`);
    expect(events.filter((e) => e.action === 'createApiKey')).toHaveLength(DEFAULT_DENIAL_LIMIT + 1);
    const exceeded = events.filter((e) => e.action === 'ratelimit.exceeded');
    expect(exceeded).toHaveLength(1);
    expect(exceeded[0]).toMatchObject({ errorCode: 'RATE_LIMITED', parameters: { limit: DEFAULT_DENIAL_LIMIT, windowSeconds: 60 } });
    // Other keys of the tenant are not limited.
    expect((await call(api.adminKey, 'GET', '/v1/bmcs')).status).toBe(200);
  }, 60_000);
});

describe('the counter is shared, not memory', () => {
  it('two limiters (two processes\' worth) over one coordination table reach the limit together', async () => {
    const db = await startEmbeddedDynamoDb();
    const { client, doc } = createDocumentClient(db.clientConfig);
    try {
      await createTables(client, { bmcs: 'tb-bmcs', apiKeys: 'tb-keys', audit: 'tb-audit', tenants: 'tb-tenants', access: 'tb-access', coordination: 'tb-coordination' }, { pollMs: 5 });
      const now = () => 1_000_000 * 60_000 + 5_000;
      const [one, two] = [0, 1].map(() => new DenialLimiter(new DynamoDenialCounter(doc, 'tb-coordination'), { limit: 4, now }));
      const principal: Principal = { tenantId: 'acme', role: 'viewer', actor: 'apikey:K1', keyId: 'K1' };
      const verdicts = [];
      for (let i = 0; i < 6; i++) verdicts.push((await (i % 2 === 0 ? one : two)!.count(principal)).kind);
      expect(verdicts).toEqual(['record', 'record', 'record', 'record', 'exceeded', 'limited']);
      expect(one!.limitedError(principal)?.code).toBe('RATE_LIMITED');
      expect(two!.limitedError(principal)?.code).toBe('RATE_LIMITED');
    } finally {
      client.destroy();
      await db.close();
    }
  });
});
