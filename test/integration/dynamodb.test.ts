/**
 * The DynamoDB adapters against DynamoDB Local (AWS's emulator): append-only audit with a
 * verifiable hash chain, conditional writes, index choice, filters, cursors and tenant
 * isolation at the repository level.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GetCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { startDynamoDbLocal, type DynamoDbLocal } from '../support/dynamodb-local.ts';
import { createDocumentClient, createDynamoPorts, createTables, type TableNames } from '../../lambdas/adapters/dynamodb/index.ts';
import { FakeBmcGateway, MemoryAccessLog, MemoryApiKeyRepository, MemoryAuditLog, MemoryBmcRepository, MemoryCredentialStore, MemoryTenantSettingsStore } from '../../lambdas/adapters/memory/index.ts';
import { auditOrderKey, createServices, DomainError, type CorePorts } from '../../lambdas/core/index.ts';
import { AuditSlotTakenError, type AuditFilter, type Clock, type IdGenerator } from '../../lambdas/core/ports.ts';
import type { AuditEvent, Bmc, Page } from '../../lambdas/core/types.ts';
import { chainOf } from '../../lambdas/core/services/audit-service.ts';
import { caller } from '../support/caller.ts';

let local: DynamoDbLocal;
let client: DynamoDBClient;
let doc: DynamoDBDocumentClient;
let tableCounter = 0;

beforeAll(async () => {
  local = await startDynamoDbLocal();
  ({ client, doc } = createDocumentClient({ ...local.clientConfig, maxAttempts: 2 }));
});

afterAll(async () => {
  client?.destroy();
  await local?.stop();
});

/** Fresh tables per test: tests stay independent without restarting the emulator. */
async function world() {
  const n = ++tableCounter;
  const names: TableNames = { bmcs: `bmcs-${n}`, apiKeys: `keys-${n}`, audit: `audit-${n}`, tenants: `tenants-${n}`, access: `access-${n}` };
  await createTables(client, names);
  const ports = createDynamoPorts(doc, names);
  const gateway = new FakeBmcGateway();
  const credentials = new MemoryCredentialStore();
  const services = createServices({ ...ports, gateway, credentials });
  return { names, ports, gateway, services, credentials };
}

async function registerFleet(w: Awaited<ReturnType<typeof world>>, count: number, tenantId = 'acme'): Promise<Bmc[]> {
  const out: Bmc[] = [];
  for (let i = 1; i <= count; i++) {
    w.gateway.add(`10.${tenantId.length}.0.${i}`, 623, 'admin', `pw-${i}`);
    out.push(
      await w.services.bmcs.register(caller('admin', tenantId), {
        name: `node-${i}`,
        address: `10.${tenantId.length}.0.${i}`,
        tags: i % 2 ? ['odd', 'rack:a'] : ['rack:a'],
        credentials: { username: 'admin', password: `pw-${i}` },
      }),
    );
  }
  return out;
}

describe('table creation', () => {
  it('is idempotent', async () => {
    const w = await world();
    await expect(createTables(client, w.names)).resolves.toBeUndefined();
  });
});

describe('audit log on DynamoDB', () => {
  it('keeps a chain per BMC that verifies, and detects an edited item', async () => {
    const w = await world();
    const [a, b] = (await registerFleet(w, 2)) as [Bmc, Bmc];
    await w.services.actions.power(caller('operator'), a.id, 'on');
    await w.services.actions.power(caller('viewer'), b.id, 'off').catch(() => undefined);
    await w.services.apiKeys.create(caller('admin'), { name: 'ci', role: 'viewer' });

    const clean = await w.services.audit.verify(caller('auditor'));
    expect(clean.map((r) => [r.chain, r.ok, r.events])).toEqual(
      [
        [`bmc:${a.id}`, true, 3],
        [`bmc:${b.id}`, true, 2],
        ['tenant', true, 1],
      ].sort((x, y) => String(x[0]).localeCompare(String(y[0]))),
    );

    // Someone with table access rewrites the outcome of the power action.
    await doc.send(
      new UpdateCommand({
        TableName: w.names.audit,
        Key: { chainKey: `acme#bmc:${a.id}`, seq: 3 },
        UpdateExpression: 'SET outcome = :o',
        ExpressionAttributeValues: { ':o': 'failed' },
      }),
    );
    const [tampered] = await w.services.audit.verify(caller('auditor'), `bmc:${a.id}`);
    expect(tampered).toMatchObject({ ok: false, problems: [{ kind: 'hash-mismatch', seq: 3 }] });
  });

  it('refuses to overwrite an event (attribute_not_exists)', async () => {
    const w = await world();
    await registerFleet(w, 1);
    const [original] = (await w.ports.auditLog.readChain('acme', 'bmc:' + (await w.ports.bmcs.list('acme', {}, {})).items[0]?.id, {})).items as [AuditEvent];
    const forged: AuditEvent = { ...original, actor: 'mallory', outcome: 'denied' };
    await expect(w.ports.auditLog.append(forged)).rejects.toBeInstanceOf(AuditSlotTakenError);
    const { Item } = await doc.send(new GetCommand({ TableName: w.names.audit, Key: { chainKey: `acme#${original.chain}`, seq: original.seq } }));
    expect(Item).toMatchObject({ actor: 'user:admin', outcome: 'succeeded', hash: original.hash });
  });

  it('serialises concurrent writers on one chain without losing or forking events', async () => {
    const w = await world();
    const [bmc] = (await registerFleet(w, 1)) as [Bmc];
    // Two service instances (two Lambdas) writing to the same chain at once.
    const other = createServices({ ...w.ports, gateway: w.gateway, credentials: new MemoryCredentialStore() });
    await other.bmcs.get(caller('viewer'), bmc.id);
    const audits = [w.services.audit, other.audit];
    await Promise.all(
      Array.from({ length: 12 }, (_, i) => (audits[i % 2] as typeof w.services.audit).record(caller('operator'), { action: 'bmc.note', target: `bmc:${bmc.id}`, outcome: 'succeeded', parameters: { i } })),
    );
    const [result] = await w.services.audit.verify(caller('auditor'), `bmc:${bmc.id}`);
    expect(result).toMatchObject({ ok: true, events: 13 });
  });

  it('answers filtered queries newest first, page by page, from the right index', async () => {
    const w = await world();
    const bmcs = await registerFleet(w, 3);
    for (const bmc of bmcs) {
      await w.services.actions.powerStatus(caller('viewer', 'acme', 'user:vera'), bmc.id);
      await w.services.actions.power(caller('operator', 'acme', 'user:otto'), bmc.id, 'on');
      await w.services.actions.selClear(caller('operator', 'acme', 'user:otto'), bmc.id).catch(() => undefined);
    }
    const auditor = caller('auditor');
    const total = (await w.services.audit.query(auditor, {}, { limit: 500 })).items;
    // 3 registrations + per BMC: started+succeeded power, 1 denied SEL clear (a successful read is
    // an access record, not an audit event).
    expect(total).toHaveLength(3 + 3 * 3);
    const times = total.map((e) => e.time);
    expect([...times].sort().reverse()).toEqual(times);

    const pages: string[][] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof w.services.audit.query>> = await w.services.audit.query(auditor, {}, { limit: 4, cursor });
      pages.push(page.items.map((e) => e.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(pages.flat()).toEqual(total.map((e) => e.id));
    expect(pages.slice(0, -1).every((p) => p.length === 4)).toBe(true);

    const otto = await w.services.audit.query(auditor, { actor: 'user:otto' }, { limit: 500 });
    expect(otto.items).toHaveLength(9);
    const denied = await w.services.audit.query(auditor, { outcome: 'denied' }, { limit: 2 });
    expect(denied.items.map((e) => e.action)).toEqual(['bmc.sel.clear', 'bmc.sel.clear']);
    expect(denied.nextCursor).not.toBeNull();
    const rest = await w.services.audit.query(auditor, { outcome: 'denied' }, { limit: 2, cursor: denied.nextCursor });
    expect(rest.items).toHaveLength(1);
    expect(rest.nextCursor).toBeNull();

    const target = `bmc:${bmcs[1]?.id}`;
    const byTarget = await w.services.audit.query(auditor, { target, action: 'bmc.power.set' }, { limit: 500 });
    expect(byTarget.items.map((e) => e.outcome)).toEqual(['succeeded', 'started']);

    const middle = total[7] as AuditEvent;
    const window = await w.services.audit.query(auditor, { from: middle.time, to: new Date(Date.parse(middle.time) + 1).toISOString() }, { limit: 500 });
    expect(window.items.map((e) => e.id)).toContain(middle.id);
    expect(window.items.every((e) => e.time === middle.time)).toBe(true);

    const keys = await w.services.audit.query(auditor, { target: 'apikey:none' });
    expect(keys.items).toEqual([]);
  });

  it('keeps tenants apart: events, chains and cursors', async () => {
    const w = await world();
    await registerFleet(w, 2, 'acme');
    await registerFleet(w, 2, 'globex');
    const acme = await w.ports.auditLog.query('acme', {}, { limit: 1 });
    expect(acme.items.every((e) => e.tenantId === 'acme')).toBe(true);
    expect((await w.ports.auditLog.query('globex', {}, { limit: 100 })).items.every((e) => e.tenantId === 'globex')).toBe(true);
    await expect(w.ports.auditLog.query('globex', {}, { limit: 1, cursor: acme.nextCursor })).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
    const acmeChains = await w.ports.auditLog.listChains('acme');
    expect(acmeChains).toHaveLength(2);
    for (const c of acmeChains) expect((await w.ports.auditLog.readChain('globex', c, {})).items).toEqual([]);
    expect(chainOf('tenant')).toBe('tenant');
  });
});

describe('audit order on DynamoDB (time, then seq), the same as the in-memory log', () => {
  const frozen: Clock = { now: () => new Date('2025-03-01T12:00:00.000Z') };
  /** Ids that sort against the order of writing: an id tie-break would put `started` first. */
  const fallingIds = (): IdGenerator => {
    let n = 0;
    return { next: () => `id-${999_999 - ++n}` };
  };

  /** The same history, all in one millisecond, written through the services over a set of ports. */
  async function history(ports: Pick<CorePorts, 'bmcs' | 'apiKeys' | 'auditLog' | 'accessLog' | 'tenantSettings'>) {
    const gateway = new FakeBmcGateway();
    const services = createServices({ ...ports, gateway, credentials: new MemoryCredentialStore(), clock: frozen, ids: fallingIds() });
    const bmcs: Bmc[] = [];
    for (const i of [1, 2]) {
      gateway.add(`10.7.0.${i}`, 623, 'admin', 'pw');
      bmcs.push(await services.bmcs.register(caller('admin'), { name: `n${i}`, address: `10.7.0.${i}`, credentials: { username: 'admin', password: 'pw' } }));
    }
    const [a, b] = bmcs as [Bmc, Bmc];
    await services.actions.power(caller('operator', 'acme', 'user:otto'), a.id, 'on');
    await services.actions.identify(caller('operator', 'acme', 'user:otto'), b.id, { seconds: 5 });
    await services.actions.power(caller('operator', 'acme', 'user:otto'), a.id, 'off');
    gateway.bmcs.get('10.7.0.2:623')!.failure = new DomainError('BMC_UNREACHABLE', 'no answer');
    await services.actions.power(caller('operator', 'acme', 'user:otto'), b.id, 'cycle').catch(() => undefined);
    await services.actions.selClear(caller('operator', 'acme', 'user:otto'), a.id).catch(() => undefined);
    return { services, a, b };
  }

  const shape = (e: AuditEvent) => `${e.chain.startsWith('bmc:') ? 'bmc' : e.chain}#${e.seq} ${e.action} ${e.outcome}`;

  it('answers every index newest first with started after its outcome, page by page, as memory does', async () => {
    const w = await world();
    const dynamo = await history(w.ports);
    const memory = await history({
      bmcs: new MemoryBmcRepository(),
      apiKeys: new MemoryApiKeyRepository(),
      auditLog: new MemoryAuditLog(),
      accessLog: new MemoryAccessLog(),
      tenantSettings: new MemoryTenantSettingsStore(),
    });
    const auditor = caller('auditor');

    const filters = (a: Bmc): AuditFilter[] => [
      {}, // byTenantTime
      { actor: 'user:otto' }, // byTenantActor
      { outcome: 'failed' }, // byTenantProblem (sparse)
      { target: `bmc:${a.id}` }, // the chain itself
      { from: '2025-03-01T12:00:00.000Z', to: '2025-03-01T12:00:00.001Z' }, // time range on the sort key
    ];
    const dynamoFilters = filters(dynamo.a);
    const memoryFilters = filters(memory.a);
    for (const [i, filter] of dynamoFilters.entries()) {
      const label = JSON.stringify(filter);
      const whole = (await dynamo.services.audit.query(auditor, filter, { limit: 500 })).items;
      const mem = (await memory.services.audit.query(auditor, memoryFilters[i] as AuditFilter, { limit: 500 })).items;
      expect(whole.length, label).toBeGreaterThan(0);
      expect(whole.map(shape), label).toEqual(mem.map(shape));
      for (const chain of new Set(whole.map((e) => e.chain))) {
        const seqs = whole.filter((e) => e.chain === chain).map((e) => e.seq);
        expect(seqs, `${label} ${chain}`).toEqual([...seqs].sort((x, y) => y - x));
      }
      const paged: AuditEvent[] = [];
      let cursor: string | null = null;
      do {
        const page: Page<AuditEvent> = await dynamo.services.audit.query(auditor, filter, { limit: 2, cursor });
        paged.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor);
      expect(paged.map((e) => e.id), `${label} paged`).toEqual(whole.map((e) => e.id));
    }

    const onA = (await dynamo.services.audit.query(auditor, { target: `bmc:${dynamo.a.id}`, action: 'bmc.power.set' })).items;
    expect(onA.map((e) => [e.parameters['action'], e.outcome])).toEqual([
      ['off', 'succeeded'],
      ['off', 'started'],
      ['on', 'succeeded'],
      ['on', 'started'],
    ]);
  });

  it('stores the order key on the time-sorted indexes and keeps chain time from running backwards', async () => {
    const w = await world();
    const [bmc] = (await registerFleet(w, 1)) as [Bmc];
    const head = await w.ports.auditLog.head('acme', `bmc:${bmc.id}`);
    const { Item } = await doc.send(new GetCommand({ TableName: w.names.audit, Key: { chainKey: `acme#bmc:${bmc.id}`, seq: 1 } }));
    expect(head).toEqual({ seq: 1, hash: Item?.['hash'], time: Item?.['time'] });
    expect(Item?.['timeId']).toBe(auditOrderKey(Item as AuditEvent));
    // A writer whose clock is behind the chain head records at the head's time, not before it.
    const late = createServices({ ...w.ports, gateway: w.gateway, credentials: new MemoryCredentialStore(), clock: { now: () => new Date(Date.parse(String(Item?.['time'])) - 50) } });
    const event = await late.audit.record(caller('admin'), { action: 'bmc.note', target: `bmc:${bmc.id}`, outcome: 'succeeded' });
    expect(event).toMatchObject({ seq: 2, time: Item?.['time'] });
  });
});

describe('BMC registry on DynamoDB', () => {
  it('filters by tag, name and health, pages by cursor, isolates tenants', async () => {
    const w = await world();
    const acme = await registerFleet(w, 5, 'acme');
    await registerFleet(w, 2, 'globex');
    await w.ports.bmcs.setHealth('acme', acme[3]?.id as string, 'critical');
    const viewer = caller('viewer');
    const odd = await w.services.bmcs.list(viewer, { tags: ['odd', 'rack:a'] });
    expect(odd.items.map((b) => b.name).sort()).toEqual(['node-1', 'node-3', 'node-5']);
    expect((await w.services.bmcs.list(viewer, { nameContains: 'DE-2' })).items.map((b) => b.name)).toEqual(['node-2']);
    expect((await w.services.bmcs.list(viewer, { health: 'critical' })).items.map((b) => b.name)).toEqual(['node-4']);

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof w.services.bmcs.list>> = await w.services.bmcs.list(viewer, { tags: ['rack:a'] }, { limit: 2, cursor });
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((b) => b.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen.sort()).toEqual(acme.map((b) => b.id).sort());

    const id = acme[0]?.id as string;
    expect(await w.ports.bmcs.get('globex', id)).toBeUndefined();
    expect(await w.ports.bmcs.getMany('globex', [id])).toEqual([]);
    expect(await w.ports.bmcs.delete('globex', id)).toBe(false);
    expect(await w.ports.bmcs.get('acme', id)).toMatchObject({ id, tenantId: 'acme', tags: ['odd', 'rack:a'] });
  });

  it('refuses a duplicate id and a stale update', async () => {
    const w = await world();
    const [bmc] = (await registerFleet(w, 1)) as [Bmc];
    await expect(w.ports.bmcs.create(bmc)).rejects.toMatchObject({ code: 'CONFLICT' });
    await w.services.bmcs.update(caller('admin'), bmc.id, { name: 'renamed' });
    await expect(w.ports.bmcs.update({ ...bmc, name: 'lost update' }, bmc.updatedAt)).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(w.ports.bmcs.update({ ...bmc, id: 'nope' }, bmc.updatedAt)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await w.ports.bmcs.get('acme', bmc.id))?.name).toBe('renamed');
  });

  it('gets many across batches, in any order', async () => {
    const w = await world();
    const fleet = await registerFleet(w, 3);
    const got = await w.ports.bmcs.getMany('acme', [fleet[2]?.id as string, 'missing', fleet[0]?.id as string]);
    expect(got.map((b) => b.id).sort()).toEqual([fleet[0]?.id, fleet[2]?.id].sort());
  });
});

describe('API keys on DynamoDB', () => {
  it('creates, authenticates, lists per tenant, revokes once', async () => {
    const w = await world();
    const admin = caller('admin');
    const created = await Promise.all(['a', 'b', 'c'].map((name) => w.services.apiKeys.create(admin, { name, role: 'viewer' })));
    await w.services.apiKeys.create(caller('admin', 'globex'), { name: 'other', role: 'admin' });
    const first = created[0] as (typeof created)[number];
    await expect(w.services.apiKeys.authenticate(first.key)).resolves.toMatchObject({ tenantId: 'acme', role: 'viewer' });
    expect((await w.ports.apiKeys.getById(first.info.id))?.lastUsedAt).not.toBeNull();

    const page1 = await w.services.apiKeys.list(admin, { limit: 2 });
    const page2 = await w.services.apiKeys.list(admin, { limit: 2, cursor: page1.nextCursor });
    expect([...page1.items, ...page2.items].map((k) => k.name).sort()).toEqual(['a', 'b', 'c']);
    expect(page2.nextCursor).toBeNull();

    expect(await w.ports.apiKeys.revoke('globex', first.info.id, new Date().toISOString())).toBeUndefined();
    const revoked = await w.services.apiKeys.revoke(admin, first.info.id);
    expect(revoked.revokedAt).not.toBeNull();
    const again = await w.ports.apiKeys.revoke('acme', first.info.id, '2999-01-01T00:00:00.000Z');
    expect(again?.revokedAt).toBe(revoked.revokedAt);
    await expect(w.services.apiKeys.authenticate(first.key)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });
});

describe('tenant settings and the access log', () => {
  it('keeps one sample per actor, BMC and interval across environments, and every read under `all`', async () => {
    const w = await world();
    const [bmc] = (await registerFleet(w, 1)) as [Bmc];
    // Two environments, each with its own client and its own in-process memory.
    const second = createDocumentClient({ ...local.clientConfig, maxAttempts: 2 });
    const other = createServices({ ...createDynamoPorts(second.doc, w.names), gateway: w.gateway, credentials: w.credentials });
    try {
      const viewer = caller('viewer', 'acme', 'apikey:poller');
      await Promise.all([w.services, other, w.services, other].map((s) => s.actions.readPower(viewer, bmc.id, { maxAge: 0 })));
      const sampled = await w.services.access.query(caller('auditor'), { bmcId: bmc.id });
      expect(sampled.items.map((r) => [r.kind, r.actor])).toEqual([['sampled', 'apikey:poller']]);

      // The setting is stored for the tenant (other environments apply it within their 30 s cache),
      // and applies at once where it was changed.
      await w.services.tenantSettings.update(caller('admin'), { readAudit: 'all' });
      expect((await other.tenantSettings.get(caller('auditor'))).readAudit).toBe('all');
      await w.services.actions.readPower(viewer, bmc.id, { maxAge: 0 });
      await w.services.actions.readPower(viewer, bmc.id, { maxAge: 60 });
      const all = await w.services.access.query(caller('auditor'), {}, { limit: 10 });
      expect(all.items.map((r) => r.kind)).toEqual(['read', 'read', 'sampled']);
      expect(all.items[0]?.readAt).toBe(all.items[1]?.readAt);
      // Never in the chain, and never another tenant's.
      expect((await w.services.audit.query(caller('auditor'), { action: 'bmc.power.read' })).items).toEqual([]);
      expect((await w.services.access.query(caller('auditor', 'globex'), {})).items).toEqual([]);
    } finally {
      second.client.destroy();
    }
  });
});
