/**
 * Setting sensor thresholds and hysteresis within what the sensor's SDR allows (Full Sensor
 * Record, IPMI v2.0 Table 43-1: byte 12 threshold access and hysteresis support, byte 20
 * settable threshold mask), values given in the sensor's units and converted to raw counts
 * with its factors (section 36.3).
 */
import type { IpmiRequester } from '../commands/command.ts';
import { GetSensorHysteresis } from '../commands/sensor/get-sensor-hysteresis.ts';
import { GetSensorThresholds, type RawThresholds } from '../commands/sensor/get-sensor-thresholds.ts';
import { SetSensorHysteresis, SetSensorThresholds } from '../commands/sensor/set-sensor-thresholds.ts';
import { InvalidArgumentError } from '../errors.ts';
import { convertDelta, convertReading } from '../sdr/conversion.ts';
import { THRESHOLD_BITS, type FullSensorRecord, type SdrRecord, type ThresholdName } from '../sdr/types.ts';

export type Thresholds = Partial<Record<ThresholdName, number>>;

export interface HysteresisValues {
  readonly positive: number;
  readonly negative: number;
}

/** The full sensor record named (case-insensitive) or numbered. Compact records carry no conversion. */
export function findThresholdSensor(records: readonly SdrRecord[], sensor: string | number): FullSensorRecord {
  const full = records.filter((r): r is FullSensorRecord => r.kind === 'full');
  const found = typeof sensor === 'number' ? full.find((r) => r.key.number === sensor) : full.find((r) => r.name.toLowerCase() === sensor.toLowerCase());
  if (!found) throw new InvalidArgumentError(`sensor ${typeof sensor === 'number' ? `#${sensor}` : `"${sensor}"`}: no full sensor record`);
  if (found.eventReadingType !== 0x01) throw new InvalidArgumentError(`sensor "${found.name}" is not threshold-based`);
  return found;
}

function rawValues(record: FullSensorRecord): { raw: number; value: number }[] {
  const out: { raw: number; value: number }[] = [];
  for (let raw = 0; raw < 256; raw++) {
    const value = convertReading(raw, record.units.analogFormat, record.factors, record.linearization);
    if (value !== null) out.push({ raw, value });
  }
  return out;
}

/**
 * The raw count whose converted value is nearest to `value`; a value beyond the sensor's
 * range by more than half a step is refused rather than clamped.
 */
export function toRaw(record: FullSensorRecord, value: number, field: string): number {
  const candidates = rawValues(record);
  if (!Number.isFinite(value) || candidates.length === 0) throw new InvalidArgumentError(`${field}: ${value} cannot be represented by sensor "${record.name}"`);
  let best = candidates[0]!;
  for (const c of candidates) if (Math.abs(c.value - value) < Math.abs(best.value - value)) best = c;
  const values = candidates.map((c) => c.value);
  const min = Math.min(...values);
  const max = Math.max(...values);
  const step = (max - min) / Math.max(1, candidates.length - 1);
  if (value < min - step / 2 || value > max + step / 2) {
    throw new InvalidArgumentError(`${field}: ${value} is outside the range of sensor "${record.name}" (${min} to ${max})`);
  }
  return best.raw;
}

export function toUnits(record: FullSensorRecord, raw: RawThresholds): Thresholds {
  const out: Thresholds = {};
  for (const name of THRESHOLD_BITS) {
    const r = raw[name];
    if (r !== undefined) out[name] = convertReading(r, record.units.analogFormat, record.factors, record.linearization) ?? Number.NaN;
  }
  return out;
}

/** Checks and converts: every threshold named must be settable per the SDR. */
export function thresholdRequest(record: FullSensorRecord, thresholds: Thresholds): RawThresholds {
  if (record.capabilities.thresholdAccess !== 'readable-settable') throw new InvalidArgumentError(`sensor "${record.name}": thresholds are not settable (SDR threshold access: ${record.capabilities.thresholdAccess})`);
  const settable = record.thresholdMasks?.settable ?? [];
  const raw: RawThresholds = {};
  for (const name of THRESHOLD_BITS) {
    const v = thresholds[name];
    if (v === undefined) continue;
    if (!settable.includes(name)) throw new InvalidArgumentError(`sensor "${record.name}": threshold ${name} is not settable (settable: ${settable.join(', ') || 'none'})`);
    raw[name] = toRaw(record, v, name);
  }
  if (Object.keys(raw).length === 0) throw new InvalidArgumentError('no threshold given');
  return raw;
}

export async function readThresholds(s: IpmiRequester, record: FullSensorRecord): Promise<Thresholds> {
  return toUnits(record, await s.call(GetSensorThresholds, record.key.number, { lun: record.key.lun }));
}

/** Sets thresholds (in units) and returns them as read back. */
export async function setThresholds(s: IpmiRequester, record: FullSensorRecord, thresholds: Thresholds): Promise<{ before: Thresholds; after: Thresholds }> {
  const raw = thresholdRequest(record, thresholds);
  const before = await readThresholds(s, record);
  await s.call(SetSensorThresholds, { sensorNumber: record.key.number, thresholds: raw }, { lun: record.key.lun });
  return { before, after: await readThresholds(s, record) };
}

function deltaToRaw(record: FullSensorRecord, value: number, field: string): number {
  if (!Number.isFinite(value) || value < 0) throw new InvalidArgumentError(`${field}: must be 0 or more, got ${value}`);
  let best = 0;
  let bestDiff = Number.POSITIVE_INFINITY;
  for (let raw = 0; raw < 256; raw++) {
    const v = convertDelta(raw, 'unsigned', record.factors, 'linear');
    if (v === null) continue;
    const d = Math.abs(v - value);
    if (d < bestDiff) [best, bestDiff] = [raw, d];
  }
  const step = Math.abs(convertDelta(1, 'unsigned', record.factors, 'linear') ?? 0);
  if (bestDiff > step / 2 + 1e-9) throw new InvalidArgumentError(`${field}: ${value} is outside what sensor "${record.name}" can hold`);
  return best;
}

export async function readHysteresis(s: IpmiRequester, record: FullSensorRecord): Promise<HysteresisValues> {
  const raw = await s.call(GetSensorHysteresis, record.key.number, { lun: record.key.lun });
  const delta = (r: number) => convertDelta(r, 'unsigned', record.factors, 'linear') ?? Number.NaN;
  return { positive: delta(raw.positive), negative: delta(raw.negative) };
}

export async function setHysteresis(s: IpmiRequester, record: FullSensorRecord, h: HysteresisValues): Promise<{ before: HysteresisValues; after: HysteresisValues }> {
  if (record.capabilities.hysteresis !== 'readable-settable') throw new InvalidArgumentError(`sensor "${record.name}": hysteresis is not settable (SDR: ${record.capabilities.hysteresis})`);
  const positive = deltaToRaw(record, h.positive, 'positive-going hysteresis');
  const negative = deltaToRaw(record, h.negative, 'negative-going hysteresis');
  const before = await readHysteresis(s, record);
  await s.call(SetSensorHysteresis, { sensorNumber: record.key.number, positive, negative }, { lun: record.key.lun });
  return { before, after: await readHysteresis(s, record) };
}
