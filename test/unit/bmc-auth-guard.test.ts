/**
 * The password-oracle guard over the core's real services: a guessing loop against one BMC is
 * cut off after the limit (nothing more reaches the BMC), every attempt and refusal is audited,
 * re-registering the address does not reset the count, and another tenant using the same BMC
 * is not locked out by the first tenant's failures.
 */
import { describe, expect, it } from 'vitest';
import { createMemoryCore } from '../../lambdas/adapters/memory/index.ts';
import { BmcCredentials, MemoryWindowCounter, type BmcGateway } from '../../lambdas/core/index.ts';
import { caller } from '../support/caller.ts';

describe('failed BMC logins', () => {
  it('lock the tenant out of the BMC after the limit, audited, without another tenant paying for it', async () => {
    const core = createMemoryCore({ bmcAuth: { counter: new MemoryWindowCounter(), limits: { perBmc: 3, perTenant: 100 } } });
    core.gateway.add('10.9.0.1', 623, 'admin', 'the-real-one');
    const guesser = caller('admin', 'mallory');
    const owner = caller('admin', 'acme');
    const guessed = async (password: string) => (await core.services.bmcs.register(guesser, { name: `guess-${password}`, address: '10.9.0.1', credentials: { username: 'admin', password } })).id;
    const ownerBmc = (await core.services.bmcs.register(owner, { name: 'mine', address: '10.9.0.1', credentials: { username: 'admin', password: 'the-real-one' } })).id;

    const codes: string[] = [];
    for (const password of ['a1', 'b2', 'c3', 'd4', 'e5']) {
      // Each guess under a new registration: the count is per address, not per BMC id.
      const id = await guessed(password);
      codes.push(await core.services.actions.powerStatus(guesser, id).then(() => 'ok', (e: { code: string }) => e.code));
    }
    expect(codes).toEqual(['BMC_AUTH_FAILED', 'BMC_AUTH_FAILED', 'BMC_AUTH_FAILED', 'BMC_AUTH_LOCKED', 'BMC_AUTH_LOCKED']);
    // The locked attempts sent nothing.
    expect(core.gateway.calls.filter((c) => c.endsWith('10.9.0.1:623'))).toHaveLength(3);
    const locked = await core.services.actions.powerStatus(guesser, await guessed('the-real-one')).catch((e: unknown) => e);
    expect(locked).toMatchObject({ code: 'BMC_AUTH_LOCKED', retryable: true });
    expect((locked as { retryAfterSeconds: number }).retryAfterSeconds).toBeGreaterThan(0);

    const audited = core.auditLog.events.filter((e) => e.tenantId === 'mallory' && e.outcome === 'failed');
    expect(audited.map((e) => [e.outcome, e.errorCode])).toEqual([
      ...Array(3).fill(['failed', 'BMC_AUTH_FAILED']),
      ...Array(3).fill(['failed', 'BMC_AUTH_LOCKED']),
    ]);
    // The owner's own logins to the same BMC go on.
    await expect(core.services.actions.powerStatus(owner, ownerBmc)).resolves.toBe('off');
  });

  it('lock the tenant out of every BMC past its tenant-wide limit', async () => {
    const core = createMemoryCore({ bmcAuth: { counter: new MemoryWindowCounter(), limits: { perBmc: 10, perTenant: 2 } } });
    const sprayer = caller('admin', 'mallory');
    const ids: string[] = [];
    for (let i = 1; i <= 3; i++) {
      core.gateway.add(`10.9.1.${i}`, 623, 'admin', 'secret');
      ids.push((await core.services.bmcs.register(sprayer, { name: `b${i}`, address: `10.9.1.${i}`, credentials: { username: 'admin', password: 'guess' } })).id);
    }
    const codes = [];
    for (const id of ids) codes.push(await core.services.actions.powerStatus(sprayer, id).then(() => 'ok', (e: { code: string }) => e.code));
    expect(codes).toEqual(['BMC_AUTH_FAILED', 'BMC_AUTH_FAILED', 'BMC_AUTH_LOCKED']);
  });
});

describe('the guarded gateway', () => {
  it('keeps an optional method the gateway has (incremental SEL reads) and lacks one it lacks', async () => {
    const { BmcAuthGuard, guardedGateway } = await import('../../lambdas/core/bmc-auth-guard.ts');
    const guard = new BmcAuthGuard(new MemoryWindowCounter());
    const plain: BmcGateway = createMemoryCore().gateway;
    expect(guardedGateway(plain, guard).selListAfter).toBeUndefined();
    const incremental: BmcGateway = Object.assign(Object.create(plain) as BmcGateway, { selListAfter: async () => [] });
    const endpoint = { tenantId: 'tenant-g', address: '10.0.0.1', port: 623, cipherSuite: 'auto', privilege: 'operator' } as const;
    expect(await guardedGateway(incremental, guard).selListAfter?.(endpoint, new BmcCredentials('u', 'p'), { id: 1, raw: '' })).toEqual([]);
  });
});
