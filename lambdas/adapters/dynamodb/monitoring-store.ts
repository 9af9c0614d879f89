/**
 * MonitoringStore on the monitoring table (generic pk/sk, TTL on `expiresAt`):
 *
 * - `policy` / `<tenant>`: the tenant's policy (absent for the default) and one `next:<rule>`
 *   attribute per rule, the epoch ms of its next run, claimed with a conditional update; one
 *   `job:<rule>` attribute per rule, the job of its latest cycle.
 * - `state#<tenant>` / `<bmcId>`: the BMC's latest state; `healthChangedAt` on the item for
 *   the fleet query "health changed since T". No TTL: it lives as long as the BMC.
 * - `hist#<tenant>#<bmcId>` / `<time>`: one history item per collection, readings as
 *   `[reading, status]` pairs by sensor name; TTL after the tenant's history days.
 * - `sel#<tenant>#<bmcId>` / `<collectedAt>#<record id>`: SEL entries seen; same TTL.
 * - `events#<tenant>` / `<event id>` (time first): events, newest first; TTL EVENT_RETENTION_DAYS.
 */
import { BatchWriteCommand, GetCommand, PutCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { MonitorEvent } from '../../core/monitoring/model.ts';
import type { BmcMonitorState, EventFilter, HistorySample, MonitoringStore, StateFilter, TenantSchedule } from '../../core/monitoring/ports.ts';
import type { MonitoringPolicy } from '../../core/monitoring/policy.ts';
import type { SelEntry, SensorStatus } from '../../core/bmc-data.ts';
import type { Page, PageRequest, TenantId } from '../../core/types.ts';
import { processCursorCodec, type CursorCodec } from '../../core/cursor-codec.ts';
import { assertKeyPart, isConditionalCheckFailed } from './errors.ts';
import { queryPage, type Item } from './paging.ts';

const POLICY_PK = 'policy';
const NEXT_PREFIX = 'next:';
const JOB_PREFIX = 'job:';
const KEYS = ['pk', 'sk'] as const;

const tenant = (tenantId: TenantId) => assertKeyPart('tenantId', tenantId);
const statePk = (tenantId: TenantId) => `state#${tenant(tenantId)}`;
const histPk = (tenantId: TenantId, bmcId: string) => `hist#${tenant(tenantId)}#${assertKeyPart('bmcId', bmcId)}`;
const selPk = (tenantId: TenantId, bmcId: string) => `sel#${tenant(tenantId)}#${assertKeyPart('bmcId', bmcId)}`;
const eventsPk = (tenantId: TenantId) => `events#${tenant(tenantId)}`;

export class DynamoMonitoringStore implements MonitoringStore {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly cursors: CursorCodec = processCursorCodec(),
  ) {}

  async getPolicy(tenantId: TenantId): Promise<MonitoringPolicy | undefined> {
    const { Item: item } = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: { pk: POLICY_PK, sk: tenant(tenantId) }, ConsistentRead: true }));
    return item?.['policy'] ? (item['policy'] as MonitoringPolicy) : undefined;
  }

  async putPolicy(policy: MonitoringPolicy): Promise<void> {
    await this.doc.send(
      new UpdateCommand({ TableName: this.tableName, Key: { pk: POLICY_PK, sk: tenant(policy.tenantId) }, UpdateExpression: 'SET #policy = :policy', ExpressionAttributeNames: { '#policy': 'policy' }, ExpressionAttributeValues: { ':policy': policy } }),
    );
  }

  async listSchedules(): Promise<TenantSchedule[]> {
    const out: TenantSchedule[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.doc.send(
        new QueryCommand({ TableName: this.tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': POLICY_PK }, ConsistentRead: true, ...(start && { ExclusiveStartKey: start }) }),
      );
      for (const item of page.Items ?? []) {
        const nextRuns: Record<string, number> = {};
        const lastJobs: Record<string, string> = {};
        for (const [k, v] of Object.entries(item)) {
          if (k.startsWith(NEXT_PREFIX) && typeof v === 'number') nextRuns[k.slice(NEXT_PREFIX.length)] = v;
          if (k.startsWith(JOB_PREFIX) && typeof v === 'string') lastJobs[k.slice(JOB_PREFIX.length)] = v;
        }
        out.push({ tenantId: String(item['sk']), policy: item['policy'] ? (item['policy'] as MonitoringPolicy) : undefined, nextRuns, lastJobs });
      }
      start = page.LastEvaluatedKey;
    } while (start);
    return out;
  }

  async claimRun(tenantId: TenantId, ruleKey: string, now: number, nextAt: number): Promise<boolean> {
    try {
      await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { pk: POLICY_PK, sk: tenant(tenantId) },
          UpdateExpression: 'SET #next = :next',
          ConditionExpression: 'attribute_not_exists(#next) OR #next <= :now',
          ExpressionAttributeNames: { '#next': `${NEXT_PREFIX}${ruleKey}` },
          ExpressionAttributeValues: { ':next': nextAt, ':now': now },
        }),
      );
      return true;
    } catch (e) {
      if (isConditionalCheckFailed(e)) return false;
      throw e;
    }
  }

  async recordRun(tenantId: TenantId, ruleKey: string, jobId: string): Promise<void> {
    await this.doc.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { pk: POLICY_PK, sk: tenant(tenantId) },
        UpdateExpression: 'SET #job = :job',
        ExpressionAttributeNames: { '#job': `${JOB_PREFIX}${ruleKey}` },
        ExpressionAttributeValues: { ':job': jobId },
      }),
    );
  }

  async getState(tenantId: TenantId, bmcId: string): Promise<BmcMonitorState | undefined> {
    const { Item: item } = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: { pk: statePk(tenantId), sk: bmcId } }));
    return item ? (item['state'] as BmcMonitorState) : undefined;
  }

  async putState(state: BmcMonitorState): Promise<void> {
    const item = { pk: statePk(state.tenantId), sk: state.bmcId, state, ...(state.healthChangedAt && { healthChangedAt: state.healthChangedAt }) };
    await this.doc.send(new PutCommand({ TableName: this.tableName, Item: item }));
  }

  async listStates(tenantId: TenantId, filter: StateFilter, page: PageRequest): Promise<Page<BmcMonitorState>> {
    const since = filter.healthChangedSince;
    const result = await queryPage(
      this.doc,
      this.cursors,
      tenantId,
      {
        tableName: this.tableName,
        partition: { name: 'pk', value: statePk(tenantId) },
        ...(since && { filter: { expression: '#changed >= :since', names: { '#changed': 'healthChangedAt' }, values: { ':since': since } } }),
        keyAttributes: KEYS,
      },
      page,
    );
    return { items: result.items.map((i) => i['state'] as BmcMonitorState), nextCursor: result.nextCursor };
  }

  async putSample(tenantId: TenantId, bmcId: string, sample: HistorySample, expiresAt: number): Promise<void> {
    const s: Record<string, [number | null, SensorStatus]> = {};
    for (const [name, v] of Object.entries(sample.sensors)) s[name] = [v.reading, v.status];
    await this.doc.send(new PutCommand({ TableName: this.tableName, Item: { pk: histPk(tenantId, bmcId), sk: sample.time, p: sample.power, h: sample.health, s, expiresAt } }));
  }

  async samples(tenantId: TenantId, bmcId: string, range: { readonly from: string; readonly to: string }, page: PageRequest): Promise<Page<HistorySample>> {
    const result = await queryPage(
      this.doc,
      this.cursors,
      tenantId,
      {
        tableName: this.tableName,
        partition: { name: 'pk', value: histPk(tenantId, bmcId) },
        sortCondition: { name: 'sk', expression: '#sk BETWEEN :from AND :to', values: { ':from': range.from, ':to': range.to } },
        keyAttributes: KEYS,
      },
      page,
    );
    return { items: result.items.map(toSample), nextCursor: result.nextCursor };
  }

  async recentSamples(tenantId: TenantId, bmcId: string, limit: number): Promise<HistorySample[]> {
    const out = await this.doc.send(
      new QueryCommand({ TableName: this.tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': histPk(tenantId, bmcId) }, ScanIndexForward: false, Limit: limit }),
    );
    return (out.Items ?? []).map(toSample).reverse();
  }

  async putSelEntries(tenantId: TenantId, bmcId: string, collectedAt: string, entries: readonly SelEntry[], expiresAt: number): Promise<void> {
    await this.batchPut(entries.map((e, i) => ({ pk: selPk(tenantId, bmcId), sk: `${collectedAt}#${String(i).padStart(5, '0')}`, e, expiresAt })));
  }

  async recentSelEntries(tenantId: TenantId, bmcId: string, limit: number): Promise<SelEntry[]> {
    const out = await this.doc.send(
      new QueryCommand({ TableName: this.tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': selPk(tenantId, bmcId) }, ScanIndexForward: false, Limit: limit }),
    );
    return (out.Items ?? []).map((i) => i['e'] as SelEntry).reverse();
  }

  async putEvents(events: readonly MonitorEvent[], expiresAt: number): Promise<void> {
    await this.batchPut(events.map((e) => ({ pk: eventsPk(e.tenantId), sk: e.id, event: e, kind: e.kind, severity: e.severity, bmcId: e.bmcId ?? '', time: e.time, expiresAt })));
  }

  async events(tenantId: TenantId, filter: EventFilter, page: PageRequest): Promise<Page<MonitorEvent>> {
    const parts: string[] = [];
    const names: Record<string, string> = {};
    const values: Item = {};
    if (filter.kinds?.length) {
      names['#kind'] = 'kind';
      parts.push(`#kind IN (${filter.kinds.map((k, i) => ((values[`:k${i}`] = k), `:k${i}`)).join(', ')})`);
    }
    if (filter.severities?.length) {
      names['#severity'] = 'severity';
      parts.push(`#severity IN (${filter.severities.map((s, i) => ((values[`:s${i}`] = s), `:s${i}`)).join(', ')})`);
    }
    if (filter.bmcId) {
      names['#bmc'] = 'bmcId';
      values[':bmc'] = filter.bmcId;
      parts.push('#bmc = :bmc');
    }
    // Ids start with the ISO time; `~` sorts after every id character, so `to` is inclusive.
    const from = filter.from ?? '0';
    const to = `${filter.to ?? '9999'}~`;
    const result = await queryPage(
      this.doc,
      this.cursors,
      tenantId,
      {
        tableName: this.tableName,
        partition: { name: 'pk', value: eventsPk(tenantId) },
        sortCondition: { name: 'sk', expression: '#sk BETWEEN :from AND :to', values: { ':from': from, ':to': to } },
        ...(parts.length > 0 && { filter: { expression: parts.join(' AND '), names, values } }),
        keyAttributes: KEYS,
        newestFirst: true,
      },
      page,
    );
    return { items: result.items.map((i) => i['event'] as MonitorEvent), nextCursor: result.nextCursor };
  }

  private async batchPut(items: readonly Item[]): Promise<void> {
    for (let i = 0; i < items.length; i += 25) {
      let requests: Record<string, unknown>[] = items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } }));
      for (let attempt = 0; requests.length > 0; attempt++) {
        if (attempt > 8) throw new Error('BatchWriteItem kept returning unprocessed items');
        if (attempt > 0) await new Promise((r) => setTimeout(r, Math.min(1000, 25 * 2 ** attempt)));
        const out = await this.doc.send(new BatchWriteCommand({ RequestItems: { [this.tableName]: requests } }));
        requests = (out.UnprocessedItems?.[this.tableName] ?? []) as Record<string, unknown>[];
      }
    }
  }
}

function toSample(item: Item): HistorySample {
  const sensors: Record<string, { reading: number | null; status: SensorStatus }> = {};
  for (const [name, v] of Object.entries((item['s'] ?? {}) as Record<string, [number | null, SensorStatus]>)) sensors[name] = { reading: v[0], status: v[1] };
  return { time: String(item['sk']), power: (item['p'] ?? null) as HistorySample['power'], health: item['h'] as HistorySample['health'], sensors };
}
