import { describe, expect, it } from 'vitest';
import { createMemoryCore } from '../../lambdas/adapters/memory/index.ts';
import { DomainError } from '../../lambdas/core/errors.ts';
import type { SensorReading } from '../../lambdas/core/bmc-data.ts';
import { BmcCredentials } from '../../lambdas/core/credentials.ts';
import { inspect } from 'node:util';
import { caller } from '../support/caller.ts';

const admin = caller('admin');

async function registered(count: number) {
  const core = createMemoryCore();
  const ids: string[] = [];
  for (let i = 1; i <= count; i++) {
    core.gateway.add(`10.0.0.${i}`, 623, 'admin', `pw-${i}`);
    const bmc = await core.services.bmcs.register(admin, {
      name: `node-${i}`,
      address: `10.0.0.${i}`,
      tags: i % 2 ? ['rack:a', 'odd'] : ['rack:a'],
      credentials: { username: 'admin', password: `pw-${i}` },
    });
    ids.push(bmc.id);
  }
  return { core, ids };
}

describe('BmcService', () => {
  it('registers with defaults and keeps the password out of the BMC record', async () => {
    const { core, ids } = await registered(1);
    const bmc = await core.services.bmcs.get(caller('viewer'), ids[0] as string);
    expect(bmc).toMatchObject({ name: 'node-1', port: 623, cipherSuite: 'auto', privilege: 'admin', health: 'unknown', credentialState: 'ok', tags: ['odd', 'rack:a'] });
    expect(JSON.stringify(bmc)).not.toContain('pw-1');
    expect((await core.credentials.get('acme', bmc.id))?.reveal().password).toBe('pw-1');
  });

  it('rejects bad input field by field and stores nothing', async () => {
    const core = createMemoryCore();
    const base = { name: 'n', address: '10.0.0.1', credentials: { username: 'admin', password: 'pw' } };
    const cases: [Record<string, unknown>, string][] = [
      [{ address: 'not a host!' }, 'address'],
      [{ address: '169.254.169.254' }, 'address'],
      [{ port: 70000 }, 'port'],
      [{ cipherSuite: 4 }, 'cipherSuite'],
      [{ privilege: 'root' }, 'privilege'],
      [{ tags: ['has space'] }, 'tags'],
      [{ name: '' }, 'name'],
      [{ credentials: { username: 'admin', password: 'x'.repeat(21) } }, 'credentials.password'],
      [{ credentials: { username: 'u'.repeat(17), password: 'pw' } }, 'credentials.username'],
    ];
    for (const [patch, field] of cases) {
      await expect(core.services.bmcs.register(admin, { ...base, ...patch } as never), field).rejects.toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    expect((await core.services.bmcs.list(admin)).items).toEqual([]);
  });

  it('lists with tag, name and health filters and a cursor', async () => {
    const { core } = await registered(5);
    const odd = await core.services.bmcs.list(caller('viewer'), { tags: ['odd'] });
    expect(odd.items.map((b) => b.name).sort()).toEqual(['node-1', 'node-3', 'node-5']);
    expect((await core.services.bmcs.list(caller('viewer'), { nameContains: 'NODE-4' })).items.map((b) => b.name)).toEqual(['node-4']);
    const names: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof core.services.bmcs.list>> = await core.services.bmcs.list(caller('viewer'), {}, { limit: 2, cursor });
      names.push(...page.items.map((b) => b.name));
      cursor = page.nextCursor;
    } while (cursor);
    expect(names.sort()).toEqual(['node-1', 'node-2', 'node-3', 'node-4', 'node-5']);
  });

  it('updates with validation and removes together with the credentials', async () => {
    const { core, ids } = await registered(1);
    const id = ids[0] as string;
    const updated = await core.services.bmcs.update(admin, id, { name: 'renamed', port: 6230 });
    expect(updated).toMatchObject({ name: 'renamed', port: 6230, address: '10.0.0.1' });
    await expect(core.services.bmcs.update(admin, id, { port: 0 })).rejects.toMatchObject({ field: 'port' });
    await core.services.bmcs.remove(admin, id);
    await expect(core.services.bmcs.get(admin, id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await core.credentials.get('acme', id)).toBeUndefined();
  });
});

describe('credential rotation (change, verify, commit)', () => {
  it('changes the password on the BMC, verifies, commits and keeps the last known good', async () => {
    const { core, ids } = await registered(1);
    const id = ids[0] as string;
    const bmc = await core.services.bmcs.rotateCredentials(admin, id, { mode: 'set-on-bmc', credentials: { username: 'admin', password: 'new-pw' } });
    expect(bmc.credentialState).toBe('ok');
    expect(core.gateway.bmcs.get('10.0.0.1:623')?.password).toBe('new-pw');
    expect((await core.credentials.get('acme', id, 'current'))?.reveal().password).toBe('new-pw');
    expect((await core.credentials.get('acme', id, 'previous'))?.reveal().password).toBe('pw-1');
    await expect(core.services.actions.powerStatus(caller('viewer'), id)).resolves.toBe('off');
    const events = core.auditLog.events.filter((e) => e.action === 'bmc.credentials.rotate').map((e) => e.outcome);
    expect(events).toEqual(['started', 'succeeded']);
    expect(JSON.stringify(core.auditLog.events)).not.toContain('new-pw');
  });

  it('does not commit credentials that do not verify, and stays on the old ones', async () => {
    const { core, ids } = await registered(1);
    const id = ids[0] as string;
    await expect(
      core.services.bmcs.rotateCredentials(admin, id, { mode: 'already-changed', credentials: { username: 'admin', password: 'wrong' } }),
    ).rejects.toMatchObject({ code: 'BMC_AUTH_FAILED' });
    expect((await core.credentials.get('acme', id, 'current'))?.reveal().password).toBe('pw-1');
    expect(await core.credentials.get('acme', id, 'pending')).toBeUndefined();
    expect((await core.bmcs.get('acme', id))?.credentialState).toBe('ok');
    expect(core.auditLog.events.filter((e) => e.action === 'bmc.credentials.rotate').map((e) => e.outcome)).toEqual(['started', 'failed']);
  });

  it('changes the password back when the new one is set but cannot be verified', async () => {
    const { core, ids } = await registered(1);
    const id = ids[0] as string;
    const gw = core.gateway;
    const realVerify = gw.verifyCredentials.bind(gw);
    gw.verifyCredentials = async () => {
      throw new DomainError('TIMEOUT', 'no answer');
    };
    await expect(core.services.bmcs.rotateCredentials(admin, id, { mode: 'set-on-bmc', credentials: { username: 'admin', password: 'new-pw' } })).rejects.toMatchObject({ code: 'TIMEOUT' });
    gw.verifyCredentials = realVerify;
    expect(gw.bmcs.get('10.0.0.1:623')?.password).toBe('pw-1');
    await expect(core.services.actions.powerStatus(caller('viewer'), id)).resolves.toBe('off');
  });

  it('pauses actions while a rotation is in progress', async () => {
    const { core, ids } = await registered(1);
    const id = ids[0] as string;
    const before = await core.bmcs.get('acme', id);
    if (!before) throw new Error('missing');
    await core.bmcs.update({ ...before, credentialState: 'rotating', updatedAt: new Date().toISOString() }, before.updatedAt);
    await expect(core.services.actions.power(caller('operator'), id, 'on')).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(core.gateway.calls).toEqual([]);
  });
});

describe('ActionService', () => {
  it('retries once with fresh credentials after an authentication failure', async () => {
    const { core, ids } = await registered(1);
    const id = ids[0] as string;
    // Another instance rotated the password: the cached credentials are stale.
    const stale = await core.credentials.get('acme', id);
    core.gateway.bmcs.get('10.0.0.1:623')!.password = 'rotated';
    await core.credentials.put('acme', id, new BmcCredentials('admin', 'rotated'));
    let first = true;
    const realGet = core.credentials.get.bind(core.credentials);
    core.credentials.get = async (t, b, stage, options) => {
      if (first && !options?.fresh) {
        first = false;
        return stale;
      }
      return realGet(t, b, stage, options);
    };
    await expect(core.services.actions.powerStatus(caller('viewer'), id)).resolves.toBe('off');
    expect(core.gateway.calls).toEqual(['powerStatus 10.0.0.1:623', 'powerStatus 10.0.0.1:623']);
  });

  it('derives health from sensors and marks unreachable BMCs', async () => {
    const { core, ids } = await registered(2);
    const [a, b] = ids as [string, string];
    const hot: SensorReading = { name: 'CPU Temp', number: 1, type: 'Temperature', reading: 95, unit: 'degrees C', status: 'cr', states: [], thresholds: { ucr: 90 } };
    core.gateway.bmcs.get('10.0.0.1:623')!.sensors = [hot];
    await core.services.actions.sensors(caller('viewer'), a);
    expect((await core.bmcs.get('acme', a))?.health).toBe('critical');
    core.gateway.bmcs.delete('10.0.0.2:623');
    await expect(core.services.actions.deviceInfo(caller('viewer'), b)).rejects.toMatchObject({ code: 'BMC_UNREACHABLE' });
    expect((await core.services.bmcs.list(caller('viewer'), { health: 'unreachable' })).items.map((x) => x.id)).toEqual([b]);
  });

  it('validates action arguments before anything is recorded or sent', async () => {
    const { core, ids } = await registered(1);
    const id = ids[0] as string;
    const op = caller('operator');
    const before = core.auditLog.events.length;
    await expect(core.services.actions.power(op, id, 'explode' as 'on')).rejects.toMatchObject({ field: 'action' });
    await expect(core.services.actions.identify(op, id, { seconds: 256 })).rejects.toMatchObject({ field: 'seconds' });
    await expect(core.services.actions.identify(op, id, { seconds: 5, off: true } as never)).rejects.toMatchObject({ field: 'identify' });
    await expect(core.services.actions.setBootDevice(op, id, { device: 'floppy' as 'pxe', persistent: false, efi: false })).rejects.toMatchObject({ field: 'device' });
    await expect(core.services.actions.solCapture(op, id, 0)).rejects.toMatchObject({ field: 'seconds' });
    expect(core.auditLog.events.length).toBe(before);
    expect(core.gateway.calls).toEqual([]);
  });
});

describe('FleetService', () => {
  it('returns one result per BMC; unreachable and unknown BMCs are data', async () => {
    const { core, ids } = await registered(4);
    core.gateway.bmcs.delete('10.0.0.3:623');
    const results = await core.services.fleet.run(caller('operator'), { ids: [...ids, 'missing-id'] }, { kind: 'power', action: 'on' }, { concurrency: 2 });
    expect(results.map((r) => [r.bmcId, r.ok])).toEqual([...ids.map((id, i) => [id, i !== 2]), ['missing-id', false]]);
    expect(results[2]).toMatchObject({ ok: false, error: { code: 'BMC_UNREACHABLE' } });
    expect(results[4]).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(results[0]).toMatchObject({ ok: true, value: { power: 'on', confirmed: true } });
  });

  it('selects by tags and respects the concurrency bound', async () => {
    const { core } = await registered(6);
    let inFlight = 0;
    let peak = 0;
    const real = core.gateway.powerStatus.bind(core.gateway);
    core.gateway.powerStatus = async (...args) => {
      peak = Math.max(peak, ++inFlight);
      await new Promise((r) => setImmediate(r));
      inFlight--;
      return real(...args);
    };
    const results = await core.services.fleet.run(caller('viewer'), { tags: ['odd'] }, { kind: 'powerStatus' }, { concurrency: 2 });
    expect(results.map((r) => r.name).sort()).toEqual(['node-1', 'node-3', 'node-5']);
    expect(peak).toBe(2);
  });

  it('refuses the whole request, once, for a role without the permission', async () => {
    const { core, ids } = await registered(3);
    await expect(core.services.fleet.run(caller('viewer'), { ids }, { kind: 'power', action: 'off' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(core.auditLog.events.filter((e) => e.outcome === 'denied')).toHaveLength(1);
  });
});

describe('BmcCredentials', () => {
  it('never prints its password', () => {
    const c = new BmcCredentials('admin', 's3cret-pw');
    for (const text of [JSON.stringify(c), String(c), inspect(c), inspect({ nested: c }), `${c}`]) expect(text).not.toContain('s3cret-pw');
    expect(c.reveal().password).toBe('s3cret-pw');
  });
});
