/**
 * Freshness and read audit through the GraphQL API: maxAge and readAt on live reads, the tenant
 * settings mutation (admins only, audited) and the access log for auditors.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiHarness, type ApiHarness } from './api-harness.ts';
import { buildFleet, type Fleet } from './api-fixtures.ts';

let api: ApiHarness;
let fleet: Fleet;
let keys: { viewer: string; operator: string; auditor: string };

beforeAll(async () => {
  api = await startApiHarness();
  fleet = await buildFleet(api);
  keys = { viewer: await api.key('a', 'viewer'), operator: await api.key('a', 'operator'), auditor: await api.key('a', 'auditor') };
});
afterAll(async () => api.close());

const codeOf = (r: { body: { errors?: { extensions?: Record<string, unknown> }[] } }) => r.body.errors?.[0]?.extensions?.['code'];

describe('freshness of live reads', () => {
  it('answers power, chassis status and sensors with readAt, from the cache within maxAge', async () => {
    const query = `{ bmc(id: "${fleet.ok1}") { power(maxAge: 60) { state readAt } chassisStatus(maxAge: 60) { power readAt } sensors(maxAge: 60) { name readAt } } }`;
    const first = await api.gql(keys.viewer, query);
    const again = await api.gql(keys.viewer, query);
    const bmc = first.body.data?.['bmc'] as { power: { readAt: string }; chassisStatus: { readAt: string }; sensors: { readAt: string }[] };
    expect(Date.parse(bmc.power.readAt)).not.toBeNaN();
    expect(bmc.sensors.every((s) => s.readAt === bmc.sensors[0]?.readAt)).toBe(true);
    expect(again.body.data).toEqual(first.body.data);
    const fresh = await api.gql(keys.viewer, `{ bmc(id: "${fleet.ok1}") { power(maxAge: 0) { readAt } } }`);
    expect((fresh.body.data?.['bmc'] as { power: { readAt: string } }).power.readAt >= bmc.power.readAt).toBe(true);
  });

  it('refuses a maxAge outside 0-300 with BAD_USER_INPUT', async () => {
    for (const maxAge of [-1, 301]) {
      expect(codeOf(await api.gql(keys.viewer, `{ bmc(id: "${fleet.ok1}") { power(maxAge: ${maxAge}) { state } } }`))).toBe('BAD_USER_INPUT');
    }
  });
});

describe('tenant settings and the access log', () => {
  it('lets admins change the read audit, refuses others, and keeps both in the tenant chain', async () => {
    const update = 'mutation($i: UpdateTenantSettingsInput!) { updateTenantSettings(input: $i) { readAudit readAuditIntervalSeconds updatedBy } }';
    expect(codeOf(await api.gql(keys.operator, update, { i: { readAudit: 'NONE' } }))).toBe('FORBIDDEN');
    expect(codeOf(await api.gql(api.admin.a, update, { i: { readAuditIntervalSeconds: 5 } }))).toBe('BAD_USER_INPUT');
    const done = await api.gql(api.admin.a, update, { i: { readAudit: 'ALL' } });
    expect(done.body.data?.['updateTenantSettings']).toMatchObject({ readAudit: 'ALL', readAuditIntervalSeconds: 900, updatedBy: expect.stringMatching(/^apikey:/) as unknown });
    const seen = await api.gql(keys.auditor, '{ tenantSettings { readAudit } }');
    expect(seen.body.data?.['tenantSettings']).toEqual({ readAudit: 'ALL' });
    const events = await api.gql(keys.auditor, '{ auditEvents(first: 10, filter: { action: "tenant.settings.update" }) { nodes { outcome errorCode } } }');
    expect((events.body.data?.['auditEvents'] as { nodes: unknown[] }).nodes).toEqual([
      { outcome: 'SUCCEEDED', errorCode: null },
      { outcome: 'DENIED', errorCode: 'FORBIDDEN' },
    ]);
  });

  it('lists every read under ALL for auditors, and none for viewers', async () => {
    await api.gql(keys.viewer, `{ bmc(id: "${fleet.ok2}") { power(maxAge: 0) { state } } }`);
    await api.gql(keys.viewer, `{ bmc(id: "${fleet.ok2}") { power(maxAge: 60) { state } } }`);
    const log = await api.gql(keys.auditor, `{ accessLog(first: 10, filter: { bmcId: "${fleet.ok2}" }) { nodes { bmcId kind action actor role readAt time } } }`);
    const nodes = (log.body.data?.['accessLog'] as { nodes: { kind: string; action: string; role: string; readAt: string; time: string }[] }).nodes;
    expect(nodes.map((n) => [n.kind, n.action, n.role])).toEqual([
      ['READ', 'bmc.power.read', 'VIEWER'],
      ['READ', 'bmc.power.read', 'VIEWER'],
    ]);
    expect(nodes[0]?.readAt).toBe(nodes[1]?.readAt);
    expect(codeOf(await api.gql(keys.viewer, '{ accessLog(first: 1) { nodes { bmcId } } }'))).toBe('FORBIDDEN');
    const other = await api.gql(api.admin.b, '{ accessLog(first: 10) { nodes { bmcId } } }');
    expect((other.body.data?.['accessLog'] as { nodes: unknown[] }).nodes).toEqual([]);
  });
});
