/**
 * The GraphQL API through HTTP: the real server, Apollo and core services over in-memory stores
 * and a scripted gateway. Reads, actions, fleet results with failing BMCs, pagination, and every
 * stable error code.
 */
import { createHash } from 'node:crypto';
import { getIntrospectionQuery } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { DomainError } from '../../lambdas/core/errors.ts';
import type { ApiHarness } from './api-harness.ts';
import { failBmc, PASSWORD, register, type Fleet } from './api-fixtures.ts';
import { useApiWithFleet, type ApiWithFleet } from '../support/use-api-with-fleet.ts';

const apiWithFleet = useApiWithFleet();
let api: ApiHarness;
let fleet: Fleet;
let keys: ApiWithFleet['keys'];
beforeAll(() => {
  ({ api, fleet, keys } = apiWithFleet());
});

const codeOf = (r: { body: { errors?: { extensions?: Record<string, unknown> }[] } }) => r.body.errors?.[0]?.extensions?.['code'];

describe('the caller', () => {
  it('is who the key says, for every role', async () => {
    for (const [role, key] of [['VIEWER', keys.viewer], ['OPERATOR', keys.operator], ['AUDITOR', keys.auditor], ['ADMIN', api.admin.a]] as const) {
      const r = await api.gql(key, '{ me { tenantId role actor keyId } }');
      expect(r.status).toBe(200);
      expect(r.body.data?.['me']).toMatchObject({ tenantId: 'tenant-a', role });
    }
  });
});

describe('registry', () => {
  it('registers with defaults and never returns or audits the password', async () => {
    const r = await api.gql(api.admin.a, '{ bmc(id: "' + fleet.ok1 + '") { id name address port cipherSuite privilege tags health credentialState } }');
    expect(r.body.data?.['bmc']).toMatchObject({ name: 'node-1', address: '10.0.0.1', port: 623, cipherSuite: null, privilege: 'ADMIN', tags: ['rack:a'], credentialState: 'OK' });
    const audit = await api.gql(keys.auditor, '{ auditEvents(first: 100, filter: { action: "bmc.register" }) { nodes { target outcome parameters } } }');
    const events = (audit.body.data?.['auditEvents'] as { nodes: { target: string; parameters: unknown }[] }).nodes;
    expect(events.map((e) => e.target)).toContain(`bmc:${fleet.ok1}`);
    expect(JSON.stringify(events)).not.toContain('fixture-pw-1');
  });

  it('updates only the fields given, and null cipher suite means negotiate', async () => {
    const id = await register(api, api.admin.a, 'to-update', '10.9.0.1');
    const r = await api.gql(api.admin.a, 'mutation($i: UpdateBmcInput!) { updateBmc(input: $i) { bmc { name port cipherSuite tags } } }', {
      i: { id, port: 6230, cipherSuite: 17, tags: ['x'] },
    });
    expect(r.body.data?.['updateBmc']).toEqual({ bmc: { name: 'to-update', port: 6230, cipherSuite: 17, tags: ['x'] } });
    const back = await api.gql(api.admin.a, 'mutation($i: UpdateBmcInput!) { updateBmc(input: $i) { bmc { cipherSuite } } }', { i: { id, cipherSuite: null } });
    expect(back.body.data?.['updateBmc']).toEqual({ bmc: { cipherSuite: null } });
    const refused = await api.gql(api.admin.a, 'mutation($i: UpdateBmcInput!) { updateBmc(input: $i) { bmc { name } } }', { i: { id, name: null } });
    expect(codeOf(refused)).toBe('BAD_USER_INPUT');
    const removed = await api.gql(api.admin.a, `mutation { removeBmc(id: "${id}") { removedBmcId } }`);
    expect(removed.body.data?.['removeBmc']).toEqual({ removedBmcId: id });
    expect(codeOf(await api.gql(api.admin.a, `{ bmc(id: "${id}") { id } }`))).toBe('NOT_FOUND');
  });

  it('pages through every BMC with Relay cursors, resuming from any edge', async () => {
    const all: string[] = [];
    let after: string | null = null;
    for (let pages = 0; pages < 10; pages++) {
      const r = await api.gql(api.admin.a, 'query($after: String) { bmcs(first: 2, after: $after) { edges { cursor node { id } } pageInfo { hasNextPage endCursor } } }', { after });
      const c = r.body.data?.['bmcs'] as { edges: { cursor: string; node: { id: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
      all.push(...c.edges.map((e) => e.node.id));
      if (!c.pageInfo.hasNextPage) break;
      after = c.pageInfo.endCursor;
    }
    expect(all.length).toBeGreaterThanOrEqual(4);
    expect(new Set(all).size).toBe(all.length);
    expect(all).toEqual(expect.arrayContaining([fleet.ok1, fleet.ok2, fleet.offline, fleet.badPassword]));

    const firstPage = await api.gql(api.admin.a, '{ bmcs(first: 3) { edges { cursor node { id } } } }');
    const edges = (firstPage.body.data?.['bmcs'] as { edges: { cursor: string; node: { id: string } }[] }).edges;
    const resumed = await api.gql(api.admin.a, 'query($a: String) { bmcs(first: 1, after: $a) { nodes { id } } }', { a: edges[0]?.cursor });
    expect((resumed.body.data?.['bmcs'] as { nodes: { id: string }[] }).nodes[0]?.id).toBe(edges[1]?.node.id);
  });

  it('filters by tag', async () => {
    const r = await api.gql(api.admin.a, '{ bmcs(filter: { tags: ["rack:b"] }) { nodes { id } } }');
    expect((r.body.data?.['bmcs'] as { nodes: { id: string }[] }).nodes.map((n) => n.id)).toEqual([fleet.badPassword]);
  });
});

describe('live reads', () => {
  it('reads power, chassis, device, sensors, FRU and boot device in one query', async () => {
    const r = await api.gql(
      keys.viewer,
      `{ bmc(id: "${fleet.ok1}") {
          power { state }
          chassisStatus { power restorePolicy identify }
          deviceInfo { firmwareVersion ipmiVersion }
          sensors { name reading unit status states thresholds { lnr unc ucr unr } }
          fru { chassis { serial } board { serial } product { name } }
          bootDevice { device persistent efi }
          selInfo { entries }
      } }`,
    );
    expect(r.body.errors).toBeUndefined();
    const bmc = r.body.data?.['bmc'] as Record<string, unknown>;
    expect(bmc['power']).toEqual({ state: 'OFF' });
    expect(bmc['chassisStatus']).toEqual({ power: 'OFF', restorePolicy: 'PREVIOUS', identify: 'OFF' });
    expect(bmc['deviceInfo']).toEqual({ firmwareVersion: '1.00', ipmiVersion: '2.0' });
    expect(bmc['sensors']).toEqual([
      { name: 'CPU1 Temp', reading: 85, unit: 'degrees C', status: 'NON_CRITICAL', states: [], thresholds: { lnr: null, unc: 80, ucr: 90, unr: 100 } },
      { name: 'PSU1 Status', reading: null, unit: null, status: 'OK', states: ['Presence detected'], thresholds: { lnr: null, unc: null, ucr: null, unr: null } },
    ]);
    expect(bmc['fru']).toEqual({ chassis: null, board: null, product: null });
    expect(bmc['bootDevice']).toEqual({ device: 'NONE', persistent: false, efi: false });
    expect(bmc['selInfo']).toEqual({ entries: 25 });
  });

  it('pages the SEL newest first', async () => {
    const q = 'query($a: String) { bmc(id: "' + fleet.ok1 + '") { sel(first: 10, after: $a) { nodes { id direction } pageInfo { hasNextPage endCursor } } } }';
    const ids: number[] = [];
    let after: string | null = null;
    for (;;) {
      const r = await api.gql(keys.viewer, q, { a: after });
      const sel = (r.body.data?.['bmc'] as { sel: { nodes: { id: number }[]; pageInfo: { hasNextPage: boolean; endCursor: string } } }).sel;
      ids.push(...sel.nodes.map((n) => n.id));
      if (!sel.pageInfo.hasNextPage) break;
      after = sel.pageInfo.endCursor;
    }
    expect(ids).toEqual(Array.from({ length: 25 }, (_, i) => 25 - i));
  });

  it('nulls only the failing field and names the failure with a stable code', async () => {
    const r = await api.gql(keys.viewer, `{ ok: bmc(id: "${fleet.ok1}") { power { state } } off: bmc(id: "${fleet.offline}") { name power { state } } }`);
    expect(r.status).toBe(200);
    expect(r.body.data).toEqual({ ok: { power: { state: 'OFF' } }, off: { name: 'node-3', power: null } });
    expect(r.body.errors).toEqual([expect.objectContaining({ path: ['off', 'power'], extensions: { code: 'BMC_UNREACHABLE' } })]);
  });
});

describe('actions', () => {
  it('powers on and reports the read-back state', async () => {
    const r = await api.gql(keys.operator, `mutation { powerAction(input: { bmcId: "${fleet.ok2}", action: ON }) { action power confirmed bmc { name } } }`);
    expect(r.body.data?.['powerAction']).toEqual({ action: 'ON', power: 'ON', confirmed: true, bmc: { name: 'node-2' } });
    const audit = await api.gql(keys.auditor, `{ auditEvents(filter: { target: "bmc:${fleet.ok2}", action: "bmc.power.set" }) { nodes { outcome parameters } } }`);
    const outcomes = (audit.body.data?.['auditEvents'] as { nodes: { outcome: string }[] }).nodes.map((n) => n.outcome);
    // Intent before the BMC is touched, outcome after (the two may share a millisecond).
    expect(outcomes.sort()).toEqual(['STARTED', 'SUCCEEDED']);
  });

  it('sets the boot device, lights identify and captures the console', async () => {
    const boot = await api.gql(keys.operator, `mutation { setBootDevice(input: { bmcId: "${fleet.ok2}", device: PXE, persistent: true }) { bootOptions { device persistent efi } } }`);
    expect(boot.body.data?.['setBootDevice']).toEqual({ bootOptions: { device: 'PXE', persistent: true, efi: false } });
    const read = await api.gql(keys.viewer, `{ bmc(id: "${fleet.ok2}") { bootDevice { device persistent } } }`);
    expect(read.body.data?.['bmc']).toEqual({ bootDevice: { device: 'PXE', persistent: true } });
    const identify = await api.gql(keys.operator, `mutation { identify(input: { bmcId: "${fleet.ok2}", force: true }) { bmc { id } } }`);
    expect(identify.body.errors).toBeUndefined();
    const chassis = await api.gql(keys.viewer, `{ bmc(id: "${fleet.ok2}") { chassisStatus { identify } } }`);
    expect(chassis.body.data?.['bmc']).toEqual({ chassisStatus: { identify: 'INDEFINITE' } });
    const sol = await api.gql(keys.operator, `mutation { solCapture(input: { bmcId: "${fleet.ok2}", seconds: 2 }) { job { id kind progress { total } } } }`);
    const started = (sol.body.data?.['solCapture'] as { job: { id: string; kind: string; progress: { total: number } } }).job;
    expect(started).toMatchObject({ kind: 'bmc.sol', progress: { total: 1 } });
    await api.jobQueue.drained();
    const done = await api.gql(
      keys.viewer,
      `{ job(id: "${started.id}") { state tasks { nodes { bmcId result { ... on SolCaptureResult { output raw bytes truncated droppedBytes seconds } } } } } }`,
    );
    // The display text has LF line ends; the raw bytes keep the console's CR LF.
    expect(done.body.data?.['job']).toEqual({
      state: 'SUCCEEDED',
      tasks: { nodes: [{ bmcId: fleet.ok2, result: { output: 'fake console\n', raw: Buffer.from('fake console\r\n').toString('base64'), bytes: 14, truncated: false, droppedBytes: 0, seconds: 2 } }] },
    });
  });

  it('rotates credentials as a job: the BMC is rotating until its task commits the new ones', async () => {
    api.core.gateway.add('10.0.0.12', 623, 'admin', PASSWORD);
    const id = await register(api, api.admin.a, 'rotate-gql', '10.0.0.12');
    const q = (password: string) =>
      `mutation { rotateBmcCredentials(input: { id: "${id}", mode: SET_ON_BMC, credentials: { username: "admin", password: "${password}" } }) { job { id kind } } }`;
    expect(codeOf(await api.gql(keys.operator, q('new-pw-1')))).toBe('FORBIDDEN');
    const r = await api.gql(api.admin.a, q('new-pw-1'));
    const job = (r.body.data?.['rotateBmcCredentials'] as { job: { id: string; kind: string } }).job;
    expect(job.kind).toBe('bmc.credentials.rotate');
    await api.jobQueue.drained();
    const done = await api.gql(
      api.admin.a,
      `{ job(id: "${job.id}") { state tasks { nodes { result { ... on CredentialRotationResult { mode username recovered } } } } } bmc(id: "${id}") { credentialState } }`,
    );
    expect(done.body.data).toEqual({
      job: { state: 'SUCCEEDED', tasks: { nodes: [{ result: { mode: 'SET_ON_BMC', username: 'admin', recovered: false } }] } },
      bmc: { credentialState: 'OK' },
    });
    expect(api.core.gateway.bmcs.get('10.0.0.12:623')?.password).toBe('new-pw-1');
    expect(JSON.stringify(done.body)).not.toContain('new-pw-1');
  });

  it('clears the SEL (admin only)', async () => {
    const id = await register(api, api.admin.a, 'sel-clear', '10.0.0.2');
    expect(codeOf(await api.gql(keys.operator, `mutation { clearSel(bmcId: "${id}") { bmc { id } } }`))).toBe('FORBIDDEN');
    const r = await api.gql(api.admin.a, `mutation { clearSel(bmcId: "${id}") { bmc { id } } }`);
    expect(r.body.data?.['clearSel']).toEqual({ bmc: { id } });
  });
});

describe('Idempotency-Key on action mutations', () => {
  it('replays the first answer to a retry without acting again; only for action mutations', async () => {
    const calls = () => api.core.gateway.calls.filter((c) => c === 'powerAction 10.0.0.1:623').length;
    const q = 'mutation($id: ID!) { powerAction(input: { bmcId: $id, action: CYCLE }) { power confirmed } }';
    const key = { 'idempotency-key': 'gql-retry-000001' };
    const before = calls();
    const first = await api.gql(keys.operator, q, { id: fleet.ok1 }, key);
    const retry = await api.gql(keys.operator, q, { id: fleet.ok1 }, key);
    expect(first.body.errors).toBeUndefined();
    expect(retry.body).toEqual(first.body);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(calls()).toBe(before + 1);
    const changed = await api.gql(keys.operator, q, { id: fleet.ok2 }, key);
    expect(codeOf(changed)).toBe('BAD_USER_INPUT');
    expect(codeOf(await api.gql(api.admin.a, 'mutation { createApiKey(input: { name: "k", role: VIEWER }) { key } }', {}, { 'idempotency-key': 'gql-retry-000002' }))).toBe('BAD_USER_INPUT');
    expect(codeOf(await api.gql(keys.viewer, '{ me { role } }', {}, { 'idempotency-key': 'gql-retry-000003' }))).toBe('BAD_USER_INPUT');
  });
});

describe('fleet', () => {
  it('returns one result per BMC; unreachable, unknown and foreign BMCs are data', async () => {
    const foreign = await register(api, api.admin.b, 'b-node', '10.0.0.1');
    const r = await api.gql(
      keys.viewer,
      `query($ids: [ID!]) { fleetPowerStatus(target: { ids: $ids }) {
          results { bmcId bmc { name } outcome { __typename ... on PowerStatus { state } ... on BmcError { code message } } }
          summary { total succeeded failed } } }`,
      { ids: [fleet.ok1, fleet.offline, fleet.badPassword, 'no-such-bmc', foreign] },
    );
    expect(r.status).toBe(200);
    expect(r.body.errors).toBeUndefined();
    const p = r.body.data?.['fleetPowerStatus'] as { results: { bmcId: string; bmc: unknown; outcome: Record<string, unknown> }[]; summary: unknown };
    expect(p.summary).toEqual({ total: 5, succeeded: 1, failed: 4 });
    expect(p.results.map((x) => [x.bmcId, x.outcome['__typename'], x.outcome['state'] ?? x.outcome['code']])).toEqual([
      [fleet.ok1, 'PowerStatus', expect.stringMatching(/^(ON|OFF)$/)],
      [fleet.offline, 'BmcError', 'BMC_UNREACHABLE'],
      [fleet.badPassword, 'BmcError', 'BMC_AUTH_FAILED'],
      ['no-such-bmc', 'BmcError', 'NOT_FOUND'],
      [foreign, 'BmcError', 'NOT_FOUND'],
    ]);
    expect(p.results[0]?.bmc).toEqual({ name: 'node-1' });
    // Tenant B's BMC stays invisible: no name, no hint.
    expect(p.results[4]?.bmc).toBeNull();
    expect(JSON.stringify(p.results[4])).not.toContain('b-node');
  });

  it('acts on every BMC with a tag as a job, as an operator only; each BMC outcome is a task', async () => {
    const q = `mutation { fleetPowerAction(input: { target: { tags: ["rack:a"] }, action: ON }) { job { id kind action state progress { total done } } } }`;
    expect(codeOf(await api.gql(keys.viewer, q))).toBe('FORBIDDEN');
    const r = await api.gql(keys.operator, q);
    const started = (r.body.data?.['fleetPowerAction'] as { job: { id: string; kind: string; action: string; state: string; progress: { total: number; done: number } } }).job;
    expect(started).toMatchObject({ kind: 'fleet.power', action: 'ON', progress: { done: 0 } });
    expect(['QUEUED', 'RUNNING']).toContain(started.state);
    await api.jobQueue.drained();
    const done = await api.gql(
      keys.viewer,
      `{ job(id: "${started.id}") { state progress { total done succeeded failed } tasks(first: 10) { nodes { bmcId state attempts result { ... on PowerActionResult { power confirmed } } error { code } } } } }`,
    );
    const job = done.body.data?.['job'] as { state: string; progress: Record<string, number>; tasks: { nodes: { bmcId: string; state: string; result: unknown; error: unknown; attempts: number }[] } };
    const total = started.progress.total;
    expect(total).toBeGreaterThanOrEqual(3);
    expect(job.progress).toEqual({ total, done: total, succeeded: total - 1, failed: 1 });
    expect(job.state).toBe('PARTIALLY_SUCCEEDED');
    const byBmc = new Map(job.tasks.nodes.map((t) => [t.bmcId, t]));
    expect(byBmc.get(fleet.ok1)).toMatchObject({ state: 'SUCCEEDED', attempts: 1, result: { power: 'ON', confirmed: true }, error: null });
    expect(byBmc.get(fleet.offline)).toMatchObject({ state: 'FAILED', result: null, error: { code: 'BMC_UNREACHABLE' } });
  });

  it('reads sensors of a fleet and refuses a target with both ids and tags', async () => {
    const r = await api.gql(keys.viewer, `{ fleetSensors(target: { ids: ["${fleet.ok1}"] }) { results { outcome { ... on SensorList { sensors { name status } } } } } }`);
    expect(r.body.data?.['fleetSensors']).toEqual({ results: [{ outcome: { sensors: [{ name: 'CPU1 Temp', status: 'NON_CRITICAL' }, { name: 'PSU1 Status', status: 'OK' }] } }] });
    const both = await api.gql(keys.viewer, `{ fleetSensors(target: { ids: ["${fleet.ok1}"], tags: ["a"] }) { summary { total } } }`);
    expect(codeOf(both)).toBe('BAD_USER_INPUT');
  });
});

describe('error codes', () => {
  it('UNAUTHENTICATED without a key, with a mistyped key and with a revoked key (HTTP 401)', async () => {
    for (const key of [null, 'bmcp_not-a-key', api.admin.a.slice(0, -1) + (api.admin.a.endsWith('A') ? 'B' : 'A')]) {
      const r = await api.gql(key, '{ me { role } }');
      expect(r.status).toBe(401);
      expect(codeOf(r)).toBe('UNAUTHENTICATED');
    }
    const doomed = await api.key('a', 'viewer');
    const list = await api.gql(api.admin.a, '{ apiKeys(first: 100) { nodes { id name revokedAt } } }');
    const nodes = (list.body.data?.['apiKeys'] as { nodes: { id: string; revokedAt: string | null }[] }).nodes;
    expect(JSON.stringify(list.body)).not.toContain(doomed);
    const doomedId = nodes.find((n) => doomed.includes(n.id))?.id;
    expect(doomedId).toBeDefined();
    expect((await api.gql(doomed, '{ me { role } }')).status).toBe(200);
    const revoked = await api.gql(api.admin.a, `mutation { revokeApiKey(id: "${doomedId}") { apiKey { revokedAt } } }`);
    expect((revoked.body.data?.['revokeApiKey'] as { apiKey: { revokedAt: string } }).apiKey.revokedAt).toMatch(/^\d{4}-/);
    expect(codeOf(await api.gql(doomed, '{ me { role } }'))).toBe('UNAUTHENTICATED');
  });

  it('FORBIDDEN for roles without the permission (HTTP 200, error on the field)', async () => {
    expect(codeOf(await api.gql(keys.viewer, `mutation { powerAction(input: { bmcId: "${fleet.ok1}", action: OFF }) { power } }`))).toBe('FORBIDDEN');
    expect(codeOf(await api.gql(keys.auditor, '{ bmcs { nodes { id } } }'))).toBe('FORBIDDEN');
    expect(codeOf(await api.gql(keys.operator, '{ auditEvents { nodes { id } } }'))).toBe('FORBIDDEN');
    expect(codeOf(await api.gql(keys.operator, 'mutation { createApiKey(input: { name: "x", role: ADMIN }) { key } }'))).toBe('FORBIDDEN');
  });

  it('NOT_FOUND for unknown ids and for other tenants alike', async () => {
    const unknown = await api.gql(api.admin.a, '{ bmc(id: "no-such-bmc") { id } }');
    const foreign = await api.gql(api.admin.b, `{ bmc(id: "${fleet.ok1}") { id } }`);
    expect(codeOf(unknown)).toBe('NOT_FOUND');
    expect(codeOf(foreign)).toBe('NOT_FOUND');
    expect(foreign.body.errors?.[0]?.message).toBe(`BMC ${fleet.ok1} not found`);
  });

  it('CONFLICT while a BMC rotates credentials', async () => {
    const bmc = await api.core.bmcs.get('tenant-a', fleet.ok2);
    if (!bmc) throw new Error('fixture missing');
    await api.core.bmcs.update({ ...bmc, credentialState: 'rotating', updatedAt: new Date().toISOString() }, bmc.updatedAt);
    try {
      expect(codeOf(await api.gql(keys.operator, `mutation { powerAction(input: { bmcId: "${fleet.ok2}", action: OFF }) { power } }`))).toBe('CONFLICT');
    } finally {
      const now = await api.core.bmcs.get('tenant-a', fleet.ok2);
      if (now) await api.core.bmcs.update({ ...now, credentialState: 'ok', updatedAt: new Date().toISOString() }, now.updatedAt);
    }
  });

  it('BMC_UNREACHABLE, BMC_AUTH_FAILED, BMC_COMMAND_FAILED with its completion code, TIMEOUT', async () => {
    const power = (id: string) => api.gql(keys.viewer, `{ bmc(id: "${id}") { power { state } } }`);
    expect(codeOf(await power(fleet.offline))).toBe('BMC_UNREACHABLE');
    expect(codeOf(await power(fleet.badPassword))).toBe('BMC_AUTH_FAILED');
    failBmc(api, '10.0.0.2', new DomainError('BMC_COMMAND_FAILED', 'Get Chassis Status: Invalid command (completion code 0xc1)', { completionCode: 0xc1 }));
    const failed = await power(fleet.ok2);
    expect(failed.body.errors?.[0]?.extensions).toEqual({ code: 'BMC_COMMAND_FAILED', completionCode: 0xc1 });
    failBmc(api, '10.0.0.2', new DomainError('TIMEOUT', 'no response'));
    expect(codeOf(await power(fleet.ok2))).toBe('TIMEOUT');
    failBmc(api, '10.0.0.2', null);
  });

  it('INTERNAL, masked, when the audit log fails; the change does not happen', async () => {
    const before = api.core.auditLog.events.length;
    const append = api.core.auditLog.append.bind(api.core.auditLog);
    api.core.auditLog.append = async () => {
      throw new Error('disk on fire at /var/secret/path');
    };
    try {
      const r = await api.gql(api.admin.a, 'mutation { registerBmc(input: { name: "never", address: "10.0.0.9", credentials: { username: "u", password: "p" } }) { bmc { id } } }');
      expect(codeOf(r)).toBe('INTERNAL');
      expect(r.body.errors?.[0]?.message).toBe('internal error');
      expect(JSON.stringify(r.body)).not.toContain('disk on fire');
    } finally {
      api.core.auditLog.append = append;
    }
    const list = await api.gql(api.admin.a, '{ bmcs(first: 100, filter: { nameContains: "never" }) { nodes { id } } }');
    expect(list.body.data?.['bmcs']).toEqual({ nodes: [] });
    expect(api.core.auditLog.events.length).toBe(before);
  });
});

describe('bad input is refused clearly and changes nothing', () => {
  it('malformed ids, invalid enums, page sizes, cursors, dates and types', async () => {
    const before = await api.gql(api.admin.a, '{ bmcs(first: 100) { nodes { id name port } } }');
    const eventsBefore = api.core.auditLog.events.filter((e) => e.outcome === 'succeeded').length;
    const cases: [string, Record<string, unknown>?][] = [
      ['{ bmc(id: "../../etc/passwd") { id } }'],
      [`mutation { powerAction(input: { bmcId: "${fleet.ok1}", action: EXPLODE }) { power } }`],
      ['{ bmcs(first: 1000) { nodes { id } } }'],
      ['{ bmcs(first: 0) { nodes { id } } }'],
      ['{ bmcs(after: "not-a-cursor!") { nodes { id } } }'],
      ['{ bmcs(after: "eyJub3QiOiJvdXJzIn0") { nodes { id } } }'],
      ['mutation { createApiKey(input: { name: "k", role: VIEWER, expiresAt: "tomorrow" }) { key } }'],
      ['mutation { createApiKey(input: { name: "k", role: VIEWER, expiresAt: "2000-01-01T00:00:00Z" }) { key } }'],
      ['mutation($i: UpdateBmcInput!) { updateBmc(input: $i) { bmc { id } } }', { i: { id: fleet.ok1, port: 'six' } }],
      ['mutation($i: UpdateBmcInput!) { updateBmc(input: $i) { bmc { id } } }', { i: { id: fleet.ok1, port: 70000 } }],
      ['mutation($i: UpdateBmcInput!) { updateBmc(input: $i) { bmc { id } } }', { i: { id: fleet.ok1, address: 'not an address!' } }],
      ['mutation($i: UpdateBmcInput!) { updateBmc(input: $i) { bmc { id } } }', { i: { id: fleet.ok1, cipherSuite: 42 } }],
      [`mutation { solCapture(input: { bmcId: "${fleet.ok1}", seconds: 600 }) { job { id } } }`],
      [`mutation { identify(input: { bmcId: "${fleet.ok1}", seconds: 5, off: true }) { bmc { id } } }`],
      [`{ bmc(id: "${fleet.ok1}") { fru(fruId: 255) { board { serial } } } }`],
      ['{ fleetPowerStatus(target: {}) { summary { total } } }'],
      ['{ nosuchfield }'],
      ['{ me { '],
    ];
    for (const [query, variables] of cases) {
      const r = await api.gql(api.admin.a, query, variables);
      expect(codeOf(r), query).toBe('BAD_USER_INPUT');
      expect(r.body.errors?.[0]?.message.length, query).toBeGreaterThan(5);
    }
    expect((await api.gql(api.admin.a, '{ bmcs(first: 100) { nodes { id name port } } }')).body).toEqual(before.body);
    expect(api.core.auditLog.events.filter((e) => e.outcome === 'succeeded').length).toBe(eventsBefore);
  });

  it('does not echo a mistyped password back', async () => {
    const r = await api.gql(api.admin.a, 'mutation($i: RegisterBmcInput!) { registerBmc(input: $i) { bmc { id } } }', {
      i: { name: 'x', address: '10.0.0.1', credentials: { username: 'admin', password: 987654321 } },
    });
    expect(r.status).toBe(400);
    expect(codeOf(r)).toBe('BAD_USER_INPUT');
    expect(r.body.errors?.[0]?.message).toContain('i.credentials.password');
    expect(JSON.stringify(r.body)).not.toContain('987654321');
  });

  it('refuses costly and oversized documents before running them', async () => {
    const gatewayCalls = api.core.gateway.calls.length;
    const costly = `{ bmcs(first: 100) { nodes { sensors { name } sel(first: 100) { nodes { id } } } } }`;
    const c = await api.gql(api.admin.a, costly);
    expect(c.status).toBe(400);
    expect(codeOf(c)).toBe('BAD_USER_INPUT');
    expect(c.body.errors?.[0]?.message).toMatch(/cost/i);
    // The page size often comes in a variable: the limit sees it.
    const viaVariable = await api.gql(api.admin.a, 'query($n: Int) { bmcs(first: $n) { nodes { sensors { name } fru { board { serial } } } } }', { n: 100 });
    expect(codeOf(viaVariable)).toBe('BAD_USER_INPUT');
    const aliases = '{ ' + Array.from({ length: 3000 }, (_, i) => `a${i}: me { role }`).join(' ') + ' }';
    expect(codeOf(await api.gql(api.admin.a, aliases))).toBe('BAD_USER_INPUT');
    expect(api.core.gateway.calls.length).toBe(gatewayCalls);
    // A normal page with live reads is fine.
    expect(codeOf(await api.gql(api.admin.a, '{ bmcs(first: 10) { nodes { power { state } } } }'))).not.toBe('BAD_USER_INPUT');
  });

  it('counts introspection and caps actions: aliased __schema and aliased power actions are refused before running', async () => {
    // Hundreds of aliased introspections through a fragment once turned 16 KB into 33 MB of answer.
    const bomb = `{ ${Array.from({ length: 690 }, (_, i) => `s${i}: __schema { ...T }`).join(' ')} } fragment T on __Schema { types { name fields { name } } }`;
    const refused = await api.gql(api.admin.a, bomb);
    expect(codeOf(refused)).toBe('BAD_USER_INPUT');
    expect(refused.body.errors?.[0]?.message).toMatch(/cost/i);
    // One full introspection query, as GraphiQL sends it, still works.
    const full = await api.gql(api.admin.a, getIntrospectionQuery());
    expect(full.status).toBe(200);
    expect((full.body.data as { __schema: { types: unknown[] } }).__schema.types.length).toBeGreaterThan(50);

    const bmcId = (await api.gql(api.admin.a, '{ bmcs(first: 1) { nodes { id } } }')).body.data as { bmcs: { nodes: { id: string }[] } };
    const id = bmcId.bmcs.nodes[0]!.id;
    const calls = api.core.gateway.calls.length;
    const many = `mutation { ${Array.from({ length: 60 }, (_, i) => `p${i}: powerAction(input: { bmcId: "${id}", action: ON }) { power }`).join(' ')} }`;
    const capped = await api.gql(api.admin.a, many);
    expect(codeOf(capped)).toBe('BAD_USER_INPUT');
    expect(capped.body.errors?.[0]?.message).toMatch(/actions in one request exceed the limit of 5/);
    expect(api.core.gateway.calls.length).toBe(calls);
  });

  it('keeps no persisted-query cache that one tenant could probe for another tenant\'s queries', async () => {
    const query = '{ me { tenantId } }';
    const sha256Hash = createHash('sha256').update(query).digest('hex');
    const extensions = { persistedQuery: { version: 1, sha256Hash } };
    // Tenant A sends the full query with its hash, as an APQ client registers it ...
    const registered = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': api.admin.a },
      body: JSON.stringify({ query, extensions }),
    });
    expect(registered.status).toBe(200);
    // ... and tenant B, asking by hash alone, learns nothing: the same refusal as for any hash.
    const probe = async (hash: string) => {
      const r = await fetch(`${api.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': api.admin.b },
        body: JSON.stringify({ extensions: { persistedQuery: { version: 1, sha256Hash: hash } } }),
      });
      return [r.status, ((await r.json()) as { errors: { extensions: { code: string } }[] }).errors[0]?.extensions.code];
    };
    expect(await probe(sha256Hash)).toEqual(await probe('0'.repeat(64)));
    expect((await probe(sha256Hash))[1]).toBe('BAD_USER_INPUT');
  });

  it('refuses a body over 64 KiB with 413', async () => {
    const r = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': api.admin.a },
      body: JSON.stringify({ query: '{ me { role } }', pad: 'x'.repeat(70_000) }),
    });
    expect(r.status).toBe(413);
  });
});

describe('audit', () => {
  it('lists newest first with filters, pages, and verifies the chains', async () => {
    const denied = await api.gql(keys.auditor, '{ auditEvents(first: 5, filter: { outcome: DENIED }) { nodes { outcome action actor role time } pageInfo { hasNextPage endCursor } } }');
    const page = denied.body.data?.['auditEvents'] as { nodes: { outcome: string; time: string }[]; pageInfo: { hasNextPage: boolean; endCursor: string } };
    expect(page.nodes.length).toBeGreaterThan(0);
    expect(page.nodes.every((n) => n.outcome === 'DENIED')).toBe(true);
    const times = page.nodes.map((n) => n.time);
    expect([...times].sort().reverse()).toEqual(times);
    const v = await api.gql(keys.auditor, '{ verifyAuditChain { ok checkedEvents checkedChains problems { chain kind } } }');
    expect(v.body.data?.['verifyAuditChain']).toMatchObject({ ok: true, problems: [] });
  });

  it('detects a tampered event', async () => {
    const events = api.core.auditLog.events;
    const victim = events.findIndex((e) => e.tenantId === 'tenant-a' && e.chain !== 'tenant');
    const original = events[victim];
    if (!original) throw new Error('no event to tamper with');
    events[victim] = { ...original, outcome: original.outcome === 'succeeded' ? 'failed' : 'succeeded' };
    try {
      const v = await api.gql(keys.auditor, '{ verifyAuditChain { ok problems { chain kind seq eventId } } }');
      const result = v.body.data?.['verifyAuditChain'] as { ok: boolean; problems: { kind: string; eventId: string }[] };
      expect(result.ok).toBe(false);
      expect(result.problems).toContainEqual(expect.objectContaining({ kind: 'HASH_MISMATCH', eventId: original.id }));
    } finally {
      events[victim] = original;
    }
  });
});

describe('schema', () => {
  it('has no password or secret field on any output type, and describes every type and field', async () => {
    const r = await api.gql(keys.viewer, '{ __schema { types { name kind description fields { name description } inputFields { name description } } } }');
    const types = (r.body.data?.['__schema'] as { types: { name: string; kind: string; description: string | null; fields: { name: string; description: string | null }[] | null; inputFields: { name: string; description: string | null }[] | null }[] }).types.filter((t) => !t.name.startsWith('__') && !['String', 'Int', 'Float', 'Boolean', 'ID'].includes(t.name));
    // An empty or partial answer must not pass the loop below vacuously.
    expect(types.map((t) => t.name)).toEqual(expect.arrayContaining(['Query', 'Mutation', 'Bmc', 'AuditEvent']));
    for (const t of types) {
      expect(t.description, t.name).toBeTruthy();
      for (const f of [...(t.fields ?? []), ...(t.inputFields ?? [])]) expect(f.description, `${t.name}.${f.name}`).toBeTruthy();
      // Output fields only: a mutation that sets a password (setBmcUserPassword) answers without it.
      for (const f of t.name === 'Mutation' ? [] : (t.fields ?? [])) expect(f.name, `${t.name}.${f.name}`).not.toMatch(/password|secret|^kg$/i);
    }
  });

  it('serves the GraphiQL page to browsers at GET /graphql, with no inline script allowed', async () => {
    const r = await fetch(`${api.url}/graphql`, { headers: { accept: 'text/html' } });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toContain('text/html');
    const csp = r.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(/script-src ([^;]*)/.exec(csp)?.[1]).toBe("'self'");
    // This server was given no built console: the page says how to build GraphiQL.
    expect(await r.text()).toContain('npm run build:console');
  });
});
