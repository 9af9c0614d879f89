/**
 * Adaptive pipelining against the simulator over loopback: a session starts with one request
 * in flight, grows to AUTO_PIPELINE_DEPTH while every request is answered at its first
 * attempt, and later sessions to the same BMC start where it left off. A BMC that drops
 * requests arriving while it is busy (quirk oneRequestAtATime, as single-slot embedded BMCs
 * do) costs one retransmission, after which the session and later ones send one request at
 * a time.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openSession, type SessionOptions } from '../../lambdas/ipmi/index.ts';
import { InvalidArgumentError } from '../../lambdas/ipmi/errors.ts';
import { readSensors } from '../../lambdas/ipmi/ops/sensors.ts';
import { getSdrs, SdrCache } from '../../lambdas/ipmi/sdr-cache/index.ts';
import { forgetBmcHints, hintFor } from '../../lambdas/ipmi/session/bmc-hints.ts';
import { AUTO_PIPELINE_DEPTH, SERIAL_HOLD_MS } from '../../lambdas/ipmi/session/session.ts';
import { startFleet, type Fleet } from '../../lambdas/simulator/index.ts';

const PASSWORD = 'pipeline-pw';
let fleet: Fleet;

beforeAll(async () => {
  // Every request takes 3 ms at the BMC, so pipelined requests really overlap there.
  fleet = await startFleet({ count: 3, password: PASSWORD, seed: 5, timing: { requestMs: 3, tickMs: 50 } });
});

afterAll(async () => {
  await fleet?.stop();
});

beforeEach(() => forgetBmcHints());

function opts(i: number, extra: Partial<SessionOptions> = {}): SessionOptions {
  const b = fleet.bmc(i);
  return { host: b.host, port: b.port, username: 'admin', password: PASSWORD, timeoutMs: 150, retries: 3, ...extra };
}

describe('adaptive pipelining', () => {
  it('grows from one request in flight to the cap on a BMC that answers them all, and the next session starts there', async () => {
    const cache = new SdrCache();
    // A generous time-out: a retransmission on a loaded machine would (rightly) stop the growth.
    const patient = { timeoutMs: 2_000 };
    const first = await openSession(opts(0, patient));
    try {
      // Session set-up sent one request (Set Session Privilege), answered at once: room for two.
      expect(first.inFlightWindow).toBe(2);
      expect(first.pipelineDepth).toBe(AUTO_PIPELINE_DEPTH);
      const sdrs = await getSdrs(first, cache);
      const sensors = await readSensors(first, { sdrs });
      expect(sensors.length).toBe(20);
      expect(first.inFlightWindow).toBe(AUTO_PIPELINE_DEPTH);
    } finally {
      await first.close();
    }
    expect(hintFor(fleet.bmc(0).host, fleet.bmc(0).port)?.window).toBe(AUTO_PIPELINE_DEPTH);
    expect(fleet.bmc(0).stats.busy).toBe(0);

    const second = await openSession(opts(0, patient));
    try {
      expect(second.inFlightWindow).toBe(AUTO_PIPELINE_DEPTH);
      const sensors = await readSensors(second, { sdrs: await getSdrs(second, cache) });
      expect(sensors.length).toBe(20);
      expect(second.inFlightWindow).toBe(AUTO_PIPELINE_DEPTH);
      expect(second.drops.replay + second.drops.integrity + second.drops.malformed).toBe(0);
    } finally {
      await second.close();
    }
  });

  it('falls back to one request at a time when a BMC drops pipelined requests, and remembers it', async () => {
    fleet.inject(1, { quirks: { oneRequestAtATime: true } });
    const cache = new SdrCache();
    const s = await openSession(opts(1));
    let names: string[];
    try {
      const sensors = await readSensors(s, { sdrs: await getSdrs(s, cache) });
      names = sensors.map((x) => x.name);
      expect(sensors.length).toBe(20);
      expect(s.inFlightWindow).toBe(1);
    } finally {
      await s.close();
    }
    const dropped = fleet.bmc(1).stats.busy;
    expect(dropped).toBeGreaterThan(0);
    const hint = hintFor(fleet.bmc(1).host, fleet.bmc(1).port);
    expect(hint?.window).toBe(1);
    expect(hint?.serialUntil).toBeGreaterThan(Date.now() + SERIAL_HOLD_MS - 60_000);

    // The next session does not try again: nothing more is dropped, the same sensors come back.
    const again = await openSession(opts(1));
    try {
      expect(again.pipelineDepth).toBe(1);
      const sensors = await readSensors(again, { sdrs: await getSdrs(again, cache) });
      expect(sensors.map((x) => x.name)).toEqual(names);
    } finally {
      await again.close();
    }
    expect(fleet.bmc(1).stats.busy).toBe(dropped);
    fleet.heal(1);
  });

  it.each([0, 65, 2.5, Number.NaN])('refuses maxInFlight %s with a typed error, before anything is sent', async (maxInFlight) => {
    const before = fleet.bmc(0).stats.received;
    await expect(openSession(opts(0, { maxInFlight }))).rejects.toBeInstanceOf(InvalidArgumentError);
    expect(fleet.bmc(0).stats.received).toBe(before);
  });

  it('an explicit maxInFlight of 1 never pipelines, so even a single-slot BMC drops nothing', async () => {
    fleet.inject(2, { quirks: { oneRequestAtATime: true } });
    const s = await openSession(opts(2, { maxInFlight: 1 }));
    try {
      expect(s.pipelineDepth).toBe(1);
      const sensors = await readSensors(s);
      expect(sensors.length).toBe(20);
      expect(s.inFlightWindow).toBe(1);
    } finally {
      await s.close();
    }
    expect(fleet.bmc(2).stats.busy).toBe(0);
    fleet.heal(2);
  });
});
