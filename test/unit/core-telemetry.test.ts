/**
 * The Telemetry port: one `bmcUnreachable` per BMC operation that ends in BMC_UNREACHABLE,
 * single or fleet, and nothing for any other outcome. Without a port the core reports nothing.
 */
import { describe, expect, it } from 'vitest';
import { createMemoryCore } from '../../lambdas/adapters/memory/index.ts';
import { DomainError } from '../../lambdas/core/errors.ts';
import { createServices, noTelemetry, type Telemetry } from '../../lambdas/core/index.ts';
import { caller } from '../support/caller.ts';

function counting(): Telemetry & { unreachable: number } {
  const t = {
    unreachable: 0,
    bmcUnreachable: () => {
      t.unreachable++;
    },
  };
  return t;
}

/** Three BMCs: 10.0.0.1 answers, nothing is at 10.0.0.2 or 10.0.0.3. */
async function fleet(telemetry: Telemetry) {
  const core = createMemoryCore({ telemetry });
  core.gateway.add('10.0.0.1', 623, 'admin', 'pw');
  const ids: string[] = [];
  for (const address of ['10.0.0.1', '10.0.0.2', '10.0.0.3']) {
    ids.push((await core.services.bmcs.register(caller('admin'), { name: address, address, tags: ['rack'], credentials: { username: 'admin', password: 'pw' } })).id);
  }
  return { core, ids: ids as [string, string, string] };
}

describe('telemetry of unreachable BMCs', () => {
  it('counts one per single operation that ends in BMC_UNREACHABLE', async () => {
    const t = counting();
    const { core, ids } = await fleet(t);
    await expect(core.services.actions.powerStatus(caller('viewer'), ids[1])).rejects.toMatchObject({ code: 'BMC_UNREACHABLE' });
    expect(t.unreachable).toBe(1);
    await expect(core.services.actions.power(caller('operator'), ids[2], 'on')).rejects.toMatchObject({ code: 'BMC_UNREACHABLE' });
    expect(t.unreachable).toBe(2);
  });

  it('counts each unreachable BMC of a fleet request once', async () => {
    const t = counting();
    const { core } = await fleet(t);
    const results = await core.services.fleet.run(caller('viewer'), { tags: ['rack'] }, { kind: 'powerStatus' });
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok).map((r) => !r.ok && r.error.code)).toEqual(['BMC_UNREACHABLE', 'BMC_UNREACHABLE']);
    expect(t.unreachable).toBe(2);
  });

  it('counts a credential rotation that cannot reach its BMC', async () => {
    const t = counting();
    const { core, ids } = await fleet(t);
    await expect(core.services.bmcs.rotateCredentials(caller('admin'), ids[1], { mode: 'already-changed', credentials: { username: 'admin', password: 'new' } })).rejects.toMatchObject({
      code: 'BMC_UNREACHABLE',
    });
    expect(t.unreachable).toBe(1);
  });

  it('does not count successes, other failures, refusals or missing BMCs', async () => {
    const t = counting();
    const { core, ids } = await fleet(t);
    await core.services.actions.powerStatus(caller('viewer'), ids[0]);
    const state = core.gateway.bmcs.get('10.0.0.1:623');
    for (const failure of [new DomainError('TIMEOUT', 'stopped answering'), new DomainError('BMC_AUTH_FAILED', 'wrong password'), new DomainError('BMC_COMMAND_FAILED', 'busy', { completionCode: 0xc0 })]) {
      if (state) state.failure = failure;
      await expect(core.services.actions.readPower(caller('viewer'), ids[0], { maxAge: 0 })).rejects.toMatchObject({ code: failure.code });
    }
    await expect(core.services.actions.power(caller('viewer'), ids[1], 'on')).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(core.services.actions.powerStatus(caller('viewer'), 'no-such-bmc')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(t.unreachable).toBe(0);
  });

  it('reports nothing, and needs nothing, when no telemetry is given', async () => {
    const { core, ids } = await fleet(noTelemetry);
    const bare = createServices({ bmcs: core.bmcs, apiKeys: core.apiKeys, auditLog: core.auditLog, accessLog: core.accessLog, tenantSettings: core.tenantSettings, credentials: core.credentials, gateway: core.gateway });
    await expect(bare.actions.powerStatus(caller('viewer'), ids[1])).rejects.toMatchObject({ code: 'BMC_UNREACHABLE' });
  });
});
