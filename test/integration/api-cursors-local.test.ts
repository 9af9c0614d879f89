/**
 * Page cursors through the local server of `npm start` (startLocalApi: dynalite, the coordination
 * table, the real REST router and Apollo server over HTTP). Every paged field refuses a cursor
 * it did not issue with 400 BAD_USER_INPUT: hand-made ones of the former unsigned shape (a real
 * tenant with an empty or numeric id, which reached DynamoDB and came back as 500 INTERNAL), and
 * real ones with their position edited. The signing key is the data folder's, so cursors
 * survive a restart.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localConfig } from '../../lambdas/local/config.ts';
import { startLocalApi, type LocalApi } from '../../lambdas/local/main.ts';

const TENANT = 'default';
let dataDir: string;
let api: LocalApi;
let jobId: string;

async function start(): Promise<LocalApi> {
  return startLocalApi(localConfig({ PORT: '0', DATA_DIR: dataDir, BMC_SIM_COUNT: '0', LOG_LEVEL: 'error' }));
}

async function rest(method: string, path: string, body?: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${api.restUrl}${path.replace(/^\/v1/, '')}`, {
    method,
    headers: { 'x-api-key': api.adminKey, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

async function gql(query: string, variables: Record<string, unknown> = {}) {
  const res = await fetch(api.graphqlUrl, { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': api.adminKey }, body: JSON.stringify({ query, variables }) });
  return { status: res.status, body: (await res.json()) as { data?: Record<string, unknown> | null; errors?: { extensions?: { code?: string } }[] } };
}

/** A cursor of the former unsigned shape: base64url JSON of tenant and position. */
const unsigned = (position: Record<string, string | number>) => Buffer.from(JSON.stringify({ t: TENANT, p: position }), 'utf8').toString('base64url');

/** A real cursor whose position is changed, its signature kept. */
function edited(cursor: string, change: (position: Record<string, unknown>) => void): string {
  const [payload = '', mac = ''] = cursor.split('.');
  const value = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { p: Record<string, unknown> };
  change(value.p);
  return `${Buffer.from(JSON.stringify(value), 'utf8').toString('base64url')}.${mac}`;
}

/** Each REST listing, the query that makes it page, and a forged cursor that names a real partition with an id DynamoDB refuses. */
const REST_LISTINGS: [name: string, path: () => string, forged: () => Record<string, string | number>][] = [
  ['bmcs', () => '/v1/bmcs?limit=1', () => ({ '@i': '', tenantId: TENANT, id: '' })],
  ['audit events', () => '/v1/audit-events?limit=1', () => ({ '@i': 'byTenantTime', chainKey: '', seq: 1, tenantId: TENANT, timeId: '' })],
  ['api keys', () => '/v1/api-keys?limit=1', () => ({ '@i': 'byTenant', id: 7, tenantId: TENANT })],
  ['access records', () => '/v1/access-records?limit=1', () => ({ '@i': 'byTenantTime', tenantBmc: '', recordKey: 5, tenantId: TENANT, timeKey: '' })],
  ['jobs', () => '/v1/jobs?limit=1', () => ({ '@i': 'byTenantCreated', pk: '', sk: 3, jobTenant: TENANT, createdKey: '' })],
  ['job tasks', () => `/v1/jobs/${jobId}/tasks?limit=1`, () => ({ '@i': '', pk: `${TENANT}#${jobId}`, sk: 3 })],
];

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'bmcp-cursors-'));
  api = await start();
  // Enough of everything for a second page: keys, audit events, a job with tasks.
  for (const name of ['k1', 'k2', 'k3']) expect((await rest('POST', '/v1/api-keys', { name, role: 'viewer' })).status).toBe(201);
  const job = await rest('POST', '/v1/fleet/jobs', { target: { ids: ['nowhere-1', 'nowhere-2', 'nowhere-3'] }, read: 'powerStatus' });
  expect(job.status).toBe(202);
  jobId = String(job.body['id']);
}, 60_000);

afterAll(async () => {
  await api?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

describe('REST cursors', () => {
  it.each(REST_LISTINGS)('%s: a hand-made cursor naming an empty or numeric id is 400 BAD_USER_INPUT, not 500', async (_name, path, forged) => {
    const r = await rest('GET', `${path()}&cursor=${unsigned(forged())}`);
    expect(r.status).toBe(400);
    expect(r.body['error']).toMatchObject({ code: 'BAD_USER_INPUT', field: 'cursor' });
  });

  it('a real cursor with its position edited is refused; unedited it pages on', async () => {
    const first = await rest('GET', '/v1/api-keys?limit=1');
    const next = String(first.body['nextCursor']);
    expect(next).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
    for (const change of [(p: Record<string, unknown>) => (p['id'] = ''), (p: Record<string, unknown>) => (p['id'] = 5)]) {
      const r = await rest('GET', `/v1/api-keys?limit=1&cursor=${edited(next, change)}`);
      expect(r.status).toBe(400);
      expect(r.body['error']).toMatchObject({ code: 'BAD_USER_INPUT' });
    }
    const second = await rest('GET', `/v1/api-keys?limit=1&cursor=${next}`);
    expect(second.status).toBe(200);
    expect((second.body['items'] as { id: string }[])[0]?.id).not.toBe((first.body['items'] as { id: string }[])[0]?.id);
  });
});

describe('GraphQL cursors', () => {
  /** Each paged field with the REST listing whose forged store cursor it is given. */
  const FIELDS: [name: string, query: string, listing: number][] = [
    ['bmcs', 'query($a: String) { bmcs(first: 1, after: $a) { nodes { id } } }', 0],
    ['auditEvents', 'query($a: String) { auditEvents(first: 1, after: $a) { nodes { id } } }', 1],
    ['apiKeys', 'query($a: String) { apiKeys(first: 1, after: $a) { nodes { id } } }', 2],
    ['accessLog', 'query($a: String) { accessLog(first: 1, after: $a) { nodes { bmcId } } }', 3],
    ['jobs', 'query($a: String) { jobs(first: 1, after: $a) { nodes { id } } }', 4],
  ];

  it.each(FIELDS)('%s: an edge cursor around a hand-made store cursor is BAD_USER_INPUT, not INTERNAL', async (_name, query, listing) => {
    const store = REST_LISTINGS[listing]?.[2]() ?? {};
    const forged = Buffer.from(JSON.stringify({ c: unsigned(store), s: 0 }), 'utf8').toString('base64url');
    const r = await gql(query, { a: forged });
    expect(r.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('job tasks: an edited edge cursor is refused, the real one pages on', async () => {
    const query = 'query($id: ID!, $a: String) { job(id: $id) { tasks(first: 1, after: $a) { nodes { bmcId } pageInfo { endCursor } } } }';
    const first = await gql(query, { id: jobId });
    const end = (first.body.data?.['job'] as { tasks: { pageInfo: { endCursor: string } } }).tasks.pageInfo.endCursor;
    const skipped = await gql(query, { id: jobId, a: edited(end, (p) => (p['s'] = 2)) });
    expect(skipped.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const next = await gql(query, { id: jobId, a: end });
    expect(next.body.errors).toBeUndefined();
    expect((next.body.data?.['job'] as { tasks: { nodes: { bmcId: string }[] } }).tasks.nodes).toEqual([{ bmcId: 'nowhere-2' }]);
  });
});

describe('the signing key', () => {
  it('is kept with the data: a cursor issued before a restart pages on after it', async () => {
    const before = await rest('GET', '/v1/api-keys?limit=1');
    await api.stop();
    api = await start();
    const after = await rest('GET', `/v1/api-keys?limit=1&cursor=${String(before.body['nextCursor'])}`);
    expect(after.status).toBe(200);
  }, 60_000);
});
