/**
 * ApiKeyRepository on DynamoDB: keyed by key id (one GetItem per authentication), listed per
 * tenant through a GSI. Null timestamps are stored as absent attributes so that
 * `if_not_exists` can set them exactly once.
 */
import { DeleteCommand, GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ApiKeyRepository } from '../../core/ports.ts';
import type { ApiKey, Page, PageRequest } from '../../core/types.ts';
import { conflict } from '../../core/errors.ts';
import { queryPage, type Item } from './paging.ts';
import { processCursorCodec, type CursorCodec } from '../../core/cursor-codec.ts';
import { isConditionalCheckFailed } from './errors.ts';
import { API_KEY_INDEX } from './tables.ts';

const NULLABLE = ['expiresAt', 'revokedAt', 'lastUsedAt'] as const;

function toItem(key: ApiKey): Item {
  const item: Item = { ...key };
  for (const f of NULLABLE) if (item[f] === null) delete item[f];
  return item;
}

function fromItem(item: Item): ApiKey {
  const out: Item = { ...item };
  for (const f of NULLABLE) out[f] = out[f] ?? null;
  return out as unknown as ApiKey;
}

export class DynamoApiKeyRepository implements ApiKeyRepository {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
    /** Signs the cursors this store hands out (cursor-codec.ts); one key across processes. */
    private readonly cursors: CursorCodec = processCursorCodec(),
  ) {}

  async getById(id: string) {
    const { Item: item } = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: { id }, ConsistentRead: true }));
    return item ? fromItem(item) : undefined;
  }

  async create(key: ApiKey) {
    try {
      await this.doc.send(new PutCommand({ TableName: this.tableName, Item: toItem(key), ConditionExpression: 'attribute_not_exists(id)' }));
    } catch (e) {
      if (isConditionalCheckFailed(e)) throw conflict(`API key ${key.id} already exists`);
      throw e;
    }
  }

  async revoke(tenantId: string, id: string, revokedAt: string) {
    try {
      const res = await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { id },
          UpdateExpression: 'SET revokedAt = if_not_exists(revokedAt, :now)',
          ConditionExpression: 'attribute_exists(id) AND tenantId = :tenant',
          ExpressionAttributeValues: { ':now': revokedAt, ':tenant': tenantId },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return res.Attributes ? fromItem(res.Attributes) : undefined;
    } catch (e) {
      // Absent, or another tenant's: the same answer.
      if (isConditionalCheckFailed(e)) return undefined;
      throw e;
    }
  }

  async delete(tenantId: string, id: string) {
    try {
      await this.doc.send(
        new DeleteCommand({ TableName: this.tableName, Key: { id }, ConditionExpression: 'tenantId = :tenant', ExpressionAttributeValues: { ':tenant': tenantId } }),
      );
    } catch (e) {
      if (!isConditionalCheckFailed(e)) throw e;
    }
  }

  async touch(id: string, lastUsedAt: string) {
    try {
      await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { id },
          UpdateExpression: 'SET lastUsedAt = :t',
          ConditionExpression: 'attribute_exists(id)',
          ExpressionAttributeValues: { ':t': lastUsedAt },
        }),
      );
    } catch (e) {
      if (!isConditionalCheckFailed(e)) throw e;
    }
  }

  async list(tenantId: string, page: PageRequest): Promise<Page<ApiKey>> {
    const result = await queryPage(this.doc, this.cursors, tenantId, {
      tableName: this.tableName,
      indexName: API_KEY_INDEX.byTenant,
      partition: { name: 'tenantId', value: tenantId },
      keyAttributes: ['id', 'tenantId'],
    }, page);
    return { items: result.items.map(fromItem), nextCursor: result.nextCursor };
  }
}
