import type { CallOptions, IpmiRequester } from '../commands/command.ts';
import { GetSensorReading, type SensorReading } from '../commands/sensor/get-sensor-reading.ts';
import { GetSensorReadingFactors } from '../commands/sensor/get-sensor-reading-factors.ts';
import { GetSensorThresholds, type RawThresholds } from '../commands/sensor/get-sensor-thresholds.ts';
import { CompletionCodeError, TruncatedError } from '../errors.ts';
import { convertDelta, type ConversionFactors } from '../sdr/conversion.ts';
import { expandSharedRecord } from '../sdr/sharing.ts';
import type { SdrRecord, SensorRecord } from '../sdr/types.ts';
import { hasAnalogReading, interpretSensor, isReadingValid, isThresholdSensor, type SensorInstance } from '../sensors/interpret.ts';
import type { SensorJson } from '../sensors/types.ts';
import type { ReadBounds } from './read-bounds.ts';
import { readSdrRepository, type SdrRepository } from './sdr.ts';

export type { SensorJson, SensorStatus } from '../sensors/types.ts';
export type { SdrRepository } from './sdr.ts';

export interface ReadSensorsOptions {
  /** SDRs already read (a cached repository or its records); read from the BMC when absent. */
  sdrs?: SdrRepository | readonly SdrRecord[];
  /** Sensors read at once (default: the requester's pipeline depth, else 1). */
  concurrency?: number;
  /** Bounds of the SDR read when `sdrs` is absent (sdrRecords, readRequests). */
  bounds?: ReadBounds;
  signal?: AbortSignal;
  /** Adds each analog full record's hysteresis in units (SensorJson `hysteresis`). */
  hysteresis?: boolean;
}

/**
 * A refusal that concerns this sensor only (ipmitool shows such sensors as "ns"): a
 * completion code, or a response too short to hold reading and flags. Everything else
 * (timeouts, a dead session) concerns the BMC and is thrown.
 */
function isPerSensorFailure(e: unknown): boolean {
  return e instanceof CompletionCodeError || e instanceof TruncatedError;
}

async function orNull<T>(p: Promise<T>): Promise<T | null> {
  try {
    return await p;
  } catch (e) {
    if (isPerSensorFailure(e)) return null;
    throw e;
  }
}

/** Sensor numbers and names a record stands for (compact records may be shared, section 43.2). */
function instancesOf(record: SensorRecord): SensorInstance[] {
  if (record.kind === 'compact') return expandSharedRecord(record);
  return [{ number: record.key.number, name: record.name }];
}

/**
 * Whether Get Sensor Thresholds has anything to say: the SDR's threshold access support is
 * "readable" or "readable and settable" (Table 43-1 byte 12 [3:2]). For "none" and "fixed,
 * unreadable" the request would only be refused, one round trip per sensor and sweep.
 */
function hasReadableThresholds(record: SensorRecord): boolean {
  const access = record.capabilities.thresholdAccess;
  return access === 'readable' || access === 'readable-settable';
}

/** A full analog record's hysteresis in units (Table 43-1 bytes 43-44), when it converts. */
function hysteresisOf(record: SensorRecord): SensorJson['hysteresis'] {
  if (record.kind !== 'full' || !hasAnalogReading(record)) return undefined;
  const positive = convertDelta(record.positiveHysteresis, record.units.analogFormat, record.factors, record.linearization);
  const negative = convertDelta(record.negativeHysteresis, record.units.analogFormat, record.factors, record.linearization);
  return positive === null || negative === null ? undefined : { positive: Math.abs(positive), negative: Math.abs(negative) };
}

async function readOne(s: IpmiRequester, record: SensorRecord, instance: SensorInstance, options: CallOptions, withHysteresis = false): Promise<SensorJson> {
  // The sensor's LUN addresses it (Table 43-1 byte 7); bridging to other owners is not done.
  const callOptions: CallOptions = { ...options, lun: record.key.lun };
  let reading: SensorReading | null = await orNull(s.call(GetSensorReading, instance.number, callOptions));
  let factors: ConversionFactors | undefined;
  // Non-linear sensors (linearisation 70h-7Fh): factors depend on the reading (section 35.5).
  const nonLinear = record.kind === 'full' && (record.linearization === 'non-linear' || record.linearization === 'oem-non-linear');
  if (nonLinear && hasAnalogReading(record) && isReadingValid(reading)) {
    const rf = await orNull(s.call(GetSensorReadingFactors, { sensorNumber: instance.number, reading: reading.raw }, callOptions));
    if (rf) factors = rf.factors;
    else reading = null; // without factors the reading cannot be converted; ipmitool reports it as no reading
  }
  let thresholds: RawThresholds | null = null;
  if (isThresholdSensor(record) && record.kind === 'full' && hasReadableThresholds(record)) {
    thresholds = await orNull(s.call(GetSensorThresholds, instance.number, callOptions));
  }
  const json = interpretSensor(record, instance, reading, thresholds, factors);
  const hysteresis = withHysteresis && isThresholdSensor(record) ? hysteresisOf(record) : undefined;
  return hysteresis ? { ...json, hysteresis } : json;
}

/** Runs `work` on every item with at most `limit` in flight, keeping their order in the result. */
async function inOrder<I, T>(items: readonly I[], limit: number, work: (item: I) => Promise<T>): Promise<T[]> {
  const out = new Array<T>(items.length);
  let nextIndex = 0;
  const worker = async () => {
    while (nextIndex < items.length) {
      const i = nextIndex++;
      out[i] = await work(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return out;
}

/**
 * Reads every full and compact sensor in SDR order (event-only records have no reading),
 * as `ipmitool sensor list` does: reading, status from the threshold comparison bits,
 * thresholds from Get Sensor Thresholds, states of discrete sensors by name.
 */
export async function readSensors(s: IpmiRequester, opts: ReadSensorsOptions = {}): Promise<SensorJson[]> {
  const callOptions: CallOptions = opts.signal ? { signal: opts.signal } : {};
  const sdrs = opts.sdrs ?? (await readSdrRepository(s, { ...callOptions, ...(opts.bounds && { bounds: opts.bounds }) }));
  const records = Array.isArray(sdrs) ? (sdrs as readonly SdrRecord[]) : (sdrs as SdrRepository).records;
  const sensors: { record: SensorRecord; instance: SensorInstance }[] = [];
  for (const record of records) {
    if (record.kind !== 'full' && record.kind !== 'compact') continue;
    for (const instance of instancesOf(record)) sensors.push({ record, instance });
  }
  return inOrder(sensors, opts.concurrency ?? s.pipelineDepth ?? 1, (x) => readOne(s, x.record, x.instance, callOptions, opts.hysteresis));
}
