/**
 * The scheduler's entry point, run once a minute (an EventBridge schedule on the worker in AWS,
 * a timer in `npm start`): finds the (tenant, rule) pairs that are due and starts one
 * `monitor.collect` job for each, over the BMCs the rule watches. The worker fans the job out
 * per BMC under the same per-BMC protection as every job. A rule's run is claimed in the store
 * first, so two schedulers that tick together start it once.
 */
import type { BmcRepository, Clock } from '../ports.ts';
import type { Bmc, Caller, Page, TenantId } from '../types.ts';
import type { JobService } from '../jobs/job-service.ts';
import type { MonitoringStore } from './ports.ts';
import { defaultPolicy, ruleIndexFor, type MonitoringPolicy, type MonitoringRule } from './policy.ts';

/** The actor scheduled collection runs as: it reads, and reads only. */
export const MONITOR_ACTOR = 'system:monitor';

export interface SchedulerOptions {
  /** Tenants to watch even without a stored policy (their default policy applies). */
  readonly tenants?: () => Promise<readonly TenantId[]>;
  /** The policy of a tenant that stored none (e.g. `npm start`'s MONITOR_INTERVAL_SECONDS). */
  readonly defaultPolicy?: (tenantId: TenantId) => MonitoringPolicy;
  /** Hears of a tenant whose cycle could not start (the others go on). */
  readonly onError?: (tenantId: TenantId, error: unknown) => void;
}

export interface StartedCycle {
  readonly tenantId: TenantId;
  readonly rule: string;
  readonly jobId: string;
  readonly bmcs: number;
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

  async runDue(): Promise<StartedCycle[]> {
    const schedules = await this.store.listSchedules();
    const known = new Map(schedules.map((s) => [s.tenantId, s]));
    for (const tenantId of (await this.options.tenants?.()) ?? []) {
      if (!known.has(tenantId)) known.set(tenantId, { tenantId, policy: undefined, nextRuns: {} });
    }
    const started: StartedCycle[] = [];
    for (const schedule of known.values()) {
      const policy = schedule.policy ?? this.options.defaultPolicy?.(schedule.tenantId) ?? defaultPolicy(schedule.tenantId);
      // One tenant's failure (its registry throttled) does not hold up the others.
      try {
        started.push(...(await this.runTenant(policy, schedule.nextRuns)));
      } catch (e) {
        this.options.onError?.(schedule.tenantId, e);
      }
    }
    return started;
  }

  private async runTenant(policy: MonitoringPolicy, nextRuns: { readonly [key: string]: number }): Promise<StartedCycle[]> {
    if (!policy.enabled) return [];
    const now = this.clock.now().getTime();
    const due = policy.rules.map((rule, index) => ({ rule, index })).filter(({ rule }) => (nextRuns[ruleKey(rule)] ?? 0) <= now);
    if (due.length === 0) return [];
    const claimed = [];
    for (const d of due) if (await this.store.claimRun(policy.tenantId, ruleKey(d.rule), now, nextSlot(now, d.rule.intervalSeconds))) claimed.push(d);
    if (claimed.length === 0) return [];
    const fleet = await this.fleet(policy.tenantId);
    const out: StartedCycle[] = [];
    for (const { rule, index } of claimed) {
      const ids = fleet.filter((b) => ruleIndexFor(policy, b) === index).map((b) => b.id);
      if (ids.length === 0) continue;
      const caller: Caller = { principal: { tenantId: policy.tenantId, role: 'viewer', actor: MONITOR_ACTOR }, requestId: `monitor:${ruleKey(rule)}:${now}`, source: 'monitor schedule' };
      const job = await this.jobs.startMonitorCollect(caller, ids, { kind: 'monitor.collect', tag: rule.tag, collect: rule.collect, historyDays: policy.historyDays });
      out.push({ tenantId: policy.tenantId, rule: ruleKey(rule), jobId: job.id, bmcs: ids.length });
    }
    return out;
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
