/**
 * Scoped API keys over GraphQL and REST: a key narrowed to a tag sees and acts on only the BMCs
 * with that tag (every other BMC is NOT_FOUND, in reads, listings, actions, fleet operations and
 * jobs), and an operation outside its list is FORBIDDEN and audited.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiHarness, TENANT_A, type ApiHarness } from './api-harness.ts';
import { PASSWORD, register } from './api-fixtures.ts';

let api: ApiHarness;
let r1: string;
let r2: string;
let scoped: string;
let scopedKeyId: string;

const codes = (a: { body: { errors?: { extensions?: Record<string, unknown> }[] } }) => (a.body.errors ?? []).map((e) => e.extensions?.['code']);

async function createKey(key: string, input: Record<string, unknown>) {
  return api.gql(key, 'mutation($i: CreateApiKeyInput!) { createApiKey(input: $i) { key apiKey { id scope { tags operations } } } }', { i: input });
}

beforeAll(async () => {
  api = await startApiHarness();
  api.core.gateway.add('10.0.1.1', 623, 'admin', PASSWORD);
  api.core.gateway.add('10.0.1.2', 623, 'admin', PASSWORD);
  r1 = await register(api, api.admin.a, 'r1-node', '10.0.1.1', PASSWORD, ['rack:r1', 'dc:one']);
  r2 = await register(api, api.admin.a, 'r2-node', '10.0.1.2', PASSWORD, ['rack:r2', 'dc:one']);
  const created = await createKey(api.admin.a, { name: 'rack r1 automation', role: 'OPERATOR', scope: { tags: ['rack:r1'], operations: ['bmc:read', 'bmc:power'] } });
  const data = created.body.data?.['createApiKey'] as { key: string; apiKey: { id: string; scope: unknown } };
  expect(data.apiKey.scope).toEqual({ tags: ['rack:r1'], operations: ['bmc:power', 'bmc:read'] });
  scoped = data.key;
  scopedKeyId = data.apiKey.id;
});

afterAll(async () => {
  await api?.close();
});

describe('a key scoped to rack:r1', () => {
  it('lists and reads only the BMCs with its tag; every other BMC is NOT_FOUND', async () => {
    const listed = await api.gql(scoped, '{ bmcs(first: 50) { nodes { id } } }');
    expect((listed.body.data?.['bmcs'] as { nodes: { id: string }[] }).nodes.map((n) => n.id)).toEqual([r1]);
    expect(codes(await api.gql(scoped, `{ bmc(id: "${r2}") { name } }`))).toEqual(['NOT_FOUND']);
    expect((await api.rest(scoped, 'GET', `/v1/bmcs/${r2}`)).status).toBe(404);
    expect((await api.rest(scoped, 'GET', `/v1/bmcs/${r1}`)).status).toBe(200);
    const rest = (await api.rest(scoped, 'GET', '/v1/bmcs')).body as { items: { id: string }[] };
    expect(rest.items.map((b) => b.id)).toEqual([r1]);
  });

  it('acts on its BMCs only: an action on another is NOT_FOUND and reaches no BMC', async () => {
    const before = api.core.gateway.calls.length;
    expect(codes(await api.gql(scoped, `mutation { powerAction(input: { bmcId: "${r2}", action: ON }) { power } }`))).toEqual(['NOT_FOUND']);
    expect(api.core.gateway.calls.slice(before).some((c) => c.includes('10.0.1.2'))).toBe(false);
    const ok = await api.gql(scoped, `mutation { powerAction(input: { bmcId: "${r1}", action: ON }) { power } }`);
    expect(ok.body.errors).toBeUndefined();
  });

  it('answers a fleet read naming an out-of-scope id with a NOT_FOUND result for it', async () => {
    const answer = await api.rest(scoped, 'POST', '/v1/fleet/power-status', { target: { ids: [r1, r2] } });
    const results = (answer.body as { results: { bmcId: string; ok: boolean; error?: { code: string } }[] }).results;
    expect(results.map((r) => [r.bmcId, r.ok, r.error?.code ?? null])).toEqual([
      [r1, true, null],
      [r2, false, 'NOT_FOUND'],
    ]);
  });

  it('runs a fleet job over a tag both racks carry on its own rack only, and sees only its own jobs', async () => {
    const adminJob = await api.gql(api.admin.a, 'mutation { fleetPowerAction(input: { target: { tags: ["dc:one"] }, action: OFF }) { job { id } } }');
    const adminJobId = (adminJob.body.data?.['fleetPowerAction'] as { job: { id: string } }).job.id;
    await api.jobQueue.drained();
    const before = api.core.gateway.calls.length;
    const started = await api.gql(scoped, 'mutation { fleetPowerAction(input: { target: { tags: ["dc:one"] }, action: ON }) { job { id progress { total } } } }');
    const job = (started.body.data?.['fleetPowerAction'] as { job: { id: string; progress: { total: number } } }).job;
    expect(job.progress.total).toBe(1);
    await api.jobQueue.drained();
    const touched = api.core.gateway.calls.slice(before).map((c) => c.split(' ')[1]);
    expect(new Set(touched)).toEqual(new Set(['10.0.1.1:623']));
    expect(api.core.gateway.bmcs.get('10.0.1.2:623')?.power).toBe('off');
    const tasks = await api.gql(scoped, `{ job(id: "${job.id}") { state tasks { nodes { bmcId } } } }`);
    expect(tasks.body.data?.['job']).toEqual({ state: 'SUCCEEDED', tasks: { nodes: [{ bmcId: r1 }] } });
    // The admin's job names r2 among its tasks: to this key it does not exist.
    expect(codes(await api.gql(scoped, `{ job(id: "${adminJobId}") { id } }`))).toEqual(['NOT_FOUND']);
    const listed = await api.gql(scoped, '{ jobs(first: 50) { nodes { id } } }');
    expect((listed.body.data?.['jobs'] as { nodes: { id: string }[] }).nodes.map((n) => n.id)).toEqual([job.id]);
  });

  it('is FORBIDDEN an operation of its role outside its list, and the refusal is audited', async () => {
    expect(codes(await api.gql(scoped, `mutation { setBootDevice(input: { bmcId: "${r1}", device: PXE }) { bootOptions { device } } }`))).toEqual(['FORBIDDEN']);
    expect((await api.rest(scoped, 'PUT', `/v1/bmcs/${r1}/boot-device`, { device: 'pxe' })).status).toBe(403);
    expect(api.core.gateway.bmcs.get('10.0.1.1:623')?.boot.device).toBe('none');
    const refusals = api.core.auditLog.events.filter((e) => e.tenantId === TENANT_A && e.actor === `apikey:${scopedKeyId}` && e.outcome === 'denied' && e.errorCode === 'FORBIDDEN');
    expect(refusals.map((e) => e.action)).toContain('bmc.boot.set');
  });
});

describe('creating scoped keys', () => {
  it('refuses a tag-scoped key with tenant-wide permissions, and operations its role lacks', async () => {
    expect(codes(await createKey(api.admin.a, { name: 'x', role: 'ADMIN', scope: { tags: ['rack:r1'] } }))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await createKey(api.admin.a, { name: 'x', role: 'VIEWER', scope: { operations: ['bmc:power'] } }))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await createKey(api.admin.a, { name: 'x', role: 'VIEWER', scope: { operations: ['root'] } }))).toEqual(['BAD_USER_INPUT']);
  });

  it('lets a scoped key create keys only within its own scope', async () => {
    const narrowAdmin = (await createKey(api.admin.a, { name: 'key manager', role: 'ADMIN', scope: { operations: ['apikey:manage', 'bmc:read'] } })).body.data?.['createApiKey'] as { key: string };
    expect(codes(await createKey(narrowAdmin.key, { name: 'wider', role: 'OPERATOR' }))).toEqual(['FORBIDDEN']);
    expect(codes(await createKey(narrowAdmin.key, { name: 'wider', role: 'OPERATOR', scope: { operations: ['bmc:power'] } }))).toEqual(['FORBIDDEN']);
    expect(codes(await createKey(narrowAdmin.key, { name: 'within', role: 'VIEWER', scope: { operations: ['bmc:read'] } }))).toEqual([]);
  });

  it('refuses a tag-scoped admin registering or retagging a BMC outside its tags', async () => {
    const rackAdmin = (await createKey(api.admin.a, { name: 'rack admin', role: 'ADMIN', scope: { tags: ['rack:r1'], operations: ['bmc:read', 'bmc:manage'] } })).body.data?.['createApiKey'] as { key: string };
    const reg = await api.gql(rackAdmin.key, 'mutation($i: RegisterBmcInput!) { registerBmc(input: $i) { bmc { id } } }', {
      i: { name: 'elsewhere', address: '10.0.1.9', tags: ['rack:r2'], credentials: { username: 'admin', password: PASSWORD } },
    });
    expect(codes(reg)).toEqual(['FORBIDDEN']);
    expect(codes(await api.gql(rackAdmin.key, `mutation { updateBmc(input: { id: "${r1}", tags: ["rack:r2"] }) { bmc { id } } }`))).toEqual(['FORBIDDEN']);
    const listed = await api.gql(api.admin.a, '{ bmcs(first: 50) { nodes { name tags } } }');
    const nodes = (listed.body.data?.['bmcs'] as { nodes: { name: string; tags: string[] }[] }).nodes;
    expect(nodes.find((n) => n.name === 'elsewhere')).toBeUndefined();
    expect(nodes.find((n) => n.name === 'r1-node')?.tags).toContain('rack:r1');
  });

  it('keeps a tag-scoped key out of the audit log and the key list', async () => {
    expect(codes(await api.gql(scoped, '{ apiKeys(first: 5) { nodes { id } } }'))).toEqual(['FORBIDDEN']);
    expect((await api.rest(scoped, 'GET', '/v1/audit-events')).status).toBe(403);
  });
});
