/**
 * Coalesced reads in the core: one round trip for identical reads in flight, answers within the
 * age a caller accepts, actions forgetting what was cached, and tenants that never share.
 */
import { describe, expect, it } from 'vitest';
import { createMemoryCore, FakeBmcGateway } from '../../lambdas/adapters/memory/index.ts';
import type { BmcEndpoint } from '../../lambdas/core/ports.ts';
import type { BmcCredentials } from '../../lambdas/core/credentials.ts';
import type { PowerState } from '../../lambdas/core/bmc-data.ts';
import type { Caller, Role } from '../../lambdas/core/types.ts';
import { BmcCredentials as Credentials } from '../../lambdas/core/credentials.ts';
import { createServices } from '../../lambdas/core/index.ts';
import { caller as testCaller } from '../support/caller.ts';

const caller = (role: Role, tenantId = 'acme', actor = `user:${role}`): Caller => testCaller(role, tenantId, actor, `req-${role}`);

/** Power reads that read the state, then wait for the test to let the answer go. */
class GatedGateway extends FakeBmcGateway {
  private release: (() => void) | undefined;
  private gate: Promise<void> | undefined;

  hold(): void {
    this.gate = new Promise((r) => (this.release = r));
  }
  letGo(): void {
    this.release?.();
    this.gate = undefined;
  }
  override async powerStatus(e: BmcEndpoint, c: BmcCredentials): Promise<PowerState> {
    const state = await super.powerStatus(e, c);
    if (this.gate) await this.gate;
    return state;
  }
}

function clock(start = Date.parse('2025-06-01T10:00:00Z')) {
  let t = start;
  return { now: () => new Date(t), advance: (ms: number) => (t += ms) };
}

async function world() {
  const time = clock();
  const base = createMemoryCore();
  const gateway = new GatedGateway();
  const core = { ...base, gateway, services: createServices({ ...base, gateway, clock: time }) };
  gateway.add('10.0.0.1', 623, 'admin', 'pw', { power: 'on' });
  const bmc = await core.services.bmcs.register(caller('admin'), { name: 'node-1', address: '10.0.0.1', credentials: { username: 'admin', password: 'pw' } });
  const reads = () => gateway.calls.filter((c) => c.startsWith('powerStatus')).length;
  return { core, gateway, time, bmc, reads };
}

describe('single flight', () => {
  it('answers 50 concurrent identical reads with one round trip', async () => {
    const { core, gateway, bmc, reads } = await world();
    gateway.hold();
    const pending = Array.from({ length: 50 }, (_, i) => core.services.actions.readPower(caller('viewer', 'acme', `apikey:k${i}`), bmc.id, { maxAge: 0 }));
    await new Promise((r) => setTimeout(r, 10));
    gateway.letGo();
    const answers = await Promise.all(pending);
    expect(reads()).toBe(1);
    expect(new Set(answers.map((a) => a.value))).toEqual(new Set(['on']));
    expect(new Set(answers.map((a) => a.readAt.toISOString())).size).toBe(1);
  });

  it('lets a caller whose signal fires stop waiting, while the others get the answer', async () => {
    const { core, gateway, bmc } = await world();
    gateway.hold();
    const abort = new AbortController();
    const impatient = core.services.actions.readPower(caller('viewer'), bmc.id, { maxAge: 0, signal: abort.signal });
    const patient = core.services.actions.readPower(caller('viewer'), bmc.id, { maxAge: 0 });
    abort.abort();
    await expect(impatient).rejects.toMatchObject({ code: 'TIMEOUT' });
    gateway.letGo();
    await expect(patient).resolves.toMatchObject({ value: 'on' });
  });
});

describe('read cache', () => {
  it('answers within the age the caller accepts, and says when the answer was read', async () => {
    const { core, time, bmc, reads } = await world();
    const first = await core.services.actions.readPower(caller('viewer'), bmc.id);
    time.advance(500);
    const cached = await core.services.actions.readPower(caller('viewer'), bmc.id);
    expect(reads()).toBe(1);
    expect(cached.readAt).toEqual(first.readAt);

    // Older than the default second: asked again.
    time.advance(600);
    const again = await core.services.actions.readPower(caller('viewer'), bmc.id);
    expect(reads()).toBe(2);
    expect(again.readAt.getTime()).toBe(first.readAt.getTime() + 1100);

    // maxAge 0 always asks; a generous maxAge takes what is there.
    await core.services.actions.readPower(caller('viewer'), bmc.id, { maxAge: 0 });
    expect(reads()).toBe(3);
    time.advance(30_000);
    await core.services.actions.readPower(caller('viewer'), bmc.id, { maxAge: 60 });
    expect(reads()).toBe(3);
  });

  it('refuses a maxAge outside 0-300 s before reading anything', async () => {
    const { core, bmc, reads } = await world();
    for (const maxAge of [-1, 301, Number.NaN, Number.POSITIVE_INFINITY]) {
      await expect(core.services.actions.readPower(caller('viewer'), bmc.id, { maxAge })).rejects.toMatchObject({ code: 'BAD_USER_INPUT', field: 'maxAge' });
    }
    expect(reads()).toBe(0);
  });

  it('never answers a read after an action with the state from before it, even one in flight during the action', async () => {
    const { core, gateway, bmc } = await world();
    expect((await core.services.actions.readPower(caller('viewer'), bmc.id, { maxAge: 300 })).value).toBe('on');

    // A read that saw `on` is still on its way back when the action runs.
    gateway.hold();
    const inFlight = core.services.actions.readPower(caller('viewer'), bmc.id, { maxAge: 0 });
    await new Promise((r) => setTimeout(r, 5));
    gateway.letGo();
    gateway.hold();
    const result = await core.services.actions.power(caller('operator'), bmc.id, 'off');
    expect(result.power).toBe('off');
    const after = core.services.actions.readPower(caller('viewer'), bmc.id, { maxAge: 300 });
    gateway.letGo();
    expect((await inFlight).value).toBe('on');
    expect((await after).value).toBe('off');
    expect((await core.services.actions.readPower(caller('viewer'), bmc.id, { maxAge: 300 })).value).toBe('off');
  });

  it('checks role and tenant for every request before serving a cached answer', async () => {
    const { core, bmc, reads } = await world();
    await core.services.actions.readPower(caller('viewer'), bmc.id, { maxAge: 300 });
    await expect(core.services.actions.readPower(caller('auditor'), bmc.id, { maxAge: 300 })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(core.services.actions.readPower(caller('viewer', 'other'), bmc.id, { maxAge: 300 })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(reads()).toBe(1);
    const denied = core.auditLog.events.filter((e) => e.outcome === 'denied').map((e) => [e.tenantId, e.errorCode]);
    expect(denied).toEqual([
      ['acme', 'FORBIDDEN'],
      ['other', 'NOT_FOUND'],
    ]);
  });
});

describe('tenant isolation of the cache', () => {
  it('never serves one tenant the answer read for another, for the same BMC address', async () => {
    const { core, bmc, reads } = await world();
    const other = await core.services.bmcs.register(caller('admin', 'globex'), { name: 'node-1', address: '10.0.0.1', credentials: { username: 'admin', password: 'pw' } });
    await core.services.actions.readPower(caller('viewer'), bmc.id, { maxAge: 300 });
    await core.services.actions.readPower(caller('viewer', 'globex'), other.id, { maxAge: 300 });
    expect(reads()).toBe(2);

    // Tenant globex's credentials stop working: its reads fail, whatever acme has cached.
    await core.credentials.put('globex', other.id, new Credentials('admin', 'wrong'));
    await expect(core.services.actions.readPower(caller('viewer', 'globex'), other.id, { maxAge: 0 })).rejects.toMatchObject({ code: 'BMC_AUTH_FAILED' });
    await expect(core.services.actions.readPower(caller('viewer'), bmc.id, { maxAge: 300 })).resolves.toMatchObject({ value: 'on' });
  });
});

describe('registration changes', () => {
  it('forget what was read from a BMC whose registration changed here', async () => {
    const { core, gateway, bmc, reads } = await world();
    gateway.add('10.0.0.9', 623, 'admin', 'pw', { power: 'off' });
    expect((await core.services.actions.readPower(caller('viewer'), bmc.id, { maxAge: 300 })).value).toBe('on');
    await core.services.bmcs.update(caller('admin'), bmc.id, { address: '10.0.0.9' });
    expect((await core.services.actions.readPower(caller('viewer'), bmc.id, { maxAge: 300 })).value).toBe('off');
    expect(reads()).toBe(2);
  });
});
