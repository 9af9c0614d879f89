/**
 * `bmc-admin` as an operator runs it, against a real `npm start` (a child process, embedded
 * DynamoDB, simulated fleet): it finds the server through DATA_DIR, creates two tenants with
 * disjoint ranges, and their keys are refused the moment a tenant is suspended or deleted. A
 * tenant key at the operator endpoint is refused and recorded; an endpoint is one tenant's in
 * every spelling; an address outside the ranges and a registration over quota change nothing.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gql, startApi, type StartedApi } from './start-support.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const run = promisify(execFile);

let dataDir: string;
let api: StartedApi;
let base: string;

async function admin(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['bin/bmc-admin.mjs', ...args], { cwd: ROOT, env: { ...process.env, DATA_DIR: dataDir } });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const x = e as { code: number; stdout: string; stderr: string };
    return { code: x.code, stdout: x.stdout, stderr: x.stderr };
  }
}

async function created(name: string, ranges: string): Promise<string> {
  const res = await admin('tenant', 'create', name, '--ranges', ranges);
  expect(res.code, res.stderr).toBe(0);
  const lines = res.stdout.trim().split('\n');
  expect(lines[0]).toBe(`tenant: ${name}`);
  const key = /^admin API key: (\S+)$/.exec(lines[lines.length - 1] ?? '')?.[1];
  expect(key).toMatch(/^bmcp_/);
  return key as string;
}

const ME = '{ me { tenantId role } }';
const REGISTER = 'mutation($i: RegisterBmcInput!) { registerBmc(input: $i) { bmc { id address port } } }';
const register = (key: string, address: string, port = 623) => gql(`${base}/graphql`, key, REGISTER, { i: { name: `bmc-${address}-${port}`, address, port, credentials: { username: 'admin', password: 'pw' } } });
const codeOf = (r: Awaited<ReturnType<typeof gql>>) => r.body.errors?.[0]?.extensions?.['code'];

let redKey: string;
let blueKey: string;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'bmcp-admin-'));
  api = await startApi({ DATA_DIR: dataDir, BMC_SIM_COUNT: '2' });
  base = api.graphqlUrl.replace(/\/graphql$/, '');
  redKey = await created('red', '127.0.1.0/24');
  blueKey = await created('blue', '127.0.2.0/24');
}, 120_000);

afterAll(async () => {
  await api?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

describe('bmc-admin against npm start', () => {
  it('finds the server through a private file in DATA_DIR', async () => {
    expect((await stat(join(dataDir, 'operator.json'))).mode & 0o777).toBe(0o600);
    expect(await readFile(join(dataDir, 'operator.json'), 'utf8')).not.toContain(redKey);
  });

  it('issues keys that work for their own tenant, and the default key still works', async () => {
    expect((await gql(`${base}/graphql`, redKey, ME)).body.data?.['me']).toEqual({ tenantId: 'red', role: 'ADMIN' });
    expect((await gql(`${base}/graphql`, blueKey, ME)).body.data?.['me']).toEqual({ tenantId: 'blue', role: 'ADMIN' });
    expect((await gql(`${base}/graphql`, api.adminKey, ME)).body.data?.['me']).toEqual({ tenantId: 'default', role: 'ADMIN' });
    const list = await admin('tenant', 'list');
    expect(list.stdout).toMatch(/^blue\tactive\t127\.0\.2\.0\/24\t/m);
    expect(list.stdout).toMatch(/^red\tactive\t127\.0\.1\.0\/24\t/m);
    expect(list.stdout).toMatch(/^default\tactive\t127\.0\.0\.0\/8\t/m);
  });

  it('refuses bad names and a taken name with one line and exit 1', async () => {
    for (const bad of ['Red', 'red team', 'red/x', 'rеd']) {
      const res = await admin('tenant', 'create', bad, '--ranges', '127.0.9.0/24');
      expect(res.code, bad).toBe(1);
      expect(res.stderr).toMatch(/^bmc-admin: BAD_USER_INPUT: name: /);
    }
    expect((await admin('tenant', 'create', 'red', '--ranges', '127.0.9.0/24')).stderr).toMatch(/CONFLICT/);
  });

  it('refuses a tenant key at the operator endpoint, and records it in that tenant', async () => {
    const res = await fetch(`${base}/operator/tenants`, { headers: { 'x-api-key': redKey } });
    expect(res.status).toBe(403);
    const noCreds = await fetch(`${base}/operator/tenants`);
    expect(noCreds.status).toBe(401);
    const events = await gql(`${base}/graphql`, redKey, '{ auditEvents(filter: { action: "operator.tenant.list" }) { nodes { outcome errorCode target } } }');
    expect(events.body.data?.['auditEvents']).toEqual({ nodes: [{ outcome: 'DENIED', errorCode: 'FORBIDDEN', target: 'api:operator' }] });
    expect((await admin('audit')).stdout).toMatch(/apikey:\S+\toperator\.tenant\.list\tapi:operator\tdenied/);
  });

  it('keeps an address inside the tenant ranges and an endpoint to one tenant, in every spelling', async () => {
    expect(codeOf(await register(redKey, '127.0.2.9'))).toBe('FORBIDDEN');
    const first = await register(redKey, '127.0.1.5');
    expect(first.body.errors).toBeUndefined();
    expect(await admin('tenant', 'ranges', 'blue', '127.0.1.0/24,127.0.2.0/24')).toMatchObject({ code: 0 });
    for (const spelling of ['127.0.1.5', '2130706693', '0x7f000105', '0177.0.1.5', '127.0.261', '::ffff:127.0.1.5', '::ffff:7f00:105']) {
      expect(codeOf(await register(blueKey, spelling)), spelling).toBe('CONFLICT');
    }
    const mine = await gql(`${base}/graphql`, blueKey, '{ bmcs { nodes { id } } }');
    expect(mine.body.data?.['bmcs']).toEqual({ nodes: [] });
    expect(codeOf(await register(blueKey, '127.0.1.5', 624))).toBeUndefined();
  });

  it('answers 429 over the BMC quota and changes nothing', async () => {
    expect((await admin('tenant', 'quotas', 'red', '--max-bmcs', '1')).stdout).toMatch(/maxBmcs=1 /);
    const over = await register(redKey, '127.0.1.6');
    expect(codeOf(over)).toBe('RATE_LIMITED');
    const rest = await fetch(`${base}/v1/bmcs`, { method: 'POST', headers: { 'x-api-key': redKey, 'content-type': 'application/json' }, body: JSON.stringify({ name: 'r', address: '127.0.1.7', credentials: { username: 'a', password: 'b' } }) });
    expect(rest.status).toBe(429);
    expect(Number(rest.headers.get('retry-after'))).toBeGreaterThan(0);
    const mine = await gql(`${base}/graphql`, redKey, '{ bmcs { nodes { address } } }');
    expect(mine.body.data?.['bmcs']).toEqual({ nodes: [{ address: '127.0.1.5' }] });
  });

  it('suspends a tenant: its key stops at once; resumes; deletes: keys and BMCs gone, audit kept', async () => {
    const suspended = await admin('tenant', 'suspend', 'blue');
    expect(suspended.stdout).toBe('tenant: blue\nstatus: suspended\n');
    expect((await gql(`${base}/graphql`, blueKey, ME)).status).toBe(401);
    expect((await gql(`${base}/graphql`, redKey, ME)).body.data?.['me']).toEqual({ tenantId: 'red', role: 'ADMIN' });
    await admin('tenant', 'resume', 'blue');
    expect((await gql(`${base}/graphql`, blueKey, ME)).body.data?.['me']).toEqual({ tenantId: 'blue', role: 'ADMIN' });

    const exported = await admin('tenant', 'export', 'blue');
    const types = exported.stdout.trim().split('\n').map((l) => (JSON.parse(l) as { type: string }).type);
    expect(types[0]).toBe('tenant');
    expect(types).toContain('bmc');
    expect(types).toContain('apiKey');
    expect(types).toContain('auditEvent');
    expect(exported.stdout).not.toMatch(/"hash":"[0-9a-f]{64}","createdAt"|"password"/);

    const deleted = await admin('tenant', 'delete', 'blue');
    expect(deleted.stdout).toMatch(/^removed: 1 API keys, 1 BMCs with their secrets/m);
    expect(deleted.stdout).toMatch(/^audit log kept until: \d{4}-/m);
    expect((await gql(`${base}/graphql`, blueKey, ME)).status).toBe(401);
    expect((await admin('tenant', 'show', 'blue')).stdout).toMatch(/^blue\tdeleted\t/);
    // The audit log stays: the export still carries it.
    expect((await admin('tenant', 'export', 'blue')).stdout).toMatch(/"type":"auditEvent".*"action":"operator\.tenant\.delete"/);
  });
});
