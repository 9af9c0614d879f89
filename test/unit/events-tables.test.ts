import { describe, expect, it } from 'vitest';
import {
  describeEvent,
  discreteStateNames,
  eventReadingClass,
  eventTypeName,
  GENERIC_STATES,
  SENSOR_SPECIFIC_STATES,
  sensorTypeName,
  stateName,
  thresholdEventDetail,
} from '../../lambdas/ipmi/events/index.ts';
import { decodeSdrRecord } from '../../lambdas/ipmi/sdr/decode.ts';
import type { FullSensorRecord } from '../../lambdas/ipmi/sdr/types.ts';
import { fullRecord } from './sdr-fixtures.ts';

describe('sensor type names (Table 42-3)', () => {
  it('names standard types as ipmitool prints them', () => {
    expect(sensorTypeName(0x01)).toBe('Temperature');
    expect(sensorTypeName(0x04)).toBe('Fan');
    expect(sensorTypeName(0x0d)).toBe('Drive Slot / Bay');
    expect(sensorTypeName(0x11)).toBe('Watchdog1');
    expect(sensorTypeName(0x23)).toBe('Watchdog2');
    expect(sensorTypeName(0x2c)).toBe('FRU State');
  });

  it('names reserved and OEM codes Unknown', () => {
    expect(sensorTypeName(0x2d)).toBe('Unknown');
    expect(sensorTypeName(0xc0)).toBe('Unknown');
  });

  it('classifies event/reading type codes (Table 42-1)', () => {
    expect([0x00, 0x01, 0x05, 0x0c, 0x0d, 0x6f, 0x70, 0x7f].map(eventReadingClass)).toEqual([
      'unspecified', 'threshold', 'generic', 'generic', 'reserved', 'sensor-specific', 'oem', 'oem',
    ]);
    expect(eventTypeName(0x6f)).toBe('Sensor-specific Discrete');
    expect(eventTypeName(0x81)).toBe('Threshold'); // direction bit ignored
  });
});

describe('state tables (Tables 42-2, 42-3)', () => {
  it('covers every generic event/reading type 01h-0Ch', () => {
    for (let t = 0x01; t <= 0x0c; t++) expect(GENERIC_STATES.get(t)?.length).toBeGreaterThan(0);
    expect(GENERIC_STATES.get(0x01)).toHaveLength(12);
    expect(GENERIC_STATES.get(0x07)).toHaveLength(9);
    expect(GENERIC_STATES.get(0x0b)).toHaveLength(8);
  });

  it('covers the sensor types that define offsets, with the spec offset counts', () => {
    const counts: Record<number, number> = {
      0x05: 7, 0x06: 6, 0x07: 13, 0x08: 8, 0x09: 8, 0x0c: 11, 0x0d: 9, 0x0f: 3, 0x10: 7, 0x11: 8, 0x12: 6, 0x13: 12,
      0x14: 5, 0x19: 2, 0x1b: 2, 0x1d: 8, 0x1e: 5, 0x1f: 11, 0x20: 6, 0x21: 10, 0x22: 15, 0x23: 9, 0x24: 4, 0x25: 3,
      0x27: 2, 0x28: 6, 0x29: 3, 0x2a: 4, 0x2b: 8, 0x2c: 8,
    };
    for (const [type, n] of Object.entries(counts)) expect(SENSOR_SPECIFIC_STATES.get(Number(type))?.length, `type ${type}`).toBe(n);
  });

  it('names discrete states from a reading mask', () => {
    expect(discreteStateNames(0x6f, 0x08, 0x0003)).toEqual(['Presence detected', 'Failure detected']);
    expect(discreteStateNames(0x6f, 0x07, 0x0080)).toEqual(['Presence detected']);
    expect(discreteStateNames(0x6f, 0x0c, 0x0400)).toEqual(['Critical Overtemperature']); // offset 0Ah in byte 4
    expect(discreteStateNames(0x08, 0x25, 0x0002)).toEqual(['Device Present']); // generic: by reading type, not sensor type
    expect(discreteStateNames(0x03, 0x00, 0x0001)).toEqual(['State Deasserted']);
    expect(discreteStateNames(0x6f, 0x23, 0x0010)).toEqual([]); // reserved offset 04h
    expect(discreteStateNames(0x70, 0x08, 0xffff)).toEqual([]); // OEM reading type
    expect(discreteStateNames(0x6f, 0x08, 0x8000)).toEqual([]); // bit 15 reserved
    expect(stateName(0x6f, 0x2a, 1)).toBe('Session Deactivated');
  });
});

describe('describeEvent (sel elist description column)', () => {
  it('describes threshold, generic and sensor-specific events', () => {
    expect(describeEvent({ sensorType: 0x01, eventType: 0x01, eventData1: 0x59, eventData2: 0x60, eventData3: 0x5f })).toBe('Upper Critical going high');
    expect(describeEvent({ sensorType: 0x01, eventType: 0x01, eventData1: 0x00 })).toBe('Lower Non-critical going low');
    expect(describeEvent({ sensorType: 0x25, eventType: 0x08, eventData1: 0x01 })).toBe('Device Present');
    expect(describeEvent({ sensorType: 0x05, eventType: 0x6f, eventData1: 0x00 })).toBe('General Chassis intrusion');
    expect(describeEvent({ sensorType: 0x10, eventType: 0x6f, eventData1: 0x02 })).toBe('Log area reset/cleared');
  });

  it('refines offsets with event data 2 when byte 2 is specified (0Fh, 2Bh)', () => {
    expect(describeEvent({ sensorType: 0x0f, eventType: 0x6f, eventData1: 0xc2, eventData2: 0x13 })).toBe('System boot initiated');
    expect(describeEvent({ sensorType: 0x0f, eventType: 0x6f, eventData1: 0x00, eventData2: 0x01 })).toBe('Unknown Error');
    expect(describeEvent({ sensorType: 0x0f, eventType: 0x6f, eventData1: 0xc0, eventData2: 0x7f })).toBe('Unknown Error');
    expect(describeEvent({ sensorType: 0x2b, eventType: 0x6f, eventData1: 0xc1, eventData2: 0x09 })).toBe(
      'Firmware or software change detected, BIOS/EFI change',
    );
  });

  it('refines the power supply configuration error with event data 3 [3:0]', () => {
    expect(describeEvent({ sensorType: 0x08, eventType: 0x6f, eventData1: 0x36, eventData2: 0, eventData3: 0x01 })).toBe('Config Error: Revision Mismatch');
    expect(describeEvent({ sensorType: 0x08, eventType: 0x6f, eventData1: 0x06 })).toBe('Config Error');
  });

  it('returns null for OEM, reserved and undefined offsets', () => {
    expect(describeEvent({ sensorType: 0x01, eventType: 0x70, eventData1: 0x00 })).toBeNull();
    expect(describeEvent({ sensorType: 0x01, eventType: 0x00, eventData1: 0x00 })).toBeNull();
    expect(describeEvent({ sensorType: 0x05, eventType: 0x6f, eventData1: 0x0f })).toBeNull();
    expect(describeEvent({ sensorType: 0xc5, eventType: 0x6f, eventData1: 0x00 })).toBeNull();
  });
});

describe('thresholdEventDetail', () => {
  const sdr = decodeSdrRecord(fullRecord()) as FullSensorRecord;

  it('formats trigger reading and threshold as sel elist does', () => {
    expect(thresholdEventDetail(sdr, { eventData1: 0x59, eventData2: 0x60, eventData3: 0x5f })).toBe('Reading 96 > Threshold 95 degrees C');
    expect(thresholdEventDetail(sdr, { eventData1: 0x52, eventData2: 0x04, eventData3: 0x05 })).toBe('Reading 4 < Threshold 5 degrees C');
    expect(thresholdEventDetail(sdr, { eventData1: 0x49, eventData2: 0x60, eventData3: 0x5f })).toBe('Reading 96');
  });

  it('shows two decimals for fractional values and nothing without a trigger reading', () => {
    const volts = decodeSdrRecord(fullRecord({ 22: 0x04, 25: 0x4e, 30: 0xd0 })) as FullSensorRecord;
    expect(thresholdEventDetail(volts, { eventData1: 0x57, eventData2: 0xa1, eventData3: 0xa0 })).toBe('Reading 12.56 > Threshold 12.48 Volts');
    expect(thresholdEventDetail(sdr, { eventData1: 0x09, eventData2: 0, eventData3: 0 })).toBeNull();
  });
});
