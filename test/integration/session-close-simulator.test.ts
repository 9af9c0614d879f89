/**
 * Sessions are always closed, seen from the BMC's side (the simulator's session table and
 * command journal): after an abort or a spent deadline while RAKP 3 is in flight, after an
 * abort of an open session's work, and with the caller told when Close Session goes unanswered.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AbortedError, openSession, powerStatus, TimeoutError, withSession, type SessionOptions } from '../../lambdas/ipmi/index.ts';
import { forgetBmcHints } from '../../lambdas/ipmi/session/bmc-hints.ts';
import { startFleet, type Fleet } from '../../lambdas/simulator/index.ts';
import type { BmcHandle } from '../../lambdas/simulator/bmc-handle.ts';

/** Close Session is App (NetFn 06h) command 3Ch (IPMI v2.0 section 22.19). */
const CLOSE_SESSION = [0x06, 0x3c] as const;

let fleet: Fleet;
beforeAll(async () => {
  fleet = await startFleet({ count: 3, seed: 11 });
});
afterAll(async () => {
  await fleet?.stop();
});
afterEach(() => {
  fleet.heal('all');
  forgetBmcHints();
});

const options = (bmc: BmcHandle, o: Partial<SessionOptions> = {}): SessionOptions => ({
  host: bmc.host,
  port: bmc.port,
  username: 'admin',
  password: 'admin',
  cipherSuite: 3,
  timeoutMs: 200,
  retries: 1,
  ...o,
});

/** Resolves once the BMC holds an active session: RAKP 3 has arrived and activated it. */
async function activated(bmc: BmcHandle): Promise<void> {
  while (bmc.activeSessions === 0) await new Promise((r) => setTimeout(r, 2));
}

describe('RAKP 3 in flight (the BMC activated the session, RAKP 4 never arrives)', () => {
  it('an abort closes the session with the keys derived for it', async () => {
    const bmc = fleet.bmc(0);
    bmc.inject({ dropRakp4: true });
    const journal = bmc.recordCommands();
    const controller = new AbortController();
    const opening = openSession(options(bmc, { signal: controller.signal })).catch((e: unknown) => e);
    await activated(bmc);
    controller.abort(new Error('caller gave up'));
    const err = await opening;

    expect(err).toBeInstanceOf(AbortedError);
    expect(journal.peakActiveSessions).toBe(1);
    // The BMC got a Close Session it could authenticate, and holds nothing.
    expect(journal.of(...CLOSE_SESSION)).toHaveLength(1);
    expect(bmc.activeSessions).toBe(0);
    expect(bmc.sessionCount).toBe(0);
    expect((err as AbortedError).sessionLeftOpen).toBeUndefined();
  });

  it('a spent deadline closes it too', async () => {
    const bmc = fleet.bmc(0);
    bmc.inject({ dropRakp4: true });
    const journal = bmc.recordCommands();
    const err = await openSession(options(bmc, { deadlineMs: 600 })).catch((e: unknown) => e);

    expect(err).toBeInstanceOf(TimeoutError);
    expect((err as TimeoutError).command).toBe('RAKP Message 3');
    expect(journal.of(...CLOSE_SESSION)).toHaveLength(1);
    expect(bmc.sessionCount).toBe(0);
  });
});

describe('signals once the session is open', () => {
  it("withSession's signal aborts the work; a Close Session the BMC never answers is reported", async () => {
    const bmc = fleet.bmc(1);
    // The BMC takes its time over commands, then stops answering altogether when the caller gives up.
    bmc.bmc.timing.requestMs = 2_000;
    const left: string[] = [];
    const controller = new AbortController();
    try {
      const err = await withSession(options(bmc, { privilege: 'user', signal: controller.signal, onSessionLeftOpen: (w) => left.push(w) }), async (s) => {
        setTimeout(() => {
          bmc.inject({ unresponsive: true });
          controller.abort();
        }, 20);
        return powerStatus(s);
      }).catch((e: unknown) => e);

      expect(err).toBeInstanceOf(AbortedError);
      // Close Session went out under its own budget, unanswered: the caller is told.
      expect((err as AbortedError).sessionLeftOpen).toBe(true);
      expect(left).toEqual([bmc.address]);
    } finally {
      bmc.bmc.timing.requestMs = 0;
    }
    // What "left open" means: the BMC holds the session until its idle timeout reclaims it.
    expect(bmc.activeSessions).toBe(1);
    fleet.tick(Date.now() + 24 * 3600_000);
    expect(bmc.sessionCount).toBe(0);
  });

  it('powerStatus takes a signal', async () => {
    const bmc = fleet.bmc(2);
    const s = await openSession(options(bmc, { privilege: 'user' }));
    bmc.bmc.timing.requestMs = 2_000;
    try {
      const controller = new AbortController();
      const reading = powerStatus(s, { signal: controller.signal }).catch((e: unknown) => e);
      controller.abort();
      expect(await reading).toBeInstanceOf(AbortedError);
    } finally {
      bmc.bmc.timing.requestMs = 0;
      await s.close();
    }
  });

  it('a signal given to openSession keeps working for the open session', async () => {
    const bmc = fleet.bmc(2);
    const controller = new AbortController();
    const s = await openSession(options(bmc, { privilege: 'user', signal: controller.signal }));
    expect(await powerStatus(s)).toMatch(/^(on|off)$/);
    controller.abort();
    expect(await powerStatus(s).catch((e: unknown) => e)).toBeInstanceOf(AbortedError);
    await s.close();
    expect(s.closeConfirmed).toBe(true);
    expect(bmc.sessionCount).toBe(0);
  });
});
