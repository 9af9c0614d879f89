/**
 * LeaseStore on the coordination table (tables.ts): one item per lease, taken and released
 * with conditional writes, so the session slots, the action spacing and the SOL console of a
 * BMC hold across every process that shares the table.
 *
 * Item (COORDINATION_ITEM): pk, sk; holder and leaseUntil (epoch ms) while held; doneAt and
 * lastOwner after a stamped release (spacing); expiresAt (epoch s) for TTL, set well past the
 * lease so that TTL only sweeps abandoned items: correctness never depends on TTL's timing,
 * the conditions compare leaseUntil and doneAt with the caller's clock.
 */
import { DeleteCommand, GetCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { AcquireOptions, LeaseKey, LeaseState, LeaseStore } from '../coordination/lease-store.ts';
import { isConditionalCheckFailed } from './errors.ts';
import { COORDINATION_ITEM as I } from './tables.ts';

/** TTL sweeps an item this long after its lease or gap ended. */
const SWEEP_AFTER_S = 3600;

const NAMES = { '#h': I.holder, '#u': I.leaseUntil, '#d': I.doneAt, '#o': I.lastOwner, '#e': I.expiresAt } as const;

export class DynamoLeaseStore implements LeaseStore {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  private key(k: LeaseKey) {
    return { [I.pk]: k.pk, [I.sk]: k.sk };
  }

  async acquire(key: LeaseKey, holder: string, o: AcquireOptions): Promise<boolean> {
    // grantable() of coordination/lease-store.ts, written as a condition.
    const free = '(attribute_not_exists(#h) OR #u < :now OR #h = :h)';
    const spaced = o.gapMs === undefined ? '' : ' AND (attribute_not_exists(#d) OR #d <= :edge OR #o = :owner)';
    try {
      await this.doc.send(
        new UpdateCommand({
          TableName: this.table,
          Key: this.key(key),
          UpdateExpression: 'SET #h = :h, #u = :u, #e = :e',
          ConditionExpression: free + spaced,
          ExpressionAttributeNames: o.gapMs === undefined ? { '#h': NAMES['#h'], '#u': NAMES['#u'], '#e': NAMES['#e'] } : NAMES,
          ExpressionAttributeValues: {
            ':h': holder,
            ':u': o.untilMs,
            ':now': o.nowMs,
            ':e': Math.ceil(o.untilMs / 1000) + SWEEP_AFTER_S,
            ...(o.gapMs !== undefined && { ':edge': o.nowMs - o.gapMs, ':owner': o.owner ?? holder }),
          },
        }),
      );
      return true;
    } catch (e) {
      if (isConditionalCheckFailed(e)) return false;
      throw e;
    }
  }

  async renew(key: LeaseKey, holder: string, untilMs: number): Promise<boolean> {
    try {
      await this.doc.send(
        new UpdateCommand({
          TableName: this.table,
          Key: this.key(key),
          UpdateExpression: 'SET #u = :u, #e = :e',
          ConditionExpression: '#h = :h',
          ExpressionAttributeNames: { '#h': NAMES['#h'], '#u': NAMES['#u'], '#e': NAMES['#e'] },
          ExpressionAttributeValues: { ':h': holder, ':u': untilMs, ':e': Math.ceil(untilMs / 1000) + SWEEP_AFTER_S },
        }),
      );
      return true;
    } catch (e) {
      if (isConditionalCheckFailed(e)) return false;
      throw e;
    }
  }

  async release(key: LeaseKey, holder: string, stamp?: { doneAtMs: number; owner: string }): Promise<void> {
    try {
      if (stamp) {
        await this.doc.send(
          new UpdateCommand({
            TableName: this.table,
            Key: this.key(key),
            UpdateExpression: 'REMOVE #h, #u SET #d = :d, #o = :o, #e = :e',
            ConditionExpression: '#h = :h',
            ExpressionAttributeNames: NAMES,
            ExpressionAttributeValues: { ':h': holder, ':d': stamp.doneAtMs, ':o': stamp.owner, ':e': Math.ceil(stamp.doneAtMs / 1000) + SWEEP_AFTER_S },
          }),
        );
      } else {
        await this.doc.send(
          new DeleteCommand({ TableName: this.table, Key: this.key(key), ConditionExpression: '#h = :h', ExpressionAttributeNames: { '#h': NAMES['#h'] }, ExpressionAttributeValues: { ':h': holder } }),
        );
      }
    } catch (e) {
      // Lost already (expired and taken by another): nothing of ours to give back.
      if (!isConditionalCheckFailed(e)) throw e;
    }
  }

  async read(key: LeaseKey): Promise<LeaseState | undefined> {
    const { Item } = await this.doc.send(new GetCommand({ TableName: this.table, Key: this.key(key), ConsistentRead: true }));
    if (!Item) return undefined;
    const num = (v: unknown) => (typeof v === 'number' ? v : undefined);
    const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
    return { holder: str(Item[I.holder]), leaseUntil: num(Item[I.leaseUntil]), doneAt: num(Item[I.doneAt]), lastOwner: str(Item[I.lastOwner]) };
  }
}
