/**
 * WebhookStore on the webhooks table (tables.ts): per tenant partition, `hook#<id>` items with
 * the signing secret sealed (`sealedSecret`, by the SecretSealer: KMS in AWS, the local key file
 * otherwise), and `delivery#<id>` items that expire 30 days after their last change.
 * Pending deliveries carry the sparse `dueShard`/`dueKey` pair, so the sweep finds due ones
 * across tenants with one Query; each attempt is claimed with a condition on `attempts`.
 */
import { DeleteCommand, GetCommand, PutCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { processCursorCodec, type CursorCodec } from '../../core/cursor-codec.ts';
import type { MonitorEventKind } from '../../core/monitoring/model.ts';
import type { Delivery, DeliveryState, SecretSealer, StoredWebhook, WebhookStore } from '../../core/monitoring/webhooks/model.ts';
import type { Page, PageRequest, TenantId } from '../../core/types.ts';
import { isConditionalCheckFailed } from './errors.ts';
import { queryPage } from './paging.ts';
import { WEBHOOK_INDEX } from './tables.ts';

const DELIVERY_RETENTION_S = 30 * 86_400;
const DUE_SHARD = 'due';

type Item = Record<string, unknown>;

function deliveryItem(d: Delivery): Item {
  return {
    ...d,
    sk: `delivery#${d.id}`,
    tenantState: `${d.tenantId}#${d.state}`,
    updatedKey: `${d.updatedAt}#${d.id}`,
    expiresAt: Math.floor(Date.parse(d.updatedAt) / 1000) + DELIVERY_RETENTION_S,
    ...(d.state === 'pending' && d.nextAttemptAt && { dueShard: DUE_SHARD, dueKey: `${d.nextAttemptAt}#${d.tenantId}#${d.id}` }),
  };
}

function toDelivery(i: Item): Delivery {
  return {
    tenantId: String(i['tenantId']),
    id: String(i['id']),
    webhookId: String(i['webhookId']),
    eventId: String(i['eventId']),
    body: String(i['body']),
    state: i['state'] as DeliveryState,
    attempts: Number(i['attempts']),
    nextAttemptAt: typeof i['nextAttemptAt'] === 'string' ? i['nextAttemptAt'] : null,
    lastError: typeof i['lastError'] === 'string' ? i['lastError'] : null,
    createdAt: String(i['createdAt']),
    updatedAt: String(i['updatedAt']),
  };
}

/** Names the webhook a sealed secret belongs to (bound to the ciphertext). */
export const sealContext = (tenantId: TenantId, id: string) => `webhook/${tenantId}/${id}`;

const KEYS = ['tenantId', 'sk'];
const STATE_KEYS = [...KEYS, 'tenantState', 'updatedKey'];

export class DynamoWebhookStore implements WebhookStore {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly sealer: SecretSealer,
    private readonly cursors: CursorCodec = processCursorCodec(),
  ) {}

  async put(w: StoredWebhook): Promise<void> {
    const { secret, ...rest } = w;
    const sealedSecret = await this.sealer.seal(secret, sealContext(w.tenantId, w.id));
    await this.doc.send(new PutCommand({ TableName: this.tableName, Item: { ...rest, sealedSecret, sk: `hook#${w.id}` }, ConditionExpression: 'attribute_not_exists(sk)' }));
  }

  async get(tenantId: TenantId, id: string): Promise<StoredWebhook | undefined> {
    const { Item: item } = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: { tenantId, sk: `hook#${id}` }, ConsistentRead: true }));
    return item ? this.toWebhook(item) : undefined;
  }

  async list(tenantId: TenantId): Promise<StoredWebhook[]> {
    const { Items: items = [] } = await this.doc.send(
      new QueryCommand({ TableName: this.tableName, KeyConditionExpression: 'tenantId = :t AND begins_with(sk, :p)', ExpressionAttributeValues: { ':t': tenantId, ':p': 'hook#' }, ConsistentRead: true }),
    );
    return Promise.all(items.map((i) => this.toWebhook(i)));
  }

  private async toWebhook(i: Item): Promise<StoredWebhook> {
    const tenantId = String(i['tenantId']);
    const id = String(i['id']);
    return {
      tenantId,
      id,
      url: String(i['url']),
      description: typeof i['description'] === 'string' ? i['description'] : null,
      events: Array.isArray(i['events']) ? (i['events'] as MonitorEventKind[]) : null,
      secret: await this.sealer.open(String(i['sealedSecret']), sealContext(tenantId, id)),
      createdAt: String(i['createdAt']),
      createdBy: String(i['createdBy']),
    };
  }

  async delete(tenantId: TenantId, id: string): Promise<boolean> {
    try {
      await this.doc.send(new DeleteCommand({ TableName: this.tableName, Key: { tenantId, sk: `hook#${id}` }, ConditionExpression: 'attribute_exists(sk)' }));
      return true;
    } catch (e) {
      if (isConditionalCheckFailed(e)) return false;
      throw e;
    }
  }

  async putDelivery(d: Delivery): Promise<void> {
    await this.doc.send(new PutCommand({ TableName: this.tableName, Item: deliveryItem(d), ConditionExpression: 'attribute_not_exists(sk)' }));
  }

  async getDelivery(tenantId: TenantId, id: string): Promise<Delivery | undefined> {
    const { Item: item } = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: { tenantId, sk: `delivery#${id}` }, ConsistentRead: true }));
    return item ? toDelivery(item) : undefined;
  }

  async updateDelivery(d: Delivery, expectedAttempts: number): Promise<boolean> {
    try {
      await this.doc.send(
        new PutCommand({ TableName: this.tableName, Item: deliveryItem(d), ConditionExpression: 'attribute_exists(sk) AND attempts = :n', ExpressionAttributeValues: { ':n': expectedAttempts } }),
      );
      return true;
    } catch (e) {
      if (isConditionalCheckFailed(e)) return false;
      throw e;
    }
  }

  async listDue(now: string, limit: number): Promise<Delivery[]> {
    const { Items: items = [] } = await this.doc.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: WEBHOOK_INDEX.due,
        KeyConditionExpression: 'dueShard = :s AND dueKey <= :k',
        // `~` sorts after every character of tenant ids and delivery ids: every key due at `now` is included.
        ExpressionAttributeValues: { ':s': DUE_SHARD, ':k': `${now}#~` },
        Limit: limit,
      }),
    );
    return items.map(toDelivery);
  }

  async listDeliveries(tenantId: TenantId, state: DeliveryState, limit: number): Promise<Delivery[]> {
    const { Items: items = [] } = await this.doc.send(
      new QueryCommand({ TableName: this.tableName, IndexName: WEBHOOK_INDEX.byState, KeyConditionExpression: 'tenantState = :s', ExpressionAttributeValues: { ':s': `${tenantId}#${state}` }, ScanIndexForward: false, Limit: limit }),
    );
    return items.map(toDelivery);
  }

  async pageDeliveries(tenantId: TenantId, state: DeliveryState | null, page: PageRequest): Promise<Page<Delivery>> {
    const plan =
      state === null
        ? { tableName: this.tableName, partition: { name: 'tenantId', value: tenantId }, sortCondition: { name: 'sk', expression: 'begins_with(#sk, :p)', values: { ':p': 'delivery#' } }, keyAttributes: KEYS }
        : { tableName: this.tableName, indexName: WEBHOOK_INDEX.byState, partition: { name: 'tenantState', value: `${tenantId}#${state}` }, keyAttributes: STATE_KEYS, newestFirst: true };
    const result = await queryPage(this.doc, this.cursors, tenantId, plan, page);
    return { items: result.items.map(toDelivery), nextCursor: result.nextCursor };
  }
}
