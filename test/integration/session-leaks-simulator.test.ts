/**
 * 10,000 operations against simulated BMCs, each ended at random by an abort, a spent
 * deadline, an error thrown by the caller's work, or nothing: afterwards no BMC holds an
 * active session, and the only half-open ones left are those the BMC reclaims at its own
 * handshake timeout (a handshake abandoned before RAKP 1 reached it).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { powerStatus, type SessionOptions } from '../../lambdas/ipmi/index.ts';
import { startFleet, type Fleet } from '../../lambdas/simulator/index.ts';
import { runMixed } from '../support/mixed-operations.ts';

const BMCS = 40;

let fleet: Fleet;
beforeAll(async () => {
  fleet = await startFleet({ count: BMCS, seed: 31 });
});
afterAll(async () => {
  await fleet?.stop();
});

it('10,000 operations ended by random aborts, deadlines and thrown errors leave no active session', async () => {
  const options = (i: number): SessionOptions => {
    const bmc = fleet.bmc(i % BMCS);
    return { host: bmc.host, port: bmc.port, username: 'admin', password: 'admin', privilege: 'user', timeoutMs: 300, retries: 2 };
  };
  const tally = await runMixed(10_000, 80, options, (s) => powerStatus(s), { seed: 11, withinMs: 15 });
  console.log('10,000 mixed operations against the simulator:', tally);
  expect(tally.other).toBe(0);
  for (const ending of ['ok', 'thrown', 'aborted', 'timeout'] as const) expect(tally[ending]).toBeGreaterThan(500);

  for (let i = 0; i < BMCS; i++) expect(fleet.bmc(i).activeSessions).toBe(0);
  // Whatever is left is half-open, and goes at the BMC's handshake timeout (Timing.handshakeTimeoutMs, 10 s).
  fleet.tick(Date.now() + 10_001);
  for (let i = 0; i < BMCS; i++) expect(fleet.bmc(i).sessionCount).toBe(0);
}, 180_000);
