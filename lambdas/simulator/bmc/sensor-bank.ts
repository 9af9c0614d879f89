/**
 * Live sensor values of one BMC. Values are a pure function of time (a slow sine around
 * the nominal value, phase-shifted per BMC) unless code overrides them, so idle BMCs cost
 * no timers and a few bytes each. Threshold crossings, with hysteresis, become SEL events.
 */
import { THRESHOLD_BITS, type ThresholdName } from '../../ipmi/protocol.ts';
import type { AnalogSensor, DiscreteSensor, SensorCatalog } from './sensor-catalog.ts';
import { toRaw } from './sensor-catalog.ts';
import type { SystemEvent } from './sel-log.ts';

/** Threshold event offsets of the generic threshold type (Table 42-2): the "going low" / "going high" one of each. */
const EVENT_OFFSET: Record<ThresholdName, number> = { lnc: 0x00, lcr: 0x02, lnr: 0x04, unc: 0x07, ucr: 0x09, unr: 0x0b };
const UPPER = new Set<ThresholdName>(['unc', 'ucr', 'unr']);

export interface AnalogReading {
  raw: number;
  /** False while the entity is unpowered (byte 2 bit 5 "reading unavailable"). */
  available: boolean;
  /** Threshold comparison status, byte 3 of Get Sensor Reading (35.14). */
  status: number;
}

export class SensorBank {
  /** Code-set values in units, by sensor number (sparse: most BMCs have none). */
  private overrides: Map<number, number> | undefined;
  /** Asserted threshold events per analog sensor (bits in THRESHOLD_BITS order). */
  private readonly asserted: Uint8Array;
  private readonly states: Uint16Array;
  private readonly phase: number;
  /** Thresholds and hysteresis set over IPMI (35.6, 35.8), by sensor number; the catalog's are shared by every BMC. */
  private limits: Map<number, { thresholds: Partial<Record<ThresholdName, number>>; hysteresis: [number, number] }> | undefined;

  constructor(
    readonly catalog: SensorCatalog,
    seed: number,
    private readonly log: (e: SystemEvent) => void,
  ) {
    this.asserted = new Uint8Array(catalog.analog.length);
    this.states = Uint16Array.from(catalog.discrete, (d) => d.def.initialStates);
    this.phase = (seed % 997) / 997;
  }

  private value(s: AnalogSensor, powered: boolean, nowMs: number): number | null {
    const o = this.overrides?.get(s.def.number);
    if (o !== undefined) return o;
    if (!powered) return s.def.offValue;
    const turns = nowMs / 1000 / s.def.driftPeriodS + this.phase + s.slot / 7;
    return s.def.nominal + s.def.driftAmplitude * Math.sin(2 * Math.PI * turns);
  }

  /** This BMC's raw thresholds of the sensor. */
  thresholdsOf(s: AnalogSensor): Partial<Record<ThresholdName, number>> {
    return this.limits?.get(s.def.number)?.thresholds ?? s.rawThresholds;
  }

  /** This BMC's raw positive- and negative-going hysteresis of the sensor. */
  hysteresisOf(s: AnalogSensor): [number, number] {
    return this.limits?.get(s.def.number)?.hysteresis ?? [s.hysteresisRaw, s.hysteresisRaw];
  }

  /** Sets raw thresholds (only those the sensor has) and re-evaluates the sensor. */
  setThresholds(s: AnalogSensor, values: Partial<Record<ThresholdName, number>>, powered: boolean): void {
    const thresholds = { ...this.thresholdsOf(s) };
    for (const name of THRESHOLD_BITS) if (values[name] !== undefined && s.rawThresholds[name] !== undefined) thresholds[name] = values[name];
    (this.limits ??= new Map()).set(s.def.number, { thresholds, hysteresis: this.hysteresisOf(s) });
    this.evaluate(s, powered, Date.now());
  }

  setHysteresis(s: AnalogSensor, positive: number, negative: number): void {
    (this.limits ??= new Map()).set(s.def.number, { thresholds: this.thresholdsOf(s), hysteresis: [positive, negative] });
  }

  /** Plain comparison of a raw value against the raw thresholds (35.14 byte 3). */
  static compare(s: AnalogSensor, raw: number, thresholds = s.rawThresholds): number {
    let bits = 0;
    for (const [i, name] of THRESHOLD_BITS.entries()) {
      const t = thresholds[name];
      if (t === undefined) continue;
      if (UPPER.has(name) ? raw >= t : raw <= t) bits |= 1 << i;
    }
    return bits;
  }

  readAnalog(s: AnalogSensor, powered: boolean, nowMs = Date.now()): AnalogReading {
    const v = this.value(s, powered, nowMs);
    if (v === null) return { raw: 0, available: false, status: 0 };
    const raw = toRaw(v, s.def.factors);
    return { raw, available: true, status: SensorBank.compare(s, raw, this.thresholdsOf(s)) };
  }

  readDiscrete(s: DiscreteSensor): number {
    return this.states[s.slot]! & s.def.statesMask;
  }

  /** Sets a value in units (null: back to the drifting value) and logs any crossing at once. */
  override(number: number, value: number | null, powered: boolean): void {
    if (value === null) this.overrides?.delete(number);
    else (this.overrides ??= new Map()).set(number, value);
    const s = this.catalog.byNumber.get(number);
    if (s && 'rawThresholds' in s) this.evaluate(s, powered, Date.now());
  }

  /** Asserts or deasserts discrete offsets, logging each change. */
  setStates(number: number, offsets: number, assert: boolean): void {
    const s = this.catalog.byNumber.get(number);
    if (!s || 'rawThresholds' in s) return;
    const before = this.states[s.slot]!;
    const after = assert ? before | offsets : before & ~offsets;
    this.states[s.slot] = after;
    const changed = (before ^ after) & s.def.statesMask;
    for (let bit = 0; bit < 15; bit++) {
      if (!(changed & (1 << bit))) continue;
      this.log({ sensorType: s.def.sensorType, sensorNumber: s.def.number, eventType: s.def.eventReadingType, deassertion: !assert, data: [bit, 0xff, 0xff] });
    }
  }

  /** Re-evaluates every analog sensor's thresholds (the fleet tick calls this). */
  evaluateAll(powered: boolean, nowMs = Date.now()): void {
    for (const s of this.catalog.analog) this.evaluate(s, powered, nowMs);
  }

  /**
   * Asserts a threshold event when the reading reaches the threshold and deasserts it once
   * the reading has moved back by the hysteresis (36.5). Event data 1 = 50h | offset says
   * bytes 2 and 3 carry the trigger reading and the threshold (Table 29-6).
   */
  private evaluate(s: AnalogSensor, powered: boolean, nowMs: number): void {
    const v = this.value(s, powered, nowMs);
    if (v === null) return;
    const raw = toRaw(v, s.def.factors);
    let bits = this.asserted[s.slot]!;
    const thresholds = this.thresholdsOf(s);
    const [positive, negative] = this.hysteresisOf(s);
    for (const [i, name] of THRESHOLD_BITS.entries()) {
      const t = thresholds[name];
      if (t === undefined) continue;
      const upper = UPPER.has(name);
      const on = (bits & (1 << i)) !== 0;
      const crossed = upper ? raw >= t : raw <= t;
      // Upper thresholds recover by the negative-going hysteresis, lower ones by the positive-going (36.5).
      const recovered = upper ? raw < t - negative : raw > t + positive;
      if (on ? !recovered : !crossed) continue;
      bits ^= 1 << i;
      this.log({ sensorType: s.def.sensorType, sensorNumber: s.def.number, eventType: 0x01, deassertion: on, data: [0x50 | EVENT_OFFSET[name], raw, t] });
    }
    this.asserted[s.slot] = bits;
  }

  /** A value just beyond `threshold` (in units), for pushing a sensor over it from code. */
  static beyond(s: AnalogSensor, threshold: ThresholdName): number {
    const t = s.def.thresholds[threshold];
    if (t === undefined) throw new RangeError(`sensor ${s.def.name} has no ${threshold} threshold`);
    const step = Math.abs(s.def.factors.m * 10 ** s.def.factors.rExp);
    return UPPER.has(threshold) ? t + step : t - step;
  }
}
