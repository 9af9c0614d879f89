/**
 * In-flight markers (core/recovery/ports.ts) on the coordination table, without Scan: markers
 * live in IN_FLIGHT_SHARDS partitions `inflight#<n>` (n from a hash of tenant and BMC, so one
 * busy BMC or tenant does not make a hot partition), sk `<tenant>#<bmc>#<requestId>#<id>`. A
 * partition holds only the actions running at this moment, so the sweep Queries every shard.
 *
 * Item: pk, sk, marker (the InFlightAction), startedAt, and while recovered: sweeper and
 * sweepUntil (epoch ms). expiresAt (TTL) is set a week out: it only collects markers if no sweep
 * ever runs; correctness never depends on it.
 */
import { createHash } from 'node:crypto';
import { DeleteCommand, PutCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { InFlightAction, InFlightStore } from '../../core/recovery/ports.ts';
import type { TenantId } from '../../core/types.ts';
import { isConditionalCheckFailed } from './errors.ts';
import { COORDINATION_ITEM as I } from './tables.ts';

export const IN_FLIGHT_SHARDS = 8;
const KEEP_S = 7 * 24 * 3600;

function shardOf(tenantId: TenantId, bmcId: string): string {
  const n = createHash('sha256').update(`${tenantId}#${bmcId}`).digest().readUInt32BE(0) % IN_FLIGHT_SHARDS;
  return `inflight#${n}`;
}

function requestPrefix(tenantId: TenantId, bmcId: string, requestId: string): string {
  return `${tenantId}#${bmcId}#${requestId}#`;
}

function keyOf(m: InFlightAction) {
  return { [I.pk]: shardOf(m.tenantId, m.bmcId), [I.sk]: requestPrefix(m.tenantId, m.bmcId, m.caller.requestId) + m.id };
}

export class DynamoInFlightStore implements InFlightStore {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  async add(marker: InFlightAction): Promise<void> {
    await this.doc.send(
      new PutCommand({
        TableName: this.table,
        Item: { ...keyOf(marker), marker, startedAt: marker.startedAt, [I.expiresAt]: Math.ceil(Date.parse(marker.startedAt) / 1000) + KEEP_S },
        ConditionExpression: 'attribute_not_exists(#pk)',
        ExpressionAttributeNames: { '#pk': I.pk },
      }),
    );
  }

  async remove(marker: InFlightAction): Promise<void> {
    await this.doc.send(new DeleteCommand({ TableName: this.table, Key: keyOf(marker) }));
  }

  async startedBefore(before: string, limit: number): Promise<InFlightAction[]> {
    const out: InFlightAction[] = [];
    for (let n = 0; n < IN_FLIGHT_SHARDS; n++) {
      let start: Record<string, unknown> | undefined;
      do {
        const page = await this.doc.send(
          new QueryCommand({
            TableName: this.table,
            KeyConditionExpression: '#pk = :pk',
            FilterExpression: 'startedAt < :before',
            ExpressionAttributeNames: { '#pk': I.pk },
            ExpressionAttributeValues: { ':pk': `inflight#${n}`, ':before': before },
            ...(start && { ExclusiveStartKey: start }),
          }),
        );
        for (const item of page.Items ?? []) out.push(item['marker'] as InFlightAction);
        start = page.LastEvaluatedKey;
      } while (start && out.length < limit);
    }
    return out.sort((a, b) => (a.startedAt < b.startedAt ? -1 : a.startedAt > b.startedAt ? 1 : 0)).slice(0, limit);
  }

  async ofRequest(tenantId: TenantId, bmcId: string, requestId: string): Promise<InFlightAction[]> {
    const page = await this.doc.send(
      new QueryCommand({
        TableName: this.table,
        KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :prefix)',
        ExpressionAttributeNames: { '#pk': I.pk, '#sk': I.sk },
        ExpressionAttributeValues: { ':pk': shardOf(tenantId, bmcId), ':prefix': requestPrefix(tenantId, bmcId, requestId) },
      }),
    );
    // The prefix could also match a longer request id that starts with this one: compare exactly.
    return (page.Items ?? []).map((i) => i['marker'] as InFlightAction).filter((m) => m.tenantId === tenantId && m.bmcId === bmcId && m.caller.requestId === requestId);
  }

  async claim(marker: InFlightAction, owner: string, untilMs: number, nowMs: number): Promise<boolean> {
    return this.conditional(
      new UpdateCommand({
        TableName: this.table,
        Key: keyOf(marker),
        UpdateExpression: 'SET sweeper = :owner, sweepUntil = :until',
        ConditionExpression: 'attribute_exists(#pk) AND (attribute_not_exists(sweeper) OR sweepUntil < :now OR sweeper = :owner)',
        ExpressionAttributeNames: { '#pk': I.pk },
        ExpressionAttributeValues: { ':owner': owner, ':until': untilMs, ':now': nowMs },
      }),
    );
  }

  async settle(marker: InFlightAction, owner: string): Promise<boolean> {
    return this.conditional(
      new DeleteCommand({
        TableName: this.table,
        Key: keyOf(marker),
        ConditionExpression: 'sweeper = :owner',
        ExpressionAttributeValues: { ':owner': owner },
      }),
    );
  }

  private async conditional(command: UpdateCommand | DeleteCommand): Promise<boolean> {
    try {
      await this.doc.send(command);
      return true;
    } catch (e) {
      if (isConditionalCheckFailed(e)) return false;
      throw e;
    }
  }
}
