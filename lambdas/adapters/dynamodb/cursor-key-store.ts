/**
 * The key that signs page cursors (core/cursor-codec.ts), kept as one item of the coordination
 * table: every process of a deployment (each Lambda environment, the local server across
 * restarts) must sign and check with the same key, and none may hold it in code.
 *
 * Item: pk `cursor-key`, sk `v1`, `key` (32 random bytes). The first process to need it creates
 * it with a conditional put; a process that loses that race reads the winner's. It has no
 * `expiresAt`, so TTL never removes it. A cursor only names a position in the caller's own
 * partition (the tenant check stays even with a valid signature), so the key guards against
 * edited positions, not against reading data: the table's own access control is enough for it.
 */
import { randomBytes } from 'node:crypto';
import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { CURSOR_KEY_BYTES, CursorCodec } from '../../core/cursor-codec.ts';
import { isConditionalCheckFailed } from './errors.ts';
import { COORDINATION_ITEM as I } from './tables.ts';

const KEY_ITEM = { [I.pk]: 'cursor-key', [I.sk]: 'v1' } as const;

async function readKey(doc: DynamoDBDocumentClient, table: string): Promise<Uint8Array | undefined> {
  const out = await doc.send(new GetCommand({ TableName: table, Key: KEY_ITEM, ConsistentRead: true }));
  const key: unknown = out.Item?.['key'];
  if (key === undefined) return undefined;
  if (!(key instanceof Uint8Array) || key.length !== CURSOR_KEY_BYTES) throw new Error('cursor key item is malformed');
  return key;
}

/** The deployment's cursor codec, creating its key on first use. Call once per process. */
export async function loadCursorCodec(doc: DynamoDBDocumentClient, table: string): Promise<CursorCodec> {
  const existing = await readKey(doc, table);
  if (existing) return new CursorCodec(existing);
  const fresh = randomBytes(CURSOR_KEY_BYTES);
  try {
    await doc.send(new PutCommand({ TableName: table, Item: { ...KEY_ITEM, key: fresh }, ConditionExpression: 'attribute_not_exists(#pk)', ExpressionAttributeNames: { '#pk': I.pk } }));
    return new CursorCodec(fresh);
  } catch (e) {
    if (!isConditionalCheckFailed(e)) throw e;
  }
  const winner = await readKey(doc, table);
  if (!winner) throw new Error('cursor key item vanished after a conditional put was refused');
  return new CursorCodec(winner);
}
