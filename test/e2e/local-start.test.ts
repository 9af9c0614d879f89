/**
 * End to end: `npm start` as a child process (embedded DynamoDB, encrypted credential file,
 * simulated BMCs speaking RMCP+ on loopback, the IPMI gateway), driven over HTTP with GraphQL
 * and REST, stopped and started again on the same data folder.
 */
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gql, silentUdpPort, startApi, type StartedApi } from './start-support.ts';

let dataDir: string;
let api: StartedApi;
let viewerKey: string;
let offlineId: string;
const FLEET = 3;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'bmcp-e2e-'));
  api = await startApi({ DATA_DIR: dataDir, BMC_SIM_COUNT: String(FLEET) });
}, 90_000);

afterAll(async () => {
  await api?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

type Node = { id: string; name: string; port: number; tags: string[] };

describe('npm start', () => {
  it('prints the promised lines and listens on 127.0.0.1', () => {
    expect(api.graphqlUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/graphql$/);
    expect(api.restUrl).toBe(api.graphqlUrl.replace(/\/graphql$/, '/v1'));
    expect(api.adminKey).toMatch(/^bmcp_/);
  });

  it('shows a newcomer only its own lines: no AWS SDK Node-version warning on stderr', () => {
    expect(api.stderr()).not.toMatch(/NodeVersionSupportWarning/);
  });

  it('has the simulated fleet registered in the default tenant', async () => {
    const r = await gql(api.graphqlUrl, api.adminKey, '{ me { tenantId role } bmcs(first: 50) { nodes { id name port tags } } }');
    expect(r.body.data?.['me']).toEqual({ tenantId: 'default', role: 'ADMIN' });
    const nodes = (r.body.data?.['bmcs'] as { nodes: Node[] }).nodes;
    expect(nodes.map((n) => n.name).sort()).toEqual(['sim-01', 'sim-02', 'sim-03']);
    expect(nodes.every((n) => n.tags.includes('simulated'))).toBe(true);
  });

  it('reads a simulated BMC over RMCP+: power, device, sensors, SEL, FRU, boot device', async () => {
    const list = await gql(api.graphqlUrl, api.adminKey, '{ bmcs(filter: { nameContains: "sim-01" }) { nodes { id } } }');
    const id = (list.body.data?.['bmcs'] as { nodes: { id: string }[] }).nodes[0]?.id;
    const r = await gql(
      api.graphqlUrl,
      api.adminKey,
      `{ bmc(id: "${id}") { power { state } deviceInfo { ipmiVersion firmwareVersion }
         sensors { name reading unit status thresholds { ucr } } sel(first: 5) { nodes { id event } pageInfo { hasNextPage } }
         fru { board { manufacturer serial } product { name } } bootDevice { device } chassisStatus { power } } }`,
    );
    expect(r.body.errors).toBeUndefined();
    const bmc = r.body.data?.['bmc'] as Record<string, { [k: string]: unknown }>;
    expect(bmc['power']).toEqual({ state: 'ON' });
    expect(bmc['deviceInfo']?.['ipmiVersion']).toBe('2.0');
    const sensors = bmc['sensors'] as unknown as { name: string; reading: number | null; unit: string | null; status: string }[];
    expect(sensors.length).toBeGreaterThan(3);
    expect(sensors.find((s) => s.unit === 'degrees C')?.reading).toEqual(expect.any(Number));
    expect(bmc['fru']?.['board']).toEqual(expect.objectContaining({ manufacturer: expect.any(String) }));
  });

  it('acts on a BMC and reports the confirmed state; REST sees the same', async () => {
    const list = await gql(api.graphqlUrl, api.adminKey, '{ bmcs(filter: { nameContains: "sim-02" }) { nodes { id } } }');
    const id = (list.body.data?.['bmcs'] as { nodes: { id: string }[] }).nodes[0]?.id ?? '';
    const off = await gql(api.graphqlUrl, api.adminKey, `mutation { powerAction(input: { bmcId: "${id}", action: OFF }) { power confirmed } }`);
    expect(off.body.data?.['powerAction']).toEqual({ power: 'OFF', confirmed: true });
    const rest = await fetch(`${api.restUrl}/bmcs/${id}/power`, { headers: { 'x-api-key': api.adminKey } });
    expect(await rest.json()).toEqual({ power: 'off', readAt: expect.any(String) as unknown });
    const boot = await fetch(`${api.restUrl}/bmcs/${id}/boot-device`, {
      method: 'PUT',
      headers: { 'x-api-key': api.adminKey, 'content-type': 'application/json' },
      body: JSON.stringify({ device: 'pxe' }),
    });
    expect(await boot.json()).toEqual({ device: 'pxe', persistent: false, efi: false });
    const read = await gql(api.graphqlUrl, api.adminKey, `{ bmc(id: "${id}") { bootDevice { device } } }`);
    expect(read.body.data?.['bmc']).toEqual({ bootDevice: { device: 'PXE' } });
  });

  it('answers a fleet request with one result per BMC when one does not answer', async () => {
    const port = await silentUdpPort();
    const reg = await gql(api.graphqlUrl, api.adminKey, `mutation { registerBmc(input: { name: "offline", address: "127.0.0.1", port: ${port}, tags: ["simulated"], credentials: { username: "admin", password: "whatever" } }) { bmc { id } } }`);
    offlineId = (reg.body.data?.['registerBmc'] as { bmc: { id: string } }).bmc.id;
    const r = await gql(api.graphqlUrl, api.adminKey, '{ fleetPowerStatus(target: { tags: ["simulated"] }) { results { bmc { name } outcome { __typename ... on BmcError { code } } } summary { total succeeded failed } } }');
    expect(r.status).toBe(200);
    const p = r.body.data?.['fleetPowerStatus'] as { results: { bmc: { name: string }; outcome: { __typename: string; code?: string } }[]; summary: unknown };
    expect(p.summary).toEqual({ total: FLEET + 1, succeeded: FLEET, failed: 1 });
    expect(p.results.find((x) => x.bmc.name === 'offline')?.outcome).toEqual({ __typename: 'BmcError', code: 'BMC_UNREACHABLE' });
  });

  it('creates a viewer key that can read but not act', async () => {
    const r = await gql(api.graphqlUrl, api.adminKey, 'mutation { createApiKey(input: { name: "e2e viewer", role: VIEWER }) { key } }');
    viewerKey = (r.body.data?.['createApiKey'] as { key: string }).key;
    expect((await gql(api.graphqlUrl, viewerKey, '{ me { role } }')).body.data).toEqual({ me: { role: 'VIEWER' } });
    const denied = await gql(api.graphqlUrl, viewerKey, `mutation { removeBmc(id: "${offlineId}") { removedBmcId } }`);
    expect(denied.body.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
  });

  it('serves GraphiQL at GET /graphql and the console at /, both from its own files', async () => {
    const page = await fetch(api.graphqlUrl, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('GraphiQL');
    const script = /<script defer src="(assets\/graphiql-[\w-]+\.js)"><\/script>/.exec(html)?.[1];
    expect(script).toBeDefined();
    const bundle = await fetch(new URL(script ?? '', api.graphqlUrl));
    expect(bundle.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect((await fetch(api.graphqlUrl.replace(/graphql$/, ''))).headers.get('content-security-policy')).toMatch(/script-src 'self';/);
  });

  it('keeps its data private and survives a restart', async () => {
    expect((await stat(join(dataDir, 'admin-api-key'))).mode & 0o077).toBe(0);
    expect(await api.stop()).toBe(0);
    api = await startApi({ DATA_DIR: dataDir, BMC_SIM_COUNT: String(FLEET) });
    const again = await gql(api.graphqlUrl, api.adminKey, '{ bmcs(first: 50) { nodes { name } } verifyAuditChain { ok checkedEvents } }');
    expect((again.body.data?.['bmcs'] as { nodes: { name: string }[] }).nodes.map((n) => n.name).sort()).toEqual(['offline', 'sim-01', 'sim-02', 'sim-03']);
    expect(again.body.data?.['verifyAuditChain']).toMatchObject({ ok: true });
    expect((await gql(api.graphqlUrl, viewerKey, '{ me { role } }')).body.data).toEqual({ me: { role: 'VIEWER' } });
    // The simulators came back on new ports; the registrations followed them.
    const power = await gql(api.graphqlUrl, viewerKey, '{ fleetPowerStatus(target: { tags: ["simulated"] }) { summary { succeeded failed } } }');
    expect(power.body.data?.['fleetPowerStatus']).toEqual({ summary: { succeeded: FLEET, failed: 1 } });
  }, 90_000);
});
