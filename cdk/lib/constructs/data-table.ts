// A DynamoDB table as this app wants every table: on-demand, encrypted, point-in-time
// recovery as the schema asks (every table does), TTL only where the model has one, and in
// production deletion protection plus RETAIN so no `cdk destroy` or stack replacement can
// drop data.
import { RemovalPolicy } from 'aws-cdk-lib';
import { type Attribute, AttributeType, Billing, ProjectionType, TableEncryptionV2, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import type { KeyAttribute, TableSchema } from '../table-schemas.ts';

export interface DataTableProps {
  readonly schema: TableSchema;
  readonly stage: string;
  readonly isProduction: boolean;
}

const ATTRIBUTE_TYPES: Record<KeyAttribute['type'], AttributeType> = {
  S: AttributeType.STRING,
  N: AttributeType.NUMBER,
  B: AttributeType.BINARY,
};

function attribute(key: KeyAttribute): Attribute {
  return { name: key.name, type: ATTRIBUTE_TYPES[key.type] };
}

export class DataTable extends Construct {
  readonly table: TableV2;
  readonly schema: TableSchema;

  constructor(scope: Construct, id: string, props: DataTableProps) {
    super(scope, id);
    const { schema } = props;
    if (schema.appendOnly && schema.ttlAttribute !== undefined) {
      // No TTL on audit items (docs/architecture.md section 3): an expiring audit log is a tampering tool.
      throw new Error(`table ${schema.name}: an append-only table cannot have a TTL attribute`);
    }
    this.schema = schema;
    this.table = new TableV2(this, 'Table', {
      tableName: `bmc-control-plane-${props.stage}-${schema.name}`,
      partitionKey: attribute(schema.partitionKey),
      ...(schema.sortKey ? { sortKey: attribute(schema.sortKey) } : {}),
      globalSecondaryIndexes: schema.globalIndexes.map((index) => ({
        indexName: index.indexName,
        partitionKey: attribute(index.partitionKey),
        ...(index.sortKey ? { sortKey: attribute(index.sortKey) } : {}),
        projectionType: ProjectionType.ALL,
      })),
      ...(schema.ttlAttribute ? { timeToLiveAttribute: schema.ttlAttribute } : {}),
      // On demand: the fleet is idle most of the time; nothing to pay for unused capacity.
      billing: Billing.onDemand(),
      // The AWS managed key (aws/dynamodb): KMS-encrypted, auditable in CloudTrail, no key to pay for.
      encryption: TableEncryptionV2.awsManagedKey(),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: schema.pointInTimeRecovery },
      deletionProtection: props.isProduction,
      removalPolicy: props.isProduction ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
  }
}
