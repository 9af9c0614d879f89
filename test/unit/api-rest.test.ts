/**
 * The REST API through HTTP, each answer parsed with the schema the OpenAPI document publishes
 * for it, so the document and the behaviour cannot drift apart.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { REST_ROUTES } from '../../lambdas/api/rest/router.ts';
import * as res from '../../lambdas/api/rest/schemas/responses.ts';
import type { ApiHarness } from './api-harness.ts';
import { PASSWORD, type Fleet } from './api-fixtures.ts';
import { useApiWithFleet, type ApiWithFleet } from '../support/use-api-with-fleet.ts';

const apiWithFleet = useApiWithFleet();
let api: ApiHarness;
let fleet: Fleet;
let keys: ApiWithFleet['keys'];
beforeAll(() => {
  ({ api, fleet, keys } = apiWithFleet());
});

function parsed<T extends z.ZodType>(schema: T, body: unknown): z.output<T> {
  const r = schema.safeParse(body);
  if (!r.success) throw new Error(`response does not match its documented schema: ${JSON.stringify(r.error.issues)}\n${JSON.stringify(body)}`);
  return r.data;
}

const errorOf = (body: unknown) => parsed(res.errorBody, body).error;

describe('OpenAPI document', () => {
  it('is served without a key and documents every route with its responses', async () => {
    const r = await api.rest(null, 'GET', '/v1/openapi.json');
    expect(r.status).toBe(200);
    const doc = r.body as { openapi: string; paths: Record<string, Record<string, { operationId: string; responses: Record<string, unknown> }>>; components: { securitySchemes: unknown } };
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.components.securitySchemes).toEqual({ apiKey: { type: 'apiKey', in: 'header', name: 'x-api-key' } });
    for (const route of REST_ROUTES) {
      const op = doc.paths[route.path]?.[route.method.toLowerCase()];
      expect(op?.operationId, `${route.method} ${route.path}`).toBe(route.operationId);
      expect(Object.keys(op?.responses ?? {})).toEqual(expect.arrayContaining(['400', '401', '403', '404', '500']));
    }
    expect(new Set(REST_ROUTES.map((r) => r.operationId)).size).toBe(REST_ROUTES.length);
    expect(JSON.stringify(doc.paths['/v1/bmcs']?.['post'])).toContain('"password"');
    // Password appears in request bodies only, never in a response schema.
    for (const item of Object.values(doc.paths)) for (const op of Object.values(item)) expect(JSON.stringify(op.responses)).not.toMatch(/password/i);
  });
});

describe('registry', () => {
  it('registers, reads, updates, pages and removes', async () => {
    const created = await api.rest(api.admin.a, 'POST', '/v1/bmcs', { name: 'rest-1', address: '10.0.0.1', credentials: { username: 'admin', password: PASSWORD } });
    expect(created.status).toBe(201);
    const bmc = parsed(res.bmc, created.body);
    expect(bmc).toMatchObject({ name: 'rest-1', port: 623, cipherSuite: 'auto', privilege: 'admin', tags: [] });
    expect(created.text).not.toContain(PASSWORD);
    expect(parsed(res.bmc, (await api.rest(keys.viewer, 'GET', `/v1/bmcs/${bmc.id}`)).body).id).toBe(bmc.id);
    const patched = await api.rest(api.admin.a, 'PATCH', `/v1/bmcs/${bmc.id}`, { tags: ['rest'], cipherSuite: 3 });
    expect(parsed(res.bmc, patched.body)).toMatchObject({ tags: ['rest'], cipherSuite: 3 });
    const ids: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await api.rest(keys.viewer, 'GET', `/v1/bmcs?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      const p = parsed(res.page(res.bmc), page.body);
      ids.push(...p.items.map((b) => b.id));
      cursor = p.nextCursor;
    } while (cursor);
    expect(ids).toEqual(expect.arrayContaining([fleet.ok1, fleet.ok2, fleet.offline, fleet.badPassword, bmc.id]));
    expect(new Set(ids).size).toBe(ids.length);
    const byTag = parsed(res.page(res.bmc), (await api.rest(keys.viewer, 'GET', '/v1/bmcs?tag=rest')).body);
    expect(byTag.items.map((b) => b.id)).toEqual([bmc.id]);
    expect((await api.rest(api.admin.a, 'DELETE', `/v1/bmcs/${bmc.id}`)).body).toEqual({ removedBmcId: bmc.id });
    expect(errorOf((await api.rest(api.admin.a, 'GET', `/v1/bmcs/${bmc.id}`)).body).code).toBe('NOT_FOUND');
  });
});

describe('live reads and actions', () => {
  it('reads every kind of live data', async () => {
    const get = async <T extends z.ZodType>(path: string, schema: T) => {
      const r = await api.rest(keys.viewer, 'GET', `/v1/bmcs/${fleet.ok1}${path}`);
      expect(r.status, path).toBe(200);
      return parsed(schema, r.body);
    };
    expect(await get('/power', res.powerStatus)).toEqual({ power: 'off' });
    expect((await get('/chassis', res.chassisStatus)).restorePolicy).toBe('previous');
    expect((await get('/device', res.deviceInfo)).ipmiVersion).toBe('2.0');
    expect((await get('/sensors', res.sensor.array()))[0]).toMatchObject({ name: 'CPU1 Temp', status: 'nc', thresholds: { unc: 80 } });
    expect((await get('/sel/info', res.selInfo)).entries).toBe(25);
    const first = await get('/sel?limit=20', res.page(res.selEntry));
    expect(first.items.map((e) => e.id).slice(0, 3)).toEqual([25, 24, 23]);
    const rest = await get(`/sel?limit=20&cursor=${first.nextCursor}`, res.page(res.selEntry));
    expect(rest.items.map((e) => e.id)).toEqual([5, 4, 3, 2, 1]);
    expect(rest.nextCursor).toBeNull();
    expect(await get('/fru?fruId=0', res.fru)).toEqual({ chassis: null, board: null, product: null });
    expect(await get('/boot-device', res.bootOptions)).toEqual({ device: 'none', persistent: false, efi: false });
  });

  it('acts: power, boot device, identify, SOL, SEL clear', async () => {
    const id = fleet.ok2;
    const power = await api.rest(keys.operator, 'POST', `/v1/bmcs/${id}/power`, { action: 'cycle' });
    expect(parsed(res.powerActionResult, power.body)).toEqual({ action: 'cycle', power: 'on', confirmed: true });
    const boot = await api.rest(keys.operator, 'PUT', `/v1/bmcs/${id}/boot-device`, { device: 'pxe', efi: true });
    expect(parsed(res.bootOptions, boot.body)).toEqual({ device: 'pxe', persistent: false, efi: true });
    expect((await api.rest(keys.operator, 'POST', `/v1/bmcs/${id}/identify`, {})).body).toEqual({ bmcId: id, done: true });
    const sol = await api.rest(keys.operator, 'POST', `/v1/bmcs/${id}/sol/capture`, { seconds: 1 });
    expect(sol.status).toBe(202);
    const job = parsed(res.job, sol.body);
    expect(sol.headers.get('location')).toBe(`/v1/jobs/${job.id}`);
    expect(job).toMatchObject({ kind: 'bmc.sol', progress: { total: 1 } });
    await api.jobQueue.drained();
    const tasks = (await api.rest(keys.viewer, 'GET', `/v1/jobs/${job.id}/tasks`)).body as { items: { state: string; result: unknown }[] };
    expect(tasks.items[0]?.state).toBe('succeeded');
    expect(parsed(res.solCapture, tasks.items[0]?.result)).toMatchObject({ output: 'fake console\n', bytes: 14, truncated: false, seconds: 1 });
    expect((await api.rest(keys.operator, 'DELETE', `/v1/bmcs/${id}/sel`)).status).toBe(403);
    expect((await api.rest(api.admin.a, 'DELETE', `/v1/bmcs/${id}/sel`)).status).toBe(200);
  });

  it('rotates credentials as a job: 202 with the job, then the task commits them', async () => {
    api.core.gateway.add('10.0.0.13', 623, 'admin', PASSWORD);
    const created = await api.rest(api.admin.a, 'POST', '/v1/bmcs', { name: 'rest-rotate', address: '10.0.0.13', credentials: { username: 'admin', password: PASSWORD } });
    const id = (created.body as { id: string }).id;
    const body = { mode: 'set-on-bmc', credentials: { username: 'admin', password: 'rest-new-pw' } };
    expect((await api.rest(keys.operator, 'PUT', `/v1/bmcs/${id}/credentials`, body)).status).toBe(403);
    const started = await api.rest(api.admin.a, 'PUT', `/v1/bmcs/${id}/credentials`, body);
    expect(started.status).toBe(202);
    const job = parsed(res.job, started.body);
    expect(started.headers.get('location')).toBe(`/v1/jobs/${job.id}`);
    expect(started.text).not.toContain('rest-new-pw');
    await api.jobQueue.drained();
    expect(parsed(res.job, (await api.rest(api.admin.a, 'GET', `/v1/jobs/${job.id}`)).body).state).toBe('succeeded');
    const tasks = (await api.rest(api.admin.a, 'GET', `/v1/jobs/${job.id}/tasks`)).body as { items: { result: unknown }[] };
    expect(parsed(res.credentialRotation, tasks.items[0]?.result)).toMatchObject({ mode: 'set-on-bmc', username: 'admin', recovered: false });
    expect(api.core.gateway.bmcs.get('10.0.0.13:623')?.password).toBe('rest-new-pw');
  });

  it('maps BMC failures to 502 and 504 with their stable codes', async () => {
    const off = await api.rest(keys.viewer, 'GET', `/v1/bmcs/${fleet.offline}/power`);
    expect(off.status).toBe(502);
    expect(errorOf(off.body).code).toBe('BMC_UNREACHABLE');
    const auth = await api.rest(keys.viewer, 'GET', `/v1/bmcs/${fleet.badPassword}/power`);
    expect([auth.status, errorOf(auth.body).code]).toEqual([502, 'BMC_AUTH_FAILED']);
    expect(off.headers.get('x-request-id')).toBe(parsed(res.errorBody, off.body).requestId);
  });
});

describe('Idempotency-Key on actions', () => {
  it('replays the first answer without acting again, refuses reuse with another body, re-runs after a failure', async () => {
    const id = fleet.ok1;
    const calls = () => api.core.gateway.calls.filter((c) => c.startsWith('powerAction 10.0.0.1')).length;
    const headers = { 'idempotency-key': 'retry-0001-power' };
    const before = calls();
    const first = await api.rest(keys.operator, 'POST', `/v1/bmcs/${id}/power`, { action: 'on' }, headers);
    const again = await api.rest(keys.operator, 'POST', `/v1/bmcs/${id}/power`, { action: 'on' }, headers);
    expect(first.status).toBe(200);
    expect(again.body).toEqual(first.body);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(calls()).toBe(before + 1);
    const reused = await api.rest(keys.operator, 'POST', `/v1/bmcs/${id}/power`, { action: 'off' }, headers);
    expect([reused.status, errorOf(reused.body).message]).toEqual([400, 'Idempotency-Key: already used with a different request']);
    // Another caller presenting the key is refused, acts on nothing and never sees the first answer.
    const other = await api.rest(api.admin.a, 'POST', `/v1/bmcs/${id}/power`, { action: 'on' }, headers);
    expect([other.status, errorOf(other.body).message]).toEqual([400, 'Idempotency-Key: already used with a different request']);
    expect(other.headers.get('idempotent-replayed')).toBeNull();
    expect(calls()).toBe(before + 1);
    // A failed action is not kept: the retry runs again.
    const offline = { 'idempotency-key': 'retry-0002-offline' };
    expect((await api.rest(keys.operator, 'POST', `/v1/bmcs/${fleet.offline}/power`, { action: 'on' }, offline)).status).toBe(502);
    const retried = await api.rest(keys.operator, 'POST', `/v1/bmcs/${fleet.offline}/power`, { action: 'on' }, offline);
    expect([retried.status, retried.headers.get('idempotent-replayed')]).toEqual([502, null]);
    const badKey = await api.rest(keys.operator, 'POST', `/v1/bmcs/${id}/power`, { action: 'on' }, { 'idempotency-key': 'x' });
    expect(errorOf(badKey.body).field).toBe('Idempotency-Key');
  });
});

describe('fleet', () => {
  it('answers 200 with one result per BMC, failures included', async () => {
    const r = await api.rest(keys.viewer, 'POST', '/v1/fleet/power-status', { target: { ids: [fleet.ok1, fleet.offline, 'missing'] } });
    expect(r.status).toBe(200);
    const body = parsed(res.fleetResults(res.powerStatus), r.body);
    expect(body.summary).toEqual({ total: 3, succeeded: 1, failed: 2 });
    expect(body.results.map((x) => (x.ok ? x.value.power : x.error.code))).toEqual([expect.stringMatching(/^(on|off)$/), 'BMC_UNREACHABLE', 'NOT_FOUND']);
    const sensors = parsed(res.fleetResults(res.sensor.array()), (await api.rest(keys.viewer, 'POST', '/v1/fleet/sensors', { target: { tags: ['rack:b'] } })).body);
    expect(sensors.results.map((x) => x.bmcId)).toEqual([fleet.badPassword]);
  });

  it('runs a fleet power action as a job: 202 with Location, then the job and its tasks', async () => {
    const action = await api.rest(keys.operator, 'POST', '/v1/fleet/power', { target: { ids: [fleet.ok1] }, action: 'on' });
    expect(action.status).toBe(202);
    const job = parsed(res.job, action.body);
    expect(action.headers.get('location')).toBe(`/v1/jobs/${job.id}`);
    expect(job).toMatchObject({ kind: 'fleet.power', action: 'on', progress: { total: 1 } });
    await api.jobQueue.drained();
    const read = await api.rest(keys.viewer, 'GET', `/v1/jobs/${job.id}`);
    expect(parsed(res.job, read.body)).toMatchObject({ id: job.id, state: 'succeeded', progress: { total: 1, done: 1, succeeded: 1, failed: 0 } });
    const tasks = parsed(res.page(res.jobTask), (await api.rest(keys.viewer, 'GET', `/v1/jobs/${job.id}/tasks`)).body);
    expect(tasks.items).toEqual([expect.objectContaining({ index: 0, bmcId: fleet.ok1, state: 'succeeded', result: { action: 'on', power: 'on', confirmed: true } })]);
  });
});

describe('audit and keys', () => {
  it('pages, exports as JSON lines and CSV, and verifies', async () => {
    const page = parsed(res.page(res.auditEvent), (await api.rest(keys.auditor, 'GET', '/v1/audit-events?limit=3&outcome=succeeded')).body);
    expect(page.items).toHaveLength(3);
    expect(page.items.every((e) => e.outcome === 'succeeded')).toBe(true);
    const jsonl = await api.rest(keys.auditor, 'GET', '/v1/audit-events/export?format=jsonl&action=bmc.register');
    expect(jsonl.headers.get('content-type')).toContain('application/x-ndjson');
    const lines = jsonl.text.trim().split('\n').map((l) => JSON.parse(l) as { action: string });
    expect(lines.length).toBeGreaterThanOrEqual(4);
    expect(lines.every((l) => l.action === 'bmc.register')).toBe(true);
    const csv = await api.rest(keys.auditor, 'GET', '/v1/audit-events/export?format=csv');
    expect(csv.text.split('\r\n')[0]).toMatch(/^time,tenantId,/);
    expect(csv.text).not.toContain(PASSWORD);
    expect(parsed(res.chainVerification, (await api.rest(keys.auditor, 'GET', '/v1/audit-events/verify')).body).ok).toBe(true);
  });

  it('creates a key shown once, lists without secrets, revokes', async () => {
    const c = await api.rest(api.admin.a, 'POST', '/v1/api-keys', { name: 'ci', role: 'viewer' });
    expect(c.status).toBe(201);
    const created = parsed(res.createdApiKey, c.body);
    expect(created.key).toMatch(/^bmcp_/);
    expect((await api.rest(created.key, 'GET', '/v1/me')).body).toMatchObject({ tenantId: 'tenant-a', role: 'viewer' });
    const list = await api.rest(api.admin.a, 'GET', '/v1/api-keys?limit=100');
    expect(parsed(res.page(res.apiKey), list.body).items.map((k) => k.id)).toContain(created.apiKey.id);
    expect(list.text).not.toContain(created.key);
    expect(list.text).not.toMatch(/"hash"/);
    expect(parsed(res.apiKey, (await api.rest(api.admin.a, 'DELETE', `/v1/api-keys/${created.apiKey.id}`)).body).revokedAt).not.toBeNull();
    expect((await api.rest(created.key, 'GET', '/v1/me')).status).toBe(401);
  });
});

describe('bad requests get clear answers and change nothing', () => {
  it('401, 404, 405, 400 for body, type, field and JSON problems', async () => {
    const before = (await api.rest(api.admin.a, 'GET', '/v1/bmcs?limit=100')).text;
    const cases: [string, string, unknown, number, RegExp][] = [
      ['GET', '/v1/bmcs', undefined, 401, /x-api-key/],
      ['GET', '/v1/nothing-here', undefined, 404, /no route/],
      ['PUT', '/v1/bmcs', {}, 405, /not allowed/],
      ['GET', '/v1/bmcs/bad%20id', undefined, 400, /path\.id/],
      ['GET', '/v1/bmcs?limit=0', undefined, 400, /query\.limit/],
      ['GET', '/v1/bmcs?health=sick', undefined, 400, /query\.health/],
      ['GET', '/v1/bmcs?bogus=1', undefined, 400, /bogus/],
      ['POST', '/v1/bmcs', { name: 'x', address: '10.0.0.1' }, 400, /body\.credentials/],
      ['POST', '/v1/bmcs', { name: 'x', address: '10.0.0.1', port: '623', credentials: { username: 'a', password: 'b' } }, 400, /body\.port/],
      ['POST', '/v1/bmcs', { name: 'x', address: '10.0.0.1', credentials: { username: 'a', password: 'b' }, colour: 'red' }, 400, /colour/],
      ['POST', '/v1/bmcs', '{"name":', 400, /not valid JSON/],
      ['POST', `/v1/bmcs/${fleet.ok1}/power`, { action: 'explode' }, 400, /body\.action/],
      ['POST', `/v1/bmcs/${fleet.ok1}/identify`, { seconds: 5, force: true }, 400, /identify/],
      ['POST', `/v1/bmcs/${fleet.ok1}/sol/capture`, { seconds: 241 }, 400, /body\.seconds/],
      ['POST', '/v1/fleet/power', { target: { ids: [fleet.ok1], tags: ['a'] }, action: 'off' }, 400, /exactly one/],
      ['GET', '/v1/audit-events?from=yesterday', undefined, 400, /query\.from/],
      ['POST', '/v1/api-keys', { name: 'k', role: 'root' }, 400, /body\.role/],
    ];
    for (const [method, path, body, status, message] of cases) {
      const r = await api.rest(status === 401 ? null : api.admin.a, method, path, body);
      expect(r.status, `${method} ${path}`).toBe(status);
      const error = errorOf(r.body);
      expect(error.code, `${method} ${path}`).toBe(status === 401 ? 'UNAUTHENTICATED' : status === 404 ? 'NOT_FOUND' : 'BAD_USER_INPUT');
      expect(error.message, `${method} ${path}`).toMatch(message);
    }
    const notJson = await api.rest(api.admin.a, 'POST', '/v1/bmcs', 'name=x', { 'content-type': 'application/x-www-form-urlencoded' });
    expect([notJson.status, errorOf(notJson.body).message]).toEqual([400, 'body: send JSON with content-type application/json']);
    const typed = await api.rest(api.admin.a, 'POST', '/v1/bmcs', { name: 'x', address: '10.0.0.1', credentials: { username: 'a', password: 123456789 } });
    expect(typed.status).toBe(400);
    expect(typed.text).not.toContain('123456789');
    expect((await api.rest(api.admin.a, 'GET', '/v1/bmcs?limit=100')).text).toBe(before);
  });
});
