/**
 * AccessLog on the access table (tables.ts): records keyed by (`<tenant>#<bmcId>`, record
 * key). A `sampled` record's key is its interval start and actor, put with attribute_not_exists,
 * so processes sampling the same interval at once store one record. Queried newest first
 * through the tenant-and-time index.
 */
import { randomUUID } from 'node:crypto';
import { PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { AccessFilter, AccessLog } from '../../core/ports.ts';
import type { AccessRecord, Page, PageRequest } from '../../core/types.ts';
import { isConditionalCheckFailed } from './errors.ts';
import { queryPage, type Item } from './paging.ts';
import { processCursorCodec, type CursorCodec } from '../../core/cursor-codec.ts';
import { ACCESS_INDEX, ACCESS_RETENTION_DAYS } from './tables.ts';

const KEY_ATTRIBUTES = ['tenantBmc', 'recordKey', 'tenantId', 'timeKey'];

export function accessRecordKey(r: AccessRecord): string {
  return r.kind === 'sampled' ? `${r.intervalStart}#sampled#${r.actor}` : `${r.time}#read#${r.requestId}#${randomUUID()}`;
}

function fromItem(item: Item): AccessRecord {
  const { tenantBmc: _b, recordKey: _r, timeKey: _t, expiresAt: _e, ...record } = item;
  return { ...record, intervalStart: (record['intervalStart'] as string | undefined) ?? null } as unknown as AccessRecord;
}

export class DynamoAccessLog implements AccessLog {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
    /** Signs the cursors this store hands out (cursor-codec.ts); one key across processes. */
    private readonly cursors: CursorCodec = processCursorCodec(),
  ) {}

  async put(record: AccessRecord): Promise<boolean> {
    const recordKey = accessRecordKey(record);
    const { intervalStart, ...rest } = record;
    const item = {
      ...rest,
      ...(intervalStart !== null && { intervalStart }),
      tenantBmc: `${record.tenantId}#${record.bmcId}`,
      recordKey,
      timeKey: `${record.time}#${record.bmcId}#${recordKey}`,
      expiresAt: Math.floor(Date.parse(record.time) / 1000) + ACCESS_RETENTION_DAYS * 86_400,
    };
    try {
      await this.doc.send(new PutCommand({ TableName: this.tableName, Item: item, ConditionExpression: 'attribute_not_exists(recordKey)' }));
      return true;
    } catch (e) {
      if (isConditionalCheckFailed(e)) return false;
      throw e;
    }
  }

  async query(tenantId: string, filter: AccessFilter, page: PageRequest): Promise<Page<AccessRecord>> {
    const sortCondition =
      filter.from !== undefined || filter.to !== undefined
        ? {
            name: 'timeKey',
            // timeKey is `<ISO time>#…`: `< :hi` keeps `to` exclusive.
            expression: filter.from !== undefined && filter.to !== undefined ? '#sk BETWEEN :lo AND :hi' : filter.from !== undefined ? '#sk >= :lo' : '#sk < :hi',
            values: { ...(filter.from !== undefined && { ':lo': filter.from }), ...(filter.to !== undefined && { ':hi': filter.to }) },
          }
        : undefined;
    const result = await queryPage(
      this.doc,
      this.cursors,
      tenantId,
      {
        tableName: this.tableName,
        indexName: ACCESS_INDEX.byTime,
        partition: { name: 'tenantId', value: tenantId },
        ...(sortCondition && { sortCondition }),
        ...(filter.bmcId !== undefined && { filter: { expression: '#bmc = :bmc', names: { '#bmc': 'bmcId' }, values: { ':bmc': filter.bmcId } } }),
        keyAttributes: KEY_ATTRIBUTES,
        newestFirst: true,
      },
      page,
    );
    return { items: result.items.map(fromItem), nextCursor: result.nextCursor };
  }
}
