/**
 * Webhooks over DynamoDB Local and a real HTTP receiver on 127.0.0.1: signed deliveries that a
 * receiver verifies, retries with backoff until the receiver recovers, failed deliveries listed
 * and re-driven, a hanging receiver that does not hold up another tenant, the URL policy, and
 * the admin service (audited, secret shown once, another tenant's webhook NOT_FOUND).
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { lookup } from 'node:dns/promises';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDocumentClient, createDynamoPorts, createTables, type TableNames } from '../../lambdas/adapters/dynamodb/index.ts';
import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoWebhookStore } from '../../lambdas/adapters/dynamodb/webhook-store.ts';
import { PinnedWebhookTransport } from '../../lambdas/adapters/http/pinned-webhook-transport.ts';
import { FileSecretSealer } from '../../lambdas/adapters/local/file-secret-sealer.ts';
import type { MonitorEvent } from '../../lambdas/core/monitoring/model.ts';
import { WebhookDispatcher, type DispatcherOptions } from '../../lambdas/core/monitoring/webhooks/dispatcher.ts';
import type { StoredWebhook } from '../../lambdas/core/monitoring/webhooks/model.ts';
import { WebhookService } from '../../lambdas/core/monitoring/webhooks/service.ts';
import { EVENT_ID_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER, verify } from '../../lambdas/core/monitoring/webhooks/signature.ts';
import { checkSecret, checkUrl, type UrlPolicy } from '../../lambdas/core/monitoring/webhooks/url-policy.ts';
import { AuditService } from '../../lambdas/core/services/audit-service.ts';
import type { Caller } from '../../lambdas/core/types.ts';
import { startDynamoDbLocal, type DynamoDbLocal } from '../support/dynamodb-local.ts';

interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

let ddb: DynamoDbLocal;
let store: DynamoWebhookStore;
let sealDir: string;
let rawDoc: DynamoDBDocumentClient;
let ports: ReturnType<typeof createDynamoPorts>;
let server: Server;
let base: string;
const received: Received[] = [];
/** Per path: how many more requests fail with 503 (Infinity: always). */
const failures = new Map<string, number>();
const hanging: (() => void)[] = [];

let t = Date.parse('2026-12-03T12:00:00.000Z');
const clock = { now: () => new Date(t) };
let n = 0;
const ids = { next: () => `id-${String(++n).padStart(5, '0')}` };
const resolve = async (host: string) => (await lookup(host, { all: true })).map((a) => a.address);
const LOCAL: UrlPolicy = { allowHttp: true, allowLoopback: true, allowPrivate: false };
const AWS: UrlPolicy = { allowHttp: false, allowLoopback: false, allowPrivate: false };

beforeAll(async () => {
  ddb = await startDynamoDbLocal();
  const names: TableNames = { bmcs: 'w-bmcs', apiKeys: 'w-keys', audit: 'w-audit', tenants: 'w-tenants', access: 'w-access', webhooks: 'w-webhooks' };
  const { client, doc } = createDocumentClient(ddb.clientConfig);
  rawDoc = doc;
  await createTables(client, names);
  sealDir = await mkdtemp(join(tmpdir(), 'bmcp-webhook-seal-'));
  store = new DynamoWebhookStore(doc, names.webhooks!, new FileSecretSealer(sealDir));
  ports = createDynamoPorts(doc, names);
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const path = req.url ?? '/';
      if (path.startsWith('/hang')) {
        hanging.push(() => res.destroy());
        return;
      }
      received.push({ path, headers: req.headers, body });
      const left = failures.get(path) ?? 0;
      if (left > 0) failures.set(path, left - 1);
      res.writeHead(left > 0 ? 503 : 204).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  for (const h of hanging) h();
  await new Promise((r) => server?.close(r));
  await ddb?.stop();
  if (sealDir) await rm(sealDir, { recursive: true, force: true });
});

const dispatcher = (o: DispatcherOptions = {}) => new WebhookDispatcher(store, new PinnedWebhookTransport(LOCAL, resolve), clock, ids, { timeoutMs: 2_000, ...o });

async function hook(tenantId: string, path: string): Promise<StoredWebhook> {
  const h: StoredWebhook = { tenantId, id: ids.next(), url: `${base}${path}`, description: null, events: null, secret: `secret-of-${tenantId}-0123456789`, createdAt: clock.now().toISOString(), createdBy: 'test' };
  await store.put(h);
  return h;
}

function event(tenantId: string, message = 'PSU2 failure detected'): MonitorEvent {
  return { id: `${new Date(t).toISOString()}-${ids.next()}`, tenantId, time: clock.now().toISOString(), kind: 'sel.entry', severity: 'critical', message, bmcId: 'bmc-1', detail: { sensor: 'PSU2 Status' } };
}

const at = (path: string) => received.filter((r) => r.path === path);

describe('deliveries', () => {
  it('are signed over the timestamp and the body, and the signature verifies', async () => {
    const h = await hook('t-sign', '/sign');
    const e = event('t-sign');
    await dispatcher().publish([e]);
    const [r] = at('/sign');
    expect(r).toBeDefined();
    expect(JSON.parse(r!.body)).toMatchObject({ id: e.id, tenantId: 't-sign', kind: 'sel.entry', message: e.message });
    expect(r!.headers[EVENT_ID_HEADER]).toBe(e.id);
    const sig = String(r!.headers[SIGNATURE_HEADER]);
    const ts = String(r!.headers[TIMESTAMP_HEADER]);
    expect(sig).toMatch(/^v1=[0-9a-f]{64}$/);
    const nowS = Math.floor(t / 1000);
    expect(verify(h.secret, sig, ts, r!.body, nowS)).toBe(true);
    expect(verify(h.secret, sig, ts, r!.body.replace('PSU2', 'PSU1'), nowS)).toBe(false);
    expect(verify('another-secret-0123456789', sig, ts, r!.body, nowS)).toBe(false);
    expect(verify(h.secret, sig, ts, r!.body, nowS + 301)).toBe(false); // a replay past the tolerance window
  });

  it('are retried with backoff while the receiver fails, and delivered once it recovers', async () => {
    await hook('t-retry', '/flaky');
    failures.set('/flaky', 2);
    const d = dispatcher({ backoffMs: 30_000 });
    await d.publish([event('t-retry')]);
    const [first] = await store.listDeliveries('t-retry', 'pending', 10);
    expect(first).toMatchObject({ attempts: 1, lastError: 'HTTP 503', nextAttemptAt: new Date(t + 30_000).toISOString() });
    expect(await d.sweep()).toBe(0); // not due yet
    t += 30_000;
    expect(await d.sweep()).toBe(1);
    expect(await store.getDelivery('t-retry', first!.id)).toMatchObject({ attempts: 2, state: 'pending', nextAttemptAt: new Date(t + 60_000).toISOString() });
    t += 60_000;
    await d.sweep();
    expect(await store.getDelivery('t-retry', first!.id)).toMatchObject({ attempts: 3, state: 'delivered', lastError: null });
    expect(at('/flaky')).toHaveLength(3);
    expect(new Set(at('/flaky').map((r) => r.headers[EVENT_ID_HEADER])).size).toBe(1); // one event id: receivers dedupe on it
  });

  it('fail after the last attempt, are listed as failed, and can be re-driven', async () => {
    await hook('t-fail', '/down');
    failures.set('/down', Infinity);
    const d = dispatcher({ maxAttempts: 2, backoffMs: 1_000 });
    await d.publish([event('t-fail')]);
    t += 1_000;
    await d.sweep();
    const [failed] = await store.listDeliveries('t-fail', 'failed', 10);
    expect(failed).toMatchObject({ state: 'failed', attempts: 2, lastError: 'HTTP 503', nextAttemptAt: null });
    t += 3_600_000;
    expect(await d.sweep()).toBe(0); // failed deliveries are not retried on their own
    failures.set('/down', 0);
    expect(await d.redrive(failed!)).toMatchObject({ state: 'delivered', attempts: 1 });
    expect(await store.listDeliveries('t-fail', 'failed', 10)).toEqual([]);
  });

  it('to a hanging receiver do not stall another tenant', async () => {
    await hook('t-hang', '/hang');
    await hook('t-fine', '/fine');
    const d = dispatcher({ timeoutMs: 20_000, perTenantConcurrency: 1 });
    const publishing = d.publish([event('t-hang'), event('t-hang'), event('t-hang')]);
    let done = false;
    void publishing.then(() => (done = true));
    while (hanging.length === 0) await new Promise((r) => setTimeout(r, 10));
    // While the first tenant's request hangs, the other tenant's event is delivered.
    await d.publish([event('t-fine')]);
    expect(await store.listDeliveries('t-fine', 'delivered', 10)).toHaveLength(1);
    expect(at('/fine')).toHaveLength(1);
    expect(done).toBe(false);
    expect(hanging.length).toBe(1); // one slot per tenant: its other deliveries wait behind it
    for (let i = 0; i < 3; i++) {
      while (hanging.length === 0) await new Promise((r) => setTimeout(r, 10));
      for (const h of hanging.splice(0)) h();
    }
    await publishing;
    expect((await store.listDeliveries('t-hang', 'pending', 10)).map((x) => x.lastError)).toEqual(['connection failed', 'connection failed', 'connection failed']);
  });
});

describe('secrets at rest', () => {
  it('are sealed in the table, open only for their own webhook, and sign as before', async () => {
    const h = await hook('t-seal', '/sealed');
    const { Item: raw } = await rawDoc.send(new GetCommand({ TableName: 'w-webhooks', Key: { tenantId: 't-seal', sk: `hook#${h.id}` } }));
    expect(JSON.stringify(raw)).not.toContain(h.secret);
    expect(String(raw!['sealedSecret'])).toMatch(/^v1\.[0-9a-f]{24}\.[0-9a-f]+$/);
    expect((await store.get('t-seal', h.id))!.secret).toBe(h.secret);
    // The sealed value copied onto another webhook's item does not open there.
    await rawDoc.send(new PutCommand({ TableName: 'w-webhooks', Item: { ...raw, id: 'moved', sk: 'hook#moved' } }));
    await expect(store.get('t-seal', 'moved')).rejects.toThrow(/does not decrypt/);
  });
});

describe('DNS rebinding', () => {
  /** A resolver the test controls: the name answers whatever `answers` says now (loopback only ever reached). */
  let answers: string[] = ['127.0.0.1'];
  const rebinding = async (host: string) => (host === 'receiver.test' ? answers : []);
  const pinned = () => new WebhookDispatcher(store, new PinnedWebhookTransport(LOCAL, rebinding), clock, ids, { timeoutMs: 2_000, maxAttempts: 1 });

  it('connects to the address it checked, keeping the name in the Host header', async () => {
    const port = new URL(base).port;
    const h: StoredWebhook = { tenantId: 't-dns', id: ids.next(), url: `http://receiver.test:${port}/pinned`, description: null, events: null, secret: 'secret-of-t-dns-0123456789', createdAt: clock.now().toISOString(), createdBy: 'test' };
    await store.put(h);
    await pinned().publish([event('t-dns')]);
    expect(at('/pinned')).toHaveLength(1);
    expect(at('/pinned')[0]!.headers.host).toBe(`receiver.test:${port}`);

    // The name now points at the metadata service: refused at delivery, nothing sent, and the error does not say where it pointed.
    answers = ['169.254.169.254'];
    await pinned().publish([event('t-dns')]);
    answers = ['127.0.0.1', '10.0.0.8'];
    await pinned().publish([event('t-dns')]);
    expect(at('/pinned')).toHaveLength(1);
    const failed = await store.listDeliveries('t-dns', 'failed', 10);
    expect(failed.map((d) => d.lastError).sort()).toEqual([
      'refused: the host resolves to a link-local address, which webhooks may not call',
      'refused: the host resolves to a private address, which webhooks may not call',
    ]);
    expect(JSON.stringify(failed)).not.toMatch(/169\.254|10\.0\.0\.8/);
  });
});

describe('the URL policy', () => {
  it('refuses loopback, link-local and private addresses in AWS, without naming what a host resolved to', async () => {
    await expect(checkUrl('https://127.0.0.1/hook', AWS, resolve)).rejects.toMatchObject({ code: 'BAD_USER_INPUT', message: expect.stringContaining('loopback') });
    await expect(checkUrl('https://169.254.169.254/latest/meta-data', AWS, resolve)).rejects.toMatchObject({ message: expect.stringContaining('link-local') });
    await expect(checkUrl('https://10.1.2.3/', AWS, resolve)).rejects.toMatchObject({ message: expect.stringContaining('private') });
    await expect(checkUrl('https://[::1]/', AWS, resolve)).rejects.toMatchObject({ message: expect.stringContaining('loopback') });
    await expect(checkUrl('https://[::ffff:192.168.1.1]/', AWS, resolve)).rejects.toMatchObject({ message: expect.stringContaining('private') });
    const byName = await checkUrl('https://localhost/hook', AWS, resolve).catch((e: Error) => e);
    expect(byName).toMatchObject({ code: 'BAD_USER_INPUT', message: expect.stringContaining('loopback') });
    expect((byName as Error).message).not.toMatch(/127\.0\.0\.1|::1/);
    expect(await checkUrl('https://10.1.2.3/', { ...AWS, allowPrivate: true }, resolve)).toBe('https://10.1.2.3/');
    expect(await checkUrl('https://203.0.113.7/x', AWS, resolve)).toBe('https://203.0.113.7/x');
  });

  it('allows loopback over http in local mode, and refuses malformed URLs and bad secrets', async () => {
    expect(await checkUrl(`${base}/ok`, LOCAL, resolve)).toBe(`${base}/ok`);
    await expect(checkUrl(`${base}/ok`, AWS, resolve)).rejects.toMatchObject({ message: 'url: must use https' });
    for (const bad of ['not a url', 'ftp://example.com/', 'https://user:pw@example.com/', '', 'https://example.com/#x', `https://example.com/${'a'.repeat(2100)}`]) {
      await expect(checkUrl(bad, AWS, resolve)).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
    }
    expect(() => checkSecret('short')).toThrow(/at least 16/);
    expect(() => checkSecret('x'.repeat(257))).toThrow(/at most 256/);
    expect(() => checkSecret('has spaces in it, sixteen+')).toThrow(/printable/);
  });
});

describe('the admin service', () => {
  const admin = (tenantId: string): Caller => ({ principal: { tenantId, role: 'admin', actor: `user:admin@${tenantId}` }, requestId: `r-${ids.next()}`, source: 'test' });
  const viewer = (tenantId: string): Caller => ({ principal: { tenantId, role: 'viewer', actor: 'user:viewer' }, requestId: 'r-v', source: 'test' });
  let service: WebhookService;
  let audit: AuditService;
  beforeAll(() => {
    audit = new AuditService(ports.auditLog, clock, ids);
    service = new WebhookService(store, dispatcher(), audit, clock, ids, LOCAL, resolve);
  });

  it('creates with a generated secret shown once, lists without it, tests, deletes, and audits each change', async () => {
    const created = await service.create(admin('t-admin'), { url: `${base}/admin` });
    expect(created.secret).toMatch(/^whsec_[A-Za-z0-9_-]{32}$/);
    const listed = await service.list(admin('t-admin'));
    expect(listed).toEqual([created.webhook]);
    expect(JSON.stringify(listed)).not.toContain(created.secret);
    const ping = await service.test(admin('t-admin'), created.webhook.id);
    expect(ping).toMatchObject({ state: 'delivered', attempts: 1 });
    const r = at('/admin')[0]!;
    expect(JSON.parse(r.body)).toMatchObject({ kind: 'webhook.test' });
    expect(verify(created.secret, String(r.headers[SIGNATURE_HEADER]), String(r.headers[TIMESTAMP_HEADER]), r.body, Math.floor(t / 1000))).toBe(true);
    await service.remove(admin('t-admin'), created.webhook.id);
    expect(await service.list(admin('t-admin'))).toEqual([]);
    const events = (await ports.auditLog.query('t-admin', {}, { limit: 50 })).items;
    expect(events.map((e) => `${e.action} ${e.outcome}`).sort()).toEqual(['webhook.create succeeded', 'webhook.delete succeeded', 'webhook.test succeeded']);
    expect(JSON.stringify(events)).not.toContain(created.secret);
  });

  it("answers NOT_FOUND for another tenant's webhook and changes nothing", async () => {
    const theirs = await service.create(admin('t-owner'), { url: `${base}/owner`, secret: 'a-secret-of-the-owner-123' });
    await expect(service.remove(admin('t-intruder'), theirs.webhook.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(service.test(admin('t-intruder'), theirs.webhook.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await service.list(admin('t-owner'))).toEqual([theirs.webhook]);
    expect(at('/owner')).toEqual([]);
    const refused = (await ports.auditLog.query('t-intruder', {}, { limit: 50 })).items;
    expect(refused.map((e) => `${e.action} ${e.outcome}`)).toEqual(expect.arrayContaining(['webhook.delete denied', 'webhook.test denied']));
  });

  it('refuses viewers, bad URLs and oversized secrets, and stores nothing', async () => {
    await expect(service.create(viewer('t-bad'), { url: `${base}/x` })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(service.create(admin('t-bad'), { url: 'https://169.254.169.254/' })).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
    await expect(service.create(admin('t-bad'), { url: `${base}/x`, secret: 'y'.repeat(300) })).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(await store.list('t-bad')).toEqual([]);
  });
});
