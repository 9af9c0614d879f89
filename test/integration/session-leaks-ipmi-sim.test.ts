/**
 * No session of ours stays at OpenIPMI's ipmi_sim, by its own account (`ipmitool session
 * info`): after an abort while RAKP 3 is in flight (a proxy drops exactly the RAKP 4), and
 * after 1,000 operations ended at random by aborts, deadlines and thrown errors.
 */
import { afterEach, expect, it } from 'vitest';
import { AbortedError, openSession, powerStatus, type SessionOptions } from '../../lambdas/ipmi/index.ts';
import { forgetBmcHints } from '../../lambdas/ipmi/session/bmc-hints.ts';
import { sessionsHeldBesidesIpmitool } from '../support/ipmi-sim-sessions.ts';
import { runMixed } from '../support/mixed-operations.ts';
import { isRakp4, startUdpProxy } from '../support/udp-proxy.ts';
import { useIpmiSim } from '../support/use-ipmi-sim.ts';

const bmc = useIpmiSim();
afterEach(() => forgetBmcHints());

const options = (o: Partial<SessionOptions> = {}): SessionOptions => {
  const { host, port, username, password } = bmc();
  // ipmi_sim offers suites up to 3.
  return { host, port, username, password, cipherSuite: 3, timeoutMs: 300, retries: 2, ...o };
};

it('an abort while RAKP 3 is in flight closes the session ipmi_sim activated', async () => {
  expect(await sessionsHeldBesidesIpmitool(bmc())).toBe(0);
  const controller = new AbortController();
  // ipmi_sim answers RAKP 3 (it has activated the session); the proxy drops that RAKP 4 and
  // the caller gives up at that very moment.
  const proxy = await startUdpProxy(bmc(), { dropToClient: isRakp4, onDrop: () => controller.abort() });
  try {
    const err = await openSession(options({ host: proxy.host, port: proxy.port, signal: controller.signal })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AbortedError);
    expect(proxy.dropped).toBe(1);
    expect((err as AbortedError).sessionLeftOpen).toBeUndefined();
  } finally {
    await proxy.close();
  }
  expect(await sessionsHeldBesidesIpmitool(bmc())).toBe(0);
});

it('1,000 operations ended by random aborts, deadlines and thrown errors leave no session behind', async () => {
  const tally = await runMixed(1_000, 4, () => options({ privilege: 'user' }), (s) => powerStatus(s), { seed: 7, withinMs: 12 });
  // Every way of ending happened, and nothing ended in an unexpected error.
  expect(tally.other).toBe(0);
  for (const ending of ['ok', 'thrown', 'aborted', 'timeout'] as const) expect(tally[ending]).toBeGreaterThan(50);
  expect(await sessionsHeldBesidesIpmitool(bmc())).toBe(0);
  // ipmi_sim still takes new sessions, ipmitool's included.
  const s = await openSession(options());
  expect(await powerStatus(s)).toMatch(/^(on|off)$/);
  await s.close();
  expect(s.closeConfirmed).toBe(true);
}, 120_000);

it('a lost RAKP 4 and a retransmitted RAKP 3: the session ipmi_sim activated is closed and the handshake starts again', async () => {
  let rakp4s = 0;
  // ipmi_sim activates the session on the first RAKP 3 and answers a retransmitted one with
  // status FEh: without care the caller got an error and ipmi_sim kept an active session.
  const proxy = await startUdpProxy(bmc(), { dropToClient: (d) => isRakp4(d) && ++rakp4s === 1 });
  try {
    const s = await openSession(options({ host: proxy.host, port: proxy.port, timeoutMs: 300, retries: 3 }));
    expect(await powerStatus(s)).toMatch(/^(on|off)$/);
    await s.close();
    expect(s.closeConfirmed).toBe(true);
    // The lost one, the refusal of the retransmission, and the new handshake's.
    expect(rakp4s).toBe(3);
  } finally {
    await proxy.close();
  }
  expect(await sessionsHeldBesidesIpmitool(bmc())).toBe(0);
});
