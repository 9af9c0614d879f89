/**
 * The simulator's encoders, judged by the library's decoders (one wire format, two sides):
 * SDR records (IPMI v2.0 section 43), FRU images (FRU spec v1.0 sections 8-12), SEL records
 * (section 32.1) and the command responses a client decodes.
 */
import { describe, expect, it } from 'vitest';
import { GetDeviceId } from '../../lambdas/ipmi/commands/app/get-device-id.ts';
import { GetChannelAuthCapabilities } from '../../lambdas/ipmi/commands/app/get-channel-auth-capabilities.ts';
import { parseCipherSuiteRecords } from '../../lambdas/ipmi/commands/app/get-channel-cipher-suites.ts';
import { GetChassisStatus } from '../../lambdas/ipmi/commands/chassis/get-chassis-status.ts';
import { GetSystemBootOptions } from '../../lambdas/ipmi/commands/chassis/get-system-boot-options.ts';
import { decodeBootFlags, encodeBootFlags } from '../../lambdas/ipmi/commands/chassis/boot-options.ts';
import { GetSensorReading, thresholdsCrossed } from '../../lambdas/ipmi/commands/sensor/get-sensor-reading.ts';
import { GetSensorThresholds } from '../../lambdas/ipmi/commands/sensor/get-sensor-thresholds.ts';
import { GetSensorReadingFactors } from '../../lambdas/ipmi/commands/sensor/get-sensor-reading-factors.ts';
import { GetSdrRepositoryInfo } from '../../lambdas/ipmi/commands/storage/sdr-repository-info.ts';
import { GetSelInfo } from '../../lambdas/ipmi/commands/storage/sel-info.ts';
import { convertReading } from '../../lambdas/ipmi/sdr/conversion.ts';
import { decodeSdrRecord } from '../../lambdas/ipmi/sdr/decode.ts';
import { decodeFruInventory } from '../../lambdas/ipmi/fru/inventory.ts';
import { selEntryFromBytes } from '../../lambdas/ipmi/sel/entry.ts';
import { toHex } from '../../lambdas/ipmi/codec/bytes.ts';
import { Bmc, compileUsers } from '../../lambdas/simulator/bmc/bmc.ts';
import { makeIdentity } from '../../lambdas/simulator/bmc/identity.ts';
import { DEFAULT_PROFILE } from '../../lambdas/simulator/bmc/profile.ts';
import { fromRaw, sensorCatalog, toRaw } from '../../lambdas/simulator/bmc/sensor-catalog.ts';
import { encodeSystemEventRecord } from '../../lambdas/simulator/bmc/sel-log.ts';
import { findCommand } from '../../lambdas/simulator/commands/index.ts';
import type { CommandContext, ServerControls } from '../../lambdas/simulator/commands/registry.ts';
import { DEFAULT_TIMING } from '../../lambdas/simulator/options.ts';
import { SessionTable } from '../../lambdas/simulator/rmcp/sim-session.ts';

function newBmc(poweredOn = true): Bmc {
  return new Bmc({
    identity: makeIdentity(7, 3),
    profile: DEFAULT_PROFILE,
    users: compileUsers([{ name: 'admin', password: 'pw' }]),
    timing: DEFAULT_TIMING,
    faults: {},
    poweredOn,
  });
}

const server: ServerControls = {
  sessions: new SessionTable(() => 4),
  address: '127.0.0.1',
  port: 623,
  sessionLimit: 4,
  closeSession: () => undefined,
  startSol: () => undefined,
  stopSol: () => undefined,
  solBusy: false,
};

/** Runs a simulator handler directly, as the server would for an admin session. */
function run(bmc: Bmc, netFn: number, cmd: number, data: number[] = []): { cc: number; data: Uint8Array } {
  const entry = findCommand(netFn, cmd);
  if (!entry) return { cc: 0xc1, data: new Uint8Array() };
  const ctx: CommandContext = { bmc, session: undefined, server };
  const reply = entry.handler(ctx, Uint8Array.from(data));
  return { cc: reply.cc, data: reply.data ?? new Uint8Array() };
}

describe('SDR records decode with the library (section 43)', () => {
  const catalog = sensorCatalog(DEFAULT_PROFILE);
  const records = catalog.records.map((r) => decodeSdrRecord(r));

  it('has at least 12 sensors: full threshold records, compact discrete records, an event-only record and an MC locator', () => {
    const kinds = records.map((r) => r.kind);
    expect(kinds.filter((k) => k === 'full').length).toBeGreaterThanOrEqual(12);
    expect(kinds).toContain('compact');
    expect(kinds).toContain('event-only');
    expect(kinds[0]).toBe('mc-locator');
    expect(new Set(records.map((r) => r.recordId)).size).toBe(records.length);
  });

  it('encodes non-trivial conversion factors that the library converts back to the threshold values', () => {
    for (const s of catalog.analog) {
      const rec = records.find((r) => r.kind === 'full' && r.key.number === s.def.number);
      if (rec?.kind !== 'full') throw new Error(`no full record for ${s.def.name}`);
      expect(rec.name).toBe(s.def.name);
      expect(rec.factors.m).toBe(s.def.factors.m);
      expect(rec.factors.b).toBe(s.def.factors.b);
      expect(rec.factors.rExp).toBe(s.def.factors.rExp);
      expect(rec.factors.bExp).toBe(s.def.factors.bExp);
      expect(rec.thresholdMasks?.readable.sort()).toEqual(Object.keys(s.def.thresholds).sort());
      for (const [name, value] of Object.entries(s.def.thresholds)) {
        const raw = rec.thresholds[name as keyof typeof rec.thresholds];
        const back = convertReading(raw, rec.units.analogFormat, rec.factors, rec.linearization);
        // Within one raw step of the profile's value.
        expect(Math.abs(back! - value)).toBeLessThanOrEqual(Math.abs(s.def.factors.m * 10 ** s.def.factors.rExp));
      }
    }
  });

  it('uses B and both exponents for temperatures: raw 100 is 40 degrees C (y = (5x - 10*10^1) * 10^-1)', () => {
    const cpu = records.find((r) => r.kind === 'full' && r.name === 'CPU1 Temp');
    if (cpu?.kind !== 'full') throw new Error('CPU1 Temp missing');
    expect(convertReading(100, cpu.units.analogFormat, cpu.factors, cpu.linearization)).toBe(40);
    expect(toRaw(40, { m: cpu.factors.m, b: cpu.factors.b, bExp: cpu.factors.bExp, rExp: cpu.factors.rExp })).toBe(100);
  });

  it('toRaw and fromRaw invert each other on the raw grid', () => {
    for (const s of catalog.analog) for (const raw of [0, 17, 128, 255]) expect(toRaw(fromRaw(raw, s.def.factors), s.def.factors)).toBe(raw);
  });
});

describe('FRU image decodes with the library (FRU spec sections 8-12)', () => {
  it('has chassis, board and product areas with valid checksums and this BMC serials', () => {
    const bmc = newBmc();
    const inv = decodeFruInventory(bmc.fruImage());
    expect(inv.problems).toEqual([]);
    expect(inv.chassis?.serial).toBe(bmc.identity.chassisSerial);
    expect(inv.board?.serial).toBe(bmc.identity.boardSerial);
    expect(inv.board?.manufacturer).toBe('Simulated Systems');
    expect(inv.board?.mfgDate).toBe('2024-03-18T09:30:00.000Z');
    expect(inv.product?.serial).toBe(bmc.identity.productSerial);
    expect(inv.product?.assetTag).toBe(bmc.identity.assetTag);
  });

  it('gives each BMC its own serials, MAC and GUIDs', () => {
    const a = makeIdentity(1, 0);
    const b = makeIdentity(1, 1);
    expect(a.productSerial).not.toBe(b.productSerial);
    expect(toHex(a.mac)).not.toBe(toHex(b.mac));
    expect(toHex(a.deviceGuid)).not.toBe(toHex(b.deviceGuid));
    expect(toHex(makeIdentity(1, 1).deviceGuid)).toBe(toHex(b.deviceGuid));
  });
});

describe('SEL records decode with the library (section 32.1 Table 32-1)', () => {
  it('encodes a threshold event byte for byte', () => {
    const rec = encodeSystemEventRecord(0x0102, 0x65f80000, { sensorType: 0x01, sensorNumber: 0x03, eventType: 0x01, deassertion: false, data: [0x59, 0xbe, 0xbe] });
    expect(toHex(rec)).toBe('0201020000f865200004010301' + '59bebe');
    const entry = selEntryFromBytes(rec);
    expect(entry.id).toBe(0x0102);
    expect(entry.direction).toBe('asserted');
    expect(entry.sensorNumber).toBe(3);
  });

  it('logs a threshold crossing with trigger reading and threshold, and its deassertion after hysteresis', () => {
    const bmc = newBmc();
    bmc.pushOverThreshold('CPU1 Temp', 'ucr');
    const entries = bmc.sel.all().map((r) => selEntryFromBytes(r));
    expect(entries.map((e) => e.direction)).toEqual(['asserted', 'asserted']);
    expect(entries.map((e) => e.raw.slice(26, 28))).toEqual(['57', '59']); // 50h | 07h (UNC going high), 50h | 09h (UCR going high)
    bmc.setSensor('CPU1 Temp', 50);
    expect(bmc.sel.all().map((r) => selEntryFromBytes(r).direction)).toEqual(['asserted', 'asserted', 'deasserted', 'deasserted']);
  });
});

describe('command responses decode with the library', () => {
  it('Get Device ID (20.1 Table 20-2)', () => {
    const res = run(newBmc(), 0x06, 0x01);
    expect(res.cc).toBe(0);
    const id = GetDeviceId.decode(res.data);
    expect(id.manufacturerId).toBe(32473);
    expect(id.firmwareMajor).toBe(2);
    expect(id.firmwareMinorBcd).toBe(0x41);
    expect(id.additionalSupport).toContain('Chassis Device');
  });

  it('Get Channel Authentication Capabilities with the v2.0 bit (22.13 Table 22-15)', () => {
    const caps = GetChannelAuthCapabilities.decode(run(newBmc(), 0x06, 0x38, [0x8e, 0x04]).data);
    expect(caps).toMatchObject({ channel: 1, ipmiV20: true, supportsV20: true, supportsV15: false, nonNullUsers: true, anonymousLogin: false });
    expect(run(newBmc(), 0x06, 0x38, [0x8e]).cc).toBe(0xc7);
  });

  it('Get Channel Cipher Suites lists the 12 suites, and one suite under suite17Only (22.15)', () => {
    const bmc = newBmc();
    const pages: number[] = [];
    for (let i = 0; i < 4; i++) pages.push(...run(bmc, 0x06, 0x54, [0x0e, 0x00, 0x80 | i]).data.subarray(1));
    expect(parseCipherSuiteRecords(Uint8Array.from(pages)).map((r) => r.id)).toEqual([0, 1, 2, 3, 6, 7, 8, 11, 12, 15, 16, 17]);
    bmc.faults = { quirks: { suite17Only: true } };
    expect(parseCipherSuiteRecords(run(bmc, 0x06, 0x54, [0x0e, 0x00, 0x80]).data.subarray(1)).map((r) => r.id)).toEqual([17]);
  });

  it('Get Chassis Status follows the power state machine (28.2)', async () => {
    const bmc = newBmc();
    bmc.timing = { ...DEFAULT_TIMING, powerOffMs: 5, powerOnMs: 5 };
    expect(GetChassisStatus.decode(run(bmc, 0x00, 0x01).data).powerOn).toBe(true);
    expect(run(bmc, 0x00, 0x02, [0x00]).cc).toBe(0);
    expect(GetChassisStatus.decode(run(bmc, 0x00, 0x01).data).powerOn).toBe(true); // still powering off
    await new Promise((r) => setTimeout(r, 30));
    expect(GetChassisStatus.decode(run(bmc, 0x00, 0x01).data).powerOn).toBe(false);
    expect(run(bmc, 0x00, 0x02, [0x02]).cc).toBe(0xd5); // cycle while off
    expect(run(bmc, 0x00, 0x02, [0x09]).cc).toBe(0xcc);
    bmc.stop();
  });

  it('boot flags round-trip through Set/Get System Boot Options (28.12, 28.13)', () => {
    const bmc = newBmc();
    const flags = encodeBootFlags({ device: 'pxe', efi: true });
    expect(run(bmc, 0x00, 0x08, [0x05, ...flags]).cc).toBe(0);
    const opt = GetSystemBootOptions.decode(run(bmc, 0x00, 0x09, [0x05, 0, 0]).data);
    expect(decodeBootFlags(opt.data)).toMatchObject({ valid: true, efi: true, persistent: false, device: 'pxe' });
    expect(run(bmc, 0x00, 0x09, [0x07, 0, 0]).cc).toBe(0x80);
    expect(run(bmc, 0x00, 0x08, [0x00, 0x01]).cc).toBe(0);
    expect(run(bmc, 0x00, 0x08, [0x00, 0x01]).cc).toBe(0x81); // already in progress
  });

  it('sensor reading, thresholds and factors agree with the SDR (35.5, 35.9, 35.14)', () => {
    const bmc = newBmc();
    bmc.pushOverThreshold('Inlet Temp', 'ucr');
    const reading = GetSensorReading.decode(run(bmc, 0x04, 0x2d, [0x01]).data);
    expect(thresholdsCrossed(reading).sort()).toEqual(['ucr', 'unc']);
    const th = GetSensorThresholds.decode(run(bmc, 0x04, 0x27, [0x01]).data);
    expect(Object.keys(th).sort()).toEqual(['ucr', 'unc', 'unr']);
    expect(GetSensorReadingFactors.decode(run(bmc, 0x04, 0x23, [0x01, 0x00]).data).factors).toMatchObject({ m: 5, b: -10, bExp: 1, rExp: -1 });
    expect(run(bmc, 0x04, 0x2d, [0x99]).cc).toBe(0xcb);
    expect(run(bmc, 0x04, 0x27, [0x40]).cc).toBe(0xcd); // discrete PSU sensor has no thresholds
  });

  it('logs power events when power is set from code', () => {
    const bmc = newBmc();
    bmc.chassis.force(false);
    bmc.chassis.force(true);
    expect(bmc.sel.all().map((r) => selEntryFromBytes(r).direction)).toEqual(['asserted', 'deasserted']);
    expect(GetChassisStatus.decode(run(bmc, 0x00, 0x01).data).powerOn).toBe(true);
  });

  it('reports unpowered sensors as unavailable while the chassis is off', () => {
    const reading = GetSensorReading.decode(run(newBmc(false), 0x04, 0x2d, [0x03]).data);
    expect(reading.unavailable).toBe(true);
  });

  it('SDR repository info and partial Get SDR with reservation (33.9, 33.12)', () => {
    const bmc = newBmc();
    const info = GetSdrRepositoryInfo.decode(run(bmc, 0x0a, 0x20).data);
    expect(info.recordCount).toBe(sensorCatalog(DEFAULT_PROFILE).records.length);
    expect(info.supports.reserve).toBe(true);
    expect(run(bmc, 0x0a, 0x23, [0, 0, 0x02, 0, 5, 8]).cc).toBe(0xc5); // partial read without reservation
    const res = run(bmc, 0x0a, 0x22).data;
    const part = run(bmc, 0x0a, 0x23, [res[0]!, res[1]!, 0x02, 0, 5, 8]);
    expect(part.cc).toBe(0);
    expect(part.data.length).toBe(2 + 8);
    expect(run(bmc, 0x0a, 0x23, [res[0]!, res[1]!, 0x02, 0, 0, 0xff]).cc).toBe(0xca); // whole 64-byte record exceeds the 32-byte limit
    run(bmc, 0x0a, 0x22); // a newer reservation cancels the old one
    expect(run(bmc, 0x0a, 0x23, [res[0]!, res[1]!, 0x02, 0, 5, 8]).cc).toBe(0xc5);
  });

  it('SEL info counts entries; Clear SEL needs the reservation and reports erase progress (31.2, 31.9)', async () => {
    const bmc = newBmc();
    bmc.timing = { ...DEFAULT_TIMING, selEraseMs: 20 };
    bmc.setDiscrete('PSU2 Status', 0x02, true);
    expect(GetSelInfo.decode(run(bmc, 0x0a, 0x40).data).entries).toBe(1);
    expect(run(bmc, 0x0a, 0x47, [0x01, 0x00, 0x43, 0x4c, 0x52, 0xaa]).cc).toBe(0xc5);
    const res = run(bmc, 0x0a, 0x42).data;
    expect(run(bmc, 0x0a, 0x47, [res[0]!, res[1]!, 0x43, 0x4c, 0x58, 0xaa]).cc).toBe(0xcc); // not 'CLR'
    expect(run(bmc, 0x0a, 0x47, [res[0]!, res[1]!, 0x43, 0x4c, 0x52, 0xaa]).data[0]).toBe(0x00); // in progress
    expect(run(bmc, 0x0a, 0x43, [0, 0, 0, 0, 0, 0xff]).cc).toBe(0x81); // erase in progress
    await new Promise((r) => setTimeout(r, 40));
    expect(run(bmc, 0x0a, 0x47, [0, 0, 0x43, 0x4c, 0x52, 0x00]).data[0]).toBe(0x01);
    const first = selEntryFromBytes(run(bmc, 0x0a, 0x43, [0, 0, 0, 0, 0, 0xff]).data.subarray(2));
    expect(first.event).toMatch(/cleared/i);
  });

  it('unknown commands answer C1h', () => {
    expect(run(newBmc(), 0x06, 0x99).cc).toBe(0xc1);
    expect(findCommand(0x30, 0x01)).toBeUndefined();
  });
});
