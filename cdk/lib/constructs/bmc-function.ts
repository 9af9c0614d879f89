// The one way this app builds a Lambda function: esbuild-bundled TypeScript on
// Node.js 22 / arm64, inside the VPC behind the functions' security group, X-Ray
// active, its own log group with a retention, Powertools settings, and IAM limited
// to the tables and secrets it is given.
import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import type { ISecurityGroup, IVpc, SubnetSelection } from 'aws-cdk-lib/aws-ec2';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Architecture, LoggingFormat, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat, SourceMapMode } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { join, resolve } from 'node:path';
import { BUNDLE_AWS_SDK, ESM_REQUIRE_BANNER, MAIN_FIELDS, NODE_TARGET, PROJECT_ROOT } from '../bundling.ts';
import { powertoolsEnvironment } from '../telemetry.ts';
import { type SecretAccess, type TableAccess, secretStatements, tableStatements } from './access.ts';

export interface TableGrant {
  readonly table: ITableV2;
  readonly access: TableAccess;
  /** Environment variable that carries the table name to the code. */
  readonly environmentVariable: string;
  /** Global secondary indexes the function may query (each granted by name, no wildcard). */
  readonly indexNames: readonly string[];
}

export interface BmcFunctionProps {
  /** Entry file, relative to the repository root (e.g. `lambdas/handlers/rest.ts`). */
  readonly entry: string;
  readonly description: string;
  readonly stage: string;
  readonly isProduction: boolean;
  readonly logRetention: RetentionDays;
  readonly vpc: IVpc;
  readonly subnets: SubnetSelection;
  readonly securityGroup: ISecurityGroup;
  readonly timeout: Duration;
  readonly memorySize: number;
  readonly tables: readonly TableGrant[];
  readonly secrets?: SecretAccess;
  readonly environment?: Record<string, string>;
}

export class BmcFunction extends Construct {
  readonly function: NodejsFunction;
  readonly logGroup: LogGroup;

  constructor(scope: Construct, id: string, props: BmcFunctionProps) {
    super(scope, id);
    this.logGroup = new LogGroup(this, 'Logs', {
      retention: props.logRetention,
      removalPolicy: props.isProduction ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    const role = executionRole(this, this.logGroup, `${props.description} (${props.stage})`);
    const tableEnvironment = Object.fromEntries(props.tables.map((grant) => [grant.environmentVariable, grant.table.tableName]));

    this.function = new NodejsFunction(this, 'Function', {
      entry: resolve(PROJECT_ROOT, props.entry),
      handler: 'handler',
      role,
      projectRoot: PROJECT_ROOT,
      depsLockFilePath: join(PROJECT_ROOT, 'package-lock.json'),
      description: props.description,
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize,
      timeout: props.timeout,
      tracing: Tracing.ACTIVE,
      logGroup: this.logGroup,
      // Powertools Logger writes JSON itself; JSON format lets Lambda's own lines match.
      loggingFormat: LoggingFormat.JSON,
      vpc: props.vpc,
      vpcSubnets: props.subnets,
      securityGroups: [props.securityGroup],
      allowPublicSubnet: false,
      environment: {
        ...powertoolsEnvironment(props.stage),
        // Stack traces through the bundle's source map point at the TypeScript files.
        NODE_OPTIONS: '--enable-source-maps',
        ...tableEnvironment,
        ...props.environment,
      },
      bundling: {
        format: OutputFormat.ESM,
        target: NODE_TARGET,
        mainFields: MAIN_FIELDS,
        banner: ESM_REQUIRE_BANNER,
        minify: true,
        // Source maps make stack traces point at the TypeScript; sources stay out of the asset.
        // Linked mode (DEFAULT): Node's --enable-source-maps finds the map through the
        // sourceMappingURL comment, which EXTERNAL mode leaves out.
        sourceMap: true,
        sourceMapMode: SourceMapMode.DEFAULT,
        sourcesContent: false,
        bundleAwsSDK: BUNDLE_AWS_SDK,
        tsconfig: join(PROJECT_ROOT, 'tsconfig.json'),
      },
    });

    for (const grant of props.tables) {
      for (const statement of tableStatements(grant.table, grant.access, grant.indexNames)) role.addToPolicy(statement);
    }
    if (props.secrets) {
      for (const statement of secretStatements(this, props.secrets)) role.addToPolicy(statement);
    }
    this.acknowledgeNagFindings(props);
  }

  private acknowledgeNagFindings(props: BmcFunctionProps): void {
    const validations = Validations.of(this);
    validations.acknowledge({
      id: 'AwsSolutions::AwsSolutions-IAM5[Resource::*]',
      reason:
        'Only actions without resource-level permissions use "*": X-Ray PutTraceSegments/PutTelemetryRecords and the EC2 network-interface actions Lambda needs for VPC attachment (the Describe* calls accept no ARN).',
    });
    validations.acknowledge({
      id: 'AwsSolutions::AwsSolutions-L1',
      reason:
        'Node.js 22 is deliberate: the LTS line the bundles are built for (esbuild target node22) and tested on; a newer runtime is an upgrade made on purpose, after tests, not by a linter.',
    });
    if (props.secrets) {
      validations.acknowledge({
        id: 'AwsSolutions::AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:secretsmanager:<AWS::Region>:<AWS::AccountId>:secret:bmc/*]',
        reason:
          'BMC credentials are created at run time as bmc/<tenant>/<bmcId>; the bmc/ prefix is the narrowest static scope, and CreateSecret additionally requires the tenant tag.',
      });
    }
  }
}

/**
 * An own role instead of the AWS managed execution policies: AWSLambdaBasicExecutionRole and
 * AWSLambdaVPCAccessExecutionRole let a function write to any log group; this one writes to its own.
 */
function executionRole(scope: Construct, logGroup: LogGroup, description: string): Role {
  const role = new Role(scope, 'Role', { assumedBy: new ServicePrincipal('lambda.amazonaws.com'), description });
  role.addToPolicy(new PolicyStatement({ actions: ['logs:CreateLogStream', 'logs:PutLogEvents'], resources: [logGroup.logGroupArn] }));
  // What Lambda needs to attach the function to the VPC: the EC2 actions of
  // AWSLambdaVPCAccessExecutionRole. None of them accepts a resource ARN for every call.
  role.addToPolicy(
    new PolicyStatement({
      actions: [
        'ec2:CreateNetworkInterface',
        'ec2:DescribeNetworkInterfaces',
        'ec2:DescribeSubnets',
        'ec2:DeleteNetworkInterface',
        'ec2:AssignPrivateIpAddresses',
        'ec2:UnassignPrivateIpAddresses',
      ],
      resources: ['*'],
    }),
  );
  return role;
}
