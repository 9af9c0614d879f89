/**
 * TenantRegistry on the tenants table: the provisioning attributes of a tenant's item, written
 * with UpdateItem of named attributes so the tenant's settings (tenant-settings-store.ts) on the
 * same item are left alone. Items without `tenantStatus` (settings of a tenant never
 * provisioned) are not tenants of the registry.
 */
import { GetCommand, ScanCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { TenantRegistry, UsageKey } from '../../core/tenants/ports.ts';
import { DEFAULT_QUOTAS, type TenantQuotas, type TenantRecord } from '../../core/tenants/types.ts';
import type { Page, PageRequest } from '../../core/types.ts';
import { conflict, notFound } from '../../core/errors.ts';
import { processCursorCodec, type CursorCodec } from '../../core/cursor-codec.ts';
import { isConditionalCheckFailed } from './errors.ts';

/** Cursors of the registry listing are bound to this scope, not to a tenant. */
const LIST_SCOPE = 'operator:tenants';

const SET = 'SET tenantStatus = :status, ranges = :ranges, quotas = :quotas, createdAt = :createdAt, updatedAt = :updatedAt, updatedBy = :updatedBy, deletedAt = :deletedAt, auditRetainedUntil = :retained, usageKey = :usageKey';

function values(r: TenantRecord) {
  return {
    ':status': r.status,
    ':ranges': [...r.ranges],
    ':quotas': { ...r.quotas },
    ':createdAt': r.createdAt,
    ':updatedAt': r.updatedAt,
    ':updatedBy': r.updatedBy,
    ':deletedAt': r.deletedAt,
    ':retained': r.auditRetainedUntil,
    ':usageKey': r.usageKey ? { ...r.usageKey } : null,
  };
}

function fromItem(item: Record<string, unknown>): TenantRecord {
  return {
    id: String(item['tenantId']),
    status: item['tenantStatus'] as TenantRecord['status'],
    ranges: (item['ranges'] as string[] | undefined) ?? [],
    // Quotas added after a tenant was stored take their default.
    quotas: { ...DEFAULT_QUOTAS, ...(item['quotas'] as Partial<TenantQuotas> | undefined) },
    createdAt: String(item['createdAt']),
    updatedAt: String(item['updatedAt']),
    updatedBy: String(item['updatedBy']),
    deletedAt: (item['deletedAt'] as string | null | undefined) ?? null,
    auditRetainedUntil: (item['auditRetainedUntil'] as string | null | undefined) ?? null,
    usageKey: (item['usageKey'] as UsageKey | null | undefined) ?? null,
  };
}

export class DynamoTenantRegistry implements TenantRegistry {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly cursors: CursorCodec = processCursorCodec(),
  ) {}

  async get(id: string): Promise<TenantRecord | undefined> {
    const { Item: item } = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: { tenantId: id }, ConsistentRead: true }));
    return item && typeof item['tenantStatus'] === 'string' ? fromItem(item) : undefined;
  }

  async create(record: TenantRecord): Promise<void> {
    try {
      await this.doc.send(
        new UpdateCommand({ TableName: this.tableName, Key: { tenantId: record.id }, UpdateExpression: SET, ConditionExpression: 'attribute_not_exists(tenantStatus)', ExpressionAttributeValues: values(record) }),
      );
    } catch (e) {
      if (isConditionalCheckFailed(e)) throw conflict(`tenant ${record.id} already exists (ids of deleted tenants are not reused)`);
      throw e;
    }
  }

  async update(record: TenantRecord, expectedUpdatedAt: string): Promise<void> {
    try {
      await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { tenantId: record.id },
          UpdateExpression: SET,
          ConditionExpression: 'attribute_exists(tenantStatus) AND updatedAt = :expected',
          ExpressionAttributeValues: { ...values(record), ':expected': expectedUpdatedAt },
        }),
      );
    } catch (e) {
      if (!isConditionalCheckFailed(e)) throw e;
      if (!(await this.get(record.id))) throw notFound('tenant', record.id);
      throw conflict(`tenant ${record.id} was changed concurrently; retry`);
    }
  }

  async list(page: PageRequest): Promise<Page<TenantRecord>> {
    const after = this.cursors.decode(LIST_SCOPE, page.cursor);
    const items: TenantRecord[] = [];
    let start: Record<string, unknown> | undefined = after && { tenantId: after['k'] };
    const limit = page.limit ?? 50;
    // A Scan: the registry holds one item per tenant, and only operators list it.
    do {
      const res = await this.doc.send(
        new ScanCommand({ TableName: this.tableName, ConsistentRead: true, FilterExpression: 'attribute_exists(tenantStatus)', Limit: limit, ...(start && { ExclusiveStartKey: start }) }),
      );
      items.push(...(res.Items ?? []).map(fromItem));
      start = res.LastEvaluatedKey;
    } while (start && items.length < limit);
    const pageItems = items.slice(0, limit);
    const last = pageItems[pageItems.length - 1];
    const more = items.length > limit || start !== undefined;
    // Resuming after the last returned item keeps the cursor valid when the scan read past it.
    return { items: pageItems.sort((a, b) => a.id.localeCompare(b.id)), nextCursor: more && last ? this.cursors.encode(LIST_SCOPE, { k: last.id }) : null };
  }
}
