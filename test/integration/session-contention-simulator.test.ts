/**
 * Politeness under contention, seen from the BMC's side (the simulator's session table and
 * command journal): a 4-slot BMC serves 50 operations, whether the fleet holds its per-BMC
 * limit or callers crowd it and Open Session answers 01h (insufficient resources); a pool
 * run ten times leaves nothing open; a table that stays full, or a BMC that answers "node
 * busy", is a typed, retryable error.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { toGatewayError } from '../../lambdas/adapters/ipmi/error-mapping.ts';
import { BmcBusyError, collectFleet, CompletionCodeError, openSession, powerStatus, runFleet, SessionPool, withSession, type FleetTarget, type Session, type SessionOptions } from '../../lambdas/ipmi/index.ts';
import { forgetBmcHints, learnedSessionLimit } from '../../lambdas/ipmi/session/bmc-hints.ts';
import { startFleet, type Fleet } from '../../lambdas/simulator/index.ts';

const TABLE = 4;
let fleet: Fleet;
beforeAll(async () => {
  fleet = await startFleet({ count: 2, seed: 41, faults: { sessionLimit: TABLE } });
});
afterAll(async () => {
  await fleet?.stop();
});
afterEach(() => {
  forgetBmcHints();
  for (let i = 0; i < 2; i++) expect(fleet.bmc(i).sessionCount).toBe(0);
});

const creds = { username: 'admin', password: 'admin', privilege: 'user' as const };
const target = (i: number): FleetTarget => ({ host: fleet.bmc(i).host, port: fleet.bmc(i).port });
const options = (i: number, o: Partial<SessionOptions> = {}): SessionOptions => ({ ...target(i), ...creds, ...o });
/** Some work that keeps the session busy a while, so that operations overlap. */
const work = async (s: Session) => {
  const power = await powerStatus(s);
  await new Promise((r) => setTimeout(r, 10));
  return power;
};

describe('50 operations at one BMC with a 4-slot session table', () => {
  it('runFleet holds its per-BMC limit (2 by default): all succeed, the BMC never holds more', async () => {
    const journal = fleet.bmc(0).recordCommands();
    const results = await collectFleet(runFleet(Array.from({ length: 50 }, () => target(0)), work, creds));
    expect(results.filter((r) => !r.ok)).toEqual([]);
    expect(journal.peakSessions).toBeLessThanOrEqual(2);
  });

  it('callers that crowd it wait for a free slot with backoff when Open Session answers 01h: all succeed', async () => {
    const journal = fleet.bmc(0).recordCommands();
    const outcomes = await Promise.allSettled(Array.from({ length: 50 }, () => withSession(options(0), work)));
    expect(outcomes.filter((o) => o.status === 'rejected')).toEqual([]);
    expect(journal.peakSessions).toBe(TABLE);
    // The refusals taught the library what the BMC holds.
    expect(learnedSessionLimit(fleet.bmc(0).host, fleet.bmc(0).port)).toBeLessThanOrEqual(TABLE);
  });

  it('a pool sized above the table learns it down and serves every operation', async () => {
    const pool = new SessionPool({ sessionsPerBmc: 8, idleMs: 5_000 });
    const results = await collectFleet(runFleet(Array.from({ length: 50 }, () => target(0)), work, { ...creds, pool }));
    expect(results.filter((r) => !r.ok)).toEqual([]);
    expect(pool.openSessions).toBeLessThanOrEqual(TABLE);
    await pool.close();
  });
});

it('ten runs in a row with one pool and no transport: every run succeeds, nothing stays open', async () => {
  const pool = new SessionPool({ idleMs: 5_000 });
  const targets = [target(0), target(1), target(0), target(1)];
  for (let run = 0; run < 10; run++) {
    const results = await collectFleet(runFleet(targets, work, { ...creds, pool }));
    expect(results.filter((r) => !r.ok)).toEqual([]);
    // Between runs the BMCs hold exactly the sessions the pool keeps warm, no others.
    expect(fleet.bmc(0).sessionCount + fleet.bmc(1).sessionCount).toBe(pool.openSessions);
  }
  await pool.close();
  expect(pool.openSessions).toBe(0);
});

it('a table that stays full past the deadline is BmcBusyError, which the API maps to BMC_BUSY', async () => {
  const held = await Promise.all(Array.from({ length: TABLE }, () => openSession(options(1))));
  try {
    const err = await withSession(options(1, { deadlineMs: 1_500 }), work).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BmcBusyError);
    expect((err as BmcBusyError).retryable).toBe(true);
    expect((err as BmcBusyError).attempts).toBeGreaterThan(1);
    expect(toGatewayError(err, 'bmc-1', 'connect').code).toBe('BMC_BUSY');
  } finally {
    await Promise.all(held.map((s) => s.close()));
  }
});

it('a BMC that answers C0h (node busy) is a CompletionCodeError that the API maps to BMC_BUSY, retryable; the session is closed', async () => {
  fleet.inject(1, { nodeBusy: true });
  try {
    const err = await withSession(options(1), work).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CompletionCodeError);
    expect(err).toMatchObject({ code: 0xc0 });
    const mapped = toGatewayError(err, 'bmc-1', 'command');
    expect(mapped.code).toBe('BMC_BUSY');
    expect(mapped.retryable).toBe(true);
    // afterEach checks from the BMC's side that the session was closed.
  } finally {
    fleet.inject(1, { nodeBusy: false });
  }
});
