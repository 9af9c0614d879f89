import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSession, type SessionOptions } from '../../lambdas/ipmi/index.ts';
import { forgetNegotiatedSuites } from '../../lambdas/ipmi/session/open-session.ts';
import { startFleet, type Fleet } from '../../lambdas/simulator/index.ts';

/** A BMC negotiated once is asked for the same suite directly the next time. */
describe('negotiated suite memory (simulator)', () => {
  let fleet: Fleet;
  beforeAll(async () => {
    fleet = await startFleet({ count: 1, password: 'neg-pw-1', seed: 2 });
    forgetNegotiatedSuites();
  });
  afterAll(async () => {
    await fleet?.stop();
  });
  const opts = (): SessionOptions => ({ host: fleet.bmc(0).host, port: fleet.bmc(0).port, username: 'admin', password: 'neg-pw-1', timeoutMs: 300, retries: 1 });
  const packetsFor = async () => {
    const before = fleet.bmc(0).stats.received;
    const s = await openSession(opts());
    const used = fleet.bmc(0).stats.received - before;
    const suite = s.cipherSuite;
    await s.close();
    return { used, suite };
  };

  it('skips the pre-session queries the second time, and re-negotiates when the BMC changes', async () => {
    const first = await packetsFor();
    const second = await packetsFor();
    expect(first.suite).toBe(17);
    expect(second.suite).toBe(17);
    expect(second.used).toBeLessThan(first.used);
    // The BMC now refuses 17 (an algorithm error): the remembered suite is dropped and 3 negotiated.
    fleet.inject(0, { quirks: { suite3Only: true } });
    const third = await packetsFor();
    expect(third.suite).toBe(3);
    fleet.heal(0);
  });
});
