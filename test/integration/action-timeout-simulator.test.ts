/**
 * A synchronous action that runs out of time after its command may have reached the BMC is on
 * record as `unknown`, never `failed`: a simulated BMC over real RMCP+ takes the command, and the
 * caller's budget ends while the gateway is still waiting for the power state to confirm it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IpmiGateway } from '../../lambdas/adapters/ipmi/gateway.ts';
import { createMemoryCore, type MemoryCore } from '../../lambdas/adapters/memory/index.ts';
import { createServices, type CoreServices } from '../../lambdas/core/index.ts';
import type { Caller } from '../../lambdas/core/types.ts';
import { startFleet, type CommandJournal, type Fleet } from '../../lambdas/simulator/index.ts';

// Chassis Control is NetFn 00h command 02h (IPMI v2.0 section 28.3).
const chassisControls = (journal: CommandJournal) => journal.of(0x00, 0x02).length;

const PASSWORD = 'timeout-pw';
const admin: Caller = { principal: { tenantId: 't-timeout', role: 'admin', actor: 'test' }, requestId: 'setup', source: 'test' };
const operator = (requestId: string): Caller => ({ principal: { tenantId: 't-timeout', role: 'operator', actor: 'apikey:op' }, requestId, source: 'test' });

let fleet: Fleet;
let gateway: IpmiGateway;
let memory: MemoryCore;
let services: CoreServices;
const ids: string[] = [];

beforeAll(async () => {
  // Power on takes the BMC 5 s, and the gateway re-reads the state for longer than the caller waits.
  fleet = await startFleet({ count: 2, password: PASSWORD, seed: 31, poweredOn: false, timing: { powerOnMs: 5_000, powerOffMs: 20 } });
  gateway = new IpmiGateway({ minActionIntervalMs: 0, timeoutMs: 1000, retries: 2, powerVerifyDelaysMs: [2_000, 2_000, 2_000] });
  memory = createMemoryCore();
  services = createServices({ ...memory, gateway });
  for (let i = 0; i < 2; i++) {
    const { host, port } = fleet.bmc(i);
    ids.push((await services.bmcs.register(admin, { name: `n${i}`, address: host, port, credentials: { username: 'admin', password: PASSWORD } })).id);
  }
}, 60_000);

afterAll(async () => {
  await gateway?.close();
  await fleet?.stop();
});

const outcomes = (requestId: string) => memory.auditLog.events.filter((e) => e.requestId === requestId).map((e) => ({ outcome: e.outcome, errorCode: e.errorCode, parameters: e.parameters }));

describe('a synchronous action that times out', () => {
  it('power on whose command reached the BMC: TIMEOUT to the caller, `unknown` on record with the power state re-read', async () => {
    const journal = fleet.bmc(0).recordCommands();
    await expect(services.actions.power(operator('req-on'), ids[0] as string, 'on', AbortSignal.timeout(1_500))).rejects.toMatchObject({ code: 'TIMEOUT' });
    expect(chassisControls(journal)).toBe(1);
    const events = outcomes('req-on');
    expect(events.map((e) => e.outcome)).toEqual(['started', 'unknown']);
    expect(events[1]).toMatchObject({ errorCode: 'TIMEOUT', parameters: { action: 'on', power: expect.stringMatching(/^(on|off)$/) } });
  });

  it('a BMC that answers nothing is a failure before any command: `failed`, as before', async () => {
    const journal = fleet.bmc(1).recordCommands();
    fleet.bmc(1).inject({ unresponsive: true });
    try {
      await expect(services.actions.power(operator('req-dead'), ids[1] as string, 'on', AbortSignal.timeout(10_000))).rejects.toMatchObject({ code: expect.stringMatching(/^(BMC_UNREACHABLE|TIMEOUT)$/) });
    } finally {
      fleet.bmc(1).heal();
    }
    expect(chassisControls(journal)).toBe(0);
    expect(outcomes('req-dead').map((e) => e.outcome)).toEqual(['started', 'failed']);
  });
});
