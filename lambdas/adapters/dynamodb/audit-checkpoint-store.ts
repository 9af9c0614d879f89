/**
 * Signed audit checkpoints on DynamoDB, in the audit table but apart from the events: each is
 * its own item keyed by (`checkpoint#<tenant>#<chain>`, seq), a partition no event uses (tenant
 * ids hold no `#`), with the checkpoint under one attribute, so none of the audit indexes (keyed
 * on tenantId, tenantActor, problemTenant) ever lists it. Written with attribute_not_exists like
 * the events: the functions' `append` grant (PutItem and Query) covers it, and a checkpoint is
 * never overwritten.
 */
import { processCursorCodec, type CursorCodec } from '../../core/cursor-codec.ts';
import { PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { AuditCheckpoint } from '../../core/audit-checkpoint.ts';
import type { AuditCheckpointStore } from '../../core/ports.ts';
import type { Page, PageRequest } from '../../core/types.ts';
import { assertKeyPart, isConditionalCheckFailed } from './errors.ts';
import { queryPage } from './paging.ts';

export const CHECKPOINT_PARTITION_PREFIX = 'checkpoint#';

export const checkpointKey = (tenantId: string, chain: string) => `${CHECKPOINT_PARTITION_PREFIX}${assertKeyPart('tenant id', tenantId)}#${chain}`;

export class DynamoAuditCheckpointStore implements AuditCheckpointStore {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
    /** Signs the cursors this store hands out (cursor-codec.ts); one key across processes. */
    private readonly cursors: CursorCodec = processCursorCodec(),
  ) {}

  async put(checkpoint: AuditCheckpoint): Promise<boolean> {
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { chainKey: checkpointKey(checkpoint.tenantId, checkpoint.chain), seq: checkpoint.seq, checkpoint },
          ConditionExpression: 'attribute_not_exists(chainKey)',
        }),
      );
      return true;
    } catch (e) {
      if (isConditionalCheckFailed(e)) return false;
      throw e;
    }
  }

  async list(tenantId: string, chain: string, page: PageRequest): Promise<Page<AuditCheckpoint>> {
    const result = await queryPage(this.doc, this.cursors, tenantId, { tableName: this.tableName, partition: { name: 'chainKey', value: checkpointKey(tenantId, chain) }, keyAttributes: ['chainKey', 'seq'] }, page);
    return { items: result.items.map((item) => item['checkpoint'] as AuditCheckpoint), nextCursor: result.nextCursor };
  }
}
