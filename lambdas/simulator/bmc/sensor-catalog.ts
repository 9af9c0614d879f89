/**
 * The immutable, shared half of a profile's sensors: SDR records encoded once, raw
 * thresholds and conversion to and from raw readings. One catalog per profile serves every
 * BMC of the fleet (1,000 BMCs share one copy of the SDR repository).
 */
import { THRESHOLD_BITS, type ThresholdName } from '../../ipmi/protocol.ts';
import type { AnalogSensorDef, DiscreteSensorDef, EventOnlyDef, Profile } from './profile.ts';
import {
  encodeCompactSensorRecord,
  encodeEventOnlyRecord,
  encodeFullSensorRecord,
  encodeMcLocatorRecord,
  type FactorBytes,
} from './sdr-records.ts';

/** y = (M x + B 10^K1) 10^K2 (section 36.3) solved for x, rounded and clamped to a byte. */
export function toRaw(value: number, f: FactorBytes): number {
  const x = (value / 10 ** f.rExp - f.b * 10 ** f.bExp) / f.m;
  return Math.max(0, Math.min(255, Math.round(x)));
}

export function fromRaw(raw: number, f: FactorBytes): number {
  return (f.m * raw + f.b * 10 ** f.bExp) * 10 ** f.rExp;
}

export interface AnalogSensor {
  def: AnalogSensorDef;
  /** Position among the analog sensors, indexing per-BMC state arrays. */
  slot: number;
  rawThresholds: Partial<Record<ThresholdName, number>>;
  /** Readable threshold mask of Get Sensor Thresholds (bit order of THRESHOLD_BITS). */
  readableMask: number;
  hysteresisRaw: number;
}

export interface DiscreteSensor {
  def: DiscreteSensorDef;
  slot: number;
}

export interface SensorCatalog {
  profile: Profile;
  /** SDR repository contents in record ID order. */
  records: readonly Uint8Array[];
  analog: readonly AnalogSensor[];
  discrete: readonly DiscreteSensor[];
  eventOnly: readonly EventOnlyDef[];
  byNumber: ReadonlyMap<number, AnalogSensor | DiscreteSensor>;
  /** Index into `records` by record ID. */
  recordIndex: ReadonlyMap<number, number>;
  /** When the repository was built: its "most recent addition" timestamp (33.9). */
  timestamp: number;
}

function rawHysteresis(def: AnalogSensorDef): number {
  // Hysteresis is a delta: M x 10^K2 without B (section 36.3).
  return Math.max(0, Math.min(255, Math.round(def.hysteresis / (def.factors.m * 10 ** def.factors.rExp))));
}

function compileAnalog(def: AnalogSensorDef, slot: number): AnalogSensor {
  const rawThresholds: Partial<Record<ThresholdName, number>> = {};
  let readableMask = 0;
  for (const [i, name] of THRESHOLD_BITS.entries()) {
    const v = def.thresholds[name];
    if (v === undefined) continue;
    rawThresholds[name] = toRaw(v, def.factors);
    readableMask |= 1 << i;
  }
  return { def, slot, rawThresholds, readableMask, hysteresisRaw: rawHysteresis(def) };
}

const catalogs = new WeakMap<Profile, SensorCatalog>();

export function sensorCatalog(profile: Profile): SensorCatalog {
  const cached = catalogs.get(profile);
  if (cached) return cached;
  const analog: AnalogSensor[] = [];
  const discrete: DiscreteSensor[] = [];
  const eventOnly: EventOnlyDef[] = [];
  const records: Uint8Array[] = [];
  const byNumber = new Map<number, AnalogSensor | DiscreteSensor>();
  let recordId = 1;
  records.push(encodeMcLocatorRecord(recordId++, 'BMC'));
  for (const def of profile.sensors) {
    const id = recordId++;
    if (def.kind === 'analog') {
      const s = compileAnalog(def, analog.length);
      analog.push(s);
      byNumber.set(def.number, s);
      const f = def.factors;
      records.push(
        encodeFullSensorRecord({
          recordId: id,
          number: def.number,
          name: def.name,
          entityId: def.entityId,
          entityInstance: def.entityInstance,
          sensorType: def.sensorType,
          baseUnit: def.baseUnit,
          factors: f,
          thresholds: s.rawThresholds,
          nominalRaw: toRaw(def.nominal, f),
          normalMaxRaw: toRaw(def.nominal + def.driftAmplitude, f),
          normalMinRaw: toRaw(def.nominal - def.driftAmplitude, f),
          hysteresisRaw: s.hysteresisRaw,
        }),
      );
    } else if (def.kind === 'discrete') {
      const s: DiscreteSensor = { def, slot: discrete.length };
      discrete.push(s);
      byNumber.set(def.number, s);
      records.push(encodeCompactSensorRecord({ recordId: id, ...def }));
    } else {
      eventOnly.push(def);
      records.push(encodeEventOnlyRecord({ recordId: id, ...def }));
    }
  }
  const recordIndex = new Map(records.map((r, i) => [r[0]! | (r[1]! << 8), i]));
  const catalog: SensorCatalog = { profile, records, analog, discrete, eventOnly, byNumber, recordIndex, timestamp: Math.floor(Date.now() / 1000) };
  catalogs.set(profile, catalog);
  return catalog;
}
