/**
 * What reads leave behind under each read-audit setting, and that actions, refusals, failures and
 * settings changes stay in the hash chains.
 */
import { describe, expect, it } from 'vitest';
import { createMemoryCore } from '../../lambdas/adapters/memory/index.ts';
import { createServices } from '../../lambdas/core/index.ts';
import { caller as testCaller } from '../support/caller.ts';
import { AuditSlotTakenError, type AccessLog } from '../../lambdas/core/ports.ts';
import { DomainError } from '../../lambdas/core/errors.ts';
import type { AuditEvent, Caller, ReadAuditMode, Role } from '../../lambdas/core/types.ts';

const caller = (role: Role, actor = `user:${role}`, tenantId = 'acme'): Caller => testCaller(role, tenantId, actor, `req-${actor}`);

function clock(start = Date.parse('2025-06-01T10:00:00Z')) {
  let t = start;
  return { now: () => new Date(t), advance: (ms: number) => (t += ms) };
}

async function world(mode?: ReadAuditMode) {
  const time = clock();
  const core = createMemoryCore({ clock: time });
  core.gateway.add('10.0.0.1', 623, 'admin', 'pw', { power: 'on' });
  core.gateway.add('10.0.0.2', 623, 'admin', 'pw', { power: 'off' });
  const a = await core.services.bmcs.register(caller('admin'), { name: 'a', address: '10.0.0.1', credentials: { username: 'admin', password: 'pw' } });
  const b = await core.services.bmcs.register(caller('admin'), { name: 'b', address: '10.0.0.2', credentials: { username: 'admin', password: 'pw' } });
  if (mode) await core.services.tenantSettings.update(caller('admin'), { readAudit: mode, readAuditIntervalSeconds: 900 });
  const chain = (id: string): AuditEvent[] => core.auditLog.events.filter((e) => e.tenantId === 'acme' && e.chain === `bmc:${id}`);
  return { core, time, a, b, chain };
}

/** Ten reads by each of two keys of BMC a, some from the cache, and one read of b. */
async function polling(w: Awaited<ReturnType<typeof world>>) {
  for (let i = 0; i < 10; i++) {
    for (const actor of ['apikey:k1', 'apikey:k2']) await w.core.services.actions.readPower(caller('viewer', actor), w.a.id, { maxAge: i % 2 ? 5 : 0 });
    w.time.advance(1_000);
  }
  await w.core.services.actions.chassisStatus(caller('viewer', 'apikey:k1'), w.b.id);
}

describe('read audit', () => {
  it('sampled (the default): one access record per key per BMC per interval, nothing in the chains', async () => {
    const w = await world();
    expect((await w.core.services.tenantSettings.get(caller('auditor'))).readAudit).toBe('sampled');
    await polling(w);
    const records = w.core.accessLog.records.map((r) => [r.bmcId, r.actor, r.kind, r.intervalStart]);
    expect(records).toEqual([
      [w.a.id, 'apikey:k1', 'sampled', '2025-06-01T10:00:00.000Z'],
      [w.a.id, 'apikey:k2', 'sampled', '2025-06-01T10:00:00.000Z'],
      [w.b.id, 'apikey:k1', 'sampled', '2025-06-01T10:00:00.000Z'],
    ]);
    // The next interval is sampled again.
    w.time.advance(900_000);
    await w.core.services.actions.readPower(caller('viewer', 'apikey:k1'), w.a.id);
    expect(w.core.accessLog.records.at(-1)).toMatchObject({ actor: 'apikey:k1', intervalStart: '2025-06-01T10:15:00.000Z' });
    expect(w.chain(w.a.id).map((e) => e.action)).toEqual(['bmc.register']);
  });

  it('all: one access record per read, cached answers included, nothing in the chains', async () => {
    const w = await world('all');
    await polling(w);
    expect(w.core.accessLog.records).toHaveLength(21);
    expect(w.core.accessLog.records.every((r) => r.kind === 'read' && r.intervalStart === null)).toBe(true);
    // A cached answer is recorded with the time it was read from the BMC.
    const served = w.core.accessLog.records.filter((r) => r.time !== r.readAt);
    expect(served.length).toBeGreaterThan(0);
    expect(w.chain(w.a.id).map((e) => e.action)).toEqual(['bmc.register']);
  });

  it('none: no record of successful reads', async () => {
    const w = await world('none');
    await polling(w);
    expect(w.core.accessLog.records).toHaveLength(0);
    expect(w.chain(w.a.id).map((e) => e.action)).toEqual(['bmc.register']);
  });

  for (const mode of ['none', 'sampled', 'all'] as const) {
    it(`${mode}: refusals, failures and actions are still chain events`, async () => {
      const w = await world(mode);
      await expect(w.core.services.actions.readPower(caller('auditor'), w.a.id)).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(w.core.services.actions.readPower(caller('viewer', 'user:v', 'globex'), w.a.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
      const state = w.core.gateway.bmcs.get('10.0.0.1:623');
      if (state) state.failure = new DomainError('TIMEOUT', 'no answer');
      await expect(w.core.services.actions.readPower(caller('viewer'), w.a.id, { maxAge: 0 })).rejects.toMatchObject({ code: 'TIMEOUT' });
      if (state) state.failure = null;
      await w.core.services.actions.power(caller('operator'), w.a.id, 'off');
      expect(w.chain(w.a.id).map((e) => [e.action, e.outcome, e.errorCode])).toEqual([
        ['bmc.register', 'succeeded', null],
        ['bmc.power.read', 'denied', 'FORBIDDEN'],
        ['bmc.power.read', 'failed', 'TIMEOUT'],
        ['bmc.power.set', 'started', null],
        ['bmc.power.set', 'succeeded', null],
      ]);
      // The other tenant's refusal is in its own log, never in acme's.
      expect(w.core.auditLog.events.filter((e) => e.tenantId === 'globex').map((e) => [e.action, e.outcome, e.errorCode])).toEqual([['bmc.power.read', 'denied', 'NOT_FOUND']]);
      const [verified] = await w.core.services.audit.verify(caller('auditor'), `bmc:${w.a.id}`);
      expect(verified?.ok).toBe(true);
    });
  }

  it('stores one sample when two processes take it at once', async () => {
    const w = await world();
    const second = createServices({ ...w.core, clock: { now: () => w.time.now() } });
    await Promise.all([
      w.core.services.actions.readPower(caller('viewer', 'apikey:k1'), w.a.id),
      second.actions.readPower(caller('viewer', 'apikey:k1'), w.a.id),
    ]);
    expect(w.core.accessLog.records).toHaveLength(1);
  });

  it('refuses the read (INTERNAL) when the access record the tenant wants cannot be written', async () => {
    const w = await world('all');
    const broken: AccessLog = { put: () => Promise.reject(new Error('table gone')), query: (...args) => w.core.accessLog.query(...args) };
    const services = createServices({ ...w.core, accessLog: broken, clock: { now: () => w.time.now() } });
    await expect(services.actions.readPower(caller('viewer'), w.a.id)).rejects.toMatchObject({ code: 'INTERNAL' });
  });

  it('lets a burst of reads past an action without one lost race on its chain', async () => {
    const w = await world('all');
    let lost = 0;
    const log = w.core.auditLog;
    const counting = {
      append: (e: AuditEvent) =>
        log.append(e).catch((err: unknown) => {
          if (err instanceof AuditSlotTakenError) lost++;
          throw err;
        }),
      head: log.head.bind(log),
      query: log.query.bind(log),
      readChain: log.readChain.bind(log),
      listChains: log.listChains.bind(log),
    };
    const services = createServices({ ...w.core, auditLog: counting, clock: { now: () => w.time.now() } });
    const reads = Array.from({ length: 100 }, (_, i) => services.actions.readPower(caller('viewer', `apikey:k${i}`), w.a.id, { maxAge: 0 }));
    const action = services.actions.power(caller('operator'), w.a.id, 'off');
    await Promise.all([...reads, action]);
    expect(lost).toBe(0);
    expect(w.chain(w.a.id).map((e) => e.outcome)).toEqual(['succeeded', 'started', 'succeeded']);
    expect(w.core.accessLog.records).toHaveLength(100);
  });
});

describe('tenant settings', () => {
  it('are changed by admins only; the change and the refusal are tenant chain events', async () => {
    const w = await world();
    await expect(w.core.services.tenantSettings.update(caller('operator'), { readAudit: 'none' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const updated = await w.core.services.tenantSettings.update(caller('admin'), { readAudit: 'all' });
    expect(updated).toMatchObject({ tenantId: 'acme', readAudit: 'all', readAuditIntervalSeconds: 900, updatedBy: 'user:admin' });
    const tenantChain = w.core.auditLog.events.filter((e) => e.chain === 'tenant').map((e) => [e.action, e.outcome, e.parameters['readAudit'] ?? null]);
    expect(tenantChain).toEqual([
      ['tenant.settings.update', 'denied', 'none'],
      ['tenant.settings.update', 'succeeded', 'all'],
    ]);
    // Another tenant keeps the defaults.
    expect((await w.core.services.tenantSettings.get(caller('admin', 'user:admin', 'globex'))).readAudit).toBe('sampled');
  });

  it('refuses bad values field by field and changes nothing', async () => {
    const w = await world();
    const cases: [Record<string, unknown>, string][] = [
      [{ readAudit: 'some' }, 'readAudit'],
      [{ readAuditIntervalSeconds: 59 }, 'readAuditIntervalSeconds'],
      [{ readAuditIntervalSeconds: 1.5 }, 'readAuditIntervalSeconds'],
      [{}, 'settings'],
    ];
    for (const [input, field] of cases) {
      await expect(w.core.services.tenantSettings.update(caller('admin'), input as never), field).rejects.toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    expect(w.core.tenantSettings.items.size).toBe(0);
  });

  it('keeps the tenant setting out of the access log it governs: auditors page it newest first', async () => {
    const w = await world('all');
    await polling(w);
    const page = await w.core.services.access.query(caller('auditor'), { bmcId: w.b.id });
    expect(page.items.map((r) => [r.bmcId, r.action])).toEqual([[w.b.id, 'bmc.chassis.read']]);
    const first = await w.core.services.access.query(caller('auditor'), {}, { limit: 5 });
    expect(first.items).toHaveLength(5);
    expect((first.items[0]?.time ?? '') >= (first.items[4]?.time ?? '')).toBe(true);
    await expect(w.core.services.access.query(caller('viewer'), {})).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});
