/**
 * Creates the tables of tables.ts (on-demand billing) when they are missing, waits until
 * they are active and turns TTL on where a table declares one. Tables without a name in
 * TableNames (the optional SDR cache) are skipped. For local runs and tests; in AWS the CDK
 * app creates the same tables.
 */
import {
  CreateTableCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  UpdateTimeToLiveCommand,
  ResourceInUseException,
  ResourceNotFoundException,
  type AttributeDefinition,
  type CreateTableCommandInput,
  type DynamoDBClient,
  type KeySchemaElement,
  type UpdateTimeToLiveCommandInput,
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

/** The UpdateTimeToLive request of a table that declares a TTL attribute, else undefined. */
export function timeToLiveInput(def: TableDefinition, tableName: string): UpdateTimeToLiveCommandInput | undefined {
  return def.ttlAttribute ? { TableName: tableName, TimeToLiveSpecification: { Enabled: true, AttributeName: def.ttlAttribute } } : undefined;
}

export async function createTables(client: DynamoDBClient, names: TableNames, options: { pollMs?: number; attempts?: number } = {}): Promise<void> {
  const wanted = TABLES.flatMap((def) => {
    const name = names[def.id];
    return name === undefined ? [] : [{ def, name }];
  });
  for (const { def, name } of wanted) {
    try {
      await client.send(new CreateTableCommand(createTableInput(def, name)));
    } catch (e) {
      if (!(e instanceof ResourceInUseException)) throw e;
    }
  }
  const pollMs = options.pollMs ?? 100;
  for (const { name } of wanted) {
    for (let i = 0; ; i++) {
      try {
        const { Table } = await client.send(new DescribeTableCommand({ TableName: name }));
        const indexesActive = (Table?.GlobalSecondaryIndexes ?? []).every((g) => g.IndexStatus === undefined || g.IndexStatus === 'ACTIVE');
        if (Table?.TableStatus === 'ACTIVE' && indexesActive) break;
      } catch (e) {
        if (!(e instanceof ResourceNotFoundException)) throw e;
      }
      if (i >= (options.attempts ?? 600)) throw new Error(`table ${name} did not become active`);
      await new Promise((r) => setTimeout(r, pollMs));
    }
  }
  for (const { def, name } of wanted) await enableTimeToLive(client, def, name);
}

/** Turns TTL on once: UpdateTimeToLive refuses to enable what is already enabled. */
async function enableTimeToLive(client: DynamoDBClient, def: TableDefinition, tableName: string): Promise<void> {
  const input = timeToLiveInput(def, tableName);
  if (!input) return;
  const { TimeToLiveDescription: ttl } = await client.send(new DescribeTimeToLiveCommand({ TableName: tableName }));
  if (ttl?.TimeToLiveStatus === 'ENABLED' || ttl?.TimeToLiveStatus === 'ENABLING') return;
  try {
    await client.send(new UpdateTimeToLiveCommand(input));
  } catch (e) {
    // dynalite (`npm start`'s embedded engine) has no TTL: expired items stay until deleted there.
    if (!(e instanceof Error && e.name === 'UnknownOperationException')) throw e;
  }
}
