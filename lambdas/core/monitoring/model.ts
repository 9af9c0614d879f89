/**
 * Shared model of fleet monitoring (docs/monitoring.md): the events that collection emits
 * and delivers, and the predictions that the SEL and sensor-history rules make. The
 * collection cycle, the event store, webhooks, the bus and the prediction rules all speak
 * these types, so each can change without the others.
 */
import type { SelEntry, SensorStatus, SensorThresholds } from '../bmc-data.ts';
import type { JsonValue, TenantId } from '../types.ts';

export const MONITOR_EVENT_KINDS = [
  'power.changed',
  'sensor.status.changed',
  'sel.entry',
  'bmc.unreachable',
  'bmc.recovered',
  'credentials.rejected',
  'prediction.raised',
] as const;
export type MonitorEventKind = (typeof MONITOR_EVENT_KINDS)[number];

export const EVENT_SEVERITIES = ['info', 'warning', 'critical'] as const;
export type EventSeverity = (typeof EVENT_SEVERITIES)[number];

/** One change noticed on a BMC; stored per tenant and delivered to its webhooks and bus. */
export interface MonitorEvent {
  /** Unique per tenant and sortable by time (time prefix plus a random or derived suffix). */
  readonly id: string;
  readonly tenantId: TenantId;
  /** ISO 8601 UTC. */
  readonly time: string;
  readonly kind: MonitorEventKind;
  readonly severity: EventSeverity;
  /** One line a person can read. BMC text in it is data, never markup. */
  readonly message: string;
  /** The BMC the event is about; null for tenant-wide events. */
  readonly bmcId: string | null;
  /** Kind-specific facts (the reading and threshold crossed, the SEL record, old and new power). */
  readonly detail: { readonly [key: string]: JsonValue };
}

export const PREDICTION_RISKS = ['low', 'medium', 'high'] as const;
export type PredictionRisk = (typeof PREDICTION_RISKS)[number];

/** One component at risk on one BMC, as a rule a person can read concluded it. */
export interface Prediction {
  /** The rule that made it, e.g. `memory.ecc-rate`; stable, documented in docs/monitoring.md. */
  readonly rule: string;
  /** The component, e.g. `DIMM A1`, `FAN 2`, `PSU 1`. */
  readonly component: string;
  readonly risk: PredictionRisk;
  /** Why, in words. */
  readonly reason: string;
  /** SEL record ids (`sel:0x002a`) and readings (`FAN 2=1200 RPM at 2026-12-03T10:00:00Z`). */
  readonly evidence: readonly string[];
  /** Since when the prediction holds (first evaluation that made it). */
  readonly since: string;
  /** When it was last re-evaluated. */
  readonly evaluatedAt: string;
}

/** One stored reading of one sensor. */
export interface SensorSample {
  readonly time: string;
  readonly reading: number | null;
  readonly status: SensorStatus;
}

/** What the prediction rules see of one sensor: its identity and recent history, oldest first. */
export interface SensorHistory {
  readonly name: string;
  readonly type: string;
  readonly unit: string | null;
  readonly thresholds: SensorThresholds;
  readonly samples: readonly SensorSample[];
}

/** Input of one BMC's assessment. */
export interface PredictionInput {
  readonly bmcId: string;
  /** The SEL entries known for the BMC (decoded), oldest first. */
  readonly sel: readonly SelEntry[];
  readonly sensors: readonly SensorHistory[];
  /** The BMC's predictions of the previous assessment, so `since` survives re-evaluation. */
  readonly previous: readonly Prediction[];
  /** ISO 8601 UTC: the time of this assessment (windows are measured back from it). */
  readonly now: string;
}

/** The prediction rules: a pure function of its input. */
export type AssessBmc = (input: PredictionInput) => Prediction[];
