/**
 * What monitoring keeps, per tenant: the policy and its schedule, each BMC's latest state, the
 * history of readings, the SEL entries seen, and the events. The DynamoDB adapter keeps them in
 * one table with TTL (lambdas/adapters/dynamodb/monitoring-store.ts).
 */
import type { BmcHealth, Page, PageRequest, TenantId } from '../types.ts';
import { internal } from '../errors.ts';
import type { PowerState, SelEntry, SensorStatus } from '../bmc-data.ts';
import type { EventSeverity, MonitorEvent, MonitorEventKind, Prediction } from './model.ts';
import type { MonitoringPolicy } from './policy.ts';

/** Where the incremental SEL read stands (docs/monitoring.md, "SEL"). */
export interface SelTrack {
  /** The newest record seen, by id and bytes; null while the log was empty. */
  readonly mark: { readonly id: number; readonly raw: string } | null;
  /** Get SEL Info's timestamps (IPMI v2.0 section 31.2): a change of `lastErase` means cleared. */
  readonly lastAddition: string | null;
  readonly lastErase: string | null;
}

export interface SensorStatusState {
  readonly name: string;
  /** The status after the SDR's hysteresis (sensor-status.ts), not the raw comparison bits. */
  readonly status: SensorStatus;
}

/** One BMC's latest state; written only when something in it changed. */
export interface BmcMonitorState {
  readonly tenantId: TenantId;
  readonly bmcId: string;
  readonly power: PowerState | null;
  readonly health: BmcHealth;
  readonly healthChangedAt: string | null;
  readonly reachable: boolean;
  readonly credentialsRejected: boolean;
  readonly sensors: readonly SensorStatusState[];
  readonly sel: SelTrack | null;
  readonly predictions: readonly Prediction[];
  /** When the state last changed. */
  readonly updatedAt: string;
}

/** One collection of one BMC, as history: readings by sensor name. */
export interface HistorySample {
  readonly time: string;
  readonly power: PowerState | null;
  readonly health: BmcHealth;
  readonly sensors: { readonly [name: string]: { readonly reading: number | null; readonly status: SensorStatus } };
}

export interface EventFilter {
  readonly kinds?: readonly MonitorEventKind[];
  readonly severities?: readonly EventSeverity[];
  readonly bmcId?: string;
  readonly from?: string;
  readonly to?: string;
}

export interface StateFilter {
  /** Only BMCs whose health changed at or after this time (ISO 8601). */
  readonly healthChangedSince?: string;
}

/** What the scheduler knows of one tenant: its stored policy and when each rule runs next (epoch ms). */
export interface TenantSchedule {
  readonly tenantId: TenantId;
  readonly policy: MonitoringPolicy | undefined;
  readonly nextRuns: { readonly [ruleKey: string]: number };
  /** The job of each rule's latest cycle, so a cycle still running is not started again beside it. */
  readonly lastJobs?: { readonly [ruleKey: string]: string };
}

export interface MonitoringStore {
  getPolicy(tenantId: TenantId): Promise<MonitoringPolicy | undefined>;
  /** Replaces the policy; the schedule's marks stay. */
  putPolicy(policy: MonitoringPolicy): Promise<void>;
  /** Every tenant's stored policy (if any) and rule marks: the scheduler's one read per tick. */
  listSchedules(): Promise<TenantSchedule[]>;
  /**
   * Takes the run of one rule: true, and the rule's next run set to `nextAt` (epoch ms), when
   * its stored next run is absent or at or before `now`; false when another process took it.
   */
  claimRun(tenantId: TenantId, ruleKey: string, now: number, nextAt: number): Promise<boolean>;
  /** Remembers the job of the rule's cycle just started (TenantSchedule.lastJobs). */
  recordRun(tenantId: TenantId, ruleKey: string, jobId: string): Promise<void>;

  getState(tenantId: TenantId, bmcId: string): Promise<BmcMonitorState | undefined>;
  putState(state: BmcMonitorState): Promise<void>;
  listStates(tenantId: TenantId, filter: StateFilter, page: PageRequest): Promise<Page<BmcMonitorState>>;

  putSample(tenantId: TenantId, bmcId: string, sample: HistorySample, expiresAt: number): Promise<void>;
  /** Oldest first, between `from` and `to` inclusive. */
  samples(tenantId: TenantId, bmcId: string, range: { readonly from: string; readonly to: string }, page: PageRequest): Promise<Page<HistorySample>>;
  /** The newest `limit` samples, oldest first (the prediction rules' window). */
  recentSamples(tenantId: TenantId, bmcId: string, limit: number): Promise<HistorySample[]>;

  putSelEntries(tenantId: TenantId, bmcId: string, collectedAt: string, entries: readonly SelEntry[], expiresAt: number): Promise<void>;
  /** The newest `limit` SEL entries seen, oldest first. */
  recentSelEntries(tenantId: TenantId, bmcId: string, limit: number): Promise<SelEntry[]>;

  /** Idempotent per event id. */
  putEvents(events: readonly MonitorEvent[], expiresAt: number): Promise<void>;
  /** Newest first; the cursor is opaque and bound to the tenant. */
  events(tenantId: TenantId, filter: EventFilter, page: PageRequest): Promise<Page<MonitorEvent>>;
}

/** The store of a deployment without a monitoring table: every call is refused as INTERNAL. */
export const unavailableMonitoringStore: MonitoringStore = new Proxy({} as MonitoringStore, {
  get: () => async () => {
    throw internal('monitoring is not configured in this deployment (no monitoring table)');
  },
});
