// Stateful resources, apart from compute so that redeploying or replacing the API
// never touches data: the DynamoDB tables. The SDR cache table holds SDR records keyed by
// firmware, repository state and a hash of the tenant id, expiring through TTL; it could be
// rebuilt from the BMCs and lives here so that redeploying the API keeps it warm.
import { RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import { Key, KeySpec, KeyUsage } from 'aws-cdk-lib/aws-kms';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { Construct } from 'constructs';
import type { DeploymentConfig } from '../config.ts';
import { DataTable } from '../constructs/data-table.ts';
import type { TableSchema } from '../table-schemas.ts';
import { TABLE_SCHEMAS, type TableKey } from '../tables.ts';

export interface DataStackProps extends StackProps {
  readonly config: DeploymentConfig;
}

export interface DeployedTable {
  readonly table: ITableV2;
  readonly schema: TableSchema;
}

export class DataStack extends Stack {
  readonly tables: Record<TableKey, DeployedTable>;
  /**
   * Signs the audit chains' checkpoints (lambdas/adapters/kms/audit-signer.ts). Asymmetric
   * (ECC_NIST_P256, sign and verify only): the functions may sign and read the public key, and
   * the private key never leaves KMS. Kept when the stack goes: it stands behind the evidence.
   */
  readonly auditSigningKey: Key;

  constructor(scope: Construct, id: string, props: DataStackProps) {
    super(scope, id, props);
    const { stage, isProduction } = props.config;
    const deploy = (key: TableKey): DeployedTable => {
      const schema = TABLE_SCHEMAS[key];
      const { table } = new DataTable(this, `${key[0]?.toUpperCase()}${key.slice(1)}`, { schema, stage, isProduction });
      // aws-cdk-lib types some TableV2 members `T | undefined` where ITableV2 says `?: T`, which exactOptionalPropertyTypes rejects (aws/aws-cdk#37995); the object is the same.
      return { table: table as ITableV2, schema };
    };
    this.auditSigningKey = new Key(this, 'AuditSigningKey', {
      description: `BMC Control Plane (${stage}): signs audit chain checkpoints`,
      keySpec: KeySpec.ECC_NIST_P256,
      keyUsage: KeyUsage.SIGN_VERIFY,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.tables = { bmcs: deploy('bmcs'), apiKeys: deploy('apiKeys'), audit: deploy('audit'), sdrCache: deploy('sdrCache'), tenants: deploy('tenants'), access: deploy('access'), coordination: deploy('coordination'), jobs: deploy('jobs'), webhooks: deploy('webhooks'), monitoring: deploy('monitoring') };
  }
}
