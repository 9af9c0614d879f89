import { describe, expect, it } from 'vitest';
import { canonicalJson, GENESIS_HASH, hashAuditEvent, verifyAuditChain } from '../../lambdas/core/audit-chain.ts';
import { createMemoryCore } from '../../lambdas/adapters/memory/index.ts';
import type { AuditEvent } from '../../lambdas/core/types.ts';
import { caller } from '../support/caller.ts';

async function coreWithHistory() {
  const core = createMemoryCore();
  core.gateway.add('10.0.0.1', 623, 'admin', 'pw-1');
  core.gateway.add('10.0.0.2', 623, 'admin', 'pw-2');
  const admin = caller('admin');
  const a = await core.services.bmcs.register(admin, { name: 'a', address: '10.0.0.1', credentials: { username: 'admin', password: 'pw-1' } });
  const b = await core.services.bmcs.register(admin, { name: 'b', address: '10.0.0.2', credentials: { username: 'admin', password: 'pw-2' } });
  await core.services.actions.power(caller('operator'), a.id, 'on');
  await core.services.actions.identify(caller('operator'), b.id, { seconds: 15 });
  await core.services.actions.power(caller('viewer'), a.id, 'off').catch(() => undefined);
  await core.services.apiKeys.create(admin, { name: 'k', role: 'viewer' });
  return { core, a, b };
}

describe('canonical JSON', () => {
  it('sorts keys at every level and keeps arrays in order', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: null, y: 'x' }], c: true } })).toBe('{"a":{"c":true,"d":[3,{"y":"x","z":null}]},"b":1}');
  });
});

describe('audit hash chain', () => {
  it('chains events per tenant and BMC, each verifying', async () => {
    const { core, a, b } = await coreWithHistory();
    const chains = await core.auditLog.listChains('acme');
    expect(chains).toEqual([`bmc:${a.id}`, `bmc:${b.id}`, 'tenant'].sort());
    const results = await core.services.audit.verify(caller('auditor'));
    expect(results.every((r) => r.ok)).toBe(true);
    // register + started + succeeded + denied on a; register + started + succeeded on b; key create on tenant.
    expect(Object.fromEntries(results.map((r) => [r.chain, r.events]))).toEqual({ [`bmc:${a.id}`]: 4, [`bmc:${b.id}`]: 3, tenant: 1 });
    const first = core.auditLog.events.find((e) => e.chain === `bmc:${a.id}` && e.seq === 1);
    expect(first?.prevHash).toBe(GENESIS_HASH);
  });

  it('detects an edited parameter, a deleted event and a swapped order', async () => {
    const { core, a } = await coreWithHistory();
    const chain = () => core.auditLog.events.filter((e) => e.chain === `bmc:${a.id}`).sort((x, y) => x.seq - y.seq);

    const edited = chain().map((e) => (e.seq === 2 ? { ...e, parameters: { action: 'off' } } : e));
    expect(verifyAuditChain('acme', `bmc:${a.id}`, edited).problems).toEqual([{ kind: 'hash-mismatch', seq: 2, id: edited[1]?.id }]);

    const deleted = chain().filter((e) => e.seq !== 2);
    const d = verifyAuditChain('acme', `bmc:${a.id}`, deleted);
    expect(d.ok).toBe(false);
    expect(d.problems.map((p) => p.kind)).toEqual(['gap', 'broken-link']);

    const [e1, e2, ...rest] = chain() as [AuditEvent, AuditEvent, ...AuditEvent[]];
    expect(verifyAuditChain('acme', `bmc:${a.id}`, [e2, e1, ...rest]).ok).toBe(false);

    // An edit re-hashed by the tamperer still breaks the link to the next event.
    const rehashed = chain().map((e) => {
      if (e.seq !== 2) return e;
      const { hash: _h, ...rest2 } = { ...e, outcome: 'failed' as const };
      return { ...rest2, hash: hashAuditEvent(rest2) };
    });
    expect(verifyAuditChain('acme', `bmc:${a.id}`, rehashed).problems).toEqual([{ kind: 'broken-link', seq: 3, id: rehashed[2]?.id }]);
  });

  it('reports tampering through the service for stored events', async () => {
    const { core, b } = await coreWithHistory();
    const i = core.auditLog.events.findIndex((e) => e.chain === `bmc:${b.id}` && e.seq === 1);
    core.auditLog.events[i] = { ...(core.auditLog.events[i] as AuditEvent), actor: 'someone-else' };
    const results = await core.services.audit.verify(caller('auditor'));
    expect(results.find((r) => r.chain === `bmc:${b.id}`)).toMatchObject({ ok: false, problems: [{ kind: 'hash-mismatch', seq: 1 }] });
    expect(results.filter((r) => r.chain !== `bmc:${b.id}`).every((r) => r.ok)).toBe(true);
  });

  it('keeps one consistent chain under concurrent writers', async () => {
    const core = createMemoryCore();
    core.gateway.add('10.0.0.1', 623, 'admin', 'pw');
    const bmc = await core.services.bmcs.register(caller('admin'), { name: 'a', address: '10.0.0.1', credentials: { username: 'admin', password: 'pw' } });
    await Promise.all(Array.from({ length: 5 }, () => core.services.actions.identify(caller('operator'), bmc.id, { seconds: 5 })));
    const [result] = await core.services.audit.verify(caller('auditor'), `bmc:${bmc.id}`);
    // The registration, then `started` and `succeeded` of each action.
    expect(result).toMatchObject({ ok: true, events: 11 });
  });
});

describe('audit records', () => {
  it('never stores a password, and carries actor, role, request id and source', async () => {
    const { core } = await coreWithHistory();
    const text = JSON.stringify(core.auditLog.events);
    expect(text).not.toContain('pw-1');
    expect(text).not.toContain('pw-2');
    const register = core.auditLog.events.find((e) => e.action === 'bmc.register');
    expect(register).toMatchObject({ actor: 'user:admin', role: 'admin', requestId: 'req-1', source: 'test', outcome: 'succeeded' });
    expect(register?.parameters).toMatchObject({ name: 'a', address: '10.0.0.1', username: 'admin' });
  });

  it('refuses an action when its audit record cannot be written, before touching the BMC', async () => {
    const core = createMemoryCore();
    core.gateway.add('10.0.0.1', 623, 'admin', 'pw');
    const bmc = await core.services.bmcs.register(caller('admin'), { name: 'a', address: '10.0.0.1', credentials: { username: 'admin', password: 'pw' } });
    core.auditLog.append = async () => {
      throw new Error('throttled');
    };
    await expect(core.services.actions.power(caller('operator'), bmc.id, 'on')).rejects.toMatchObject({ code: 'INTERNAL' });
    expect(core.gateway.calls).toEqual([]);
    expect(core.gateway.bmcs.get('10.0.0.1:623')?.power).toBe('off');
    // A data mutation is rolled back instead.
    await expect(core.services.bmcs.update(caller('admin'), bmc.id, { name: 'renamed' })).rejects.toMatchObject({ code: 'INTERNAL' });
    expect((await core.bmcs.get('acme', bmc.id))?.name).toBe('a');
  });

  it('records failures with their error code and completion code', async () => {
    const core = createMemoryCore();
    const state = core.gateway.add('10.0.0.1', 623, 'admin', 'pw');
    const bmc = await core.services.bmcs.register(caller('admin'), { name: 'a', address: '10.0.0.1', credentials: { username: 'admin', password: 'pw' } });
    const { DomainError } = await import('../../lambdas/core/errors.ts');
    state.failure = new DomainError('BMC_COMMAND_FAILED', 'Chassis Control: Node busy (completion code 0xc0)', { completionCode: 0xc0 });
    await expect(core.services.actions.power(caller('operator'), bmc.id, 'cycle')).rejects.toMatchObject({ code: 'BMC_COMMAND_FAILED', completionCode: 0xc0 });
    expect(core.auditLog.events.at(-1)).toMatchObject({ action: 'bmc.power.set', outcome: 'failed', errorCode: 'BMC_COMMAND_FAILED', parameters: { action: 'cycle', completionCode: 0xc0 } });
  });
});

describe('audit query and export', () => {
  it('filters by actor, outcome, action and time, newest first, paging with a cursor', async () => {
    const { core } = await coreWithHistory();
    const svc = core.services.audit;
    const auditor = caller('auditor');
    const denied = await svc.query(auditor, { outcome: 'denied' });
    expect(denied.items.map((e) => e.action)).toEqual(['bmc.power.set']);
    const byOperator = await svc.query(auditor, { actor: 'user:operator' });
    expect(byOperator.items.every((e) => e.actor === 'user:operator')).toBe(true);
    expect(byOperator.items).toHaveLength(4);

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof svc.query>> = await svc.query(auditor, {}, { limit: 3, cursor });
      expect(page.items.length).toBeLessThanOrEqual(3);
      seen.push(...page.items.map((e) => e.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(core.auditLog.events.filter((e) => e.tenantId === 'acme').length);

    const future = await svc.query(auditor, { from: '2999-01-01T00:00:00Z' });
    expect(future.items).toEqual([]);
  });

  it('rejects bad filters and foreign cursors with BAD_USER_INPUT', async () => {
    const { core } = await coreWithHistory();
    const svc = core.services.audit;
    await expect(svc.query(caller('auditor'), { from: 'yesterday' })).rejects.toMatchObject({ code: 'BAD_USER_INPUT', field: 'from' });
    await expect(svc.query(caller('auditor'), { outcome: 'maybe' as 'denied' })).rejects.toMatchObject({ field: 'outcome' });
    await expect(svc.query(caller('auditor'), {}, { limit: 0 })).rejects.toMatchObject({ field: 'limit' });
    const page = await svc.query(caller('auditor'), {}, { limit: 1 });
    await expect(svc.query(caller('auditor', 'globex'), {}, { limit: 1, cursor: page.nextCursor })).rejects.toMatchObject({ field: 'cursor' });
  });

  it('exports JSON lines and CSV, neutralising spreadsheet formulas', async () => {
    const { core, a } = await coreWithHistory();
    await core.services.bmcs.update(caller('admin', 'acme', '=HYPERLINK("x")'), a.id, { name: 'renamed' });
    const collect = async (it: AsyncIterable<string>) => {
      let s = '';
      for await (const chunk of it) s += chunk;
      return s;
    };
    const jsonl = await collect(core.services.audit.export(caller('auditor'), {}, 'jsonl'));
    const lines = jsonl.trim().split('\n').map((l) => JSON.parse(l) as AuditEvent);
    // The export records itself before streaming, so it appears in its own output.
    expect(lines.length).toBe(core.auditLog.events.length);
    expect(lines.filter((e) => e.action === 'audit.export' && e.outcome === 'succeeded')).toHaveLength(1);
    const csv = await collect(core.services.audit.export(caller('auditor'), { action: 'bmc.update' }, 'csv'));
    const rows = csv.trim().split('\r\n');
    expect(rows[0]).toBe('time,tenantId,chain,seq,id,actor,role,action,target,outcome,errorCode,requestId,source,parameters,prevHash,hash');
    expect(rows).toHaveLength(2);
    expect(rows[1]).toContain(`"'=HYPERLINK(""x"")"`);
  });
});
