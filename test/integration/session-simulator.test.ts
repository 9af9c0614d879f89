import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthenticationError, InsufficientPrivilegeError, openSession, powerStatus, type SessionOptions } from '../../lambdas/ipmi/index.ts';
import { startFleet, type Fleet } from '../../lambdas/simulator/index.ts';

/** Privilege limits and the opensesspriv quirk as named option, against the simulator. */
describe('session privileges and quirks (simulator)', () => {
  let fleet: Fleet;
  beforeAll(async () => {
    fleet = await startFleet({
      count: 2,
      users: [
        { name: 'admin', password: 'admin-pw-1', privilege: 'admin' },
        { name: 'ops', password: 'ops-pw-1', privilege: 'operator' },
        { name: 'viewer', password: 'viewer-pw-1', privilege: 'user' },
      ],
      seed: 3,
    });
  });
  afterAll(async () => {
    await fleet?.stop();
  });

  const opts = (i: number, o: Partial<SessionOptions>): SessionOptions => ({
    host: fleet.bmc(i).host,
    port: fleet.bmc(i).port,
    username: 'admin',
    password: 'admin-pw-1',
    timeoutMs: 300,
    retries: 2,
    ...o,
  });

  it('an operator account gets operator, and is refused administrator with a typed error', async () => {
    const s = await openSession(opts(0, { username: 'ops', password: 'ops-pw-1', privilege: 'operator' }));
    expect(s.privilege).toBe(3);
    expect(await powerStatus(s)).toMatch(/^(on|off)$/);
    await s.close();
    const err = await openSession(opts(0, { username: 'ops', password: 'ops-pw-1', privilege: 'admin' })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InsufficientPrivilegeError);
  });

  it('a user account cannot take operator', async () => {
    await expect(openSession(opts(0, { username: 'viewer', password: 'viewer-pw-1', privilege: 'operator' }))).rejects.toBeInstanceOf(InsufficientPrivilegeError);
  });

  it('the opensesspriv option authenticates with a quirky BMC without detection, and is reported', async () => {
    fleet.inject(1, { quirks: { opensesspriv: true } });
    for (const cipherSuite of [3, 17]) {
      const s = await openSession(opts(1, { cipherSuite, quirks: { opensesspriv: true } }));
      expect(s.quirks).toContain('opensesspriv');
      expect(await powerStatus(s)).toMatch(/^(on|off)$/);
      await s.close();
    }
    // The same option against a BMC that follows the spec fails: it is a real switch, not a no-op.
    fleet.heal(1);
    await expect(openSession(opts(1, { cipherSuite: 3, quirks: { opensesspriv: true } }))).rejects.toBeInstanceOf(AuthenticationError);
  });
});
