import { describe, expect, it } from 'vitest';
import { can, denialFor, PERMISSIONS, type Permission } from '../../lambdas/core/authorization.ts';
import { ROLES, type Role } from '../../lambdas/core/types.ts';
import { DomainError } from '../../lambdas/core/errors.ts';
import { createMemoryCore } from '../../lambdas/adapters/memory/index.ts';
import { caller } from '../support/caller.ts';

// The role matrix of docs/architecture.md section 3, written out by hand so that a change to the matrix must change this table.
const EXPECTED: Record<Role, readonly Permission[]> = {
  viewer: ['bmc:read'],
  operator: ['bmc:read', 'bmc:power', 'bmc:boot', 'bmc:identify', 'bmc:sol'],
  admin: ['bmc:read', 'bmc:power', 'bmc:boot', 'bmc:identify', 'bmc:sol', 'bmc:sel-clear', 'bmc:configure', 'bmc:raw', 'bmc:manage', 'bmc:credentials', 'apikey:manage', 'audit:read', 'tenant:settings'],
  auditor: ['audit:read'],
};

describe('role matrix', () => {
  for (const role of ROLES) {
    for (const permission of PERMISSIONS) {
      const allowed = EXPECTED[role].includes(permission);
      it(`${role} ${allowed ? 'may' : 'may not'} ${permission}`, () => {
        expect(can(role, permission)).toBe(allowed);
      });
    }
  }

  it('answers another tenant with NOT_FOUND, not FORBIDDEN', () => {
    const d = denialFor({ tenantId: 'a', role: 'admin', actor: 'x' }, 'bmc:read', 'b');
    expect(d?.code).toBe('NOT_FOUND');
  });
});

describe('authorization in the services', () => {
  async function fleetWithOneBmc() {
    const core = createMemoryCore();
    core.gateway.add('10.0.0.1', 623, 'admin', 'pw-1');
    const bmc = await core.services.bmcs.register(caller('admin', 'acme'), {
      name: 'node-1',
      address: '10.0.0.1',
      credentials: { username: 'admin', password: 'pw-1' },
    });
    return { core, bmc };
  }

  it('refuses a viewer power action with FORBIDDEN, records the denial and sends nothing', async () => {
    const { core, bmc } = await fleetWithOneBmc();
    await expect(core.services.actions.power(caller('viewer', 'acme'), bmc.id, 'on')).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(core.gateway.calls).toEqual([]);
    const denied = core.auditLog.events.filter((e) => e.outcome === 'denied');
    expect(denied).toHaveLength(1);
    expect(denied[0]).toMatchObject({ action: 'bmc.power.set', target: `bmc:${bmc.id}`, role: 'viewer', errorCode: 'FORBIDDEN' });
  });

  it('lets an operator power on but not clear the SEL', async () => {
    const { core, bmc } = await fleetWithOneBmc();
    await expect(core.services.actions.power(caller('operator', 'acme'), bmc.id, 'on')).resolves.toMatchObject({ power: 'on' });
    await expect(core.services.actions.selClear(caller('operator', 'acme'), bmc.id)).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('keeps auditors out of BMC reads and viewers out of the audit log', async () => {
    const { core, bmc } = await fleetWithOneBmc();
    await expect(core.services.actions.sensors(caller('auditor', 'acme'), bmc.id)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(core.services.audit.query(caller('viewer', 'acme'), {})).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(core.services.audit.query(caller('auditor', 'acme'), {})).resolves.toHaveProperty('items');
  });

  it("hides another tenant's BMC as NOT_FOUND, for reads and actions alike", async () => {
    const { core, bmc } = await fleetWithOneBmc();
    const intruder = caller('admin', 'globex');
    await expect(core.services.bmcs.get(intruder, bmc.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(core.services.actions.power(intruder, bmc.id, 'off')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(core.services.bmcs.remove(intruder, bmc.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await core.services.bmcs.list(intruder)).items).toEqual([]);
    expect(core.gateway.calls).toEqual([]);
    // Nothing of the intruder's lands in the victim's audit log.
    expect(core.auditLog.events.filter((e) => e.tenantId === 'acme' && e.actor.includes('globex'))).toEqual([]);
  });

  it('rejects a malformed BMC id before authorization or lookup', async () => {
    const { core } = await fleetWithOneBmc();
    const err = await core.services.actions.powerStatus(caller('viewer', 'acme'), '../../etc').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DomainError);
    expect(err).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
  });
});
