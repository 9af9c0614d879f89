/**
 * The library (lambdas/ipmi) against the simulator over real UDP on loopback: every cipher
 * suite, negotiation and vendor quirks, credentials, session limits, the chassis state
 * machine, sensors, SEL, FRU, boot options, SOL, and operations that still succeed under
 * injected loss, delay, duplication and reordering within their retry budget.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSession, type SessionOptions } from '../../lambdas/ipmi/index.ts';
import { AuthenticationError, CompletionCodeError, RakpError, TimeoutError } from '../../lambdas/ipmi/errors.ts';
import { GetDeviceId } from '../../lambdas/ipmi/commands/app/get-device-id.ts';
import { ActivatePayload, DeactivatePayload } from '../../lambdas/ipmi/commands/app/activate-payload.ts';
import { ChassisControl } from '../../lambdas/ipmi/commands/chassis/chassis-control.ts';
import { powerAction, powerStatus } from '../../lambdas/ipmi/ops/power.ts';
import { readSensors } from '../../lambdas/ipmi/ops/sensors.ts';
import { selClear, selList } from '../../lambdas/ipmi/ops/sel.ts';
import { readFru } from '../../lambdas/ipmi/ops/fru.ts';
import { setBootDevice } from '../../lambdas/ipmi/ops/boot.ts';
import { decodeSolPacket, encodeSolPacket } from '../../lambdas/ipmi/sol/sol-packet.ts';
import { startFleet, type Fleet } from '../../lambdas/simulator/index.ts';

const PASSWORD = 'sim-test-pw';
const FAST = { powerOnMs: 40, powerOffMs: 20, softOffMs: 40, cycleOffMs: 30, bootLogLineMs: 2, selEraseMs: 20, solRetryMs: 100, tickMs: 50 };

let fleet: Fleet;

beforeAll(async () => {
  fleet = await startFleet({ count: 8, password: PASSWORD, timing: FAST, seed: 11 });
});

afterAll(async () => {
  await fleet?.stop();
});

function opts(i: number, extra: Partial<SessionOptions> = {}): SessionOptions {
  const b = fleet.bmc(i);
  return { host: b.host, port: b.port, username: 'admin', password: PASSWORD, timeoutMs: 250, retries: 3, ...extra };
}

describe('sessions', () => {
  it.each([0, 1, 2, 3, 6, 7, 8, 11, 12, 15, 16, 17])('cipher suite %i: opens, answers Get Device ID, closes', async (suite) => {
    const s = await openSession(opts(0, { cipherSuite: suite }));
    expect(s.cipherSuite).toBe(suite);
    expect((await s.call(GetDeviceId, undefined)).manufacturerId).toBe(32473);
    await s.close();
  });

  it('negotiates suite 17 by default, 3 on a suite3Only BMC and 17 on a suite17Only BMC', async () => {
    const plain = await openSession(opts(1));
    expect(plain.cipherSuite).toBe(17);
    await plain.close();
    fleet.inject(1, { quirks: { suite3Only: true } });
    const three = await openSession(opts(1));
    expect(three.cipherSuite).toBe(3);
    await three.close();
    fleet.heal(1);
    fleet.inject(1, { quirks: { suite17Only: true } });
    await expect(openSession(opts(1, { cipherSuite: 3 }))).rejects.toBeInstanceOf(RakpError);
    fleet.heal(1);
  });

  it('detects the opensesspriv quirk and still authenticates', async () => {
    fleet.inject(2, { quirks: { opensesspriv: true } });
    const s = await openSession(opts(2));
    expect(s.quirks).toContain('opensesspriv');
    expect((await s.call(GetDeviceId, undefined)).firmwareMajor).toBe(2);
    await s.close();
    fleet.heal(2);
  });

  it('rejects a wrong password and an unknown user', async () => {
    await expect(openSession(opts(0, { password: 'not-it' }))).rejects.toBeInstanceOf(AuthenticationError);
    await expect(openSession(opts(0, { username: 'nobody' }))).rejects.toBeInstanceOf(AuthenticationError);
  });

  it('refuses a session beyond the session-table limit with status 01h', async () => {
    fleet.inject(3, { sessionLimit: 2 });
    const a = await openSession(opts(3, { cipherSuite: 17 }));
    const b = await openSession(opts(3, { cipherSuite: 17 }));
    // A full table (status 01h) is waited on with backoff, then refused as busy within the deadline.
    const third = openSession(opts(3, { cipherSuite: 17, deadlineMs: 1500 }));
    await expect(third).rejects.toMatchObject({ kind: 'bmc-busy' });
    await a.close();
    await b.close();
    expect(fleet.bmc(3).activeSessions).toBe(0);
    fleet.heal(3);
  });

  it('times out against an unresponsive BMC', async () => {
    fleet.inject(4, { unresponsive: true });
    await expect(openSession(opts(4, { cipherSuite: 17, timeoutMs: 50, retries: 1 }))).rejects.toBeInstanceOf(TimeoutError);
    fleet.heal(4);
  });
});

describe('managed system', () => {
  it('moves through power off and on, verified by re-reading the state', async () => {
    const s = await openSession(opts(5));
    expect(await powerStatus(s)).toBe('on');
    const off = await powerAction(s, 'off', { delaysMs: [20, 40, 80, 160] });
    expect(off).toMatchObject({ verified: true, state: 'off' });
    expect(fleet.bmc(5).power).toBe('off');
    await expect(s.call(ChassisControl, 0x02)).rejects.toMatchObject({ code: 0xd5 }); // cycle while off
    const on = await powerAction(s, 'on', { delaysMs: [20, 40, 80, 160] });
    expect(on).toMatchObject({ verified: true, state: 'on' });
    const events = (await selList(s)).map((e) => `${e.sensorNumber}:${e.direction}`);
    expect(events).toEqual(['81:asserted', '81:deasserted']); // Power Unit 51h: power off/down
    await s.close();
  });

  it('reads sensors with conversion, and sees values pushed over thresholds from code', async () => {
    const b = fleet.bmc(6);
    b.setSensor('DIMM Temp', 71.5);
    b.pushOverThreshold('FAN2', 'lcr');
    const s = await openSession(opts(6));
    const sensors = await readSensors(s);
    expect(sensors.length).toBeGreaterThanOrEqual(12);
    expect(sensors.find((x) => x.name === 'DIMM Temp')).toMatchObject({ reading: 71.5, unit: 'degrees C', status: 'ok' });
    expect(sensors.find((x) => x.name === 'FAN2')).toMatchObject({ status: 'cr', unit: 'RPM' });
    expect(sensors.find((x) => x.name === 'PSU1 Status')?.states).toContain('Presence detected');
    const sel = await selList(s);
    expect(sel.map((e) => e.sensorNumber)).toEqual([0x21, 0x21]); // FAN2: LNC and LCR going low
    await selClear(s, { pollIntervalMs: 10 });
    expect((await selList(s)).map((e) => e.event)).toEqual([expect.stringMatching(/cleared/i)]);
    await s.close();
  });

  it('reads this BMC FRU and sets the boot device', async () => {
    const s = await openSession(opts(7));
    const fru = await readFru(s);
    expect(fru.product?.serial).toBe(fleet.bmc(7).identity.serial);
    expect(fru.board?.serial).toBe(fleet.bmc(7).identity.boardSerial);
    await setBootDevice(s, 'pxe', { efi: true });
    expect(fleet.bmc(7).bootDevice).toMatchObject({ valid: true, efi: true, device: 'pxe' });
    await s.close();
  });
});

describe('Serial over LAN', () => {
  it('streams the boot log after a reset, echoes input, and allows one activation at a time', async () => {
    const s = await openSession(opts(0));
    let console = '';
    let lastSeq = 0;
    s.onPayload(1, (payload) => {
      const p = decodeSolPacket(payload);
      if (p.sequence === 0) return;
      if (p.sequence !== lastSeq) console += new TextDecoder().decode(p.data);
      lastSeq = p.sequence;
      s.sendPayload(1, encodeSolPacket({ sequence: 0, ackSequence: p.sequence, acceptedCount: p.data.length, flags: 0, data: new Uint8Array(0) }));
    });
    const res = await s.call(ActivatePayload, { payloadType: 1, instance: 1, encrypt: true, authenticate: true });
    expect(res.port).toBe(fleet.bmc(0).port);
    expect(fleet.bmc(0).solActive).toBe(true);
    const other = await openSession(opts(0));
    await expect(other.call(ActivatePayload, { payloadType: 1, instance: 1, encrypt: true, authenticate: true })).rejects.toSatisfy(
      (e) => e instanceof CompletionCodeError && e.code === 0x80,
    );
    await other.close();
    await s.call(ChassisControl, 0x03);
    await waitFor(() => console.includes('login: '));
    expect(console).toContain('Linux version');
    s.sendPayload(1, encodeSolPacket({ sequence: 1, ackSequence: 0, acceptedCount: 0, flags: 0, data: new TextEncoder().encode('root\r') }));
    await waitFor(() => console.includes('root\r\n'));
    await s.call(DeactivatePayload, { payloadType: 1, instance: 1 });
    expect(fleet.bmc(0).solActive).toBe(false);
    await s.close();
  });
});

describe('under injected network faults', () => {
  it('succeeds within the retry budget at 20 % loss each way plus delay and jitter', async () => {
    const f = await startFleet({ count: 1, password: PASSWORD, timing: FAST, faults: { lossPercent: 20, delayMs: 5, jitterMs: 10 }, seed: 5 });
    try {
      const b = f.bmc(0);
      const o: SessionOptions = { host: b.host, port: b.port, username: 'admin', password: PASSWORD, cipherSuite: 17, timeoutMs: 100, retries: 8 };
      for (let round = 0; round < 3; round++) {
        const s = await openSession(o);
        expect(await powerStatus(s)).toBe('on');
        expect(await selList(s)).toEqual([]);
        if (round === 0) expect((await readSensors(s)).length).toBeGreaterThanOrEqual(12);
        await s.close();
      }
      expect(b.stats.net.droppedIn + b.stats.net.droppedOut).toBeGreaterThan(20);
    } finally {
      await f.stop();
    }
  }, 60_000);

  it('succeeds with duplicated and reordered packets (replays are dropped on both sides)', async () => {
    const f = await startFleet({ count: 1, password: PASSWORD, timing: FAST, faults: { duplicatePercent: 30, reorderPercent: 30, jitterMs: 5 }, seed: 9 });
    try {
      const b = f.bmc(0);
      const s = await openSession({ host: b.host, port: b.port, username: 'admin', password: PASSWORD, timeoutMs: 300, retries: 4 });
      for (let i = 0; i < 5; i++) expect((await s.call(GetDeviceId, undefined)).productId).toBe(0x0b51);
      expect((await readSensors(s)).length).toBeGreaterThanOrEqual(12);
      expect(b.stats.net.duplicated).toBeGreaterThan(0);
      expect(b.stats.net.reordered).toBeGreaterThan(0);
      expect(b.stats.replay + s.drops.replay + s.drops.unmatched).toBeGreaterThan(0);
      await s.close();
    } finally {
      await f.stop();
    }
  });
});

describe('fleet on several loopback addresses', () => {
  it('serves each BMC on its own 127.0.1.x address at one port', async () => {
    const f = await startFleet({ hosts: ['127.0.1.1', '127.0.1.2', '127.0.1.3'], password: PASSWORD });
    try {
      expect(new Set(f.bmcs.map((b) => b.port)).size).toBe(1);
      const serials = [];
      for (const b of f.bmcs) {
        const s = await openSession({ host: b.host, port: b.port, username: 'admin', password: PASSWORD, timeoutMs: 300 });
        serials.push((await readFru(s)).product?.serial);
        await s.close();
      }
      expect(serials).toEqual(f.bmcs.map((b) => b.identity.serial));
    } finally {
      await f.stop();
    }
  });
});

async function waitFor(cond: () => boolean, ms = 5000): Promise<void> {
  const until = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}
