/**
 * EndpointClaims on the BMC table: one item per claimed endpoint, partition `claim#<address>#<port>`
 * (tenant ids never contain '#', so no tenant's partition can be one), holding the owning tenant
 * and the ids of its BMCs there. Taken and extended with one conditional UpdateItem.
 */
import { DeleteCommand, GetCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { EndpointClaim, EndpointClaims } from '../../core/tenants/ports.ts';
import { isConditionalCheckFailed } from './errors.ts';

const SORT = 'claim';

export class DynamoEndpointClaims implements EndpointClaims {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  private key(key: string) {
    return { tenantId: `claim#${key}`, id: SORT };
  }

  async claim(key: string, tenantId: string, bmcId: string, now: string): Promise<boolean> {
    try {
      await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: this.key(key),
          UpdateExpression: 'SET ownerTenant = :t, claimedAt = :now ADD bmcIds :ids',
          ConditionExpression: 'attribute_not_exists(ownerTenant) OR ownerTenant = :t',
          ExpressionAttributeValues: { ':t': tenantId, ':now': now, ':ids': new Set([bmcId]) },
        }),
      );
      return true;
    } catch (e) {
      if (isConditionalCheckFailed(e)) return false;
      throw e;
    }
  }

  async get(key: string): Promise<EndpointClaim | undefined> {
    const { Item: item } = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: this.key(key), ConsistentRead: true }));
    if (!item) return undefined;
    return { key, tenantId: String(item['ownerTenant']), bmcIds: [...((item['bmcIds'] as Set<string> | undefined) ?? [])].sort(), claimedAt: String(item['claimedAt']) };
  }

  async release(key: string, tenantId: string, bmcId: string): Promise<void> {
    let left: Set<string> | undefined;
    try {
      const res = await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: this.key(key),
          UpdateExpression: 'DELETE bmcIds :ids',
          ConditionExpression: 'ownerTenant = :t',
          ExpressionAttributeValues: { ':t': tenantId, ':ids': new Set([bmcId]) },
          ReturnValues: 'ALL_NEW',
        }),
      );
      left = res.Attributes?.['bmcIds'] as Set<string> | undefined;
    } catch (e) {
      if (isConditionalCheckFailed(e)) return; // not this tenant's claim (or none): nothing to release
      throw e;
    }
    if (left && left.size > 0) return;
    // The last BMC left: the claim goes, unless a registration of the same tenant joined meanwhile.
    await this.doc
      .send(new DeleteCommand({ TableName: this.tableName, Key: this.key(key), ConditionExpression: 'ownerTenant = :t AND attribute_not_exists(bmcIds)', ExpressionAttributeValues: { ':t': tenantId } }))
      .catch((e: unknown) => {
        if (!isConditionalCheckFailed(e)) throw e;
      });
  }

  async clear(seen: EndpointClaim): Promise<boolean> {
    try {
      await this.doc.send(
        new DeleteCommand({ TableName: this.tableName, Key: this.key(seen.key), ConditionExpression: 'ownerTenant = :t AND claimedAt = :at', ExpressionAttributeValues: { ':t': seen.tenantId, ':at': seen.claimedAt } }),
      );
      return true;
    } catch (e) {
      if (isConditionalCheckFailed(e)) return false;
      throw e;
    }
  }
}
