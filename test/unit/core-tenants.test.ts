/**
 * Tenant provisioning in the core, over the memory stores and the real DynamoDB job store
 * (dynalite): the operator's operations, ranges and endpoint claims at registration, quotas,
 * the suspension gate and deletion. The same flows run through `bmc-admin` against real
 * servers in test/e2e/bmc-admin-local.test.ts and test/integration/bmc-admin-handlers.test.ts.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { createMemoryCore, MemoryEndpointClaims, MemoryTenantRegistry, type MemoryCore } from '../../lambdas/adapters/memory/index.ts';
import { DomainError, OPERATOR_AUDIT_TENANT, QuotaExceededError, RefusedKeyError, validateTenantId, type Caller, type OperatorCaller, type OperatorService, TenantGate, TENANT_GATE_CACHE_MS } from '../../lambdas/core/index.ts';
import { useEmbeddedJobStore } from '../support/embedded-job-store.ts';

const op: OperatorCaller = { actor: 'local:tester', requestId: 'op-1', source: 'test' };
const jobStore = useEmbeddedJobStore('tenants-jobs');

let core: MemoryCore;
let operator: OperatorService;
let gate: TenantGate;
let registry: MemoryTenantRegistry;

function adminOf(tenantId: string): Caller {
  return { principal: { tenantId, role: 'admin', actor: `apikey:${tenantId}-admin` }, requestId: `req-${tenantId}`, source: 'test' };
}

async function refusal(p: Promise<unknown>): Promise<DomainError> {
  const e = await p.then(
    () => undefined,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(DomainError);
  return e as DomainError;
}

const creds = { username: 'admin', password: 'pw' };

beforeEach(async () => {
  registry = new MemoryTenantRegistry();
  core = createMemoryCore({ tenants: { registry, claims: new MemoryEndpointClaims(), allowLoopback: false }, jobs: { store: jobStore(), queue: { send: async () => undefined } } });
  operator = core.services.operator as OperatorService;
  gate = core.services.tenantGate as TenantGate;
  await operator.create(op, { name: 'red', ranges: ['10.1.0.0/16'] });
  await operator.create(op, { name: 'blue', ranges: ['10.2.0.0/16'] });
});

describe('tenant ids', () => {
  it('take one canonical form and refuse every other spelling with a reason', () => {
    expect(validateTenantId('red-team-2')).toBe('red-team-2');
    const bad: [string, RegExp][] = [
      ['Red', /lower case \(red\?\)/],
      ['red team', /whitespace/],
      [' red', /whitespace/],
      ['rеd', /ASCII/], // Cyrillic е
      ['ｒｅｄ', /ASCII/],
      ['red/../blue', /path/],
      ['red.blue', /path/],
      ['red#1', /separator/],
      ['r', /3-40/],
      ['-red', /3-40/],
      ['red--x', /3-40/],
      ['1red', /3-40/],
      ['a'.repeat(41), /3-40/],
      ['operator', /reserved/],
      ['xn--red', /3-40|reserved/],
    ];
    for (const [value, reason] of bad) expect(() => validateTenantId(value), value).toThrow(reason);
  });
});

describe('the operator', () => {
  it('creates a tenant with an admin key that works, and records it in both chains', async () => {
    const { tenant, adminKey } = await operator.create(op, { name: 'green', ranges: ['012.3.0.0/16'], quotas: { maxBmcs: 5 } });
    expect(tenant).toMatchObject({ id: 'green', status: 'active', ranges: ['10.3.0.0/16'], quotas: { maxBmcs: 5, maxConcurrentJobs: 10, maxFleetSize: 1000 } });
    expect(await core.services.apiKeys.authenticate(adminKey.key)).toMatchObject({ tenantId: 'green', role: 'admin' });
    const opEvents = (await core.auditLog.query(OPERATOR_AUDIT_TENANT, {}, { limit: 50 })).items.map((e) => `${e.action} ${e.target} ${e.outcome}`);
    expect(opEvents).toContain('operator.tenant.create tenant:green succeeded');
    expect(opEvents).toContain('operator.apikey.issue tenant:green succeeded');
    const own = (await core.auditLog.query('green', {}, { limit: 50 })).items.map((e) => `${e.action} ${e.actor}`);
    expect(own).toEqual(expect.arrayContaining(['operator.tenant.create local:tester', 'operator.apikey.issue local:tester', 'apikey.create system']));
  });

  it('refuses a taken id, bad names and ranges that cover everything, and records the refusals', async () => {
    expect((await refusal(operator.create(op, { name: 'red', ranges: ['10.9.0.0/16'] }))).code).toBe('CONFLICT');
    expect((await refusal(operator.create(op, { name: 'Green', ranges: ['10.9.0.0/16'] }))).code).toBe('BAD_USER_INPUT');
    const cover = await refusal(operator.create(op, { name: 'green', ranges: ['0.0.0.0/1', '128.0.0.0/1'] }));
    expect(cover.message).toMatch(/whole IPv4 address space/);
    expect((await refusal(operator.create(op, { name: 'green', ranges: ['127.0.0.0/8'] }))).message).toMatch(/loopback/);
    expect(await registry.get('green')).toBeUndefined();
    const denied = (await core.auditLog.query(OPERATOR_AUDIT_TENANT, { outcome: 'denied' }, { limit: 50 })).items;
    expect(denied).toHaveLength(4);
  });
});

describe('BMC addresses belong to one tenant', () => {
  it('refuses an address outside the tenant ranges, audited, nothing registered', async () => {
    const e = await refusal(core.services.bmcs.register(adminOf('red'), { name: 'x', address: '10.2.0.5', credentials: creds }));
    expect(e.code).toBe('FORBIDDEN');
    expect((await core.services.bmcs.list(adminOf('red'))).items).toHaveLength(0);
    const [event] = (await core.auditLog.query('red', { action: 'bmc.register' }, {})).items;
    expect(event).toMatchObject({ outcome: 'denied', errorCode: 'FORBIDDEN', parameters: { address: '10.2.0.5' } });
  });

  it('refuses the same endpoint to a second tenant in every spelling, and frees it when the BMC goes', async () => {
    await operator.setRanges(op, 'blue', ['10.1.0.0/16', '10.2.0.0/16']);
    const bmc = await core.services.bmcs.register(adminOf('red'), { name: 'r1', address: '10.1.2.3', credentials: creds });
    expect(bmc.address).toBe('10.1.2.3');
    for (const spelling of ['10.1.2.3', '167838211', '0xa010203', '012.1.2.3', '10.1.515', '::ffff:10.1.2.3', '::ffff:a01:203']) {
      const e = await refusal(core.services.bmcs.register(adminOf('blue'), { name: 'b', address: spelling, credentials: creds }));
      expect(e.code, spelling).toBe('CONFLICT');
      expect(e.message).not.toMatch(/\bred\b/);
    }
    expect((await core.services.bmcs.list(adminOf('blue'))).items).toHaveLength(0);
    expect((await core.auditLog.query('blue', { outcome: 'denied' }, {})).items).toHaveLength(7);
    // Another port of the same address is another endpoint; the owner may register it again.
    await core.services.bmcs.register(adminOf('blue'), { name: 'b', address: '10.1.2.3', port: 624, credentials: creds });
    await core.services.bmcs.register(adminOf('red'), { name: 'r2', address: '0xa010203', credentials: creds });
    await core.services.bmcs.remove(adminOf('red'), bmc.id);
    expect((await refusal(core.services.bmcs.register(adminOf('blue'), { name: 'b2', address: '10.1.2.3', credentials: creds }))).code).toBe('CONFLICT');
    const r2 = (await core.services.bmcs.list(adminOf('red'))).items[0];
    await core.services.bmcs.remove(adminOf('red'), r2?.id ?? '');
    await core.services.bmcs.register(adminOf('blue'), { name: 'b2', address: '10.1.2.3', credentials: creds });
  });

  it('moves a claim when an update changes the address, and refuses a move onto another tenant', async () => {
    await operator.setRanges(op, 'blue', ['10.1.0.0/16', '10.2.0.0/16']);
    const r = await core.services.bmcs.register(adminOf('red'), { name: 'r', address: '10.1.0.1', credentials: creds });
    const b = await core.services.bmcs.register(adminOf('blue'), { name: 'b', address: '10.1.0.2', credentials: creds });
    expect((await refusal(core.services.bmcs.update(adminOf('blue'), b.id, { address: '10.1.0.1' }))).code).toBe('CONFLICT');
    expect((await core.services.bmcs.get(adminOf('blue'), b.id)).address).toBe('10.1.0.2');
    expect((await refusal(core.services.bmcs.update(adminOf('red'), r.id, { address: '10.3.0.1' }))).code).toBe('FORBIDDEN');
    await core.services.bmcs.update(adminOf('red'), r.id, { address: '10.1.0.9' });
    await core.services.bmcs.update(adminOf('blue'), b.id, { address: '10.1.0.1' });
  });

  it('refuses loopback outside local mode', async () => {
    await operator.setRanges(op, 'red', ['10.1.0.0/16']);
    expect((await refusal(core.services.bmcs.register(adminOf('red'), { name: 'l', address: '127.0.0.1', credentials: creds }))).message).toMatch(/loopback/);
  });
});

describe('quotas', () => {
  it('refuses a BMC over maxBmcs with 429, audited, nothing changed', async () => {
    await operator.setQuotas(op, 'red', { maxBmcs: 1 });
    await core.services.bmcs.register(adminOf('red'), { name: 'a', address: '10.1.0.1', credentials: creds });
    const e = await refusal(core.services.bmcs.register(adminOf('red'), { name: 'b', address: '10.1.0.2', credentials: creds }));
    expect(e).toBeInstanceOf(QuotaExceededError);
    expect(e).toMatchObject({ code: 'RATE_LIMITED', quota: 'maxBmcs', limit: 1 });
    expect(e.retryAfterSeconds).toBeGreaterThan(0);
    expect((await core.services.bmcs.list(adminOf('red'))).items.map((b) => b.name)).toEqual(['a']);
    expect((await core.auditLog.query('red', { outcome: 'denied' }, {})).items[0]).toMatchObject({ action: 'bmc.register', errorCode: 'RATE_LIMITED' });
    // The second endpoint was not claimed: blue may take it once its ranges allow.
    await operator.setRanges(op, 'blue', ['10.1.0.0/16']);
    await core.services.bmcs.register(adminOf('blue'), { name: 'b', address: '10.1.0.2', credentials: creds });
  });

  it('refuses jobs over the fleet size and over the concurrent jobs, audited, no job written', async () => {
    const ids: string[] = [];
    for (const i of [1, 2, 3]) ids.push((await core.services.bmcs.register(adminOf('red'), { name: `n${i}`, address: `10.1.0.${i}`, credentials: creds })).id);
    await operator.setQuotas(op, 'red', { maxFleetSize: 2, maxConcurrentJobs: 1 });
    const big = await refusal(core.services.jobs.startFleet(adminOf('red'), { ids }, { kind: 'fleet.powerStatus' }));
    expect(big).toMatchObject({ code: 'RATE_LIMITED', quota: 'maxFleetSize' });
    expect((await core.services.jobs.list(adminOf('red'))).items).toHaveLength(0);
    await core.services.jobs.startFleet(adminOf('red'), { ids: ids.slice(0, 2) }, { kind: 'fleet.powerStatus' });
    const busy = await refusal(core.services.jobs.startFleet(adminOf('red'), { ids: ids.slice(0, 1) }, { kind: 'fleet.powerStatus' }));
    expect(busy).toMatchObject({ code: 'RATE_LIMITED', quota: 'maxConcurrentJobs' });
    expect((await core.services.jobs.list(adminOf('red'))).items).toHaveLength(1);
    const denied = (await core.auditLog.query('red', { action: 'job.start', outcome: 'denied' }, {})).items;
    expect(denied.map((e) => e.parameters['tasks'])).toEqual([1, 3]);
  });
});

describe('lifecycle', () => {
  it('suspends at once, resumes, and keeps a suspended tenant from registering', async () => {
    const key = (await operator.issueAdminKey(op, 'red')).key;
    const principal = await core.services.apiKeys.authenticate(key);
    await expect(gate.check(principal)).resolves.toBe(principal);
    await operator.suspend(op, 'red');
    const e = await refusal(gate.check(principal));
    expect(e).toBeInstanceOf(RefusedKeyError);
    expect(e.code).toBe('UNAUTHENTICATED');
    expect((await refusal(core.services.bmcs.register(adminOf('red'), { name: 'a', address: '10.1.0.1', credentials: creds }))).code).toBe('FORBIDDEN');
    expect((await refusal(operator.suspend(op, 'red'))).code).toBe('CONFLICT');
    await operator.resume(op, 'red');
    await expect(gate.check(principal)).resolves.toBe(principal);
  });

  it("sees another process's suspension within the gate's cache bound, with one registry read per tenant per bound", async () => {
    // A second process: its own gate over the same registry, on a clock the test moves.
    let now = 0;
    let reads = 0;
    const counted = { ...registry, get: (id: string) => ((reads += 1), registry.get(id)), create: registry.create.bind(registry), update: registry.update.bind(registry), list: registry.list.bind(registry) };
    const other = new TenantGate(counted, false, TENANT_GATE_CACHE_MS, () => now);
    const principal = await core.services.apiKeys.authenticate((await operator.issueAdminKey(op, 'red')).key);
    await Promise.all(Array.from({ length: 20 }, () => other.check(principal)));
    expect(reads).toBe(1);
    await operator.suspend(op, 'red');
    now = TENANT_GATE_CACHE_MS - 1;
    await expect(other.check(principal)).resolves.toBe(principal);
    now = TENANT_GATE_CACHE_MS;
    expect(await refusal(other.check(principal))).toBeInstanceOf(RefusedKeyError);
    expect(reads).toBe(2);
  });

  it('deletes keys, secrets, BMCs and claims at once, keeps the audit log, never reuses the id, and exports', async () => {
    const key = (await operator.issueAdminKey(op, 'red')).key;
    const bmc = await core.services.bmcs.register(adminOf('red'), { name: 'a', address: '10.1.0.1', tags: ['rack:1'], credentials: creds });
    const lines = [];
    for await (const line of operator.export(op, 'red')) lines.push(JSON.parse(line) as { type: string; [k: string]: unknown });
    expect(lines[0]).toMatchObject({ type: 'tenant', id: 'red' });
    expect(lines.filter((l) => l.type === 'bmc')).toEqual([expect.objectContaining({ id: bmc.id, address: '10.1.0.1' })]);
    const keys = lines.filter((l) => l.type === 'apiKey');
    expect(keys.length).toBe(2);
    for (const k of keys) expect(k).not.toHaveProperty('hash');
    expect(JSON.stringify(lines)).not.toContain('"pw"');
    expect(lines.filter((l) => l.type === 'auditEvent').length).toBeGreaterThan(3);

    const job = await core.services.jobs.startFleet(adminOf('red'), { ids: [bmc.id] }, { kind: 'fleet.powerStatus' });
    const deleted = await operator.delete(op, 'red');
    // The job store is shared by this file's tests: earlier tests' queued jobs of `red` are cancelled too.
    expect(deleted).toMatchObject({ status: 'deleted', removed: { apiKeys: 2, bmcs: 1 } });
    expect(deleted.removed.jobs).toBeGreaterThanOrEqual(1);
    expect((await jobStore().get('red', job.id))?.storedState).toBe('cancelled');
    expect(Date.parse(deleted.auditRetainedUntil ?? '') - Date.parse(deleted.deletedAt ?? '')).toBeGreaterThan(7 * 365 * 86_400_000 - 86_400_000 * 2);
    await expect(core.services.apiKeys.authenticate(key)).rejects.toThrow();
    expect(await core.credentials.get('red', bmc.id)).toBeUndefined();
    expect(await core.bmcs.get('red', bmc.id)).toBeUndefined();
    expect((await core.auditLog.query('red', { action: 'operator.tenant.delete' }, {})).items).toHaveLength(1);
    expect((await refusal(operator.create(op, { name: 'red', ranges: ['10.1.0.0/16'] }))).code).toBe('CONFLICT');
    await operator.setRanges(op, 'blue', ['10.1.0.0/16']);
    await core.services.bmcs.register(adminOf('blue'), { name: 'b', address: '10.1.0.1', credentials: creds });
  });
});
