/**
 * The simulator's command journal: what tests use to check client etiquette from the BMC's
 * side. It must see each command once, in arrival order, with the session count of the moment.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openSession, powerStatus, withSession, type SessionOptions } from '../../lambdas/ipmi/index.ts';
import { startFleet, type Fleet } from '../../lambdas/simulator/index.ts';

let fleet: Fleet;
beforeAll(async () => {
  fleet = await startFleet({ count: 1, seed: 5 });
});
afterAll(async () => {
  await fleet?.stop();
});

const options = (): SessionOptions => ({ host: fleet.bmc(0).host, port: fleet.bmc(0).port, username: 'admin', password: 'admin', timeoutMs: 500, retries: 2 });

it('records each in-session command with the sessions open when it arrived, and the peak', async () => {
  const journal = fleet.bmc(0).recordCommands();
  const first = await openSession(options());
  await withSession(options(), async (s) => {
    await powerStatus(s);
  });
  await powerStatus(first);
  await first.close();

  // Get Chassis Status is NetFn 00h command 01h (IPMI v2.0 section 28.2).
  const status = journal.of(0x00, 0x01);
  expect(status).toHaveLength(2);
  expect(status[0]!.activeSessions).toBe(2);
  expect(status[1]!.activeSessions).toBe(1);
  expect(status[0]!.at).toBeLessThanOrEqual(status[1]!.at);
  expect(journal.peakActiveSessions).toBe(2);
  // Close Session (App 3Ch) arrives for both sessions.
  expect(journal.of(0x06, 0x3c)).toHaveLength(2);
  expect(fleet.bmc(0).activeSessions).toBe(0);

  // Turned on again: cleared.
  expect(fleet.bmc(0).recordCommands().entries).toHaveLength(0);
});
