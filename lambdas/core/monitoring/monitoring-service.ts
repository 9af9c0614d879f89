/**
 * Monitoring as the API sees it: read and set the tenant's policy (admin; audited, refusals
 * too), query events, a BMC's latest state, predictions and history, and the fleet query of
 * BMCs whose health changed. Everything is the caller's tenant's; another tenant's BMC is
 * NOT_FOUND, as everywhere.
 */
import type { BmcRepository, Clock } from '../ports.ts';
import type { Caller, Page, PageRequest } from '../types.ts';
import { badInput } from '../errors.ts';
import { isoTime, normalisePage, oneOf } from '../validation.ts';
import { validateBmcId } from '../bmc-input.ts';
import type { AuditService } from '../services/audit-service.ts';
import type { BmcService } from '../services/bmc-service.ts';
import { audited } from '../services/audited.ts';
import { EVENT_SEVERITIES, MONITOR_EVENT_KINDS, type MonitorEvent, type Prediction, type SensorSample } from './model.ts';
import type { BmcMonitorState, EventFilter, HistorySample, MonitoringStore } from './ports.ts';
import { defaultPolicy, MIN_INTERVAL_SECONDS, validatePolicy, type MonitoringPolicy, type MonitoringPolicyInput } from './policy.ts';

/** Most samples one sensorHistory answer holds: two weeks of one sensor at the 5-minute default is 4,032. */
export const MAX_HISTORY_SAMPLES = 5_000;
/** History window when `from` is not given. */
export const DEFAULT_HISTORY_HOURS = 24;
/** Samples searched back for the last answer of a BMC that stopped answering. */
export const LAST_SEEN_WINDOW = 50;

/** A sample of a collection the BMC answered: failures store neither power nor sensors. */
function answered(s: HistorySample): boolean {
  return s.health !== 'unreachable' && (s.power !== null || Object.keys(s.sensors).length > 0);
}

export interface MonitoringServiceOptions {
  /** Lowest interval a policy may set; 60 s in AWS. */
  readonly minIntervalSeconds?: number;
  /** The policy of a tenant that stored none (`npm start`: MONITOR_INTERVAL_SECONDS). */
  readonly defaultPolicy?: (tenantId: string) => MonitoringPolicy;
}

export interface HistoryRange {
  readonly from?: string | null;
  readonly to?: string | null;
}

export class MonitoringService {
  constructor(
    private readonly store: MonitoringStore,
    private readonly bmcs: BmcService,
    private readonly registry: BmcRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly options: MonitoringServiceOptions = {},
  ) {}

  async policy(caller: Caller): Promise<MonitoringPolicy> {
    await this.audit.authorize(caller, 'bmc:read', { action: 'monitoring.policy.read', target: 'monitoring' });
    return this.current(caller.principal.tenantId);
  }

  /**
   * Replaces the parts given. Every check runs before anything is stored: an interval below the
   * minimum, a tag no BMC of the tenant carries or a malformed rule changes nothing.
   */
  async setPolicy(caller: Caller, input: MonitoringPolicyInput): Promise<MonitoringPolicy> {
    const subject = { action: 'monitoring.policy.update', target: 'monitoring' };
    await this.audit.authorize(caller, 'tenant:settings', subject);
    const tenantId = caller.principal.tenantId;
    const previous = await this.current(tenantId);
    let valid;
    try {
      valid = validatePolicy(input, previous, this.options.minIntervalSeconds ?? MIN_INTERVAL_SECONDS);
      for (const rule of valid.rules) {
        if (rule.tag === null) continue;
        const page = await this.registry.list(tenantId, { tags: [rule.tag] }, { limit: 1 }, { fresh: true });
        if (page.items.length === 0) throw badInput('rules.tag', `no BMC carries the tag ${rule.tag}`);
      }
    } catch (e) {
      // A refused policy is on record like every other attempt.
      await this.audit.record(caller, { ...subject, outcome: 'failed', errorCode: 'BAD_USER_INPUT' });
      throw e;
    }
    const next: MonitoringPolicy = { ...valid, updatedAt: this.clock.now().toISOString(), updatedBy: caller.principal.actor };
    const stored = await this.store.getPolicy(tenantId);
    await audited(this.audit, caller, {
      subject: { ...subject, parameters: { enabled: next.enabled, historyDays: next.historyDays, rules: next.rules.map((r) => `${r.tag ?? '*'}:${r.intervalSeconds}s`) } },
      apply: () => this.store.putPolicy(next),
      undo: async () => (stored ? this.store.putPolicy(stored) : undefined),
    });
    return next;
  }

  async events(caller: Caller, filter: EventFilter = {}, page: PageRequest = {}): Promise<Page<MonitorEvent>> {
    await this.audit.authorize(caller, 'bmc:read', { action: 'monitoring.events.read', target: 'monitoring' });
    return this.store.events(caller.principal.tenantId, validateFilter(filter), normalisePage(page));
  }

  /** The BMC's latest state; null before its first collection. */
  async state(caller: Caller, bmcId: string): Promise<BmcMonitorState | null> {
    const id = await this.readable(caller, bmcId, 'monitoring.state.read');
    return (await this.store.getState(caller.principal.tenantId, id)) ?? null;
  }

  async predictions(caller: Caller, bmcId: string): Promise<readonly Prediction[]> {
    return (await this.state(caller, bmcId))?.predictions ?? [];
  }

  /**
   * When collection last got an answer from the BMC. A reachable state means the newest sample
   * is one; otherwise the newest answered sample among the last LAST_SEEN_WINDOW. Stored data
   * only: the BMC is not contacted.
   */
  async lastSeen(caller: Caller, bmcId: string): Promise<string | null> {
    const id = await this.readable(caller, bmcId, 'monitoring.state.read');
    const tenantId = caller.principal.tenantId;
    const state = await this.store.getState(tenantId, id);
    if (!state) return null;
    const recent = await this.store.recentSamples(tenantId, id, state.reachable && !state.credentialsRejected ? 1 : LAST_SEEN_WINDOW);
    return recent.findLast(answered)?.time ?? null;
  }

  /** One sensor's readings, oldest first, at most MAX_HISTORY_SAMPLES (the newest ones). */
  async sensorHistory(caller: Caller, bmcId: string, name: string, range: HistoryRange = {}): Promise<SensorSample[]> {
    if (typeof name !== 'string' || name.length === 0 || name.length > 64) throw badInput('name', 'a sensor name of 1-64 characters');
    const id = await this.readable(caller, bmcId, 'monitoring.history.read');
    const out: SensorSample[] = [];
    for (const s of await this.allSamples(caller.principal.tenantId, id, range)) {
      const v = s.sensors[name];
      if (v) out.push({ time: s.time, reading: v.reading, status: v.status });
    }
    return out;
  }

  /** Power and health over time, oldest first, paged. */
  async history(caller: Caller, bmcId: string, range: HistoryRange = {}, page: PageRequest = {}): Promise<Page<Pick<HistorySample, 'time' | 'power' | 'health'>>> {
    const id = await this.readable(caller, bmcId, 'monitoring.history.read');
    const result = await this.store.samples(caller.principal.tenantId, id, this.range(range), normalisePage(page));
    return { items: result.items.map((s) => ({ time: s.time, power: s.power, health: s.health })), nextCursor: result.nextCursor };
  }

  /** Latest states of the tenant's BMCs whose health changed at or after `since`. */
  async healthChanged(caller: Caller, since: string, page: PageRequest = {}): Promise<Page<BmcMonitorState>> {
    await this.audit.authorize(caller, 'bmc:read', { action: 'monitoring.state.list', target: 'bmc:*' });
    return this.store.listStates(caller.principal.tenantId, { healthChangedSince: isoTime('since', since) }, normalisePage(page));
  }

  private async current(tenantId: string): Promise<MonitoringPolicy> {
    return (await this.store.getPolicy(tenantId)) ?? this.options.defaultPolicy?.(tenantId) ?? defaultPolicy(tenantId);
  }

  /** Authorizes the read and proves the BMC is the caller's (BmcService.get refuses and records otherwise). */
  private async readable(caller: Caller, bmcId: string, action: string): Promise<string> {
    const id = validateBmcId(bmcId);
    await this.audit.authorize(caller, 'bmc:read', { action, target: `bmc:${id}` });
    await this.bmcs.get(caller, id);
    return id;
  }

  private range(range: HistoryRange): { from: string; to: string } {
    const to = range.to ? isoTime('to', range.to) : this.clock.now().toISOString();
    const from = range.from ? isoTime('from', range.from) : new Date(Date.parse(to) - DEFAULT_HISTORY_HOURS * 3_600_000).toISOString();
    if (from > to) throw badInput('from', 'must not be after to');
    return { from, to };
  }

  private async allSamples(tenantId: string, bmcId: string, range: HistoryRange): Promise<HistorySample[]> {
    const out: HistorySample[] = [];
    let cursor: string | null = null;
    do {
      const page: Page<HistorySample> = await this.store.samples(tenantId, bmcId, this.range(range), { limit: 500, cursor });
      out.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    return out.slice(-MAX_HISTORY_SAMPLES);
  }
}

function validateFilter(filter: EventFilter): EventFilter {
  if (!filter || typeof filter !== 'object') return {};
  const out: { -readonly [K in keyof EventFilter]: EventFilter[K] } = {};
  if (filter.kinds !== undefined) {
    if (!Array.isArray(filter.kinds) || filter.kinds.length > MONITOR_EVENT_KINDS.length) throw badInput('kinds', 'a list of event kinds');
    out.kinds = filter.kinds.map((k) => oneOf('kinds', k, MONITOR_EVENT_KINDS));
  }
  if (filter.severities !== undefined) {
    if (!Array.isArray(filter.severities) || filter.severities.length > EVENT_SEVERITIES.length) throw badInput('severities', 'a list of severities');
    out.severities = filter.severities.map((s) => oneOf('severities', s, EVENT_SEVERITIES));
  }
  if (filter.bmcId !== undefined) out.bmcId = validateBmcId(filter.bmcId);
  if (filter.from !== undefined) out.from = isoTime('from', filter.from);
  if (filter.to !== undefined) out.to = isoTime('to', filter.to);
  return out;
}
