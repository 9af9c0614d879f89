import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InsufficientPrivilegeError, openSession, SolBusyError, SolConsole, solCapture, withSession, type SessionOptions } from '../../lambdas/ipmi/index.ts';
import { startFleet, type Fleet } from '../../lambdas/simulator/index.ts';

/** The library's SOL console (IPMI v2.0 sections 15 and 24) against the simulator. */
describe('Serial over LAN (simulator)', () => {
  let fleet: Fleet;
  const opts = (i: number, o: Partial<SessionOptions> = {}): SessionOptions => ({
    host: fleet.bmc(i).host,
    port: fleet.bmc(i).port,
    username: 'admin',
    password: 'sol-pw-1',
    timeoutMs: 500,
    ...o,
  });

  beforeAll(async () => {
    fleet = await startFleet({ count: 2, password: 'sol-pw-1', seed: 9, timing: { powerOnMs: 40, powerOffMs: 20, cycleOffMs: 30, bootLogLineMs: 2, solRetryMs: 100 } });
  });
  afterAll(async () => {
    await fleet?.stop();
  });

  it('captures the boot log printed after a reset, in order, with our input echoed', async () => {
    await withSession(opts(0), async (s) => {
      const sol = await SolConsole.activate(s);
      let text = '';
      sol.onData((d) => (text += new TextDecoder().decode(d)));
      fleet.bmc(0).chassisControl('reset');
      for (let i = 0; i < 100 && !text.includes('login: '); i++) await new Promise((r) => setTimeout(r, 50));
      expect(text).toContain('Linux version');
      expect(text.indexOf('Linux version')).toBeLessThan(text.indexOf('login: '));
      await sol.write('root\r');
      for (let i = 0; i < 40 && !text.includes('root'); i++) await new Promise((r) => setTimeout(r, 50));
      expect(text).toContain('root');
      await sol.sendBreak();
      for (let i = 0; i < 40 && !text.includes('[break]'); i++) await new Promise((r) => setTimeout(r, 50));
      expect(text).toContain('[break]');
      await sol.close();
    });
    expect(fleet.bmc(0).solActive).toBe(false);
  });

  it('a second console gets SolBusyError; force takes the payload over', async () => {
    const a = await openSession(opts(1));
    const b = await openSession(opts(1));
    try {
      const first = await SolConsole.activate(a);
      await expect(SolConsole.activate(b)).rejects.toBeInstanceOf(SolBusyError);
      const second = await SolConsole.activate(b, { force: true });
      expect(fleet.bmc(1).solActive).toBe(true);
      await second.close();
      await first.close();
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('solCapture deactivates the payload afterwards, so the next capture works', async () => {
    await withSession(opts(1), async (s) => {
      await solCapture(s, { seconds: 0.2 });
      expect(fleet.bmc(1).solActive).toBe(false);
      const out = await solCapture(s, { seconds: 0.5, input: 'echo-me\r' });
      expect(new TextDecoder().decode(out)).toContain('echo-me');
    });
  });
});

describe('RAKP username/privilege lookup (simulator)', () => {
  let fleet: Fleet;
  beforeAll(async () => {
    fleet = await startFleet({ count: 1, users: [{ name: 'ops', password: 'ops-pw-2', privilege: 'operator' }], seed: 4 });
  });
  afterAll(async () => {
    await fleet?.stop();
  });

  it('finds the user by name and privilege when asked for its exact privilege', async () => {
    const base = { host: fleet.bmc(0).host, port: fleet.bmc(0).port, username: 'ops', password: 'ops-pw-2', timeoutMs: 500, retries: 1, lookup: 'username-privilege' as const };
    const s = await openSession({ ...base, privilege: 'operator' });
    expect(s.privilege).toBe(3);
    await s.close();
    // No user "ops" with administrator privilege exists: the lookup fails.
    await expect(openSession({ ...base, privilege: 'admin' })).rejects.toBeInstanceOf(InsufficientPrivilegeError);
  });
});
