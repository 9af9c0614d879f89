/**
 * A DynamoDB job store on dynalite in memory (the engine of `npm start`), created before a
 * file's tests and closed after them. Call it at the top of a test file.
 */
import { afterAll, beforeAll } from 'vitest';
import { createDocumentClient, createTables, DEFAULT_TABLE_NAMES, DynamoJobStore } from '../../lambdas/adapters/dynamodb/index.ts';
import { startEmbeddedDynamoDb, type EmbeddedDynamoDb } from '../../lambdas/adapters/local/embedded-dynamodb.ts';

export function useEmbeddedJobStore(table: string): () => DynamoJobStore {
  let db: EmbeddedDynamoDb | undefined;
  let store: DynamoJobStore | undefined;
  let destroy = () => undefined as void;
  beforeAll(async () => {
    db = await startEmbeddedDynamoDb();
    const { client, doc } = createDocumentClient(db.clientConfig);
    await createTables(client, { ...DEFAULT_TABLE_NAMES, jobs: table }, { pollMs: 5 });
    store = new DynamoJobStore(doc, table);
    destroy = () => client.destroy();
  });
  afterAll(async () => {
    destroy();
    await db?.close();
  });
  return () => {
    if (!store) throw new Error('useEmbeddedJobStore: the store is not running (used outside a test?)');
    return store;
  };
}
