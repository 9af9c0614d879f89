/**
 * Denied attempts on objects outside the caller's tenant (docs/architecture.md section 3: every attempt,
 * allowed or denied, is one append-only event). A role that may do something, aimed at another
 * tenant's BMC or API key, is refused with NOT_FOUND and recorded as `denied` in the caller's
 * own log, exactly as an attempt on an id that exists nowhere, before any BMC is contacted.
 */
import { describe, expect, it } from 'vitest';
import { createMemoryCore, type MemoryCore } from '../../lambdas/adapters/memory/index.ts';
import type { CoreServices } from '../../lambdas/core/index.ts';
import type { AuditEvent, Caller, Role } from '../../lambdas/core/types.ts';
import { caller as testCaller } from '../support/caller.ts';

const caller = (role: Role, tenantId: string): Caller => testCaller(role, tenantId, `user:${role}@${tenantId}`);
const NOWHERE_BMC = 'bmc-that-exists-nowhere';
const NOWHERE_KEY = 'AAAAAAAAAAAA';

interface World {
  core: MemoryCore;
  /** Tenant acme's BMC and API key: the objects globex aims at. */
  bmcId: string;
  keyId: string;
}

async function world(): Promise<World> {
  const core = createMemoryCore();
  core.gateway.add('10.0.0.1', 623, 'admin', 'pw-1', { power: 'on' });
  const bmc = await core.services.bmcs.register(caller('admin', 'acme'), { name: 'acme-1', address: '10.0.0.1', credentials: { username: 'admin', password: 'pw-1' } });
  const key = await core.services.apiKeys.create(caller('admin', 'acme'), { name: 'acme viewer', role: 'viewer' });
  return { core, bmcId: bmc.id, keyId: key.info.id };
}

/** Each operation a permitted role of tenant globex might aim at an object id. */
const ATTEMPTS: [name: string, role: Role, run: (s: CoreServices, c: Caller, bmc: string, key: string) => Promise<unknown>][] = [
  ['get', 'viewer', (s, c, b) => s.bmcs.get(c, b)],
  ['update', 'admin', (s, c, b) => s.bmcs.update(c, b, { name: 'pwned' })],
  ['remove', 'admin', (s, c, b) => s.bmcs.remove(c, b)],
  ['rotate credentials', 'admin', (s, c, b) => s.bmcs.rotateCredentials(c, b, { mode: 'already-changed', credentials: { username: 'admin', password: 'x' } })],
  ['power status', 'viewer', (s, c, b) => s.actions.powerStatus(c, b)],
  ['power action', 'operator', (s, c, b) => s.actions.power(c, b, 'off')],
  ['sensors', 'viewer', (s, c, b) => s.actions.sensors(c, b)],
  ['FRU', 'viewer', (s, c, b) => s.actions.fru(c, b, 0)],
  ['set boot device', 'operator', (s, c, b) => s.actions.setBootDevice(c, b, { device: 'pxe', persistent: false, efi: false })],
  ['identify', 'operator', (s, c, b) => s.actions.identify(c, b, { seconds: 5 })],
  ['SOL capture', 'operator', (s, c, b) => s.actions.solCapture(c, b, 1)],
  ['clear SEL', 'admin', (s, c, b) => s.actions.selClear(c, b)],
  ['revoke API key', 'admin', (s, c, _b, k) => s.apiKeys.revoke(c, k)],
];

/** The event without what differs between any two events (its id, place, time and hash) and with the object id masked. */
function shape(e: AuditEvent, objectId: string): unknown {
  const { id: _i, seq: _s, time: _t, prevHash: _p, hash: _h, ...rest } = e;
  return JSON.parse(JSON.stringify(rest).replaceAll(objectId, '<id>'));
}

describe('attempts on another tenant\'s objects', () => {
  it.each(ATTEMPTS)('%s: NOT_FOUND, one denied event in the caller\'s log, nothing in the owner\'s, no BMC traffic', async (_name, role, run) => {
    const { core, bmcId, keyId } = await world();
    const acmeBefore = JSON.stringify(core.auditLog.events.filter((e) => e.tenantId === 'acme'));
    const acmeBmc = JSON.stringify(await core.bmcs.get('acme', bmcId));
    const calls = core.gateway.calls.length;

    await expect(run(core.services, caller(role, 'globex'), bmcId, keyId)).rejects.toMatchObject({ code: 'NOT_FOUND' });

    const globex = core.auditLog.events.filter((e) => e.tenantId === 'globex');
    expect(globex).toHaveLength(1);
    expect(globex[0]).toMatchObject({ outcome: 'denied', errorCode: 'NOT_FOUND', actor: `user:${role}@globex`, role, requestId: 'req-1' });
    expect(globex[0]?.target).toMatch(new RegExp(`^(bmc:${bmcId}|apikey:${keyId})$`));
    expect(JSON.stringify(core.auditLog.events.filter((e) => e.tenantId === 'acme'))).toBe(acmeBefore);
    expect(JSON.stringify(await core.bmcs.get('acme', bmcId))).toBe(acmeBmc);
    expect((await core.apiKeys.getById(keyId))?.revokedAt).toBeNull();
    expect(core.gateway.calls.length).toBe(calls);
  });

  it.each(ATTEMPTS)('%s: recorded exactly as an attempt on an id that exists nowhere', async (_name, role, run) => {
    const { core, bmcId, keyId } = await world();
    const globex = caller(role, 'globex');
    const other = run(core.services, globex, bmcId, keyId).catch((e: unknown) => e);
    const nowhere = run(core.services, globex, NOWHERE_BMC, NOWHERE_KEY).catch((e: unknown) => e);
    const [onOther, onNothing] = (await Promise.all([other, nowhere])) as [Error, Error];
    expect(onOther.message.replace(bmcId, '<id>').replace(keyId, '<id>')).toBe(onNothing.message.replace(NOWHERE_BMC, '<id>').replace(NOWHERE_KEY, '<id>'));

    const events = core.auditLog.events.filter((e) => e.tenantId === 'globex');
    const aimedAtAcme = events.find((e) => e.target.endsWith(bmcId) || e.target.endsWith(keyId));
    const aimedAtNothing = events.find((e) => e.target.endsWith(NOWHERE_BMC) || e.target.endsWith(NOWHERE_KEY));
    expect(aimedAtAcme && aimedAtNothing).toBeTruthy();
    const idOf = (e: AuditEvent, a: string, b: string) => (e.target.endsWith(a) ? a : b);
    expect(shape(aimedAtAcme as AuditEvent, idOf(aimedAtAcme as AuditEvent, bmcId, keyId))).toEqual(
      shape(aimedAtNothing as AuditEvent, idOf(aimedAtNothing as AuditEvent, NOWHERE_BMC, NOWHERE_KEY)),
    );
  });

  it('a fleet request naming another tenant\'s BMC records one denied event listing it, next to its own results', async () => {
    const { core, bmcId } = await world();
    core.gateway.add('10.9.0.1', 623, 'admin', 'pw-g');
    const own = await core.services.bmcs.register(caller('admin', 'globex'), { name: 'globex-1', address: '10.9.0.1', credentials: { username: 'admin', password: 'pw-g' } });
    const calls = core.gateway.calls.length;

    const results = await core.services.fleet.run(caller('operator', 'globex'), { ids: [own.id, bmcId] }, { kind: 'powerStatus' });

    expect(results).toEqual([
      { bmcId: own.id, name: 'globex-1', ok: true, value: 'off' },
      { bmcId, name: null, ok: false, error: { code: 'NOT_FOUND', message: `BMC ${bmcId} not found` } },
    ]);
    const denied = core.auditLog.events.filter((e) => e.tenantId === 'globex' && e.outcome === 'denied');
    expect(denied.map((e) => [e.action, e.target, e.chain, e.errorCode, e.parameters])).toEqual([['fleet.powerStatus', 'bmc-ids', 'tenant', 'NOT_FOUND', { refusedIds: [bmcId], refusedCount: 1 }]]);
    expect(core.auditLog.events.filter((e) => e.tenantId === 'acme' && e.target === `bmc:${bmcId}` && e.actor.endsWith('@globex'))).toEqual([]);
    expect(core.gateway.calls.slice(calls)).toEqual(['powerStatus 10.9.0.1:623']);
  });

  it('a role refusal stays FORBIDDEN, decided before the object is looked up', async () => {
    const { core, bmcId } = await world();
    await expect(core.services.actions.power(caller('viewer', 'globex'), bmcId, 'off')).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(core.services.actions.power(caller('viewer', 'globex'), NOWHERE_BMC, 'off')).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const events = core.auditLog.events.filter((e) => e.tenantId === 'globex');
    expect(events.map((e) => [e.outcome, e.errorCode])).toEqual([
      ['denied', 'FORBIDDEN'],
      ['denied', 'FORBIDDEN'],
    ]);
  });

  it('refuses the attempt with INTERNAL when its denial cannot be recorded', async () => {
    const { core, bmcId } = await world();
    core.auditLog.append = async () => {
      throw new Error('table unavailable');
    };
    await expect(core.services.actions.power(caller('operator', 'globex'), bmcId, 'off')).rejects.toMatchObject({ code: 'INTERNAL' });
    expect(core.gateway.calls.filter((c) => c.startsWith('powerAction'))).toEqual([]);
  });
});
