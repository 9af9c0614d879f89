/** BmcRepository on DynamoDB: items partitioned by tenant, sorted by BMC id. */
import { BatchGetCommand, DeleteCommand, GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { BmcFilter, BmcRepository } from '../../core/ports.ts';
import type { Bmc, BmcHealth, Page, PageRequest } from '../../core/types.ts';
import { conflict, notFound } from '../../core/errors.ts';
import { queryPage, type Item } from './paging.ts';
import { processCursorCodec, type CursorCodec } from '../../core/cursor-codec.ts';
import { isConditionalCheckFailed } from './errors.ts';

/** The stored item: the BMC plus a lower-cased name for case-insensitive filtering. */
function toItem(bmc: Bmc): Item {
  return { ...bmc, tags: [...bmc.tags], nameLower: bmc.name.toLowerCase() };
}

function fromItem(item: Item): Bmc {
  const { nameLower: _n, ...bmc } = item;
  return bmc as unknown as Bmc;
}

export class DynamoBmcRepository implements BmcRepository {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
    /** Signs the cursors this store hands out (cursor-codec.ts); one key across processes. */
    private readonly cursors: CursorCodec = processCursorCodec(),
  ) {}

  async get(tenantId: string, id: string) {
    const { Item: item } = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: { tenantId, id }, ConsistentRead: true }));
    return item ? fromItem(item) : undefined;
  }

  async getMany(tenantId: string, ids: readonly string[]) {
    const out: Bmc[] = [];
    for (let i = 0; i < ids.length; i += 100) {
      let keys: Record<string, unknown>[] = ids.slice(i, i + 100).map((id) => ({ tenantId, id }));
      // BatchGetItem may return part of the keys as unprocessed under load; ask again for those.
      for (let attempt = 0; keys.length > 0; attempt++) {
        if (attempt > 0) await new Promise((r) => setTimeout(r, Math.min(1000, 25 * 2 ** attempt)));
        if (attempt > 8) throw new Error('BatchGetItem kept returning unprocessed keys');
        const res = await this.doc.send(new BatchGetCommand({ RequestItems: { [this.tableName]: { Keys: keys, ConsistentRead: true } } }));
        out.push(...(res.Responses?.[this.tableName] ?? []).map(fromItem));
        keys = (res.UnprocessedKeys?.[this.tableName]?.Keys ?? []) as Record<string, unknown>[];
      }
    }
    return out;
  }

  async create(bmc: Bmc) {
    try {
      await this.doc.send(new PutCommand({ TableName: this.tableName, Item: toItem(bmc), ConditionExpression: 'attribute_not_exists(id)' }));
    } catch (e) {
      if (isConditionalCheckFailed(e)) throw conflict(`BMC ${bmc.id} already exists`);
      throw e;
    }
  }

  async update(bmc: Bmc, expectedUpdatedAt: string) {
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: toItem(bmc),
          ConditionExpression: 'attribute_exists(id) AND updatedAt = :expected',
          ExpressionAttributeValues: { ':expected': expectedUpdatedAt },
        }),
      );
    } catch (e) {
      if (!isConditionalCheckFailed(e)) throw e;
      if (!(await this.get(bmc.tenantId, bmc.id))) throw notFound('BMC', bmc.id);
      throw conflict(`BMC ${bmc.id} was changed concurrently; reload and retry`);
    }
  }

  async delete(tenantId: string, id: string) {
    const res = await this.doc.send(new DeleteCommand({ TableName: this.tableName, Key: { tenantId, id }, ReturnValues: 'ALL_OLD' }));
    return res.Attributes !== undefined;
  }

  async list(tenantId: string, filter: BmcFilter, page: PageRequest): Promise<Page<Bmc>> {
    const clauses: string[] = [];
    const names: Record<string, string> = {};
    const values: Item = {};
    (filter.tags ?? []).forEach((tag, i) => {
      clauses.push(`contains(#tags, :tag${i})`);
      names['#tags'] = 'tags';
      values[`:tag${i}`] = tag;
    });
    if (filter.nameContains) {
      clauses.push('contains(#nameLower, :name)');
      names['#nameLower'] = 'nameLower';
      values[':name'] = filter.nameContains.toLowerCase();
    }
    if (filter.health) {
      clauses.push('#health = :health');
      names['#health'] = 'health';
      values[':health'] = filter.health;
    }
    const result = await queryPage(this.doc, this.cursors, tenantId, {
      tableName: this.tableName,
      partition: { name: 'tenantId', value: tenantId },
      keyAttributes: ['tenantId', 'id'],
      ...(clauses.length > 0 && { filter: { expression: clauses.join(' AND '), names, values } }),
    }, page);
    return { items: result.items.map(fromItem), nextCursor: result.nextCursor };
  }

  async setHealth(tenantId: string, id: string, health: BmcHealth) {
    try {
      await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { tenantId, id },
          UpdateExpression: 'SET #health = :health',
          ConditionExpression: 'attribute_exists(id)',
          ExpressionAttributeNames: { '#health': 'health' },
          ExpressionAttributeValues: { ':health': health },
        }),
      );
    } catch (e) {
      // Removed meanwhile: nothing to record.
      if (!isConditionalCheckFailed(e)) throw e;
    }
  }
}
