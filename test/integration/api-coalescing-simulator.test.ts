/**
 * Coalesced reads against a simulated BMC over real RMCP+, through the real HTTP server, counted
 * from the BMC's side (the simulator's command journal): sessions and Get Chassis Status
 * commands for 50 concurrent reads, reads after an action, and two tenants that registered the
 * same BMC address.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IpmiGateway } from '../../lambdas/adapters/ipmi/gateway.ts';
import { createMemoryCore } from '../../lambdas/adapters/memory/index.ts';
import { apiKeyAuthenticator } from '../../lambdas/api/authenticate.ts';
import { createGraphQLServer } from '../../lambdas/api/graphql/server.ts';
import { createApiApp } from '../../lambdas/api/http/app.ts';
import { listen, type RunningServer } from '../../lambdas/api/http/node-server.ts';
import { silentLogger } from '../../lambdas/api/logger.ts';
import { createServices, type CoreServices } from '../../lambdas/core/index.ts';
import type { Caller } from '../../lambdas/core/types.ts';
import { startFleet, type CommandJournal, type Fleet } from '../../lambdas/simulator/index.ts';

// Get Chassis Status is NetFn 00h command 01h (IPMI v2.0 section 28.2); Set Session Privilege
// Level (App 3Bh, section 22.18) is sent once by every session that opens.
const chassisStatus = (j: CommandJournal) => j.of(0x00, 0x01).length;
const sessionsOpened = (j: CommandJournal) => j.of(0x06, 0x3b).length;

let fleet: Fleet;
let gateway: IpmiGateway;
let services: CoreServices;
let server: RunningServer;
let graphql: ReturnType<typeof createGraphQLServer>;
let url: string;
const keys = { a: { viewer: '', operator: '', admin: '' }, b: { viewer: '' } };
const ids = { a: '', b: '' };

const admin = (tenantId: string): Caller => ({ principal: { tenantId, role: 'admin', actor: 'test' }, requestId: 'setup', source: 'test' });

beforeAll(async () => {
  fleet = await startFleet({ count: 1, password: 'coalesce-pw', seed: 18, timing: { powerOnMs: 30, powerOffMs: 20 } });
  gateway = new IpmiGateway({ minActionIntervalMs: 0, timeoutMs: 1000, retries: 2, powerVerifyDelaysMs: [50, 100, 200, 400, 800] });
  services = createServices({ ...createMemoryCore(), gateway });
  graphql = createGraphQLServer(silentLogger);
  await graphql.start();
  server = await listen(createApiApp({ services, graphql, authenticate: apiKeyAuthenticator(services), logger: silentLogger }), '127.0.0.1', 0);
  url = `http://127.0.0.1:${server.port}`;
  const { host, port } = fleet.bmc(0);
  // The same BMC address registered by two tenants.
  for (const t of ['a', 'b'] as const) {
    ids[t] = (await services.bmcs.register(admin(`tenant-${t}`), { name: 'node-1', address: host, port, credentials: { username: 'admin', password: 'coalesce-pw' } })).id;
  }
  const key = async (tenantId: string, role: 'viewer' | 'operator' | 'admin') =>
    (await services.apiKeys.create(admin(tenantId), { name: role, role })).key;
  keys.a = { viewer: await key('tenant-a', 'viewer'), operator: await key('tenant-a', 'operator'), admin: await key('tenant-a', 'admin') };
  keys.b = { viewer: await key('tenant-b', 'viewer') };
}, 60_000);

afterAll(async () => {
  await server?.close();
  await graphql?.stop();
  await gateway?.close();
  await fleet?.stop();
});

async function gql(key: string, query: string): Promise<{ data?: Record<string, unknown> | null; errors?: { extensions?: { code?: string } }[] }> {
  const res = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': key }, body: JSON.stringify({ query }) });
  return (await res.json()) as { data?: Record<string, unknown> | null };
}

async function power(key: string, id: string, maxAge?: number): Promise<{ state: string; readAt: string }> {
  const args = maxAge === undefined ? '' : `(maxAge: ${maxAge})`;
  const body = await gql(key, `{ bmc(id: "${id}") { power${args} { state readAt } } }`);
  const p = (body.data?.['bmc'] as { power?: { state: string; readAt: string } } | undefined)?.power;
  if (!p) throw new Error(`no power state: ${JSON.stringify(body)}`);
  return p;
}

async function powerAction(action: 'ON' | 'OFF'): Promise<{ power: string; confirmed: boolean }> {
  const body = await gql(keys.a.operator, `mutation { powerAction(input: { bmcId: "${ids.a}", action: ${action} }) { power confirmed } }`);
  return body.data?.['powerAction'] as { power: string; confirmed: boolean };
}

describe('coalesced reads, counted by the BMC', () => {
  it('50 concurrent reads of one BMC over HTTP: at most 2 sessions and 2 Get Chassis Status', async () => {
    await powerAction('ON'); // clears anything cached about the BMC
    const journal = fleet.bmc(0).recordCommands();
    const answers = await Promise.all(Array.from({ length: 50 }, () => power(keys.a.viewer, ids.a)));
    expect(answers.every((a) => a.state === 'ON')).toBe(true);
    expect(chassisStatus(journal)).toBeGreaterThanOrEqual(1);
    expect(chassisStatus(journal)).toBeLessThanOrEqual(2);
    expect(sessionsOpened(journal)).toBeLessThanOrEqual(2);
    expect(journal.peakActiveSessions).toBeLessThanOrEqual(2);
  });

  it('50 concurrent fresh reads (maxAge 0) share the round trip in flight', async () => {
    const journal = fleet.bmc(0).recordCommands();
    const viewer: Caller = { principal: { tenantId: 'tenant-a', role: 'viewer', actor: 'apikey:poller' }, requestId: 'fresh', source: 'test' };
    const answers = await Promise.all(Array.from({ length: 50 }, () => services.actions.readPower(viewer, ids.a, { maxAge: 0 })));
    expect(new Set(answers.map((a) => a.value))).toEqual(new Set(['on']));
    expect(chassisStatus(journal)).toBeLessThanOrEqual(2);
    expect(journal.peakActiveSessions).toBeLessThanOrEqual(2);
  });

  it('never answers a read that starts after an action with the state from before it', async () => {
    await powerAction('ON');
    expect((await power(keys.a.viewer, ids.a, 300)).state).toBe('ON');

    // Pollers that accept a 5-minute-old answer keep reading while the power goes off.
    const reads: { startedAt: number; state: string }[] = [];
    let polling = true;
    const pollers = Array.from({ length: 10 }, async () => {
      while (polling) {
        const startedAt = performance.now();
        reads.push({ startedAt, state: (await power(keys.a.viewer, ids.a, 300)).state });
      }
    });
    const result = await powerAction('OFF');
    const actionDone = performance.now();
    // Let the pollers go round a few more times after the answer.
    while (reads.filter((r) => r.startedAt > actionDone).length < 20) await new Promise((r) => setTimeout(r, 5));
    polling = false;
    await Promise.all(pollers);

    expect(result).toEqual({ power: 'OFF', confirmed: true });
    const after = reads.filter((r) => r.startedAt > actionDone);
    expect(after.every((r) => r.state === 'OFF')).toBe(true);
    expect(fleet.bmc(0).power).toBe('off');
  });
});

describe('the cache and tenants', () => {
  it('never serves tenant B the answer cached for tenant A, though both registered the same BMC', async () => {
    await powerAction('ON');
    const journal = fleet.bmc(0).recordCommands();
    const a = await power(keys.a.viewer, ids.a, 300);
    const again = await power(keys.a.viewer, ids.a, 300);
    expect(again.readAt).toBe(a.readAt);
    expect(chassisStatus(journal)).toBe(1);

    const b = await power(keys.b.viewer, ids.b, 300);
    expect(b.state).toBe('ON');
    expect(chassisStatus(journal)).toBe(2);
    // Tenant B asking for tenant A's id is refused before any cache is looked at.
    const refused = await gql(keys.b.viewer, `{ bmc(id: "${ids.a}") { power(maxAge: 300) { state } } }`);
    expect(refused.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(chassisStatus(journal)).toBe(2);
  });

  it('REST takes ?maxAge= and says when; the access log holds what the tenant asked for', async () => {
    const patch = await fetch(`${url}/v1/tenant/settings`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', 'x-api-key': keys.a.admin },
      body: JSON.stringify({ readAudit: 'all' }),
    });
    expect(await patch.json()).toMatchObject({ readAudit: 'all', updatedBy: expect.stringMatching(/^apikey:/) as unknown });
    const get = async (maxAge: number) => {
      const res = await fetch(`${url}/v1/bmcs/${ids.a}/power?maxAge=${maxAge}`, { headers: { 'x-api-key': keys.a.viewer } });
      return (await res.json()) as { power: string; readAt: string };
    };
    const first = await get(0);
    const cached = await get(60);
    expect(cached.readAt).toBe(first.readAt);
    const bad = await fetch(`${url}/v1/bmcs/${ids.a}/power?maxAge=-1`, { headers: { 'x-api-key': keys.a.viewer } });
    expect(bad.status).toBe(400);

    const log = await fetch(`${url}/v1/access-records?bmcId=${ids.a}&limit=2`, { headers: { 'x-api-key': keys.a.admin } });
    const page = (await log.json()) as { items: { kind: string; readAt: string; action: string }[] };
    expect(page.items.map((r) => [r.kind, r.action, r.readAt])).toEqual([
      ['read', 'bmc.power.read', first.readAt],
      ['read', 'bmc.power.read', first.readAt],
    ]);
  });
});
