/**
 * The scheduler's entry point, run once a minute (an EventBridge schedule on the worker in AWS,
 * a timer in `npm start`): finds the (tenant, rule) pairs that are due and starts one
 * `monitor.collect` job for each, over the BMCs the rule watches. The worker fans the job out
 * per BMC under the same per-BMC protection as every job. A rule's run is claimed in the store
 * first, so two schedulers that tick together start it once. A rule whose previous cycle is
 * still running is not started beside it: it stays due and starts at the first tick after that
 * cycle ended (coalesced), and the tick says so (`skipped`).
 */
import type { BmcRepository, Clock } from '../ports.ts';
import type { Bmc, Caller, Page, TenantId } from '../types.ts';
import type { JobService } from '../jobs/job-service.ts';
import { isFinished, jobState } from '../jobs/types.ts';
import { DomainError } from '../errors.ts';
import type { TenantRegistry } from '../tenants/ports.ts';
import type { TenantRecord } from '../tenants/types.ts';
import type { MonitoringStore, TenantSchedule } from './ports.ts';
import { defaultPolicy, ruleIndexFor, type MonitoringPolicy, type MonitoringRule } from './policy.ts';

/** The actor scheduled collection runs as: it reads, and reads only. */
export const MONITOR_ACTOR = 'system:monitor';

export interface SchedulerOptions {
  /** Tenants to watch even without a stored policy (their default policy applies). */
  readonly tenants?: () => Promise<readonly TenantId[]>;
  /**
   * The tenant registry (deployed stacks): its active tenants are watched, with or without a
   * stored policy, and no other tenant is: a suspended or deleted tenant's policy starts nothing.
   */
  readonly registry?: Pick<TenantRegistry, 'list'>;
  /** The policy of a tenant that stored none (e.g. `npm start`'s MONITOR_INTERVAL_SECONDS). */
  readonly defaultPolicy?: (tenantId: TenantId) => MonitoringPolicy;
  /** Hears of a tenant whose cycle could not start (the others go on). */
  readonly onError?: (tenantId: TenantId, error: unknown) => void;
}

/**
 * A cycle still unfinished after this many of its rule's intervals (and at least
 * STUCK_MIN_MS) is taken as stuck (its messages lost): the next one starts without it.
 */
export const STUCK_INTERVALS = 3;
export const STUCK_MIN_MS = 15 * 60_000;

export interface StartedCycle {
  readonly tenantId: TenantId;
  readonly rule: string;
  readonly jobId: string;
  readonly bmcs: number;
}

/** A due cycle not started because the rule's previous one is still running. */
export interface SkippedCycle {
  readonly tenantId: TenantId;
  readonly rule: string;
  readonly runningJobId: string;
}

export interface SchedulerTick {
  readonly started: StartedCycle[];
  readonly skipped: SkippedCycle[];
}

export function ruleKey(rule: Pick<MonitoringRule, 'tag'>): string {
  return rule.tag === null ? 'rule:*' : `rule:${rule.tag}`;
}

/** The start of the next slot of `intervalSeconds` after `now`: aligned, so a late tick does not drift. */
export function nextSlot(now: number, intervalSeconds: number): number {
  const ms = intervalSeconds * 1000;
  return Math.floor(now / ms) * ms + ms;
}

export class MonitorScheduler {
  constructor(
    private readonly store: MonitoringStore,
    private readonly bmcs: BmcRepository,
    private readonly jobs: JobService,
    private readonly clock: Clock,
    private readonly options: SchedulerOptions = {},
  ) {}

  /** The cycles this tick started. */
  async runDue(): Promise<StartedCycle[]> {
    return (await this.tick()).started;
  }

  /** One tick: the cycles started, and the due ones left for later because their previous cycle still runs. */
  async tick(): Promise<SchedulerTick> {
    const [schedules, active] = await Promise.all([this.store.listSchedules(), this.options.registry && activeTenants(this.options.registry)]);
    const known = new Map(schedules.filter((s) => !active || active.has(s.tenantId)).map((s) => [s.tenantId, s]));
    const listed = ((await this.options.tenants?.()) ?? []).filter((t) => !active || active.has(t));
    for (const tenantId of [...(active ?? []), ...listed]) {
      if (!known.has(tenantId)) known.set(tenantId, { tenantId, policy: undefined, nextRuns: {} });
    }
    const out: SchedulerTick = { started: [], skipped: [] };
    for (const schedule of known.values()) {
      const policy = schedule.policy ?? this.options.defaultPolicy?.(schedule.tenantId) ?? defaultPolicy(schedule.tenantId);
      // One tenant's failure (its registry throttled) does not hold up the others.
      try {
        await this.runTenant(policy, schedule, out);
      } catch (e) {
        this.options.onError?.(schedule.tenantId, e);
      }
    }
    return out;
  }

  private async runTenant(policy: MonitoringPolicy, schedule: TenantSchedule, out: SchedulerTick): Promise<void> {
    if (!policy.enabled) return;
    const now = this.clock.now().getTime();
    const caller = (key: string): Caller => ({ principal: { tenantId: policy.tenantId, role: 'viewer', actor: MONITOR_ACTOR }, requestId: `monitor:${key}:${now}`, source: 'monitor schedule' });
    const due = policy.rules.map((rule, index) => ({ rule, index, key: ruleKey(rule) })).filter(({ key }) => (schedule.nextRuns[key] ?? 0) <= now);
    const claimed = [];
    for (const d of due) {
      const running = await this.running(caller(d.key), schedule.lastJobs?.[d.key], d.rule.intervalSeconds, now);
      // Not claimed: the rule stays due, and the tick after the running cycle ends starts it.
      if (running) out.skipped.push({ tenantId: policy.tenantId, rule: d.key, runningJobId: running });
      else if (await this.store.claimRun(policy.tenantId, d.key, now, nextSlot(now, d.rule.intervalSeconds))) claimed.push(d);
    }
    if (claimed.length === 0) return;
    const fleet = await this.fleet(policy.tenantId);
    for (const { rule, index, key } of claimed) {
      const ids = fleet.filter((b) => ruleIndexFor(policy, b) === index).map((b) => b.id);
      if (ids.length === 0) continue;
      const job = await this.jobs.startMonitorCollect(caller(key), ids, { kind: 'monitor.collect', tag: rule.tag, collect: rule.collect, historyDays: policy.historyDays });
      await this.store.recordRun(policy.tenantId, key, job.id);
      out.started.push({ tenantId: policy.tenantId, rule: key, jobId: job.id, bmcs: ids.length });
    }
  }

  /** The id of the rule's previous cycle while it is still running and not stuck; undefined otherwise. */
  private async running(caller: Caller, jobId: string | undefined, intervalSeconds: number, now: number): Promise<string | undefined> {
    if (!jobId) return undefined;
    let job;
    try {
      job = await this.jobs.get(caller, jobId);
    } catch (e) {
      // Expired from the jobs table: long finished.
      if (e instanceof DomainError && e.code === 'NOT_FOUND') return undefined;
      throw e;
    }
    if (isFinished(jobState(job))) return undefined;
    const stuckAfter = Math.max(STUCK_INTERVALS * intervalSeconds * 1000, STUCK_MIN_MS);
    return now - Date.parse(job.createdAt) < stuckAfter ? jobId : undefined;
  }

  private async fleet(tenantId: TenantId): Promise<Bmc[]> {
    const out: Bmc[] = [];
    let cursor: string | null = null;
    do {
      const page: Page<Bmc> = await this.bmcs.list(tenantId, {}, { limit: 500, cursor }, { fresh: true });
      out.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    return out;
  }
}

/** The registry's active tenants, every page. */
async function activeTenants(registry: Pick<TenantRegistry, 'list'>): Promise<Set<TenantId>> {
  const out = new Set<TenantId>();
  let cursor: string | null = null;
  do {
    const page: Page<TenantRecord> = await registry.list({ limit: 100, cursor });
    for (const t of page.items) if (t.status === 'active') out.add(t.id);
    cursor = page.nextCursor;
  } while (cursor);
  return out;
}
