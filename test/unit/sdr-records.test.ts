import { describe, expect, it } from 'vitest';
import { MalformedError, TruncatedError } from '../../lambdas/ipmi/errors.ts';
import { decodeSdrRecord } from '../../lambdas/ipmi/sdr/decode.ts';
import { decodeIdString } from '../../lambdas/ipmi/sdr/id-string.ts';
import { expandSharedRecord } from '../../lambdas/ipmi/sdr/sharing.ts';
import type { CompactSensorRecord } from '../../lambdas/ipmi/sdr/types.ts';
import {
  compactRecord,
  entityAssociationRecord,
  eventOnlyRecord,
  fruLocatorRecord,
  fullRecord,
  mcLocatorRecord,
} from './sdr-fixtures.ts';

describe('Full Sensor Record (43.1, Table 43-1)', () => {
  it('decodes key, entity, type, masks, units, factors and thresholds', () => {
    const r = decodeSdrRecord(fullRecord());
    expect(r.kind).toBe('full');
    if (r.kind !== 'full') return;
    expect(r).toMatchObject({
      recordId: 1,
      sdrVersion: 0x51,
      recordType: 0x01,
      name: 'CPU Temp',
      key: { ownerId: 0x20, channel: 0, lun: 0, number: 0x30 },
      entity: { id: 3, instance: 1, logical: false },
      sensorType: 0x01,
      eventReadingType: 0x01,
      direction: 'input',
      linearization: 'linear',
      factors: { m: 1, b: 0, bExp: 0, rExp: 0, tolerance: 0 },
      thresholds: { lnr: 0, lcr: 5, lnc: 10, unc: 85, ucr: 95, unr: 105 },
      nominalReadingSpecified: true,
      nominalReading: 40,
      positiveHysteresis: 2,
      negativeHysteresis: 2,
    });
    expect(r.capabilities).toEqual({
      ignoreIfEntityAbsent: false,
      autoRearm: true,
      hysteresis: 'readable-settable',
      thresholdAccess: 'readable-settable',
      eventMessageControl: 'per-threshold',
    });
    expect(r.units).toEqual({
      analogFormat: 'unsigned',
      rate: 'none',
      modifierRelation: 'none',
      percentage: false,
      baseUnit: 1,
      modifierUnit: 0,
    });
  });

  it('decodes readable, settable and comparison-returned threshold masks (bytes 15-20)', () => {
    const r = decodeSdrRecord(fullRecord({ 16: 0x20, 18: 0x40, 19: 0x16, 20: 0x00 }));
    expect(r.kind === 'full' && r.thresholdMasks).toEqual({
      readable: ['lcr', 'lnr', 'ucr'], // 16h = bits 1, 2, 4
      settable: [],
      comparisonReturned: ['lcr', 'unr'], // byte 16 [5] = LCR, byte 18 [6] = UNR
    });
  });

  it('has no threshold masks for a discrete full sensor', () => {
    const r = decodeSdrRecord(fullRecord({ 14: 0x6f }));
    expect(r.kind === 'full' && r.thresholdMasks).toBeUndefined();
  });

  it('decodes owner LUN, channel and logical entity instances', () => {
    const r = decodeSdrRecord(fullRecord({ 7: 0x52, 10: 0x83 }));
    expect(r.kind === 'full' && r.key).toMatchObject({ channel: 5, lun: 2 });
    expect(r.kind === 'full' && r.entity).toEqual({ id: 3, instance: 3, logical: true });
  });

  it('decodes 10-bit signed M and B and 4-bit signed exponents (bytes 25-30)', () => {
    // M = -2 (3FEh), tolerance 5; B = -50 (3CEh), accuracy 0x123 (291), accuracy exp 2; R exp -1, B exp +1.
    const r = decodeSdrRecord(fullRecord({ 25: 0xfe, 26: 0xc5, 27: 0xce, 28: 0xe3, 29: 0x49, 30: 0xf1 }));
    expect(r.kind === 'full' && r.factors).toEqual({ m: -2, b: -50, tolerance: 5, accuracy: 0x123, accuracyExp: 2, rExp: -1, bExp: 1 });
    expect(r.kind === 'full' && r.direction).toBe('input');
  });

  it('decodes percentage, rate and modifier units (byte 21)', () => {
    // 2's complement, per second, base/modifier, percentage: 10 011 01 1
    const r = decodeSdrRecord(fullRecord({ 21: 0x9b, 22: 0x12, 23: 0x17 }));
    expect(r.kind === 'full' && r.units).toEqual({
      analogFormat: 'twos-complement',
      rate: 'per s',
      modifierRelation: 'divide',
      percentage: true,
      baseUnit: 0x12,
      modifierUnit: 0x17,
    });
  });

  it('decodes every linearization code of byte 24', () => {
    const names = ['linear', 'ln', 'log10', 'log2', 'e', 'exp10', 'exp2', '1/x', 'sqr', 'cube', 'sqrt', 'cube-root'];
    names.forEach((name, code) => {
      const r = decodeSdrRecord(fullRecord({ 24: code }));
      expect(r.kind === 'full' && r.linearization).toBe(name);
    });
    const lin = (code: number) => {
      const r = decodeSdrRecord(fullRecord({ 24: code }));
      return r.kind === 'full' ? r.linearization : undefined;
    };
    expect(lin(0x70)).toBe('non-linear');
    expect(lin(0x7f)).toBe('oem-non-linear');
    expect(lin(0x20)).toBe('reserved');
  });

  it('rejects a record shorter than its fixed fields with TruncatedError', () => {
    const full = fullRecord();
    const cut = Uint8Array.from([...full.subarray(0, 4), 30, ...full.subarray(5, 35)]);
    expect(() => decodeSdrRecord(cut)).toThrow(TruncatedError);
  });

  it('rejects a record whose header length exceeds the bytes given', () => {
    const full = fullRecord();
    expect(() => decodeSdrRecord(full.subarray(0, full.length - 1))).toThrow(TruncatedError);
    expect(() => decodeSdrRecord(Uint8Array.from([1, 0, 0x51]))).toThrow(TruncatedError);
  });

  it('rejects an ID string longer than the record with MalformedError', () => {
    expect(() => decodeSdrRecord(fullRecord({ 48: 0xc0 | 20 }))).toThrow(MalformedError);
  });
});

describe('Compact Sensor Record (43.2, Table 43-2)', () => {
  it('decodes common fields, direction and sharing', () => {
    const r = decodeSdrRecord(compactRecord({ 24: 0x93, 25: 0x81 }));
    expect(r).toMatchObject({
      kind: 'compact',
      name: 'PSU',
      key: { number: 0x40 },
      sensorType: 0x08,
      eventReadingType: 0x6f,
      direction: 'output',
      sharing: { shareCount: 3, idModifierType: 'alpha', entityInstanceIncrements: true, idModifierOffset: 1 },
      readingMask: 0x000f,
    });
    expect(r.kind === 'compact' && r.units.analogFormat).toBe('none');
  });

  it('expands shared records into numbered sensors with numeric or alpha modifiers', () => {
    const numeric = decodeSdrRecord(compactRecord({ 24: 0x03, 25: 0x81 }, 'DIMM')) as CompactSensorRecord;
    expect(expandSharedRecord(numeric)).toEqual([
      { number: 0x40, name: 'DIMM1', entityInstance: 1 },
      { number: 0x41, name: 'DIMM2', entityInstance: 2 },
      { number: 0x42, name: 'DIMM3', entityInstance: 3 },
    ]);
    const alpha = decodeSdrRecord(compactRecord({ 24: 0x12, 25: 0x19 }, 'Fan ')) as CompactSensorRecord;
    expect(expandSharedRecord(alpha).map((s) => s.name)).toEqual(['Fan Z', 'Fan AA']);
    const single = decodeSdrRecord(compactRecord()) as CompactSensorRecord;
    expect(expandSharedRecord(single)).toEqual([{ number: 0x40, name: 'PSU', entityInstance: 1 }]);
  });

  it('rejects a truncated compact record', () => {
    const rec = compactRecord();
    const cut = Uint8Array.from([...rec.subarray(0, 4), 20, ...rec.subarray(5, 25)]);
    expect(() => decodeSdrRecord(cut)).toThrow(TruncatedError);
  });
});

describe('Event-Only, FRU and MC locator records (43.3, 43.8, 43.9)', () => {
  it('decodes an event-only record', () => {
    expect(decodeSdrRecord(eventOnlyRecord())).toMatchObject({
      kind: 'event-only',
      name: 'Watchdog',
      key: { ownerId: 0x20, number: 0x50 },
      entity: { id: 7, instance: 1 },
      sensorType: 0x23,
      eventReadingType: 0x6f,
      direction: 'output',
    });
  });

  it('decodes a FRU device locator', () => {
    expect(decodeSdrRecord(fruLocatorRecord())).toMatchObject({
      kind: 'fru-locator',
      name: 'Builtin FRU',
      deviceAccessAddress: 0x20,
      fruDeviceId: 0,
      logical: true,
      accessLun: 0,
      privateBusId: 0,
      channel: 0,
      deviceType: 0x10,
      entity: { id: 7, instance: 1 },
    });
  });

  it('decodes an MC device locator with its capabilities', () => {
    expect(decodeSdrRecord(mcLocatorRecord())).toMatchObject({
      kind: 'mc-locator',
      name: 'BMC',
      slaveAddress: 0x20,
      channel: 0,
      capabilities: { chassis: false, bridge: false, ipmbEventGenerator: true, fruInventory: true, sel: true, sdrRepository: true, sensor: true },
      entity: { id: 0x2e, instance: 1 },
    });
  });

  it('keeps other record types as kind "other"', () => {
    expect(decodeSdrRecord(entityAssociationRecord())).toEqual({ recordId: 6, sdrVersion: 0x51, recordType: 0x08, length: 11, kind: 'other' });
  });

  it('rejects truncated locator and event-only records', () => {
    for (const rec of [eventOnlyRecord(), fruLocatorRecord(), mcLocatorRecord()]) {
      const cut = Uint8Array.from([...rec.subarray(0, 4), 6, ...rec.subarray(5, 11)]);
      expect(() => decodeSdrRecord(cut)).toThrow(TruncatedError);
    }
  });
});

describe('ID string type/length (43.15)', () => {
  it('decodes 8-bit Latin-1 and stops at NUL padding', () => {
    expect(decodeIdString(0xc6, Uint8Array.from([0x46, 0x61, 0x6e, 0x20, 0x31, 0x00]), 't')).toBe('Fan 1');
    expect(decodeIdString(0xc2, Uint8Array.from([0xb0, 0x43]), 't')).toBe('°C');
  });

  it('decodes 6-bit packed ASCII ("IPMI" = 29h DCh A6h)', () => {
    expect(decodeIdString(0x83, Uint8Array.from([0x29, 0xdc, 0xa6]), 't')).toBe('IPMI');
  });

  it('decodes BCD plus', () => {
    expect(decodeIdString(0x43, Uint8Array.from([0x12, 0x3b, 0x4c]), 't')).toBe('123-4.');
  });

  it('throws MalformedError when the length exceeds the bytes', () => {
    expect(() => decodeIdString(0xc5, Uint8Array.from([0x41]), 'rec')).toThrow(MalformedError);
  });
});
