import { describe, expect, it } from 'vitest';
import { toHex } from '../../lambdas/ipmi/codec/bytes.ts';
import { GetSensorHysteresis } from '../../lambdas/ipmi/commands/sensor/get-sensor-hysteresis.ts';
import { discreteStateBits, GetSensorReading, thresholdsCrossed } from '../../lambdas/ipmi/commands/sensor/get-sensor-reading.ts';
import { GetSensorReadingFactors } from '../../lambdas/ipmi/commands/sensor/get-sensor-reading-factors.ts';
import { GetSensorThresholds } from '../../lambdas/ipmi/commands/sensor/get-sensor-thresholds.ts';
import { TimeoutError, TruncatedError } from '../../lambdas/ipmi/errors.ts';
import { readSensors } from '../../lambdas/ipmi/ops/sensors.ts';
import { decodeSdrRecord } from '../../lambdas/ipmi/sdr/decode.ts';
import type { SdrRecord } from '../../lambdas/ipmi/sdr/types.ts';
import { cc, FakeBmc } from './cli-fake-bmc.ts';
import { compactRecord, eventOnlyRecord, fullRecord, mcLocatorRecord } from './sdr-fixtures.ts';

const SE = 0x04;

describe('Get Sensor Reading (35.14)', () => {
  it('decodes flags: event messages, scanning, unavailable', () => {
    expect(GetSensorReading.decode(Uint8Array.from([0x2a, 0xc0, 0x00]))).toMatchObject({
      raw: 0x2a,
      eventMessagesEnabled: true,
      scanningEnabled: true,
      unavailable: false,
      hasStatus: true,
    });
    expect(GetSensorReading.decode(Uint8Array.from([0x00, 0x20]))).toMatchObject({
      eventMessagesEnabled: false,
      scanningEnabled: false,
      unavailable: true,
      hasStatus: false,
      byte3: 0,
    });
  });

  it('decodes threshold comparison bits of byte 3', () => {
    const r = GetSensorReading.decode(Uint8Array.from([0x60, 0xc0, 0x18]));
    expect(thresholdsCrossed(r)).toEqual(['unc', 'ucr']);
  });

  it('decodes discrete states of bytes 3-4, ignoring reserved bit 15', () => {
    const r = GetSensorReading.decode(Uint8Array.from([0x00, 0xc0, 0x81, 0xc0]));
    expect(discreteStateBits(r)).toBe(0x4081);
  });

  it('encodes the sensor number and rejects a response without flags', () => {
    expect(toHex(GetSensorReading.encode(0x30))).toBe('30');
    expect(() => GetSensorReading.decode(Uint8Array.from([0x10]))).toThrow(TruncatedError);
  });
});

describe('Get Sensor Thresholds (35.9), Hysteresis (35.7), Reading Factors (35.5)', () => {
  it('returns only readable thresholds', () => {
    // mask 0x1b: LNC, LCR, UNC, UCR; values LNC=10 LCR=5 LNR=0 UNC=85 UCR=95 UNR=105
    expect(GetSensorThresholds.decode(Uint8Array.from([0x1b, 10, 5, 0, 85, 95, 105]))).toEqual({ lnc: 10, lcr: 5, unc: 85, ucr: 95 });
    expect(() => GetSensorThresholds.decode(Uint8Array.from([0x3f, 1, 2]))).toThrow(TruncatedError);
  });

  it('encodes hysteresis with the reserved mask byte FFh', () => {
    expect(toHex(GetSensorHysteresis.encode(0x30))).toBe('30ff');
    expect(GetSensorHysteresis.decode(Uint8Array.from([2, 3]))).toEqual({ positive: 2, negative: 3 });
  });

  it('decodes reading factors in the SDR layout', () => {
    expect(toHex(GetSensorReadingFactors.encode({ sensorNumber: 0x31, reading: 0x80 }))).toBe('3180');
    expect(GetSensorReadingFactors.decode(Uint8Array.from([0x90, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00]))).toMatchObject({
      nextReading: 0x90,
      factors: { m: 2, b: 0 },
    });
  });
});

function sdrs(...records: Uint8Array[]): SdrRecord[] {
  return records.map(decodeSdrRecord);
}

describe('readSensors', () => {
  it('reports an analog threshold sensor as ipmitool sensor list does', async () => {
    const bmc = new FakeBmc()
      .on(SE, 0x2d, () => [0x2a, 0xc0, 0x00])
      .on(SE, 0x27, () => [0x3f, 10, 5, 0, 85, 95, 105]);
    const [cpu] = await readSensors(bmc, { sdrs: sdrs(fullRecord()) });
    expect(cpu).toEqual({
      name: 'CPU Temp',
      number: 0x30,
      type: 'Temperature',
      reading: 42,
      unit: 'degrees C',
      status: 'ok',
      states: [],
      thresholds: { lnc: 10, lcr: 5, lnr: 0, unc: 85, ucr: 95, unr: 105 },
    });
  });

  it.each([
    [0x01, 'nc'],
    [0x08, 'nc'],
    [0x02, 'cr'],
    [0x18, 'cr'],
    [0x04, 'nr'],
    [0x3f, 'nr'],
    [0x00, 'ok'],
  ])('status for comparison bits %s is %s', async (bits, status) => {
    const bmc = new FakeBmc().on(SE, 0x2d, () => [0x60, 0xc0, bits]).on(SE, 0x27, () => [0x00, 0, 0, 0, 0, 0, 0]);
    const [s] = await readSensors(bmc, { sdrs: sdrs(fullRecord()) });
    expect(s!.status).toBe(status);
    expect(s!.thresholds).toEqual({});
  });

  it('reports ns with a null reading when unavailable, scanning disabled or refused', async () => {
    for (const response of [[0x2a, 0xe0], [0x2a, 0x80, 0x00], cc(0xcb), [0x2a]]) {
      const bmc = new FakeBmc().on(SE, 0x2d, () => response).on(SE, 0x27, () => cc(0xcb));
      const [s] = await readSensors(bmc, { sdrs: sdrs(fullRecord()) });
      expect(s).toMatchObject({ reading: null, status: 'ns', thresholds: {} });
    }
  });

  it('names the asserted states of a discrete sensor and skips event-only and locator records', async () => {
    // Power supply (08h): offsets 0 (presence) and 1 (failure) asserted.
    const bmc = new FakeBmc().on(SE, 0x2d, () => [0x00, 0xc0, 0x03, 0x00]);
    const out = await readSensors(bmc, { sdrs: sdrs(compactRecord(), eventOnlyRecord(), mcLocatorRecord()) });
    expect(out).toEqual([
      { name: 'PSU', number: 0x40, type: 'Power Supply', reading: null, unit: null, status: 'ok', states: ['Presence detected', 'Failure detected'], thresholds: {} },
    ]);
    expect(bmc.sent(SE, 0x27)).toEqual([]);
  });

  it.each([
    [0x60, 'none'],
    [0x6c, 'fixed, unreadable'],
  ])('asks no Get Sensor Thresholds when the SDR says the thresholds are not readable (capabilities %s: %s)', async (caps) => {
    const bmc = new FakeBmc().on(SE, 0x2d, () => [0x2a, 0xc0, 0x00]).on(SE, 0x27, () => [0x3f, 10, 5, 0, 85, 95, 105]);
    const [s] = await readSensors(bmc, { sdrs: sdrs(fullRecord({ 12: caps })) });
    expect(s).toMatchObject({ reading: 42, status: 'ok', thresholds: {} });
    expect(bmc.sent(SE, 0x27)).toEqual([]);
    // Readable (01b) and readable-settable (10b) are asked.
    const readable = new FakeBmc().on(SE, 0x2d, () => [0x2a, 0xc0, 0x00]).on(SE, 0x27, () => [0x01, 10, 0, 0, 0, 0, 0]);
    await readSensors(readable, { sdrs: sdrs(fullRecord({ 12: 0x64 })) });
    expect(readable.sent(SE, 0x27)).toHaveLength(1);
  });

  it('converts negative two’s complement readings and thresholds with R exponent', async () => {
    // 2's complement, M=5, R exp -1: raw F6h (-10) -> -5.0; threshold raw 14h (20) -> 10
    const rec = fullRecord({ 21: 0x80, 25: 0x05, 30: 0xf0 });
    const bmc = new FakeBmc().on(SE, 0x2d, () => [0xf6, 0xc0, 0x01]).on(SE, 0x27, () => [0x01, 0x14, 0, 0, 0, 0, 0]);
    const [s] = await readSensors(bmc, { sdrs: sdrs(rec) });
    expect(s).toMatchObject({ reading: -5, status: 'nc', thresholds: { lnc: 10 } });
  });

  it('asks for reading factors for non-linear sensors (linearization 70h)', async () => {
    const rec = fullRecord({ 24: 0x70 });
    const bmc = new FakeBmc()
      .on(SE, 0x2d, () => [0x10, 0xc0, 0x00])
      .on(SE, 0x23, () => [0xff, 0x03, 0x00, 0x01, 0x00, 0x00, 0x00]) // M=3, B=1
      .on(SE, 0x27, () => [0x08, 0, 0, 0, 0x20, 0, 0]);
    const [s] = await readSensors(bmc, { sdrs: sdrs(rec) });
    expect(s).toMatchObject({ reading: 49, thresholds: { unc: 97 } });
    expect(bmc.sent(SE, 0x23)).toEqual([[0x30, 0x10]]);
  });

  it('reads the sensors of a shared compact record one by one', async () => {
    const rec = compactRecord({ 24: 0x02, 25: 0x01 }, 'PSU');
    const bmc = new FakeBmc().on(SE, 0x2d, (d) => [0x00, 0xc0, d[0] === 0x40 ? 0x01 : 0x00, 0x00]);
    const out = await readSensors(bmc, { sdrs: sdrs(rec) });
    expect(out.map((s) => [s.name, s.number, s.states])).toEqual([
      ['PSU1', 0x40, ['Presence detected']],
      ['PSU2', 0x41, []],
    ]);
  });

  it('keeps SDR order with concurrent reads', async () => {
    const records = sdrs(fullRecord({ 8: 0x31 }, 'A'), fullRecord({ 8: 0x32 }, 'B'), fullRecord({ 8: 0x33 }, 'C'));
    const bmc = new FakeBmc().on(SE, 0x2d, (d) => [d[0]!, 0xc0, 0x00]).on(SE, 0x27, () => cc(0xc1));
    const out = await readSensors(bmc, { sdrs: records, concurrency: 3 });
    expect(out.map((s) => [s.name, s.reading])).toEqual([
      ['A', 0x31],
      ['B', 0x32],
      ['C', 0x33],
    ]);
  });

  it('throws BMC-level failures instead of reporting ns', async () => {
    const bmc = new FakeBmc();
    bmc.call = async () => {
      throw new TimeoutError('Get Sensor Reading', '127.0.0.1', 1000, 3);
    };
    await expect(readSensors(bmc, { sdrs: sdrs(fullRecord()) })).rejects.toThrow(TimeoutError);
  });
});
