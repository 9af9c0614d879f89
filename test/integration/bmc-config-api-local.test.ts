/**
 * BMC configuration through the local server of `npm start` (startLocalApi: real HTTP, the
 * simulated fleet, the embedded stores): viewer reads, admin changes audited with old and new
 * values, refusals audited, bad input changing nothing, raw commands off by default.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localConfig } from '../../lambdas/local/config.ts';
import { startLocalApi, type LocalApi } from '../../lambdas/local/main.ts';
import type { AuditEvent } from '../../lambdas/core/types.ts';

let dataDir: string;
let api: LocalApi;
let bmcId: string;
let viewer: string;

async function call(key: string, method: string, path: string, body?: unknown) {
  const res = await fetch(`${api.restUrl}${path}`, {
    method,
    headers: { 'x-api-key': key, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

async function events(action: string): Promise<AuditEvent[]> {
  const r = await call(api.adminKey, 'GET', `/audit-events?action=${encodeURIComponent(action)}&limit=50`);
  expect(r.status).toBe(200);
  return r.body['items'] as AuditEvent[];
}

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'bmcp-config-'));
  api = await startLocalApi(localConfig({ PORT: '0', DATA_DIR: dataDir, BMC_SIM_COUNT: '1', BMC_SIM_BASE_PORT: '0', BMC_SIM_SCENARIOS: 'none', LOG_LEVEL: 'error' }));
  const list = await call(api.adminKey, 'GET', '/bmcs');
  bmcId = String((list.body['items'] as { id: string }[])[0]?.id);
  const k = await call(api.adminKey, 'POST', '/api-keys', { name: 'viewer', role: 'viewer' });
  viewer = String(k.body['key']);
}, 60_000);

afterAll(async () => {
  await api?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

describe('BMC configuration over REST', () => {
  it('a viewer reads users (no passwords) and LAN; a viewer change is refused and audited', async () => {
    const users = await call(viewer, 'GET', `/bmcs/${bmcId}/users`);
    expect(users.status).toBe(200);
    expect(JSON.stringify(users.body)).not.toMatch(/password/i);
    const lan = await call(viewer, 'GET', `/bmcs/${bmcId}/lan`);
    expect(lan.status).toBe(200);
    expect(lan.body['ipAddress']).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    const refused = await call(viewer, 'PATCH', `/bmcs/${bmcId}/lan`, { vlanId: 100, confirm: true });
    expect(refused.status).toBe(403);
    expect((await events('bmc.lan.set')).some((e) => e.outcome === 'denied' && e.role === 'viewer')).toBe(true);
  });

  it('VLAN 5000 and an unconfirmed VLAN change are refused and change nothing', async () => {
    const before = await call(api.adminKey, 'GET', `/bmcs/${bmcId}/lan`);
    const bad = await call(api.adminKey, 'PATCH', `/bmcs/${bmcId}/lan`, { vlanId: 5000, confirm: true });
    expect(bad.status).toBe(400);
    expect(bad.body['error']).toMatchObject({ code: 'BAD_USER_INPUT' });
    const unconfirmed = await call(api.adminKey, 'PATCH', `/bmcs/${bmcId}/lan`, { vlanId: 100 });
    expect(unconfirmed.status).toBe(400);
    const after = await call(api.adminKey, 'GET', `/bmcs/${bmcId}/lan`);
    expect(after.body).toEqual(before.body);
  });

  it('a user name change is audited with old and new values; a password never appears', async () => {
    const changed = await call(api.adminKey, 'PATCH', `/bmcs/${bmcId}/users/3`, { name: 'ops3', privilege: 'operator', enabled: true });
    expect(changed.status).toBe(200);
    expect((changed.body['after'] as { name: string }).name).toBe('ops3');
    const pw = await call(api.adminKey, 'PUT', `/bmcs/${bmcId}/users/3/password`, { password: 'Secret-Pass-20-bytes' });
    expect(pw.status).toBe(200);
    const tooLong = await call(api.adminKey, 'PUT', `/bmcs/${bmcId}/users/3/password`, { password: 'x'.repeat(21) });
    expect(tooLong.status).toBe(400);
    const set = (await events('bmc.user.set')).find((e) => e.outcome === 'succeeded');
    expect(set?.parameters).toMatchObject({ userId: 3, before: { id: 3 }, after: { name: 'ops3', privilege: 'operator' } });
    const all = JSON.stringify(await events('bmc.user.password.set'));
    expect(all).not.toContain('Secret-Pass');
  });

  it('raw commands are refused until the tenant turns them on, then audited with their bytes', async () => {
    const off = await call(api.adminKey, 'POST', `/bmcs/${bmcId}/raw`, { netFn: 6, cmd: 1 });
    expect(off.status).toBe(403);
    expect((await call(api.adminKey, 'PATCH', '/tenant/settings', { rawCommands: true })).status).toBe(200);
    const on = await call(api.adminKey, 'POST', `/bmcs/${bmcId}/raw`, { netFn: 6, cmd: 1 });
    expect(on.status).toBe(200);
    expect(on.body['completionCode']).toBe(0);
    const ok = (await events('bmc.raw')).find((e) => e.outcome === 'succeeded');
    expect(ok?.parameters).toMatchObject({ netFn: 6, cmd: 1, request: '', completionCode: 0, response: on.body['data'] });
  });
});
