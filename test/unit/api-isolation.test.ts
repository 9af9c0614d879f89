/**
 * Tenant isolation and role enforcement, operation by operation, over GraphQL and REST: keys of
 * another tenant (every role) and keys of the right tenant without the role are all refused,
 * learn nothing about the object, change nothing, reach no BMC, and every refusal is audited.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import type { AuditEvent, Role } from '../../lambdas/core/types.ts';
import { startApiHarness, TENANT_A, TENANT_B, type ApiHarness } from './api-harness.ts';
import { PASSWORD, register } from './api-fixtures.ts';

let api: ApiHarness;
let target: string;
let targetKeyId: string;
const keys: Record<'a' | 'b', Partial<Record<Role, string>>> = { a: {}, b: {} };

/** An operation: how to ask for it over each API, and the least role that may. */
interface Operation {
  name: string;
  least: Role[];
  gql: (id: string, keyId: string) => string;
  rest: (id: string, keyId: string) => [method: string, path: string, body?: unknown];
  /** Starts a job: each BMC's refusal shows in the job's tasks once the job has run. */
  job?: true;
}

const OPERATIONS: Operation[] = [
  { name: 'read BMC', least: ['viewer', 'operator', 'admin'], gql: (id) => `{ bmc(id: "${id}") { name } }`, rest: (id) => ['GET', `/v1/bmcs/${id}`] },
  { name: 'power state', least: ['viewer', 'operator', 'admin'], gql: (id) => `{ bmc(id: "${id}") { power { state } } }`, rest: (id) => ['GET', `/v1/bmcs/${id}/power`] },
  { name: 'chassis status', least: ['viewer', 'operator', 'admin'], gql: (id) => `{ bmc(id: "${id}") { chassisStatus { power } } }`, rest: (id) => ['GET', `/v1/bmcs/${id}/chassis`] },
  { name: 'device info', least: ['viewer', 'operator', 'admin'], gql: (id) => `{ bmc(id: "${id}") { deviceInfo { ipmiVersion } } }`, rest: (id) => ['GET', `/v1/bmcs/${id}/device`] },
  { name: 'sensors', least: ['viewer', 'operator', 'admin'], gql: (id) => `{ bmc(id: "${id}") { sensors { name } } }`, rest: (id) => ['GET', `/v1/bmcs/${id}/sensors`] },
  { name: 'SEL', least: ['viewer', 'operator', 'admin'], gql: (id) => `{ bmc(id: "${id}") { sel { nodes { id } } } }`, rest: (id) => ['GET', `/v1/bmcs/${id}/sel`] },
  { name: 'FRU', least: ['viewer', 'operator', 'admin'], gql: (id) => `{ bmc(id: "${id}") { fru { board { serial } } } }`, rest: (id) => ['GET', `/v1/bmcs/${id}/fru`] },
  { name: 'boot device', least: ['viewer', 'operator', 'admin'], gql: (id) => `{ bmc(id: "${id}") { bootDevice { device } } }`, rest: (id) => ['GET', `/v1/bmcs/${id}/boot-device`] },
  { name: 'sensor history', least: ['viewer', 'operator', 'admin'], gql: (id) => `{ bmc(id: "${id}") { sensorHistory(name: "CPU Temp") { time } } }`, rest: (id) => ['GET', `/v1/bmcs/${id}/sensors/CPU%20Temp/history`] },
  { name: 'monitoring history', least: ['viewer', 'operator', 'admin'], gql: (id) => `{ bmc(id: "${id}") { monitorHistory { time } } }`, rest: (id) => ['GET', `/v1/bmcs/${id}/monitoring/history`] },
  { name: 'predictions', least: ['viewer', 'operator', 'admin'], gql: (id) => `{ bmc(id: "${id}") { predictions { component } } }`, rest: (id) => ['GET', `/v1/bmcs/${id}/predictions`] },
  { name: 'BMC users', least: ['viewer', 'operator', 'admin'], gql: (id) => `{ bmc(id: "${id}") { users { name } } }`, rest: (id) => ['GET', `/v1/bmcs/${id}/users`] },
  { name: 'LAN configuration', least: ['viewer', 'operator', 'admin'], gql: (id) => `{ bmc(id: "${id}") { lanConfig { ipAddress } } }`, rest: (id) => ['GET', `/v1/bmcs/${id}/lan`] },
  { name: 'set BMC user', least: ['admin'], gql: (id) => `mutation { setBmcUser(input: { bmcId: "${id}", userId: 2, name: "pwned" }) { after { name } } }`, rest: (id) => ['PATCH', `/v1/bmcs/${id}/users/2`, { name: 'pwned' }] },
  { name: 'set LAN', least: ['admin'], gql: (id) => `mutation { setLanConfig(input: { bmcId: "${id}", vlanId: 10, confirm: true }) { after { ipAddress } } }`, rest: (id) => ['PATCH', `/v1/bmcs/${id}/lan`, { vlanId: 10, confirm: true }] },
  { name: 'reset BMC', least: ['admin'], gql: (id) => `mutation { resetBmc(input: { bmcId: "${id}", kind: COLD, confirm: true }) { acknowledged } }`, rest: (id) => ['POST', `/v1/bmcs/${id}/reset`, { kind: 'cold', confirm: true }] },
  { name: 'raw command', least: ['admin'], gql: (id) => `mutation { rawBmcCommand(input: { bmcId: "${id}", netFn: 6, cmd: 1 }) { completionCode } }`, rest: (id) => ['POST', `/v1/bmcs/${id}/raw`, { netFn: 6, cmd: 1 }] },
  { name: 'update', least: ['admin'], gql: (id) => `mutation { updateBmc(input: { id: "${id}", name: "pwned" }) { bmc { name } } }`, rest: (id) => ['PATCH', `/v1/bmcs/${id}`, { name: 'pwned' }] },
  {
    name: 'rotate credentials',
    least: ['admin'],
    gql: (id) => `mutation { rotateBmcCredentials(input: { id: "${id}", mode: ALREADY_CHANGED, credentials: { username: "admin", password: "x" } }) { job { id } } }`,
    rest: (id) => ['PUT', `/v1/bmcs/${id}/credentials`, { mode: 'already-changed', credentials: { username: 'admin', password: 'x' } }],
  },
  { name: 'power action', least: ['operator', 'admin'], gql: (id) => `mutation { powerAction(input: { bmcId: "${id}", action: OFF }) { power } }`, rest: (id) => ['POST', `/v1/bmcs/${id}/power`, { action: 'off' }] },
  { name: 'set boot device', least: ['operator', 'admin'], gql: (id) => `mutation { setBootDevice(input: { bmcId: "${id}", device: PXE }) { bootOptions { device } } }`, rest: (id) => ['PUT', `/v1/bmcs/${id}/boot-device`, { device: 'pxe' }] },
  { name: 'identify', least: ['operator', 'admin'], gql: (id) => `mutation { identify(input: { bmcId: "${id}" }) { bmc { id } } }`, rest: (id) => ['POST', `/v1/bmcs/${id}/identify`, {}] },
  { name: 'SOL capture', least: ['operator', 'admin'], gql: (id) => `mutation { solCapture(input: { bmcId: "${id}", seconds: 1 }) { job { id } } }`, rest: (id) => ['POST', `/v1/bmcs/${id}/sol/capture`, { seconds: 1 }] },
  { name: 'clear SEL', least: ['admin'], gql: (id) => `mutation { clearSel(bmcId: "${id}") { bmc { id } } }`, rest: (id) => ['DELETE', `/v1/bmcs/${id}/sel`] },
  { name: 'revoke API key', least: ['admin'], gql: (_id, k) => `mutation { revokeApiKey(id: "${k}") { apiKey { id } } }`, rest: (_id, k) => ['DELETE', `/v1/api-keys/${k}`] },
  // Removal last: when the role matrix lets it through, the object is gone for later checks.
  { name: 'remove', least: ['admin'], gql: (id) => `mutation { removeBmc(id: "${id}") { removedBmcId } }`, rest: (id) => ['DELETE', `/v1/bmcs/${id}`] },
];

/** Fleet operations never fail the request for one BMC: a foreign id is a NOT_FOUND result. */
const FLEET: Operation[] = [
  { name: 'fleet power status', least: ['viewer', 'operator', 'admin'], gql: (id) => `{ fleetPowerStatus(target: { ids: ["${id}"] }) { results { bmc { name } outcome { ... on BmcError { code } ... on PowerStatus { state } } } } }`, rest: (id) => ['POST', '/v1/fleet/power-status', { target: { ids: [id] } }] },
  { name: 'fleet sensors', least: ['viewer', 'operator', 'admin'], gql: (id) => `{ fleetSensors(target: { ids: ["${id}"] }) { results { bmc { name } outcome { ... on BmcError { code } ... on SensorList { sensors { name } } } } } }`, rest: (id) => ['POST', '/v1/fleet/sensors', { target: { ids: [id] } }] },
  {
    name: 'fleet power action',
    least: ['operator', 'admin'],
    gql: (id) => `mutation { fleetPowerAction(input: { target: { ids: ["${id}"] }, action: OFF }) { job { id } } }`,
    rest: (id) => ['POST', '/v1/fleet/power', { target: { ids: [id] }, action: 'off' }],
    job: true,
  },
];

const ROLES: Role[] = ['viewer', 'operator', 'admin', 'auditor'];

beforeAll(async () => {
  // The tenants are made as a deployment makes them: by the platform operator, with disjoint ranges.
  api = await startApiHarness({ operatorTenants: true });
  api.core.gateway.add('10.1.0.1', 623, 'admin', PASSWORD, { power: 'on' });
  target = await register(api, api.admin.a, 'tenant-a-node', '10.1.0.1');
  for (const role of ROLES) {
    keys.a[role] = role === 'admin' ? api.admin.a : await api.key('a', role);
    keys.b[role] = role === 'admin' ? api.admin.b : await api.key('b', role);
  }
  // Raw commands on in both tenants, so that only the BMC's owner decides a raw request's fate.
  for (const admin of [api.admin.a, api.admin.b]) {
    const on = await api.gql(admin, 'mutation { updateTenantSettings(input: { rawCommands: true }) { rawCommands } }');
    expect(on.body.data?.['updateTenantSettings']).toEqual({ rawCommands: true });
  }
  const list = await api.gql(api.admin.a, '{ apiKeys(first: 100) { nodes { id role } } }');
  targetKeyId = (list.body.data?.['apiKeys'] as { nodes: { id: string; role: string }[] }).nodes.find((k) => k.role === 'VIEWER')?.id ?? '';
});
afterAll(async () => api.close());

const eventsOf = (tenant: string) => api.core.auditLog.events.filter((e) => e.tenantId === tenant);
const bmcCalls = () => api.core.gateway.calls.filter((c) => c.endsWith('10.1.0.1:623')).length;

/** Asserts a refusal: the error, nothing of tenant A in the answer, one more refusal on record. */
async function expectRefused(
  ask: () => Promise<{ status: number; codes: unknown[]; text: string }>,
  callerTenant: string,
  allowedCodes: string[],
  label: string,
  checkAudit = true,
): Promise<void> {
  const before = eventsOf(callerTenant).length;
  const aBefore = JSON.stringify(eventsOf(TENANT_A).map((e) => e.id));
  const stateBefore = JSON.stringify(await api.core.bmcs.get(TENANT_A, target));
  const callsBefore = bmcCalls();
  const answer = await ask();
  expect(answer.codes.length, `${label}: refused`).toBeGreaterThan(0);
  for (const code of answer.codes) expect(allowedCodes, `${label}: code`).toContain(code);
  expect(answer.text, `${label}: nothing revealed`).not.toContain('tenant-a-node');
  expect(bmcCalls(), `${label}: no BMC traffic`).toBe(callsBefore);
  expect(JSON.stringify(await api.core.bmcs.get(TENANT_A, target)), `${label}: unchanged`).toBe(stateBefore);
  const added = eventsOf(callerTenant).slice(before);
  if (checkAudit) expect(added.some((e) => (e.outcome === 'denied' || e.outcome === 'failed') && e.errorCode !== null), `${label}: audited`).toBe(true);
  if (callerTenant !== TENANT_A) expect(JSON.stringify(eventsOf(TENANT_A).map((e) => e.id)), `${label}: nothing in tenant A's log`).toBe(aBefore);
}

/** Ids to ask for: by default tenant A's BMC and key. */
interface Ids {
  bmc: string;
  key: string;
}

/** The tasks of the job an answer started, once the job has run (empty when none started). */
async function tasksOf(key: string, jobId: string | undefined, over: 'gql' | 'rest'): Promise<string> {
  if (jobId === undefined) return '';
  await api.jobQueue.drained();
  if (over === 'rest') return (await api.rest(key, 'GET', `/v1/jobs/${jobId}/tasks`)).text;
  return JSON.stringify((await api.gql(key, `{ job(id: "${jobId}") { tasks { nodes { bmc { name } error { code } } } } }`)).body.data ?? {});
}

function viaGraphQL(key: string, op: Operation, ids: Ids = { bmc: target, key: targetKeyId }) {
  return async () => {
    const r = await api.gql(key, op.gql(ids.bmc, ids.key));
    const started = (r.body.data?.['fleetPowerAction'] as { job?: { id: string } } | null | undefined)?.job?.id;
    const data = JSON.stringify(r.body.data ?? {}) + (op.job ? await tasksOf(key, started, 'gql') : '');
    const fleetCodes = [...data.matchAll(/"code":"([A-Z_]+)"/g)].map((m) => m[1]);
    const codes = [...(r.body.errors ?? []).map((e) => e.extensions?.['code']), ...fleetCodes];
    return { status: r.status, codes, text: JSON.stringify(r.body) };
  };
}

function viaRest(key: string, op: Operation, ids: Ids = { bmc: target, key: targetKeyId }) {
  return async () => {
    const [method, path, body] = op.rest(ids.bmc, ids.key);
    const r = await api.rest(key, method, path, body);
    const text = r.text + (op.job && r.status === 202 ? await tasksOf(key, (r.body as { id: string }).id, 'rest') : '');
    const fleetCodes = [...text.matchAll(/"code":"([A-Z_]+)"/g)].map((m) => m[1]);
    return { status: r.status, codes: fleetCodes, text };
  };
}

describe.each([
  ['GraphQL', viaGraphQL],
  ['REST', viaRest],
] as const)('%s', (_api, via) => {
  it.each([...OPERATIONS, ...FLEET].map((op) => [op.name, op] as const))('%s: every role of another tenant is refused', async (_name, op) => {
    for (const role of ROLES) {
      const key = keys.b[role] ?? '';
      // A role that may do this elsewhere sees NOT_FOUND here; one that may not sees FORBIDDEN
      // (decided by role alone, so it reveals nothing about the object either).
      const permitted = op.least.includes(role);
      await expectRefused(via(key, op), TENANT_B, permitted ? ['NOT_FOUND'] : ['FORBIDDEN'], `${op.name} as tenant B ${role}`, !permitted);
    }
  });

  // docs/architecture.md section 3: every denied attempt is on record. A role that may do this elsewhere
  // gets NOT_FOUND here, recorded as denied in its own tenant's log (and nothing in A's).
  it.each([...OPERATIONS, ...FLEET].map((op) => [op.name, op] as const))('%s: another tenant\'s attempt is on record', async (_name, op) => {
    const key = keys.b[op.least[0] ?? 'admin'] ?? '';
    const before = eventsOf(TENANT_B).length;
    await expectRefused(via(key, op), TENANT_B, ['NOT_FOUND'], `${op.name} as tenant B ${op.least[0]}`);
    // A job's own start and finish are on record too; the refusal (of the BMC, or of the ids a job
    // named) is the one denied event per attempt.
    const attempts = (from: number) => eventsOf(TENANT_B).slice(from).filter((e) => !e.action.startsWith('job.') || e.outcome === 'denied');
    const onA = attempts(before);
    expect(onA.length, 'one event per attempt').toBe(1);
    expect(onA[0]).toMatchObject({ outcome: 'denied', errorCode: 'NOT_FOUND', actor: expect.stringMatching(/^apikey:/) });

    // The record must not tell A's object from an id that exists nowhere: same fields but the id.
    const nowhere: Ids = { bmc: randomUUID(), key: 'k' + randomUUID().replace(/-/g, '').slice(0, 11) };
    const mark = eventsOf(TENANT_B).length;
    await expectRefused(via(key, op, nowhere), TENANT_B, ['NOT_FOUND'], `${op.name} on a missing id`);
    const onNothing = attempts(mark);
    const shape = (e: AuditEvent | undefined, ids: Ids) =>
      e && JSON.parse(JSON.stringify({ ...e, id: 0, seq: 0, time: 0, requestId: 0, prevHash: 0, hash: 0 }).replaceAll(ids.bmc, 'ID').replaceAll(ids.key, 'ID')) as unknown;
    expect(onNothing).toHaveLength(1);
    expect(shape(onNothing[0], nowhere)).toEqual(shape(onA[0], { bmc: target, key: targetKeyId }));
  });

  it.each([...OPERATIONS, ...FLEET].map((op) => [op.name, op] as const))('%s: roles without the permission are refused', async (_name, op) => {
    for (const role of ROLES.filter((r) => !op.least.includes(r))) {
      await expectRefused(via(keys.a[role] ?? '', op), TENANT_A, ['FORBIDDEN'], `${op.name} as tenant A ${role}`);
    }
  });
});

describe('monitoring events', () => {
  it("never shows tenant A's events to tenant B, filtered by A's BMC or not", async () => {
    const time = new Date().toISOString();
    await api.monitoring.putEvents([{ id: `${time}-iso-1`, tenantId: TENANT_A, time, kind: 'power.changed', severity: 'info', message: 'tenant-a-node powered off', bmcId: target, detail: {} }], Math.floor(Date.now() / 1000) + 3600);
    const gqlIds = async (key: string, filter: string) => JSON.stringify((await api.gql(key, `{ events(${filter}) { nodes { id message } } }`)).body);
    const restIds = async (key: string, query: string) => (await api.rest(key, 'GET', `/v1/events${query}`)).text;
    expect(await gqlIds(api.admin.a, `filter: { bmcId: "${target}" }`)).toContain('tenant-a-node');
    expect(await restIds(api.admin.a, `?bmcId=${target}`)).toContain('tenant-a-node');
    for (const role of ROLES) {
      const key = keys.b[role] ?? '';
      for (const answer of [await gqlIds(key, `filter: { bmcId: "${target}" }`), await gqlIds(key, 'first: 100'), await restIds(key, `?bmcId=${target}`), await restIds(key, '')]) {
        expect(answer, `tenant B ${role}`).not.toContain('tenant-a-node');
        expect(answer, `tenant B ${role}`).not.toContain(`${time}-iso-1`);
      }
    }
  });
});

describe('audit log and keys', () => {
  it('shows each tenant only its own events and keys', async () => {
    // Tenant B's log holds B's own attempts (with the ids B sent), never A's events or names.
    const aActors = new Set(eventsOf(TENANT_A).map((e) => e.actor).filter((a) => a !== 'system'));
    const b = await api.gql(keys.b.auditor ?? '', '{ auditEvents(first: 100) { nodes { target actor } } }');
    const bEvents = (b.body.data?.['auditEvents'] as { nodes: { actor: string }[] }).nodes;
    expect(bEvents.length).toBeGreaterThan(0);
    for (const e of bEvents) expect(aActors.has(e.actor)).toBe(false);
    expect(JSON.stringify(b.body)).not.toContain('tenant-a');
    const bKeys = await api.rest(keys.b.admin ?? '', 'GET', '/v1/api-keys?limit=100');
    expect(bKeys.text).not.toContain(targetKeyId);
    const verify = await api.rest(keys.b.auditor ?? '', 'GET', '/v1/audit-events/verify');
    expect(verify.text).not.toContain('tenant-a');
  });

  it('leaves tenant A whole after every attempt', async () => {
    const r = await api.gql(api.admin.a, `{ bmc(id: "${target}") { name power { state } bootDevice { device } } }`);
    expect(r.body.data?.['bmc']).toEqual({ name: 'tenant-a-node', power: { state: 'ON' }, bootDevice: { device: 'NONE' } });
    expect((await api.gql(keys.a.viewer ?? '', '{ me { role } }')).status).toBe(200);
  });
});
