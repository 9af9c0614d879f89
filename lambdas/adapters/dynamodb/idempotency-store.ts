/**
 * Idempotency-Key records on the coordination table, so a retry that lands on another
 * execution environment (or after a restart) is answered from the first run. It implements
 * the API's IdempotencyStore (lambdas/api/idempotency.ts) structurally: this module holds no
 * API types, and the answer it keeps is plain data.
 *
 * Item: pk `idempotency#<sha256 of the key>`, sk `record`; `owner` (sha256 of tenant and actor)
 * and `fingerprint` (of method, path and body) decide replay or refusal; `claim` (random, per
 * claim) guards completion and release against a claim that was taken over; `state` is running
 * or done; a running record is abandoned after `runningUntil` (the first request crashed or
 * timed out) and may then be claimed again; `answer` is the gzipped answer; `expiresAt` (epoch
 * seconds) ends the record, compared by every read, swept by TTL.
 */
import { createHash, randomUUID } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import { DeleteCommand, GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { idempotencyKeyRunning, idempotencyKeyUsed } from '../../core/errors.ts';
import { isConditionalCheckFailed } from './errors.ts';
import { COORDINATION_ITEM as I } from './tables.ts';

/** An HTTP answer as kept and replayed (the API's ApiResponse). */
export interface StoredAnswer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

export type StoredClaim = { readonly kind: 'new' } | { readonly kind: 'replay'; readonly response: StoredAnswer };

export interface DynamoIdempotencyStoreOptions {
  /** How long an answer is replayed (default 24 h). */
  readonly ttlMs?: number;
  /** After how long a claim whose request never answered may be taken again (default 60 s, past any API timeout). */
  readonly runningMs?: number;
  /** Answers larger than this, gzipped, are not kept (DynamoDB items stop at 400 KB). */
  readonly maxAnswerBytes?: number;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

export class DynamoIdempotencyStore {
  private readonly ttlMs: number;
  private readonly runningMs: number;
  private readonly maxAnswerBytes: number;
  /** This process's claims: completion and release are conditional on them. */
  private readonly claims = new Map<string, string>();

  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly table: string,
    options: DynamoIdempotencyStoreOptions = {},
  ) {
    this.ttlMs = options.ttlMs ?? 24 * 3600_000;
    this.runningMs = options.runningMs ?? 60_000;
    this.maxAnswerBytes = options.maxAnswerBytes ?? 300 * 1024;
  }

  private key(key: string) {
    return { [I.pk]: `idempotency#${sha256(key)}`, [I.sk]: 'record' };
  }

  async claim(scope: string, key: string, fingerprint: string): Promise<StoredClaim> {
    const owner = sha256(scope);
    // A record can vanish between a refused put and the read (a release): try again, briefly.
    for (let attempt = 0; attempt < 3; attempt++) {
      const claim = randomUUID();
      const now = Date.now();
      try {
        await this.doc.send(
          new PutCommand({
            TableName: this.table,
            Item: { ...this.key(key), owner, fingerprint, claim, state: 'running', runningUntil: now + this.runningMs, [I.expiresAt]: Math.ceil((now + this.ttlMs) / 1000) },
            ConditionExpression: 'attribute_not_exists(#pk) OR #e < :nowS OR (#s = :running AND #r < :now)',
            ExpressionAttributeNames: { '#pk': I.pk, '#e': I.expiresAt, '#s': 'state', '#r': 'runningUntil' },
            ExpressionAttributeValues: { ':nowS': Math.floor(now / 1000), ':running': 'running', ':now': now },
          }),
        );
        this.claims.set(`${owner}\u0000${key}`, claim);
        return { kind: 'new' };
      } catch (e) {
        if (!isConditionalCheckFailed(e)) throw e;
      }
      const { Item } = await this.doc.send(new GetCommand({ TableName: this.table, Key: this.key(key), ConsistentRead: true }));
      if (!Item) continue;
      if (Item['owner'] !== owner || Item['fingerprint'] !== fingerprint) throw idempotencyKeyUsed();
      if (Item['state'] !== 'done') throw idempotencyKeyRunning();
      return { kind: 'replay', response: JSON.parse(gunzipSync(Item['answer'] as Uint8Array).toString('utf8')) as StoredAnswer };
    }
    throw idempotencyKeyRunning();
  }

  async complete(scope: string, key: string, response: StoredAnswer): Promise<void> {
    const id = `${sha256(scope)}\u0000${key}`;
    const claim = this.claims.get(id);
    this.claims.delete(id);
    if (!claim) return;
    const answer = gzipSync(JSON.stringify({ status: response.status, headers: response.headers, body: response.body }));
    // Too large to keep: give the key back rather than replay a truncated answer.
    if (answer.length > this.maxAnswerBytes) return this.remove(key, claim);
    try {
      await this.doc.send(
        new UpdateCommand({
          TableName: this.table,
          Key: this.key(key),
          UpdateExpression: 'SET #s = :done, #a = :a REMOVE #r',
          ConditionExpression: '#c = :c',
          ExpressionAttributeNames: { '#s': 'state', '#a': 'answer', '#r': 'runningUntil', '#c': 'claim' },
          ExpressionAttributeValues: { ':done': 'done', ':a': answer, ':c': claim },
        }),
      );
    } catch (e) {
      // Taken over after this claim was abandoned: the newer claim decides.
      if (!isConditionalCheckFailed(e)) throw e;
    }
  }

  async release(scope: string, key: string): Promise<void> {
    const id = `${sha256(scope)}\u0000${key}`;
    const claim = this.claims.get(id);
    this.claims.delete(id);
    if (claim) await this.remove(key, claim);
  }

  private async remove(key: string, claim: string): Promise<void> {
    try {
      await this.doc.send(new DeleteCommand({ TableName: this.table, Key: this.key(key), ConditionExpression: '#c = :c', ExpressionAttributeNames: { '#c': 'claim' }, ExpressionAttributeValues: { ':c': claim } }));
    } catch (e) {
      if (!isConditionalCheckFailed(e)) throw e;
    }
  }
}
