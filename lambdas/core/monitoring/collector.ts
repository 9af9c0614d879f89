/**
 * One collection of one BMC (a `monitor.collect` job task): reads what the policy asks (power,
 * sensors, new SEL entries) through the ActionService, so the per-BMC protection, credentials,
 * rotation pauses and read audit are those of every other read; compares with the latest
 * state; publishes the events; keeps one history item; and writes the state only when it
 * changed. An unchanged cycle writes the history item only.
 *
 * Events go out before the state is written: a worker that dies in between re-emits them on
 * the retry (at least once, with new ids), never loses them.
 */
import type { Clock } from '../ports.ts';
import type { BmcHealth, Caller, JsonValue } from '../types.ts';
import { toDomainError } from '../errors.ts';
import type { PowerState, SelEntry, SensorReading } from '../bmc-data.ts';
import type { ActionService } from '../services/action-service.ts';
import type { AssessBmc, Prediction, SensorHistory } from './model.ts';
import type { EventPublisher } from './publisher.ts';
import type { BmcMonitorState, HistorySample, MonitoringStore, SelTrack, SensorStatusState } from './ports.ts';
import type { CollectWhat } from './policy.ts';
import { EventBuilder } from './events.ts';
import { severityRank, steadyStatus } from './sensor-status.ts';

/** Samples and SEL entries the prediction rules see (a day of 5-minute samples). */
export const ASSESS_SAMPLES = 288;
export const ASSESS_SEL_ENTRIES = 512;

export interface CollectRequest {
  readonly bmcId: string;
  readonly collect: CollectWhat;
  readonly historyDays: number;
}

export interface CollectResult {
  readonly [key: string]: JsonValue;
  readonly power: PowerState | null;
  readonly health: BmcHealth;
  readonly events: number;
  readonly stateWritten: boolean;
}

interface Readings {
  power: PowerState | null;
  sensors: SensorReading[] | null;
  sel: { track: SelTrack; added: SelEntry[]; baseline: boolean } | null;
}

const RISK_RANK = { low: 0, medium: 1, high: 2 } as const;

export class MonitorCollector {
  constructor(
    private readonly actions: ActionService,
    private readonly store: MonitoringStore,
    private readonly publisher: EventPublisher,
    private readonly clock: Clock,
    private readonly assess?: AssessBmc,
  ) {}

  async collect(caller: Caller, request: CollectRequest, signal?: AbortSignal): Promise<CollectResult> {
    const tenantId = caller.principal.tenantId;
    const { bmcId } = request;
    const previous = await this.store.getState(tenantId, bmcId);
    let readings: Readings;
    let failure: 'unreachable' | 'credentials' | null = null;
    try {
      readings = await this.read(caller, request, previous, signal);
    } catch (e) {
      const code = toDomainError(e).code;
      if (code === 'BMC_UNREACHABLE' || code === 'TIMEOUT') failure = 'unreachable';
      else if (code === 'BMC_AUTH_FAILED') failure = 'credentials';
      // Anything else (busy, rotating, removed) is no news about the BMC: the task fails, nothing is written.
      else throw e;
      readings = { power: null, sensors: null, sel: null };
    }
    const now = this.clock.now();
    const time = now.toISOString();
    const events = new EventBuilder(tenantId, bmcId, time);
    const next = this.nextState(previous, readings, failure, events, tenantId, bmcId, time);
    const predictions = failure ? (previous?.predictions ?? []) : await this.predict(tenantId, bmcId, previous, readings, events, time);
    const state: BmcMonitorState = { ...next, predictions };

    await this.publisher.publish(events.events);
    const expiresAt = Math.floor(now.getTime() / 1000) + request.historyDays * 86_400;
    if (readings.sel && readings.sel.added.length > 0) await this.store.putSelEntries(tenantId, bmcId, time, readings.sel.added, expiresAt);
    if (readings.power !== null || readings.sensors !== null || failure) await this.store.putSample(tenantId, bmcId, sample(time, state, readings.sensors), expiresAt);
    const stateWritten = previous === undefined || changed(previous, state);
    if (stateWritten) await this.store.putState(state);
    return { power: state.power, health: state.health, events: events.events.length, stateWritten };
  }

  private async read(caller: Caller, request: CollectRequest, previous: BmcMonitorState | undefined, signal?: AbortSignal): Promise<Readings> {
    const id = request.bmcId;
    const options = { maxAge: 0, ...(signal && { signal }) };
    // In turn, not at once: the BMC's session and spacing limits are the gateway's to keep.
    const power = request.collect.power ? (await this.actions.readPower(caller, id, options)).value : null;
    const sensors = request.collect.sensors ? (await this.actions.readSensors(caller, id, options)).value : null;
    const sel = request.collect.sel ? await this.readSel(caller, id, previous?.sel ?? null, signal) : null;
    return { power, sensors, sel };
  }

  /**
   * The SEL since the last collection: nothing more than Get SEL Info when neither timestamp
   * moved; the records after the mark when only `lastAddition` moved; the whole log when it was
   * erased (`lastErase` moved) or the marked record is gone or changed (the log wrapped).
   * The first collection of a BMC takes the log as its baseline: its records are stored for the
   * prediction rules, not announced as new.
   */
  private async readSel(caller: Caller, id: string, track: SelTrack | null, signal?: AbortSignal): Promise<Readings['sel']> {
    const info = await this.actions.selInfo(caller, id, signal);
    const base = { lastAddition: info.lastAddition, lastErase: info.lastErase };
    if (track && track.lastErase === info.lastErase && track.lastAddition === info.lastAddition) {
      return { track, added: [], baseline: false };
    }
    const cleared = track !== null && track.lastErase !== info.lastErase;
    let added: SelEntry[] | null = null;
    if (track?.mark && !cleared) added = await this.actions.selListAfter(caller, id, track.mark, signal);
    if (added === null) added = info.entries === 0 ? [] : await this.actions.selList(caller, id, signal);
    const last = added[added.length - 1];
    const mark = last ? { id: last.id, raw: last.raw } : cleared ? null : (track?.mark ?? null);
    return { track: { ...base, mark }, added, baseline: track === null };
  }

  private nextState(
    previous: BmcMonitorState | undefined,
    r: Readings,
    failure: 'unreachable' | 'credentials' | null,
    events: EventBuilder,
    tenantId: string,
    bmcId: string,
    time: string,
  ): Omit<BmcMonitorState, 'predictions'> {
    const wasReachable = previous?.reachable ?? true;
    const wasRejected = previous?.credentialsRejected ?? false;
    if (failure === 'unreachable' && wasReachable) events.add('bmc.unreachable', 'critical', 'BMC unreachable', {});
    if (failure === 'credentials' && !wasRejected) events.add('credentials.rejected', 'critical', 'the BMC rejected the stored credentials', {});
    if (!failure && (!wasReachable || wasRejected)) events.add('bmc.recovered', 'info', 'BMC answering again', { after: wasReachable ? 'credentials.rejected' : 'bmc.unreachable' });

    let sensors: readonly SensorStatusState[] = previous?.sensors ?? [];
    if (r.sensors) {
      const before = new Map(sensors.map((s) => [s.name, s.status]));
      sensors = r.sensors.map((reading) => {
        const was = before.get(reading.name);
        const status = steadyStatus(was, reading);
        // A sensor seen for the first time is news only when it is not OK.
        if (was === undefined ? status !== 'ok' && status !== 'ns' : was !== status) events.sensor(reading, was ?? null, status);
        return { name: reading.name, status };
      });
    }
    if (r.power !== null && previous?.power && previous.power !== r.power) events.power(previous.power, r.power);
    if (r.sel && !r.sel.baseline) for (const entry of r.sel.added) events.sel(entry);

    const health: BmcHealth = failure === 'unreachable' ? 'unreachable' : r.sensors ? healthFromStatuses(sensors) : previous?.health === 'unreachable' || !previous ? 'unknown' : previous.health;
    const healthChanged = previous?.health !== health;
    return {
      tenantId,
      bmcId,
      power: r.power ?? (failure ? null : (previous?.power ?? null)),
      health,
      healthChangedAt: healthChanged ? time : (previous?.healthChangedAt ?? null),
      reachable: failure !== 'unreachable',
      credentialsRejected: failure === 'credentials' ? true : failure === 'unreachable' ? wasRejected : false,
      sensors,
      sel: r.sel ? r.sel.track : (previous?.sel ?? null),
      updatedAt: time,
    };
  }

  /** Runs the injected rules over the stored history and SEL; `since` survives re-evaluation. */
  private async predict(
    tenantId: string,
    bmcId: string,
    previous: BmcMonitorState | undefined,
    r: Readings,
    events: EventBuilder,
    time: string,
  ): Promise<readonly Prediction[]> {
    const before = previous?.predictions ?? [];
    if (!this.assess) return before;
    const [history, stored] = await Promise.all([this.store.recentSamples(tenantId, bmcId, ASSESS_SAMPLES), this.store.recentSelEntries(tenantId, bmcId, ASSESS_SEL_ENTRIES)]);
    const current = r.sensors ? sample(time, { power: r.power, health: 'unknown' }, r.sensors) : undefined;
    const sensors: SensorHistory[] = (r.sensors ?? []).map((s) => ({
      name: s.name,
      type: s.type,
      unit: s.unit,
      thresholds: s.thresholds,
      samples: [...history, ...(current ? [current] : [])].flatMap((h) => {
        const v = h.sensors[s.name];
        return v ? [{ time: h.time, reading: v.reading, status: v.status }] : [];
      }),
    }));
    const sel = r.sel && r.sel.added.length > 0 ? [...stored, ...r.sel.added] : stored;
    const made = this.assess({ bmcId, sel, sensors, previous: before, now: time });
    const byKey = new Map(before.map((p) => [predictionKey(p), p]));
    return made.map((p) => {
      const was = byKey.get(predictionKey(p));
      const kept: Prediction = { ...p, since: was?.since ?? p.since, evaluatedAt: time };
      if (!was || RISK_RANK[p.risk] > RISK_RANK[was.risk]) events.prediction(kept, was?.risk ?? null);
      return kept;
    });
  }
}

function predictionKey(p: Prediction): string {
  return `${p.rule}\u0000${p.component}`;
}

/** As the API's health from a sensor read (healthFromSensors), over the statuses after hysteresis. */
function healthFromStatuses(sensors: readonly SensorStatusState[]): BmcHealth {
  const worst = Math.max(0, ...sensors.map((s) => severityRank(s.status)));
  return worst >= severityRank('cr') ? 'critical' : worst === severityRank('nc') ? 'warning' : 'ok';
}

function sample(time: string, state: Pick<BmcMonitorState, 'power' | 'health'>, sensors: readonly SensorReading[] | null): HistorySample {
  const out: Record<string, { reading: number | null; status: SensorReading['status'] }> = {};
  for (const s of sensors ?? []) out[s.name] = { reading: s.reading, status: s.status };
  return { time, power: state.power, health: state.health, sensors: out };
}

/** Whether anything but the times of re-evaluation changed. */
function changed(a: BmcMonitorState, b: BmcMonitorState): boolean {
  const strip = (s: BmcMonitorState) => JSON.stringify({ ...s, updatedAt: null, predictions: s.predictions.map((p) => ({ ...p, evaluatedAt: null })) });
  return strip(a) !== strip(b);
}
