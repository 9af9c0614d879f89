import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IpmiGateway } from '../../lambdas/adapters/ipmi/gateway.ts';
import { BmcCredentials } from '../../lambdas/core/credentials.ts';
import type { BmcEndpoint } from '../../lambdas/core/ports.ts';
import { TimeoutError } from '../../lambdas/ipmi/errors.ts';
import { SdrCache } from '../../lambdas/ipmi/sdr-cache/index.ts';
import { startFleet, type Fleet } from '../../lambdas/simulator/index.ts';

/**
 * Warm reuse in a long-lived process (a warm Lambda, the local server): the gateway keeps
 * authenticated sessions and decoded SDRs between calls, bound to the credentials used.
 */
describe('IPMI gateway warm reuse (simulator)', () => {
  let fleet: Fleet;
  const creds = new BmcCredentials('admin', 'warm-pw-1');
  const endpoint = (i: number, tenantId = 't1'): BmcEndpoint => ({ tenantId, address: fleet.bmc(i).host, port: fleet.bmc(i).port, cipherSuite: 17, privilege: 'admin' });

  beforeAll(async () => {
    fleet = await startFleet({ count: 3, password: 'warm-pw-1', seed: 5 });
  });
  afterAll(async () => {
    await fleet?.stop();
  });

  it('the second sensor read reuses the session and the decoded SDRs: far fewer packets, same answer', async () => {
    const sdrCache = new SdrCache();
    const gateway = new IpmiGateway({ sessionPool: { idleMs: 10_000 }, sdrCache, timeoutMs: 500 });
    const bmc = fleet.bmc(0);
    const before = bmc.stats.received;
    const first = await gateway.sensors(endpoint(0), creds);
    const coldPackets = bmc.stats.received - before;
    expect(bmc.activeSessions).toBe(1); // kept open for the next call
    const mid = bmc.stats.received;
    const second = await gateway.sensors(endpoint(0), creds);
    const warmPackets = bmc.stats.received - mid;
    expect(second.map((s) => s.name)).toEqual(first.map((s) => s.name));
    expect(sdrCache.stats.memoryHits).toBe(1);
    // Cold: session setup plus every SDR record; warm: two cache-key commands plus the readings.
    expect(warmPackets).toBeLessThan(coldPackets / 2);
    await gateway.close();
    expect(bmc.activeSessions).toBe(0);
  });

  it('shares decoded SDRs between BMCs of one tenant, never with another tenant', async () => {
    // Every simulated BMC runs the same firmware with the same repository state: one key.
    const sdrCache = new SdrCache();
    const gateway = new IpmiGateway({ sessionPool: false, sdrCache, timeoutMs: 500 });
    try {
      await gateway.sensors(endpoint(0, 'tenant-a'), creds);
      expect(sdrCache.stats).toMatchObject({ misses: 1, memoryHits: 0 });
      await gateway.sensors(endpoint(1, 'tenant-a'), creds);
      expect(sdrCache.stats).toMatchObject({ misses: 1, memoryHits: 1 });
      // Tenant B's BMC reports the same identity and timestamps: it still reads its own records.
      const before = fleet.bmc(2).stats.received;
      const sensors = await gateway.sensors(endpoint(2, 'tenant-b'), creds);
      expect(sdrCache.stats).toMatchObject({ misses: 2, memoryHits: 1 });
      expect(fleet.bmc(2).stats.received - before).toBeGreaterThan(sensors.length + 20);
      expect(sdrCache.memory.size).toBe(2);
    } finally {
      await gateway.close();
    }
  });

  it('never hands a pooled session to a caller with other credentials', async () => {
    const gateway = new IpmiGateway({ sessionPool: { idleMs: 10_000 }, timeoutMs: 300, retries: 1 });
    expect(await gateway.powerStatus(endpoint(1), creds)).toMatch(/^(on|off)$/);
    const wrong = new BmcCredentials('admin', 'not-the-password');
    await expect(gateway.powerStatus(endpoint(1), wrong)).rejects.toMatchObject({ code: 'BMC_AUTH_FAILED' });
    await gateway.close();
  });

  it('closeIdleSessions closes what a handler leaves behind, and the next call opens a fresh session', async () => {
    const gateway = new IpmiGateway({ sessionPool: { idleMs: 10_000 }, timeoutMs: 500 });
    await gateway.powerStatus(endpoint(2), creds);
    expect(fleet.bmc(2).activeSessions).toBe(1);
    await gateway.closeIdleSessions(0);
    expect(fleet.bmc(2).activeSessions).toBe(0);
    expect(await gateway.powerStatus(endpoint(2), creds)).toMatch(/^(on|off)$/);
    await gateway.close();
  });

  it('a kept session works for each call on its own terms: a later caller is not cut by an earlier one\'s signal', async () => {
    const gateway = new IpmiGateway({ sessionPool: { idleMs: 10_000 }, timeoutMs: 500 });
    try {
      const first = new AbortController();
      await gateway.powerStatus(endpoint(0), creds, { signal: first.signal });
      first.abort();
      expect(fleet.bmc(0).activeSessions).toBe(1);
      expect(await gateway.powerStatus(endpoint(0), creds)).toMatch(/^(on|off)$/);
    } finally {
      await gateway.close();
    }
  });

  it('a kept session to a BMC gone silent fails after the retries, not at the end of its opener\'s budget', async () => {
    const gateway = new IpmiGateway({ sessionPool: { idleMs: 10_000 }, timeoutMs: 300, retries: 1 });
    const bmc = fleet.bmc(0);
    try {
      await gateway.powerStatus(endpoint(0), creds);
      expect(bmc.activeSessions).toBe(1);
      bmc.inject({ unresponsive: true });
      const error = await gateway.powerStatus(endpoint(0), creds).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toMatchObject({ code: 'TIMEOUT' });
      // The first attempt and one retry: the opener's two-minute budget no longer applies.
      const cause = (error as Error).cause;
      expect(cause).toBeInstanceOf(TimeoutError);
      expect(cause).toMatchObject({ attempts: 2, reason: undefined });
    } finally {
      bmc.heal();
      await gateway.close();
    }
  });

  it('with reuse switched off, every call closes its session', async () => {
    const gateway = new IpmiGateway({ sessionPool: false, sdrCache: false, timeoutMs: 500 });
    await gateway.powerStatus(endpoint(2), creds);
    expect(fleet.bmc(2).activeSessions).toBe(0);
  });
});
