/**
 * A tenant's monitoring policy: what to collect and how often, per tag. Each BMC is watched
 * by the first rule whose tag it carries; a rule without a tag (`tag: null`) takes every BMC
 * no earlier rule took. A tenant without a stored policy gets the default: every BMC, power,
 * sensors and SEL every 5 minutes.
 */
import { badInput } from '../errors.ts';
import { validateTags } from '../bmc-input.ts';
import type { Bmc, TenantId } from '../types.ts';

export interface CollectWhat {
  readonly power: boolean;
  readonly sensors: boolean;
  readonly sel: boolean;
}

export interface MonitoringRule {
  /** BMCs carrying this tag; null: every BMC no earlier rule took. */
  readonly tag: string | null;
  readonly intervalSeconds: number;
  readonly collect: CollectWhat;
}

export interface MonitoringPolicy {
  readonly tenantId: TenantId;
  /** Off: the scheduler starts nothing for the tenant. */
  readonly enabled: boolean;
  readonly rules: readonly MonitoringRule[];
  /** How long history items (readings, power, health) are kept before DynamoDB's TTL removes them. */
  readonly historyDays: number;
  readonly updatedAt: string | null;
  readonly updatedBy: string | null;
}

export interface MonitoringPolicyInput {
  readonly enabled?: boolean;
  readonly rules?: readonly { readonly tag?: string | null; readonly intervalSeconds?: number; readonly collect?: Partial<CollectWhat> }[];
  readonly historyDays?: number;
}

export const DEFAULT_INTERVAL_SECONDS = 300;
/** In AWS a policy goes down to 1 minute: the EventBridge schedule ticks once a minute. */
export const MIN_INTERVAL_SECONDS = 60;
/** `npm start` may go down to 5 s (MONITOR_INTERVAL_SECONDS), for a newcomer watching changes. */
export const MIN_LOCAL_INTERVAL_SECONDS = 5;
export const MAX_INTERVAL_SECONDS = 86_400;
export const DEFAULT_HISTORY_DAYS = 14;
export const MAX_HISTORY_DAYS = 400;
export const MAX_RULES = 20;
export const COLLECT_ALL: CollectWhat = { power: true, sensors: true, sel: true };

export function defaultPolicy(tenantId: TenantId, intervalSeconds = DEFAULT_INTERVAL_SECONDS): MonitoringPolicy {
  return { tenantId, enabled: true, rules: [{ tag: null, intervalSeconds, collect: COLLECT_ALL }], historyDays: DEFAULT_HISTORY_DAYS, updatedAt: null, updatedBy: null };
}

/** The rule that watches `bmc`, by position in the policy; undefined when no rule takes it. */
export function ruleIndexFor(policy: MonitoringPolicy, bmc: Pick<Bmc, 'tags'>): number | undefined {
  const i = policy.rules.findIndex((r) => r.tag === null || bmc.tags.includes(r.tag));
  return i < 0 ? undefined : i;
}

/**
 * Checks a whole policy before anything is stored. `minIntervalSeconds` is 60 in AWS and may be
 * lower only for `npm start`'s default tenant. Tag spelling is checked here; whether any BMC
 * carries the tag is the service's check (it needs the registry).
 */
export function validatePolicy(input: MonitoringPolicyInput, previous: MonitoringPolicy, minIntervalSeconds = MIN_INTERVAL_SECONDS): Omit<MonitoringPolicy, 'updatedAt' | 'updatedBy'> {
  if (!input || typeof input !== 'object') throw badInput('policy', 'enabled, rules or historyDays is required');
  if (input.enabled === undefined && input.rules === undefined && input.historyDays === undefined) throw badInput('policy', 'enabled, rules or historyDays is required');
  if (input.enabled !== undefined && typeof input.enabled !== 'boolean') throw badInput('enabled', 'must be true or false');
  const historyDays = input.historyDays === undefined ? previous.historyDays : integerField('historyDays', input.historyDays, 1, MAX_HISTORY_DAYS);
  const rules = input.rules === undefined ? previous.rules : validateRules(input.rules, minIntervalSeconds);
  return { tenantId: previous.tenantId, enabled: input.enabled ?? previous.enabled, rules, historyDays };
}

function validateRules(rules: MonitoringPolicyInput['rules'], minIntervalSeconds: number): MonitoringRule[] {
  if (!Array.isArray(rules) || rules.length === 0) throw badInput('rules', 'at least one rule');
  if (rules.length > MAX_RULES) throw badInput('rules', `at most ${MAX_RULES} rules`);
  const seen = new Set<string | null>();
  return rules.map((r, i) => {
    const field = `rules[${i}]`;
    if (!r || typeof r !== 'object') throw badInput(field, 'must be an object');
    const tag = r.tag === undefined || r.tag === null ? null : (validateTags([r.tag])[0] as string);
    if (seen.has(tag)) throw badInput(`${field}.tag`, tag === null ? 'only one rule without a tag' : `tag ${tag} has two rules`);
    seen.add(tag);
    const intervalSeconds = integerField(`${field}.intervalSeconds`, r.intervalSeconds ?? DEFAULT_INTERVAL_SECONDS, minIntervalSeconds, MAX_INTERVAL_SECONDS);
    const c = r.collect ?? {};
    for (const k of Object.keys(c)) if (!(k in COLLECT_ALL)) throw badInput(`${field}.collect`, `unknown item ${k}; power, sensors or sel`);
    const collect = { power: c.power ?? true, sensors: c.sensors ?? true, sel: c.sel ?? true };
    for (const [k, v] of Object.entries(collect)) if (typeof v !== 'boolean') throw badInput(`${field}.collect.${k}`, 'must be true or false');
    if (!collect.power && !collect.sensors && !collect.sel) throw badInput(`${field}.collect`, 'collects nothing; at least one of power, sensors, sel');
    return { tag, intervalSeconds, collect };
  });
}

function integerField(field: string, value: unknown, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    const below = typeof value === 'number' && value < min;
    throw badInput(field, below ? `must be at least ${min}` : `must be an integer from ${min} to ${max}`);
  }
  return value;
}
