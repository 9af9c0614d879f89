/**
 * One page of a DynamoDB Query with an optional filter, continued by an opaque, signed cursor.
 * A filter can make DynamoDB pages short or empty, so this keeps querying until the page
 * is full, the partition ends or a round-trip budget is spent; the cursor then holds the
 * key where reading stopped (the last returned item, or DynamoDB's LastEvaluatedKey).
 */
import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { badInput } from '../../core/errors.ts';
import type { Page, PageRequest } from '../../core/types.ts';
import type { CursorCodec } from '../../core/cursor-codec.ts';

export type Item = Record<string, unknown>;
type Key = Record<string, string | number>;

export interface QueryPlan {
  readonly tableName: string;
  readonly indexName?: string;
  /** Partition key attribute and value: the cursor must stay in this partition. */
  readonly partition: { readonly name: string; readonly value: string };
  /** Optional sort key condition on `#sk`, with its values (e.g. `#sk BETWEEN :lo AND :hi`). */
  readonly sortCondition?: { readonly name: string; readonly expression: string; readonly values: Item };
  readonly filter?: { readonly expression: string; readonly names: Record<string, string>; readonly values: Item };
  /** Attributes of the table key plus the index key: what ExclusiveStartKey needs. */
  readonly keyAttributes: readonly string[];
  readonly newestFirst?: boolean;
}

const INDEX_FIELD = '@i';
const ROUND_TRIPS = 25;

function keyOf(item: Item, attributes: readonly string[]): Key {
  const key: Key = {};
  for (const a of attributes) {
    const v = item[a];
    if (typeof v !== 'string' && typeof v !== 'number') throw new Error(`item lacks key attribute ${a}`);
    key[a] = v;
  }
  return key;
}

function startKey(cursors: CursorCodec, tenantId: string, plan: QueryPlan, cursor: string | null | undefined): Key | undefined {
  const position = cursors.decode(tenantId, cursor);
  if (!position) return undefined;
  const { [INDEX_FIELD]: index, ...key } = position;
  // A cursor from another query shape or another partition is refused rather than sent on.
  if (index !== (plan.indexName ?? '') || key[plan.partition.name] !== plan.partition.value) throw badInput('cursor', 'not a valid cursor for this query');
  if (Object.keys(key).sort().join() !== [...plan.keyAttributes].sort().join()) throw badInput('cursor', 'not a valid cursor for this query');
  return key;
}

export async function queryPage(doc: DynamoDBDocumentClient, cursors: CursorCodec, tenantId: string, plan: QueryPlan, page: PageRequest): Promise<Page<Item>> {
  const limit = page.limit ?? 50;
  let exclusiveStartKey: Key | undefined = startKey(cursors, tenantId, plan, page.cursor);
  const items: Item[] = [];
  const names: Record<string, string> = { '#pk': plan.partition.name, ...(plan.sortCondition && { '#sk': plan.sortCondition.name }), ...plan.filter?.names };
  const values: Item = { ':pk': plan.partition.value, ...plan.sortCondition?.values, ...plan.filter?.values };
  for (let trip = 0; trip < ROUND_TRIPS; trip++) {
    const remaining = limit - items.length;
    const out = await doc.send(
      new QueryCommand({
        TableName: plan.tableName,
        ...(plan.indexName && { IndexName: plan.indexName }),
        KeyConditionExpression: plan.sortCondition ? `#pk = :pk AND ${plan.sortCondition.expression}` : '#pk = :pk',
        ...(plan.filter && { FilterExpression: plan.filter.expression }),
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
        ScanIndexForward: !plan.newestFirst,
        // Without a filter every read item is returned, so read exactly what is missing.
        Limit: plan.filter ? Math.max(remaining, 100) : remaining,
        ...(exclusiveStartKey && { ExclusiveStartKey: exclusiveStartKey }),
      }),
    );
    const got = (out.Items ?? []) as Item[];
    const taken = got.slice(0, remaining);
    items.push(...taken);
    const last = out.LastEvaluatedKey as Key | undefined;
    if (items.length >= limit) {
      const more = got.length > taken.length || last !== undefined;
      return { items, nextCursor: more ? cursorAt(cursors, tenantId, plan, keyOf(taken[taken.length - 1] as Item, plan.keyAttributes)) : null };
    }
    if (!last) return { items, nextCursor: null };
    exclusiveStartKey = keyOf(last, plan.keyAttributes);
  }
  // Budget spent on a sparse filter: hand back what was found and where reading stopped.
  return { items, nextCursor: exclusiveStartKey ? cursorAt(cursors, tenantId, plan, exclusiveStartKey) : null };
}

function cursorAt(cursors: CursorCodec, tenantId: string, plan: QueryPlan, key: Key): string {
  return cursors.encode(tenantId, { [INDEX_FIELD]: plan.indexName ?? '', ...key });
}
