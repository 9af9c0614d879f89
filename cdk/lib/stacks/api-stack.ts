// Stateless compute: the GraphQL, REST and authorizer functions and the API Gateway
// REST API in front of them. Every method goes through the x-api-key REQUEST
// authorizer; the stage throttles, traces and writes JSON access logs.
import { REQUIRE_PROVISIONED_ENV } from '../../../lambdas/handlers/tenant-settings.ts';
import { addOperatorRoute } from '../constructs/operator-route.ts';
import { addTenantUsagePlan, grantUsageKeyManagement } from '../constructs/usage-plan.ts';
import { CfnOutput, Duration, RemovalPolicy, Size, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import {
  ApiKeySourceType,
  AccessLogField,
  AccessLogFormat,
  AuthorizationType,
  IdentitySource,
  type IRestApi,
  LambdaIntegration,
  LogGroupLogDestination,
  MethodLoggingLevel,
  RequestAuthorizer,
  RequestValidator,
  type MethodOptions,
  ResponseType,
  RestApi,
} from 'aws-cdk-lib/aws-apigateway';
import type { ISecurityGroup, IVpc, SubnetSelection } from 'aws-cdk-lib/aws-ec2';
import type { IFunction, Function as LambdaFunctionImpl } from 'aws-cdk-lib/aws-lambda';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import type { DeploymentConfig } from '../config.ts';
import { BmcFunction, type TableGrant } from '../constructs/bmc-function.ts';
import { ApiExposure } from '../constructs/api-exposure.ts';
import { HANDLERS, type HandlerName, type HandlerSpec } from '../handlers.ts';
import { EVENT_BUS_ENV, Monitoring } from '../constructs/monitoring.ts';
import { JOB_QUEUE_ENV, JOB_SLOT_WAIT_ENV } from '../../../lambdas/handlers/job-env.ts';
import { AUDIT_KEY_ENV } from '../../../lambdas/adapters/kms/audit-signer.ts';
import type { TableKey } from '../tables.ts';
import type { DeployedTable } from './data-stack.ts';

/** The header callers put their API key in (docs/architecture.md section 5). */
export const API_KEY_HEADER = 'x-api-key';

export interface ApiStackProps extends StackProps {
  readonly config: DeploymentConfig;
  readonly vpc: IVpc;
  readonly subnets: SubnetSelection;
  readonly securityGroup: ISecurityGroup;
  readonly tables: Record<TableKey, DeployedTable>;
  /** Every function that appends to the audit table signs checkpoints with it (Sign, GetPublicKey only). */
  readonly auditSigningKey: IKey;
}

/**
 * How long a job message stays invisible after a worker took it: longer than the worker's
 * timeout, so a message is redelivered only when its worker died or gave it back.
 */
export const JOB_VISIBILITY_TIMEOUT_SECONDS = HANDLERS.worker.timeoutSeconds + 60;
/** Deliveries before a message goes to the dead-letter queue (busy slots count, hence not 3). */
export const JOB_MAX_RECEIVE_COUNT = 10;
/** Worker invocations at once over every job (the per-job and per-tenant limits sit in DynamoDB). */
export const JOB_WORKER_MAX_CONCURRENCY = 20;
/** How often the worker function sweeps for orphaned `started` events (lambdas/core/recovery/orphan-sweep.ts). */
export const ORPHAN_SWEEP_EVERY_MINUTES = 1;

export class ApiStack extends Stack {
  readonly functions: Record<HandlerName, IFunction>;
  readonly api: RestApi;
  /** One JSON line per request (accessLogFormat); the observability stack counts 401s in it. */
  readonly accessLogs: LogGroup;
  readonly jobQueue: Queue;
  readonly jobDeadLetterQueue: Queue;
  /** The EventBridge schedule of the recovery sweep (the worker function, scheduled events). */
  readonly orphanSweep: Rule;
  /** The monitoring schedule and event bus (constructs/monitoring.ts). */
  readonly monitoring: Monitoring;

  constructor(scope: Construct, id: string, props: ApiStackProps) {
    super(scope, id, props);
    const { config } = props;
    [this.jobQueue, this.jobDeadLetterQueue] = this.buildJobQueues(config);
    this.monitoring = new Monitoring(this, 'Monitoring', { stage: config.stage });
    const build = (name: HandlerName): IFunction => this.buildFunction(name, HANDLERS[name], props);
    this.functions = { graphql: build('graphql'), rest: build('rest'), authorizer: build('authorizer'), worker: build('worker'), operator: build('operator') };
    this.functions.worker.addEventSource(
      new SqsEventSource(this.jobQueue, { batchSize: 10, reportBatchItemFailures: true, maxConcurrency: JOB_WORKER_MAX_CONCURRENCY }),
    );
    this.orphanSweep = new Rule(this, 'OrphanSweepSchedule', {
      description: 'Runs the worker function\'s recovery sweep: outcomes for actions whose environment died mid-action',
      schedule: Schedule.rate(Duration.minutes(ORPHAN_SWEEP_EVERY_MINUTES)),
      // A missed run is made up by the next one; retries would only overlap it.
      targets: [new LambdaFunction(this.functions.worker, { retryAttempts: 0 })],
    });

    this.monitoring.scheduleOn(this.functions.worker);

    const authorizer = new RequestAuthorizer(this, 'ApiKeyAuthorizer', {
      authorizerName: `bmc-control-plane-${config.stage}-api-key`,
      handler: this.functions.authorizer,
      identitySources: [IdentitySource.header(API_KEY_HEADER)],
      // Cached per key value; the authorizer's policy therefore covers the whole API.
      resultsCacheTtl: Duration.seconds(config.authorizerCacheSeconds),
    });
    this.accessLogs = new LogGroup(this, 'AccessLogs', {
      retention: config.logRetention,
      removalPolicy: config.isProduction ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    const exposure = new ApiExposure(this, 'Exposure', { exposure: config.exposure, stage: config.stage, vpc: props.vpc, subnets: props.subnets.subnets ?? [], vpcCidr: config.vpcCidr });
    this.api = this.buildRestApi(config, authorizer, this.accessLogs, exposure);

    this.addRoutes();
    addOperatorRoute(this.api, this.functions.operator);
    addTenantUsagePlan({ api: this.api, stage: config.stage, rateLimit: config.tenantRateLimit, burstLimit: config.tenantBurstLimit, quotaPerDay: config.tenantQuotaPerDay });
    grantUsageKeyManagement(this.functions.operator as LambdaFunctionImpl, config.stage);
    this.addErrorResponses();
    new CfnOutput(this, 'GraphqlUrl', { value: this.api.urlForPath('/graphql'), description: 'GraphQL endpoint (x-api-key header)' });
    new CfnOutput(this, 'RestUrl', { value: this.api.urlForPath('/v1'), description: 'REST endpoint (x-api-key header)' });
    this.acknowledgeNagFindings(config);
  }

  /** POST/GET /graphql to the GraphQL function, /v1 and everything under it to the REST function. */
  private addRoutes(): void {
    // Requests without the key header are refused by the gateway before any function runs
    // (cdk-nag AwsSolutions-APIG2).
    const methodOptions: MethodOptions = {
      requestValidator: new RequestValidator(this, 'RequestValidator', {
        // aws-cdk-lib types some RestApi members `T | undefined` where IRestApi says `?: T`, which exactOptionalPropertyTypes rejects (aws/aws-cdk#37995); the object is the same.
        restApi: this.api as IRestApi,
        validateRequestParameters: true,
        // Applies only to methods with a request model; the functions validate bodies (zod, GraphQL).
        validateRequestBody: true,
      }),
      requestParameters: { [`method.request.header.${API_KEY_HEADER}`]: true },
      // The usage key comes from the authorizer (the tenant's): each tenant is throttled on its plan.
      apiKeyRequired: true,
    };
    const graphql = new LambdaIntegration(this.functions.graphql);
    const rest = new LambdaIntegration(this.functions.rest);
    const graphqlResource = this.api.root.addResource('graphql');
    graphqlResource.addMethod('GET', graphql, methodOptions);
    graphqlResource.addMethod('POST', graphql, methodOptions);
    const v1 = this.api.root.addResource('v1');
    v1.addMethod('ANY', rest, methodOptions);
    v1.addResource('{proxy+}').addMethod('ANY', rest, methodOptions);
  }

  /**
   * The job queue and its dead-letter queue: SSE with SQS-managed keys (messages hold ids and
   * ranges, never credentials or BMC data) and TLS enforced by policy. Messages outlive a day of
   * retries; dead letters stay 14 days for an operator to look at (the alarm pages on the first).
   */
  private buildJobQueues(config: DeploymentConfig): [Queue, Queue] {
    const prefix = `bmc-control-plane-${config.stage}`;
    const deadLetters = new Queue(this, 'JobDeadLetterQueue', {
      queueName: `${prefix}-jobs-dlq`,
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(deadLetters).acknowledge({
      id: 'AwsSolutions::AwsSolutions-SQS3',
      reason: 'This queue is the dead-letter queue of the job queue; a DLQ of a DLQ would only move the same messages again.',
    });
    const queue = new Queue(this, 'JobQueue', {
      queueName: `${prefix}-jobs`,
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      visibilityTimeout: Duration.seconds(JOB_VISIBILITY_TIMEOUT_SECONDS),
      retentionPeriod: Duration.days(4),
      deadLetterQueue: { queue: deadLetters, maxReceiveCount: JOB_MAX_RECEIVE_COUNT },
    });
    return [queue, deadLetters];
  }

  private acknowledgeNagFindings(config: DeploymentConfig): void {
    Validations.of(this.api).acknowledge({
      id: 'AwsSolutions::AwsSolutions-COG4',
      reason:
        'Callers are automation and internal platforms holding tenant-scoped API keys, checked by the REQUEST authorizer on x-api-key; there are no Cognito users.',
    });
    Validations.of(this.api).acknowledge({
      id: 'AwsSolutions::AwsSolutions-APIG3',
      reason:
        'No WAF: every method requires a valid API key (authorizer, cached per key), the stage is throttled, and bodies are size-limited and validated by the functions; a web ACL would add a fixed monthly cost for an internal API.',
    });
    if (config.apiGatewayCloudWatchRole) {
      Validations.of(this.api).acknowledge({
        id: 'AwsSolutions::AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs]',
        reason: 'The account-level role API Gateway uses for execution logs; AWS documents exactly this managed policy for it.',
      });
    }
  }

  private buildFunction(name: HandlerName, spec: HandlerSpec, props: ApiStackProps): IFunction {
    const tables: TableGrant[] = (Object.entries(spec.tables) as [TableKey, TableGrant['access']][]).map(([key, access]) => ({
      table: props.tables[key].table,
      access,
      environmentVariable: props.tables[key].schema.environmentVariable,
      indexNames: props.tables[key].schema.globalIndexes.map((index) => index.indexName),
    }));
    const { config } = props;
    // Whoever appends audit events writes the checkpoints over them.
    const signsAudit = 'audit' in spec.tables && spec.tables.audit === 'append';
    const fn = new BmcFunction(this, `${name[0]?.toUpperCase()}${name.slice(1)}Function`, {
      entry: spec.entry,
      description: spec.description,
      stage: config.stage,
      isProduction: config.isProduction,
      logRetention: config.logRetention,
      vpc: props.vpc,
      subnets: props.subnets,
      securityGroup: props.securityGroup,
      timeout: Duration.seconds(spec.timeoutSeconds),
      memorySize: spec.memorySize,
      tables,
      ...(spec.secrets ? { secrets: spec.secrets } : {}),
      environment: {
        ...(name === 'worker' && { [JOB_SLOT_WAIT_ENV]: '30000', [EVENT_BUS_ENV]: this.monitoring.bus.eventBusName }),
        ...('sendsJobs' in spec && spec.sendsJobs && { [JOB_QUEUE_ENV]: this.jobQueue.queueUrl }),
        ...(signsAudit && { [AUDIT_KEY_ENV]: props.auditSigningKey.keyArn }),
        // Keys of tenants the registry does not know are refused (docs/tenants.md).
        [REQUIRE_PROVISIONED_ENV]: 'true',
      },
    });
    if (signsAudit) fn.function.addToRolePolicy(new PolicyStatement({ actions: ['kms:Sign', 'kms:GetPublicKey'], resources: [props.auditSigningKey.keyArn] }));
    if ('sendsJobs' in spec && spec.sendsJobs) this.jobQueue.grantSendMessages(fn.function);
    return fn.function;
  }

  private buildRestApi(config: DeploymentConfig, authorizer: RequestAuthorizer, accessLogs: LogGroup, exposure: ApiExposure): RestApi {
    const api = new RestApi(this, 'Api', {
      restApiName: `bmc-control-plane-${config.stage}`,
      description: 'BMC Control Plane: GraphQL at /graphql, REST at /v1',
      endpointConfiguration: exposure.endpointConfiguration,
      ...(exposure.policy && { policy: exposure.policy }),
      // Sensor lists, SEL pages and audit exports are JSON that compresses well.
      minCompressionSize: Size.kibibytes(1),
      // Execution logs need an account-level (per region) role; with
      // apiGatewayCloudWatchRole=false the account must already have one configured.
      cloudWatchRole: config.apiGatewayCloudWatchRole,
      // Other APIs of the account may rely on that role after this stack is gone.
      ...(config.apiGatewayCloudWatchRole ? { cloudWatchRoleRemovalPolicy: RemovalPolicy.RETAIN } : {}),
      defaultMethodOptions: { authorizer, authorizationType: AuthorizationType.CUSTOM },
      // Usage plans count the key the authorizer returns (usageIdentifierKey), never a client header.
      apiKeySourceType: ApiKeySourceType.AUTHORIZER,
      deployOptions: {
        stageName: config.stage,
        tracingEnabled: true,
        metricsEnabled: true,
        throttlingRateLimit: config.throttleRateLimit,
        throttlingBurstLimit: config.throttleBurstLimit,
        loggingLevel: MethodLoggingLevel.ERROR,
        // Full request/response logging would write x-api-key headers and BMC data to logs.
        dataTraceEnabled: false,
        accessLogDestination: new LogGroupLogDestination(accessLogs),
        accessLogFormat: accessLogFormat(),
      },
    });
    return api;
  }

  /** Gateway-made errors carry the API's stable codes, in both the REST and the GraphQL shape. */
  private addErrorResponses(): void {
    // `$context.error.messageString` is API Gateway's own message, already a quoted JSON string.
    const gatewayMessage = '$context.error.messageString';
    const responses: [ResponseType, string, string][] = [
      [ResponseType.UNAUTHORIZED, 'UNAUTHENTICATED', JSON.stringify('missing or invalid API key')],
      [ResponseType.ACCESS_DENIED, 'FORBIDDEN', JSON.stringify('this API key may not call this API')],
      [ResponseType.THROTTLED, 'THROTTLED', JSON.stringify('too many requests; retry later')],
      [ResponseType.QUOTA_EXCEEDED, 'RATE_LIMITED', JSON.stringify("the tenant's daily request quota is used up")],
      [ResponseType.DEFAULT_4XX, 'BAD_REQUEST', gatewayMessage],
      [ResponseType.DEFAULT_5XX, 'INTERNAL', JSON.stringify('internal error')],
    ];
    for (const [type, code, message] of responses) {
      const body = `{"error":{"code":"${code}","message":${message}},"errors":[{"message":${message},"extensions":{"code":"${code}"}}]}`;
      this.api.addGatewayResponse(`${code}Response`, {
        type,
        // A throttled tenant (429) is told when to retry: the next second, or the next hour for the daily quota.
        responseHeaders: { 'Content-Type': "'application/json'", ...(code === 'THROTTLED' && { 'Retry-After': "'1'" }), ...(code === 'RATE_LIMITED' && { 'Retry-After': "'3600'" }) },
        templates: { 'application/json': body },
      });
    }
  }
}

/**
 * One JSON line per request. The tenant and key id come from the authorizer's context;
 * the key itself, request bodies and BMC data never appear.
 */
function accessLogFormat(): AccessLogFormat {
  return AccessLogFormat.custom(
    JSON.stringify({
      requestId: AccessLogField.contextRequestId(),
      requestTime: AccessLogField.contextRequestTime(),
      sourceIp: AccessLogField.contextIdentitySourceIp(),
      userAgent: AccessLogField.contextIdentityUserAgent(),
      httpMethod: AccessLogField.contextHttpMethod(),
      resourcePath: AccessLogField.contextResourcePath(),
      status: AccessLogField.contextStatus(),
      responseLength: AccessLogField.contextResponseLength(),
      responseLatency: AccessLogField.contextResponseLatency(),
      integrationLatency: AccessLogField.contextIntegrationLatency(),
      tenantId: AccessLogField.contextAuthorizer('tenantId'),
      keyId: AccessLogField.contextAuthorizer('keyId'),
      authorizeStatus: AccessLogField.contextAuthorizeStatus(),
      authorizeError: AccessLogField.contextAuthorizeError(),
      errorType: AccessLogField.contextErrorResponseType(),
      xrayTraceId: AccessLogField.contextXrayTraceId(),
    }),
  );
}
