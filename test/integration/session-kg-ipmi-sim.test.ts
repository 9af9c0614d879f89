import { describe, expect, it } from 'vitest';
import { AuthenticationError, openSession } from '../../lambdas/ipmi/index.ts';
import { sessionTarget, useIpmiSim } from '../support/use-ipmi-sim.ts';

/**
 * Two-key login (IPMI v2.0 section 13.31): with a BMC key K_G set, the SIK is keyed by K_G
 * instead of the user's password. ipmi_sim supports it through lan.conf's `bmc_key`.
 */
describe('BMC key (K_G) with ipmi_sim', () => {
  const kg = 'kg-0123456789abcd';
  const sim = useIpmiSim({ bmcKey: kg, solConsole: false });

  const base = () => ({ ...sessionTarget(sim()), cipherSuite: 3, timeoutMs: 300, retries: 1 });

  it('opens a session and runs a command when K_G is given', async () => {
    const s = await openSession({ ...base(), kg: new TextEncoder().encode(kg) });
    expect((await s.raw(0x06, 0x01, new Uint8Array())).completionCode).toBe(0);
    await s.close();
  });

  it('without K_G, or with the wrong one, RAKP 4 fails and the error points at the BMC key', async () => {
    for (const wrong of [undefined, new TextEncoder().encode('not-the-kg')]) {
      const err = await openSession({ ...base(), ...(wrong ? { kg: wrong } : {}) }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(AuthenticationError);
      expect(String(err)).toMatch(/RAKP 4 integrity check value invalid \(wrong BMC key K_G\?\)/);
    }
  });
});
