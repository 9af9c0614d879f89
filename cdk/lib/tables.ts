// The application's tables, read from the adapters' own definitions
// (lambdas/adapters/dynamodb/tables.ts): the keys and indexes the code queries
// are, by construction, the ones deployed. This module only adds what matters to
// deployment: names, the environment variable, append-only, TTL and PITR.
import { TABLE_ENV, TABLES, type TableDefinition, type TableNames } from '../../lambdas/adapters/dynamodb/tables.ts';
import type { TableSchema } from './table-schemas.ts';

export type TableKey = keyof TableNames;

/** Tables whose items are only ever added (no TTL, no update/delete grants). */
const APPEND_ONLY: ReadonlySet<TableKey> = new Set<TableKey>(['audit']);

/** `apiKeys` -> `api-keys`: table names in the console read like the rest of the stage's resources. */
function kebabCase(id: string): string {
  return id.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
}

function toSchema(definition: TableDefinition): TableSchema {
  const { ttlAttribute } = definition;
  return {
    name: kebabCase(definition.id),
    partitionKey: definition.partitionKey,
    ...(definition.sortKey ? { sortKey: definition.sortKey } : {}),
    globalIndexes: definition.globalSecondaryIndexes.map((index) => ({
      indexName: index.indexName,
      partitionKey: index.partitionKey,
      ...(index.sortKey ? { sortKey: index.sortKey } : {}),
    })),
    ...(ttlAttribute ? { ttlAttribute } : {}),
    environmentVariable: TABLE_ENV[definition.id],
    appendOnly: APPEND_ONLY.has(definition.id),
    pointInTimeRecovery: definition.pointInTimeRecovery,
  };
}

function schemaOf(id: TableKey): TableSchema {
  const definition = TABLES.find((table) => table.id === id);
  if (!definition) throw new Error(`lambdas/adapters/dynamodb/tables.ts defines no "${id}" table`);
  return toSchema(definition);
}

export const TABLE_SCHEMAS: Readonly<Record<TableKey, TableSchema>> = {
  bmcs: schemaOf('bmcs'),
  apiKeys: schemaOf('apiKeys'),
  audit: schemaOf('audit'),
  sdrCache: schemaOf('sdrCache'),
  tenants: schemaOf('tenants'),
  access: schemaOf('access'),
  coordination: schemaOf('coordination'),
  jobs: schemaOf('jobs'),
  webhooks: schemaOf('webhooks'),
  monitoring: schemaOf('monitoring'),
};

export const TABLE_KEYS = Object.keys(TABLE_SCHEMAS) as TableKey[];
