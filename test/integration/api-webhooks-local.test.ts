/**
 * The webhook API through the local server of `npm start` (startLocalApi: the REST router and
 * Apollo over HTTP, the embedded DynamoDB engine, secrets sealed with the local key file), with a
 * receiver on 127.0.0.1 that checks each delivery's HMAC signature. Covers: the secret shown once,
 * a signed test delivery, a receiver that fails and then recovers with a re-drive through the API,
 * Relay paging of deliveries, event-kind filters, roles (refusals audited), another tenant's ids
 * as NOT_FOUND, bad input that stores nothing, and the audit trail without the secret.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MonitorEvent } from '../../lambdas/core/monitoring/model.ts';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, verify } from '../../lambdas/core/monitoring/webhooks/signature.ts';
import type { AuditEvent, Caller } from '../../lambdas/core/types.ts';
import { localConfig } from '../../lambdas/local/config.ts';
import { startLocalApi, type LocalApi } from '../../lambdas/local/main.ts';

interface Received {
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

let dataDir: string;
let api: LocalApi;
let receiver: Server;
let receiverUrl: string;
const received: Received[] = [];
/** Paths the receiver answers 503 on, until removed. */
const failing = new Set<string>();
const keys: Record<'viewer' | 'operator' | 'other', string> = { viewer: '', operator: '', other: '' };

async function rest(key: string, method: string, path: string, body?: unknown) {
  const res = await fetch(`${api.restUrl}${path}`, { method, headers: { 'x-api-key': key, ...(body !== undefined && { 'content-type': 'application/json' }) }, ...(body !== undefined && { body: JSON.stringify(body) }) });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

async function gql<T = Record<string, unknown>>(key: string, query: string, variables: Record<string, unknown> = {}) {
  const res = await fetch(api.graphqlUrl, { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': key }, body: JSON.stringify({ query, variables }) });
  return (await res.json()) as { data?: T; errors?: { message: string; extensions?: { code?: string } }[] };
}

const admin = () => api.adminKey;
const codeOf = (r: { errors?: { extensions?: { code?: string } }[] }) => r.errors?.[0]?.extensions?.code;
const at = (path: string) => received.filter((r) => r.path === path);

async function auditOf(key: string, action: string): Promise<AuditEvent[]> {
  const r = await rest(key, 'GET', `/audit-events?action=${encodeURIComponent(action)}&limit=100`);
  expect(r.status).toBe(200);
  return r.body['items'] as AuditEvent[];
}

const CREATE = `mutation($input: CreateWebhookInput!) { createWebhook(input: $input) { signingKey webhook { id url description events createdBy } } }`;
const DELIVERIES = `query($state: WebhookDeliveryState, $first: Int, $after: String) {
  webhookDeliveries(state: $state, first: $first, after: $after) { nodes { id webhookId eventId state attempts lastError nextAttemptAt } pageInfo { hasNextPage endCursor } } }`;

beforeAll(async () => {
  receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const path = req.url ?? '/';
      received.push({ path, headers: req.headers, body });
      res.writeHead(failing.has(path) ? 503 : 204).end();
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
  dataDir = await mkdtemp(join(tmpdir(), 'bmcp-webhooks-api-'));
  // Two attempts a millisecond apart: a failing receiver makes a failed delivery in one sweep.
  api = await startLocalApi(localConfig({ PORT: '0', DATA_DIR: dataDir, BMC_SIM_COUNT: '0', LOG_LEVEL: 'error' }), { webhookDelivery: { maxAttempts: 2, backoffMs: 1, timeoutMs: 2_000 } });
  for (const role of ['viewer', 'operator'] as const) {
    const r = await rest(admin(), 'POST', '/api-keys', { name: role, role });
    keys[role] = String(r.body['key']);
  }
  const otherAdmin: Caller = { principal: { tenantId: 'other-tenant', role: 'admin', actor: 'test:other' }, requestId: 'setup', source: 'test' };
  keys.other = (await api.services.apiKeys.create(otherAdmin, { name: 'other admin', role: 'admin' })).key;
}, 60_000);

afterAll(async () => {
  await api?.stop();
  await new Promise((r) => receiver?.close(r));
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('the webhook API', () => {
  let hookId = '';
  let secret = '';

  it('creates a webhook over REST, shows its secret once and lists it without', async () => {
    const r = await rest(admin(), 'POST', '/webhooks', { url: `${receiverUrl}/hook`, description: 'on-call pager' });
    expect(r.status).toBe(201);
    const webhook = r.body['webhook'] as { id: string; url: string; description: string; events: null };
    secret = String(r.body['signingKey']);
    hookId = webhook.id;
    expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{32}$/);
    expect(webhook).toMatchObject({ url: `${receiverUrl}/hook`, description: 'on-call pager', events: null });
    const listed = await rest(admin(), 'GET', '/webhooks');
    expect(listed.status).toBe(200);
    expect(listed.body).toEqual([expect.objectContaining({ id: hookId })]);
    expect(JSON.stringify(listed.body)).not.toContain(secret);
    const viaGraphql = await gql<{ webhooks: Record<string, unknown>[] }>(admin(), '{ webhooks { id url description events } }');
    expect(viaGraphql.data?.webhooks).toEqual([{ id: hookId, url: `${receiverUrl}/hook`, description: 'on-call pager', events: null }]);
  });

  it('sends a signed test delivery that the receiver verifies', async () => {
    const r = await gql<{ testWebhook: { state: string; attempts: number; lastError: string | null } }>(admin(), 'mutation($id: ID!) { testWebhook(id: $id) { state attempts lastError } }', { id: hookId });
    expect(r.data?.testWebhook).toEqual({ state: 'DELIVERED', attempts: 1, lastError: null });
    const got = at('/hook').at(-1)!;
    expect(JSON.parse(got.body)).toMatchObject({ kind: 'webhook.test', tenantId: 'default' });
    const now = Math.floor(Date.now() / 1000);
    expect(verify(secret, String(got.headers[SIGNATURE_HEADER]), String(got.headers[TIMESTAMP_HEADER]), got.body, now)).toBe(true);
    expect(verify(`${secret}x`, String(got.headers[SIGNATURE_HEADER]), String(got.headers[TIMESTAMP_HEADER]), got.body, now)).toBe(false);
  });

  it('shows a failing receiver as a failed delivery, and delivers it on a re-drive once the receiver recovers', async () => {
    failing.add('/hook');
    const first = await rest(admin(), 'POST', `/webhooks/${hookId}/test`);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ state: 'pending', attempts: 1, lastError: 'HTTP 503' });
    await new Promise((r) => setTimeout(r, 5));
    await api.services.webhookDispatcher!.sweep(); // the worker's schedule, run now
    const failed = await gql<{ webhookDeliveries: { nodes: { id: string; state: string; attempts: number; lastError: string; nextAttemptAt: string | null }[] } }>(admin(), DELIVERIES, { state: 'FAILED' });
    expect(failed.data?.webhookDeliveries.nodes).toEqual([expect.objectContaining({ id: first.body['id'], state: 'FAILED', attempts: 2, lastError: 'HTTP 503', nextAttemptAt: null })]);

    failing.delete('/hook');
    const redriven = await rest(admin(), 'POST', `/webhooks/deliveries/${String(first.body['id'])}/redrive`);
    expect(redriven).toMatchObject({ status: 200, body: { state: 'delivered', attempts: 1, lastError: null } });
    expect((await rest(admin(), 'GET', '/webhooks/deliveries?state=failed')).body['items']).toEqual([]);
    // Only failed deliveries are re-driven.
    const again = await rest(admin(), 'POST', `/webhooks/deliveries/${String(first.body['id'])}/redrive`);
    expect(again).toMatchObject({ status: 409, body: { error: { code: 'CONFLICT' } } });
  });

  it('pages deliveries Relay-style', async () => {
    const all = await gql<{ webhookDeliveries: { nodes: { id: string }[] } }>(admin(), DELIVERIES, { first: 50 });
    expect(all.errors).toBeUndefined();
    const ids = all.data!.webhookDeliveries.nodes.map((n) => n.id);
    expect(ids.length).toBeGreaterThanOrEqual(2);
    const p1 = await gql<{ webhookDeliveries: { nodes: { id: string }[]; pageInfo: { hasNextPage: boolean; endCursor: string } } }>(admin(), DELIVERIES, { first: 1 });
    expect(p1.data?.webhookDeliveries.pageInfo.hasNextPage).toBe(true);
    const p2 = await gql<{ webhookDeliveries: { nodes: { id: string }[] } }>(admin(), DELIVERIES, { first: 1, after: p1.data!.webhookDeliveries.pageInfo.endCursor });
    expect([...p1.data!.webhookDeliveries.nodes, ...p2.data!.webhookDeliveries.nodes].map((n) => n.id)).toEqual(ids.slice(0, 2));
  });

  it('delivers monitoring events only to webhooks that asked for their kind', async () => {
    const created = await gql<{ createWebhook: { webhook: { id: string; events: string[] } } }>(admin(), CREATE, { input: { url: `${receiverUrl}/power-only`, events: ['power.changed'] } });
    expect(created.data?.createWebhook.webhook.events).toEqual(['power.changed']);
    const event = (kind: MonitorEvent['kind']): MonitorEvent => ({ id: `${new Date().toISOString()}-${kind}`, tenantId: 'default', time: new Date().toISOString(), kind, severity: 'warning', message: kind, bmcId: null, detail: {} });
    await api.services.webhookDispatcher!.publish([event('sel.entry'), event('power.changed')]);
    expect(at('/power-only').map((r) => (JSON.parse(r.body) as { kind: string }).kind)).toEqual(['power.changed']);
    expect(at('/hook').filter((r) => r.body.includes('sel.entry'))).toHaveLength(1);
    await rest(admin(), 'DELETE', `/webhooks/${created.data!.createWebhook.webhook.id}`);
  });

  it('refuses viewers and operators with FORBIDDEN, and audits each refusal', async () => {
    for (const role of ['viewer', 'operator'] as const) {
      expect(await rest(keys[role], 'POST', '/webhooks', { url: `${receiverUrl}/x` })).toMatchObject({ status: 403, body: { error: { code: 'FORBIDDEN' } } });
      expect(await rest(keys[role], 'GET', '/webhooks')).toMatchObject({ status: 403 });
      expect(await rest(keys[role], 'DELETE', `/webhooks/${hookId}`)).toMatchObject({ status: 403 });
      expect(codeOf(await gql(keys[role], 'mutation($id: ID!) { testWebhook(id: $id) { id } }', { id: hookId }))).toBe('FORBIDDEN');
      expect(codeOf(await gql(keys[role], DELIVERIES))).toBe('FORBIDDEN');
    }
    const denied = (await auditOf(admin(), 'webhook.create')).filter((e) => e.outcome === 'denied');
    expect(denied.map((e) => e.role).sort()).toEqual(['operator', 'viewer']);
    expect((await auditOf(admin(), 'webhook.delete')).filter((e) => e.outcome === 'denied')).toHaveLength(2);
    expect((await rest(admin(), 'GET', '/webhooks')).body).toHaveLength(1);
  });

  it("answers NOT_FOUND for another tenant's webhook and delivery, and changes nothing", async () => {
    const [delivery] = (await rest(admin(), 'GET', '/webhooks/deliveries?state=delivered&limit=1')).body['items'] as { id: string }[];
    const before = at('/hook').length;
    expect(await rest(keys.other, 'DELETE', `/webhooks/${hookId}`)).toMatchObject({ status: 404, body: { error: { code: 'NOT_FOUND' } } });
    expect(await rest(keys.other, 'POST', `/webhooks/${hookId}/test`)).toMatchObject({ status: 404 });
    expect(codeOf(await gql(keys.other, 'mutation($id: ID!) { redriveWebhookDelivery(id: $id) { id } }', { id: delivery!.id }))).toBe('NOT_FOUND');
    expect((await rest(keys.other, 'GET', '/webhooks')).body).toEqual([]);
    expect((await rest(keys.other, 'GET', '/webhooks/deliveries')).body['items']).toEqual([]);
    expect(at('/hook')).toHaveLength(before);
    expect((await rest(admin(), 'GET', '/webhooks')).body).toEqual([expect.objectContaining({ id: hookId })]);
    const refusals = [...(await auditOf(keys.other, 'webhook.delete')), ...(await auditOf(keys.other, 'webhook.redrive'))];
    expect(refusals.map((e) => `${e.action} ${e.outcome} ${e.errorCode}`).sort()).toEqual(['webhook.delete denied NOT_FOUND', 'webhook.redrive denied NOT_FOUND']);
  });

  it('refuses bad input with a clear error and stores nothing', async () => {
    const bad = async (input: Record<string, unknown>) => {
      const r = await gql(admin(), CREATE, { input });
      expect(codeOf(r)).toBe('BAD_USER_INPUT');
      return r.errors![0]!.message;
    };
    expect(await bad({ url: 'not a url' })).toBe('url: is not a valid absolute URL');
    expect(await bad({ url: 'ftp://example.com/' })).toBe('url: must use http or https');
    expect(await bad({ url: 'http://169.254.169.254/latest/meta-data' })).toMatch(/link-local/);
    expect(await bad({ url: 'http://10.0.0.8/' })).toMatch(/private/);
    expect(await bad({ url: `${receiverUrl}/x`, description: 'd'.repeat(201) })).toMatch(/description: must be at most 200 characters/);
    expect(await bad({ url: `${receiverUrl}/x`, events: ['power.changed', 'coffee.ready'] })).toMatch(/events: unknown event kind "coffee.ready"/);
    const viaRest = await rest(admin(), 'POST', '/webhooks', { url: `${receiverUrl}/x`, description: 'd'.repeat(201) });
    expect(viaRest).toMatchObject({ status: 400, body: { error: { code: 'BAD_USER_INPUT' } } });
    expect(await rest(admin(), 'POST', '/webhooks', { url: `${receiverUrl}/x`, events: ['coffee.ready'] })).toMatchObject({ status: 400 });
    expect(await rest(admin(), 'POST', '/webhooks', { url: `${receiverUrl}/x`, secret: 'mine-mine-mine-mine' })).toMatchObject({ status: 400 });
    expect((await rest(admin(), 'GET', '/webhooks')).body).toEqual([expect.objectContaining({ id: hookId })]);
  });

  it('audits every create, test, re-drive and delete without the secret, and deletes', async () => {
    expect(await rest(admin(), 'DELETE', `/webhooks/${hookId}`)).toMatchObject({ status: 200, body: { id: hookId } });
    expect((await rest(admin(), 'GET', '/webhooks')).body).toEqual([]);
    const trail: AuditEvent[] = [];
    for (const action of ['webhook.create', 'webhook.test', 'webhook.redrive', 'webhook.delete']) trail.push(...(await auditOf(admin(), action)));
    const succeeded = trail.filter((e) => e.outcome === 'succeeded').map((e) => e.action);
    expect(succeeded.filter((a) => a === 'webhook.create')).toHaveLength(2);
    expect(succeeded.filter((a) => a === 'webhook.test')).toHaveLength(2);
    expect(succeeded.filter((a) => a === 'webhook.redrive')).toHaveLength(1);
    expect(succeeded.filter((a) => a === 'webhook.delete')).toHaveLength(2);
    expect(JSON.stringify(trail)).not.toContain(secret);
  });
});
