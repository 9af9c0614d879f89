import { type Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { TABLE_SCHEMAS } from '../../cdk/lib/tables.ts';
import { createTableInput, timeToLiveInput } from '../../lambdas/adapters/dynamodb/create-tables.ts';
import { COORDINATION_ITEM, SDR_CACHE_ITEM, TABLES } from '../../lambdas/adapters/dynamodb/tables.ts';
import { buildApp, resourcesOfType } from './support.ts';

type TableResource = { Properties: Record<string, unknown>; DeletionPolicy?: string; UpdateReplacePolicy?: string };

function tables(template: Template): TableResource[] {
  return Object.values(template.findResources('AWS::DynamoDB::GlobalTable')) as TableResource[];
}

function tableNamed(template: Template, name: string): TableResource {
  const found = tables(template).find((table) => table.Properties.TableName === name);
  if (!found) throw new Error(`no table ${name}`);
  return found;
}

describe('data stack', () => {
  let dev: Template;
  let prod: Template;
  beforeAll(() => {
    dev = buildApp().templates.data;
    prod = buildApp({ context: { stage: 'prod' } }).templates.data;
  }, 180_000);

  it('creates one table per schema, keyed as the adapters expect', () => {
    expect(tables(dev)).toHaveLength(Object.keys(TABLE_SCHEMAS).length);
    for (const schema of Object.values(TABLE_SCHEMAS)) {
      const table = tableNamed(dev, `bmc-control-plane-dev-${schema.name}`);
      const keySchema = table.Properties.KeySchema as { AttributeName: string; KeyType: string }[];
      expect(keySchema[0]).toEqual({ AttributeName: schema.partitionKey.name, KeyType: 'HASH' });
      const indexes = (table.Properties.GlobalSecondaryIndexes ?? []) as { IndexName: string }[];
      expect(indexes.map((index) => index.IndexName).sort()).toEqual(schema.globalIndexes.map((index) => index.indexName).sort());
    }
  });

  it('matches, key for key and index for index, the tables the adapters create locally', () => {
    const sortByName = <T extends { AttributeName?: string | undefined; IndexName?: string | undefined }>(items: T[] = []) =>
      [...items].sort((a, b) => String(a.AttributeName ?? a.IndexName).localeCompare(String(b.AttributeName ?? b.IndexName)));
    for (const definition of TABLES) {
      const local = createTableInput(definition, 'local');
      const deployed = tableNamed(dev, `bmc-control-plane-dev-${TABLE_SCHEMAS[definition.id].name}`).Properties;
      expect(deployed.KeySchema).toEqual(local.KeySchema);
      expect(sortByName(deployed.AttributeDefinitions as { AttributeName: string }[])).toEqual(sortByName(local.AttributeDefinitions));
      const deployedIndexes = sortByName((deployed.GlobalSecondaryIndexes ?? []) as { IndexName: string }[]);
      const localIndexes = sortByName(local.GlobalSecondaryIndexes ?? []);
      expect(deployedIndexes.map((index) => ({ IndexName: index.IndexName, KeySchema: (index as { KeySchema?: unknown }).KeySchema, Projection: (index as { Projection?: unknown }).Projection }))).toEqual(
        localIndexes.map((index) => ({ IndexName: index.IndexName, KeySchema: index.KeySchema, Projection: index.Projection })),
      );
    }
  });

  it('encrypts with KMS, keeps point-in-time recovery and bills on demand', () => {
    for (const table of tables(dev)) {
      expect(table.Properties.SSESpecification).toEqual({ SSEEnabled: true, SSEType: 'KMS' });
      expect(table.Properties.BillingMode).toBe('PAY_PER_REQUEST');
      const replicas = table.Properties.Replicas as { PointInTimeRecoverySpecification?: unknown }[];
      expect(replicas[0]?.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
    }
    for (const definition of TABLES) expect(definition.pointInTimeRecovery, definition.id).toBe(true);
  });

  it('creates the SDR cache table: keyed by cache key alone, expiring on expiresAt, encrypted, on demand', () => {
    const table = tableNamed(dev, 'bmc-control-plane-dev-sdr-cache').Properties;
    expect(table.KeySchema).toEqual([{ AttributeName: SDR_CACHE_ITEM.key, KeyType: 'HASH' }]);
    expect(table.AttributeDefinitions).toEqual([{ AttributeName: SDR_CACHE_ITEM.key, AttributeType: 'S' }]);
    expect(table.GlobalSecondaryIndexes).toBeUndefined();
    expect(table.TimeToLiveSpecification).toEqual({ AttributeName: SDR_CACHE_ITEM.expiresAt, Enabled: true });
    expect(table.SSESpecification).toEqual({ SSEEnabled: true, SSEType: 'KMS' });
    expect(table.BillingMode).toBe('PAY_PER_REQUEST');
    expect(TABLE_SCHEMAS.sdrCache.environmentVariable).toBe('SDR_CACHE_TABLE');
  });

  it('creates the coordination table for leases and idempotency records: pk/sk strings, TTL on expiresAt, PITR', () => {
    const table = tableNamed(dev, 'bmc-control-plane-dev-coordination');
    expect(table.Properties.KeySchema).toEqual([
      { AttributeName: COORDINATION_ITEM.pk, KeyType: 'HASH' },
      { AttributeName: COORDINATION_ITEM.sk, KeyType: 'RANGE' },
    ]);
    expect(table.Properties.GlobalSecondaryIndexes).toBeUndefined();
    expect(table.Properties.TimeToLiveSpecification).toEqual({ AttributeName: COORDINATION_ITEM.expiresAt, Enabled: true });
    const replicas = table.Properties.Replicas as { PointInTimeRecoverySpecification?: unknown }[];
    expect(replicas[0]?.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
    expect(TABLE_SCHEMAS.coordination.environmentVariable).toBe('COORDINATION_TABLE');
  });

  it('turns TTL on exactly where createTables turns it on locally', () => {
    for (const definition of TABLES) {
      const deployed = tableNamed(dev, `bmc-control-plane-dev-${TABLE_SCHEMAS[definition.id].name}`).Properties.TimeToLiveSpecification;
      expect(deployed, definition.id).toEqual(timeToLiveInput(definition, 'local')?.TimeToLiveSpecification);
    }
  });

  it('never puts a TTL on the audit log', () => {
    const audit = tableNamed(dev, `bmc-control-plane-dev-${TABLE_SCHEMAS.audit.name}`);
    expect(audit.Properties.TimeToLiveSpecification).toBeUndefined();
    for (const schema of Object.values(TABLE_SCHEMAS)) {
      const ttl = tableNamed(dev, `bmc-control-plane-dev-${schema.name}`).Properties.TimeToLiveSpecification;
      const expected = 'ttlAttribute' in schema ? { Enabled: true, AttributeName: schema.ttlAttribute } : undefined;
      expect(ttl).toEqual(expected);
    }
  });

  it('protects production data: deletion protection and RETAIN', () => {
    for (const table of tables(prod)) {
      expect(table.DeletionPolicy).toBe('Retain');
      expect(table.UpdateReplacePolicy).toBe('Retain');
      const replicas = table.Properties.Replicas as { DeletionProtectionEnabled?: boolean }[];
      expect(replicas[0]?.DeletionProtectionEnabled).toBe(true);
    }
  });

  it('lets a dev stage be torn down', () => {
    for (const table of tables(dev)) {
      expect(table.DeletionPolicy).toBe('Delete');
      const replicas = table.Properties.Replicas as { DeletionProtectionEnabled?: boolean }[];
      expect(replicas[0]?.DeletionProtectionEnabled).toBe(false);
    }
    expect(Object.keys(resourcesOfType(dev, 'AWS::DynamoDB::Table'))).toEqual([]);
  });
});
