/**
 * Creates the tables of tables.ts (on-demand billing) when they are missing and waits until
 * they are active. For local runs and tests; in AWS the CDK app creates the same tables.
 */
import {
  CreateTableCommand,
  DescribeTableCommand,
  ResourceInUseException,
  ResourceNotFoundException,
  type AttributeDefinition,
  type CreateTableCommandInput,
  type DynamoDBClient,
  type KeySchemaElement,
} from '@aws-sdk/client-dynamodb';
import { TABLES, type KeyAttribute, type TableDefinition, type TableNames } from './tables.ts';

function keySchema(pk: KeyAttribute, sk?: KeyAttribute): KeySchemaElement[] {
  return [{ AttributeName: pk.name, KeyType: 'HASH' }, ...(sk ? [{ AttributeName: sk.name, KeyType: 'RANGE' as const }] : [])];
}

export function createTableInput(def: TableDefinition, tableName: string): CreateTableCommandInput {
  const attributes = new Map<string, AttributeDefinition>();
  const add = (k?: KeyAttribute) => k && attributes.set(k.name, { AttributeName: k.name, AttributeType: k.type });
  add(def.partitionKey);
  add(def.sortKey);
  for (const gsi of def.globalSecondaryIndexes) {
    add(gsi.partitionKey);
    add(gsi.sortKey);
  }
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [...attributes.values()],
    KeySchema: keySchema(def.partitionKey, def.sortKey),
    ...(def.globalSecondaryIndexes.length > 0 && {
      GlobalSecondaryIndexes: def.globalSecondaryIndexes.map((g) => ({
        IndexName: g.indexName,
        KeySchema: keySchema(g.partitionKey, g.sortKey),
        Projection: { ProjectionType: g.projection },
      })),
    }),
  };
}

export async function createTables(client: DynamoDBClient, names: TableNames, options: { pollMs?: number; attempts?: number } = {}): Promise<void> {
  for (const def of TABLES) {
    try {
      await client.send(new CreateTableCommand(createTableInput(def, names[def.id])));
    } catch (e) {
      if (!(e instanceof ResourceInUseException)) throw e;
    }
  }
  const pollMs = options.pollMs ?? 100;
  for (const def of TABLES) {
    for (let i = 0; ; i++) {
      try {
        const { Table } = await client.send(new DescribeTableCommand({ TableName: names[def.id] }));
        const indexesActive = (Table?.GlobalSecondaryIndexes ?? []).every((g) => g.IndexStatus === undefined || g.IndexStatus === 'ACTIVE');
        if (Table?.TableStatus === 'ACTIVE' && indexesActive) break;
      } catch (e) {
        if (!(e instanceof ResourceNotFoundException)) throw e;
      }
      if (i >= (options.attempts ?? 600)) throw new Error(`table ${names[def.id]} did not become active`);
      await new Promise((r) => setTimeout(r, pollMs));
    }
  }
}
