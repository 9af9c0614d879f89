/**
 * AuditLog on DynamoDB. Each event is one item keyed by (`<tenant>#<chain>`, seq) and
 * written with `attribute_not_exists`, so an event can never be overwritten and two
 * writers cannot take the same place in a chain (the loser re-reads the head and retries).
 * Auditors' queries pick the narrowest index: actor -> byTenantActor, a BMC target -> the
 * chain itself, denied/failed -> the sparse byTenantProblem, otherwise byTenantTime.
 */
import { PutCommand, QueryCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { AppendAllUnsupportedError, AuditSlotTakenError, type AuditChainHead, type AuditFilter, type AuditLog } from '../../core/ports.ts';
import type { AuditEvent, Page, PageRequest } from '../../core/types.ts';
import { chainOf } from '../../core/services/audit-service.ts';
import { auditOrderKey } from '../../core/audit-order.ts';
import { queryPage, type Item, type QueryPlan } from './paging.ts';
import { processCursorCodec, type CursorCodec } from '../../core/cursor-codec.ts';
import { assertKeyPart, isConditionalCheckFailed } from './errors.ts';
import { AUDIT_INDEX } from './tables.ts';

const chainKey = (tenantId: string, chain: string) => `${assertKeyPart('tenant id', tenantId)}#${chain}`;

function toItem(e: AuditEvent): Item {
  return {
    ...e,
    chainKey: chainKey(e.tenantId, e.chain),
    // The shared audit order (time, seq, id) as the sort key of the time-ordered indexes.
    timeId: auditOrderKey(e),
    tenantActor: `${e.tenantId}#${e.actor}`,
    ...((e.outcome === 'denied' || e.outcome === 'failed') && { problemTenant: e.tenantId }),
  };
}

function fromItem(item: Item): AuditEvent {
  const { chainKey: _c, timeId: _t, tenantActor: _a, problemTenant: _p, ...event } = item;
  return event as unknown as AuditEvent;
}

export class DynamoAuditLog implements AuditLog {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
    /** Signs the cursors this store hands out (cursor-codec.ts); one key across processes. */
    private readonly cursors: CursorCodec = processCursorCodec(),
  ) {}

  async append(event: AuditEvent) {
    try {
      await this.doc.send(new PutCommand({ TableName: this.tableName, Item: toItem(event), ConditionExpression: 'attribute_not_exists(chainKey)' }));
    } catch (e) {
      if (isConditionalCheckFailed(e)) throw new AuditSlotTakenError(event.chain, event.seq);
      throw e;
    }
  }

  async appendAll(events: readonly AuditEvent[]) {
    const first = events[0];
    if (!first) return;
    try {
      await this.doc.send(
        new TransactWriteCommand({
          TransactItems: events.map((e) => ({ Put: { TableName: this.tableName, Item: toItem(e), ConditionExpression: 'attribute_not_exists(chainKey)' } })),
          // A retry of a transaction that went through is answered, not applied twice (the token
          // lives 10 minutes): the last event's hash names the batch.
          ClientRequestToken: events[events.length - 1]!.hash.slice(0, 36),
        }),
      );
    } catch (e) {
      if (isConditionalCheckFailed(e)) throw new AuditSlotTakenError(first.chain, first.seq);
      if (e instanceof Error && /UnknownOperation|not supported|Unsupported/i.test(`${e.name} ${e.message}`)) throw new AppendAllUnsupportedError(e);
      throw e;
    }
  }

  async head(tenantId: string, chain: string): Promise<AuditChainHead | undefined> {
    const out = await this.doc.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'chainKey = :k',
        ExpressionAttributeValues: { ':k': chainKey(tenantId, chain) },
        ScanIndexForward: false,
        Limit: 1,
        ConsistentRead: true,
        ProjectionExpression: 'seq, #h, #t',
        ExpressionAttributeNames: { '#h': 'hash', '#t': 'time' },
      }),
    );
    const last = out.Items?.[0];
    return last ? { seq: Number(last.seq), hash: String(last.hash), time: String(last.time) } : undefined;
  }

  async query(tenantId: string, filter: AuditFilter, page: PageRequest): Promise<Page<AuditEvent>> {
    const result = await queryPage(this.doc, this.cursors, tenantId, planQuery(this.tableName, tenantId, filter), page);
    return { items: result.items.map(fromItem), nextCursor: result.nextCursor };
  }

  async readChain(tenantId: string, chain: string, page: PageRequest, afterSeq?: number): Promise<Page<AuditEvent>> {
    const result = await queryPage(this.doc, this.cursors, tenantId, {
      tableName: this.tableName,
      partition: { name: 'chainKey', value: chainKey(tenantId, chain) },
      ...(afterSeq !== undefined && { sortCondition: { name: 'seq', expression: '#sk > :after', values: { ':after': afterSeq } } }),
      keyAttributes: ['chainKey', 'seq'],
    }, page);
    return { items: result.items.map(fromItem), nextCursor: result.nextCursor };
  }

  async listChains(tenantId: string): Promise<string[]> {
    const chains = new Set<string>();
    let start: Record<string, unknown> | undefined;
    do {
      const out = await this.doc.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: AUDIT_INDEX.byTime,
          KeyConditionExpression: 'tenantId = :t',
          ExpressionAttributeValues: { ':t': assertKeyPart('tenant id', tenantId) },
          ProjectionExpression: '#c',
          ExpressionAttributeNames: { '#c': 'chain' },
          ...(start && { ExclusiveStartKey: start }),
        }),
      );
      for (const item of out.Items ?? []) chains.add(String(item.chain));
      start = out.LastEvaluatedKey;
    } while (start);
    return [...chains].sort();
  }
}

/** Chooses the index for a filter and expresses the rest of the filter as a FilterExpression. */
export function planQuery(tableName: string, tenantId: string, f: AuditFilter): QueryPlan {
  assertKeyPart('tenant id', tenantId);
  const conditions: string[] = [];
  const names: Record<string, string> = {};
  const values: Item = {};
  const where = (attr: string, op: string, value: string) => {
    const n = `#f_${attr}`;
    const v = `:f_${attr}${op === '<' ? '_hi' : op === '>=' ? '_lo' : ''}`;
    names[n] = attr;
    values[v] = value;
    conditions.push(`${n} ${op} ${v}`);
  };

  let base: Pick<QueryPlan, 'indexName' | 'partition' | 'keyAttributes'>;
  let timeOnSortKey = true;
  if (f.actor !== undefined) {
    base = { indexName: AUDIT_INDEX.byActor, partition: { name: 'tenantActor', value: `${tenantId}#${f.actor}` }, keyAttributes: ['chainKey', 'seq', 'tenantActor', 'timeId'] };
  } else if (f.target !== undefined && chainOf(f.target) === f.target) {
    base = { partition: { name: 'chainKey', value: chainKey(tenantId, f.target) }, keyAttributes: ['chainKey', 'seq'] };
    timeOnSortKey = false;
  } else if (f.outcome === 'denied' || f.outcome === 'failed') {
    base = { indexName: AUDIT_INDEX.problems, partition: { name: 'problemTenant', value: tenantId }, keyAttributes: ['chainKey', 'seq', 'problemTenant', 'timeId'] };
  } else {
    base = { indexName: AUDIT_INDEX.byTime, partition: { name: 'tenantId', value: tenantId }, keyAttributes: ['chainKey', 'seq', 'tenantId', 'timeId'] };
  }

  let sortCondition: QueryPlan['sortCondition'];
  if (timeOnSortKey && (f.from !== undefined || f.to !== undefined)) {
    // timeId is `<ISO time>#<seq>#<id>`: `<to>#…` sorts after `<to>`, so `< :hi` keeps `to` exclusive.
    const expression = f.from !== undefined && f.to !== undefined ? '#sk BETWEEN :lo AND :hi' : f.from !== undefined ? '#sk >= :lo' : '#sk < :hi';
    sortCondition = { name: 'timeId', expression, values: { ...(f.from !== undefined && { ':lo': f.from }), ...(f.to !== undefined && { ':hi': f.to }) } };
  } else {
    if (f.from !== undefined) where('time', '>=', f.from);
    if (f.to !== undefined) where('time', '<', f.to);
  }
  if (f.target !== undefined && base.partition.name !== 'chainKey') where('target', '=', f.target);
  if (f.action !== undefined) where('action', '=', f.action);
  // Also on the sparse index, which holds both denied and failed events.
  if (f.outcome !== undefined) where('outcome', '=', f.outcome);

  return {
    tableName,
    ...base,
    ...(sortCondition && { sortCondition }),
    ...(conditions.length > 0 && { filter: { expression: conditions.join(' AND '), names, values } }),
    newestFirst: true,
  };
}
