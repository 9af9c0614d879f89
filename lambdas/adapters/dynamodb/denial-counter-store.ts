/**
 * Per-key counts of denied attempts (lambdas/api/denials.ts) on the coordination table, so the
 * limit holds across Lambda environments. It implements the API's DenialCounter structurally.
 *
 * The same counter, with the prefix `requests`, counts each tenant's requests per window
 * (lambdas/core/tenants/request-rate.ts).
 *
 * Item: pk `denials#<tenant>#<key id>`, sk `window#<n>` (n = epoch ms / window length); `count`
 * is added to atomically (UpdateItem ADD, so concurrent refusals in any process each get their
 * own number and exactly one sees limit + 1); `expiresAt` (epoch seconds) lets TTL sweep it.
 */
import { UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { COORDINATION_ITEM as I } from './tables.ts';

export class DynamoDenialCounter {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly table: string,
    /** Item key prefix: `denials` for denied attempts, `requests` for tenants' request rates. */
    private readonly prefix = 'denials',
  ) {}

  async increment(subject: string, window: number, expiresAtSeconds: number, by = 1): Promise<number> {
    const out = await this.doc.send(
      new UpdateCommand({
        TableName: this.table,
        Key: { [I.pk]: `${this.prefix}#${subject}`, [I.sk]: `window#${window}` },
        UpdateExpression: 'ADD #c :one SET #e = if_not_exists(#e, :e)',
        ExpressionAttributeNames: { '#c': 'count', '#e': I.expiresAt },
        ExpressionAttributeValues: { ':one': by, ':e': expiresAtSeconds },
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    const count: unknown = out.Attributes?.['count'];
    if (typeof count !== 'number') throw new Error('denial counter: no count returned');
    return count;
  }
}
