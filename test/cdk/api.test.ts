// Functions, IAM and API Gateway, synthesized once with real esbuild bundling.
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../cdk/lib/bundling.ts';
import { HANDLERS } from '../../cdk/lib/handlers.ts';
import { TABLE_SCHEMAS } from '../../cdk/lib/tables.ts';
import { LOCAL_CREDENTIALS_ENV } from '../../lambdas/handlers/settings.ts';
import { JOB_QUEUE_ENV, LOCAL_JOB_QUEUE_ENV } from '../../lambdas/handlers/job-env.ts';
import { JOB_MAX_RECEIVE_COUNT, JOB_VISIBILITY_TIMEOUT_SECONDS, JOB_WORKER_MAX_CONCURRENCY, ORPHAN_SWEEP_EVERY_MINUTES } from '../../cdk/lib/stacks/api-stack.ts';
import { IN_FLIGHT_PARTITION_PATTERN } from '../../cdk/lib/constructs/access.ts';
import { DEFAULT_ORPHAN_AFTER_MS } from '../../lambdas/core/recovery/orphan-sweep.ts';
import { type BuiltApp, buildApp, missingHandlers, resourcesOfType } from './support.ts';

type Statement = { Action: string | string[]; Resource: unknown; Condition?: unknown; Effect: string };
type Resource = { Properties: Record<string, unknown> };

function functionsByRole(template: Template): Map<string, { fn: Resource; statements: Statement[] }> {
  const policies = Object.values(resourcesOfType(template, 'AWS::IAM::Policy'));
  const result = new Map<string, { fn: Resource; statements: Statement[] }>();
  for (const [id, fn] of Object.entries(resourcesOfType(template, 'AWS::Lambda::Function'))) {
    const roleId = (fn.Properties.Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
    const statements = policies
      .filter((policy) => JSON.stringify(policy.Properties.Roles).includes(roleId))
      .flatMap((policy) => (policy.Properties.PolicyDocument as { Statement: Statement[] }).Statement);
    result.set(id, { fn, statements });
  }
  return result;
}

function handlerFunction(template: Template, prefix: string): { fn: Resource; statements: Statement[] } {
  const entry = [...functionsByRole(template)].find(([id]) => id.startsWith(prefix));
  if (!entry) throw new Error(`no function ${prefix}`);
  return entry[1];
}

const actionsOf = (statement: Statement): string[] => [statement.Action].flat();

describe('api stack', () => {
  let built: BuiltApp;
  let template: Template;
  beforeAll(() => {
    built = buildApp({ bundle: true });
    template = built.templates.api;
 }, 180_000);

  it('deploys the five handlers and nothing else', () => {
    expect([...functionsByRole(template).keys()].map((id) => id.replace(/[0-9A-F]{8}$/, '')).sort()).toEqual([
      'AuthorizerFunction',
      'GraphqlFunction',
      'OperatorFunction',
      'RestFunction',
      'WorkerFunction',
    ]);
  });

  it('feeds the worker from an encrypted, TLS-only job queue with a dead-letter queue and partial batch failures', () => {
    const queues = resourcesOfType(template, 'AWS::SQS::Queue');
    const [queueId, queue] = Object.entries(queues).find(([id]) => id.startsWith('JobQueue')) ?? [];
    const [dlqId, dlq] = Object.entries(queues).find(([id]) => id.startsWith('JobDeadLetterQueue')) ?? [];
    expect(queue?.Properties).toMatchObject({ SqsManagedSseEnabled: true, VisibilityTimeout: JOB_VISIBILITY_TIMEOUT_SECONDS });
    expect(JOB_VISIBILITY_TIMEOUT_SECONDS).toBeGreaterThan(HANDLERS.worker.timeoutSeconds);
    expect(queue?.Properties['RedrivePolicy']).toEqual({ deadLetterTargetArn: { 'Fn::GetAtt': [dlqId, 'Arn'] }, maxReceiveCount: JOB_MAX_RECEIVE_COUNT });
    expect(dlq?.Properties).toMatchObject({ SqsManagedSseEnabled: true, MessageRetentionPeriod: 14 * 86_400 });
    // Both queues refuse anything but TLS.
    for (const id of [queueId, dlqId]) {
      template.hasResourceProperties('AWS::SQS::QueuePolicy', {
        Queues: [{ Ref: id }],
        PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]) },
      });
    }
    const mappings = Object.values(resourcesOfType(template, 'AWS::Lambda::EventSourceMapping'));
    expect(mappings).toHaveLength(1);
    expect(mappings[0]?.Properties).toMatchObject({
      EventSourceArn: { 'Fn::GetAtt': [queueId, 'Arn'] },
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      BatchSize: 10,
      ScalingConfig: { MaximumConcurrency: JOB_WORKER_MAX_CONCURRENCY },
    });
    expect(JSON.stringify(mappings[0]?.Properties['FunctionName'])).toContain('WorkerFunction');
  });

  it('lets graphql and rest start jobs (send to the queue, write the jobs table) and the worker run them, each with only what it needs', () => {
    const jobsTable = (statements: Statement[]) => statements.filter((s) => JSON.stringify(s.Resource).includes('JobsTable'));
    for (const prefix of ['GraphqlFunction', 'RestFunction']) {
      const { fn, statements } = handlerFunction(template, prefix);
      const env = (fn.Properties.Environment as { Variables: Record<string, unknown> }).Variables;
      expect(JSON.stringify(env[JOB_QUEUE_ENV])).toContain('JobQueue');
      expect(JSON.stringify(env[TABLE_SCHEMAS.jobs.environmentVariable])).toContain('JobsTable');
      const send = statements.filter((s) => actionsOf(s).some((a) => a.startsWith('sqs:')));
      expect(send.flatMap(actionsOf).sort()).toEqual(['sqs:GetQueueAttributes', 'sqs:GetQueueUrl', 'sqs:SendMessage']);
      expect(JSON.stringify(send[0]?.Resource)).toContain('JobQueue');
      expect(jobsTable(statements).flatMap(actionsOf).sort()).toEqual(['dynamodb:BatchWriteItem', 'dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query', 'dynamodb:UpdateItem']);
    }
    const worker = handlerFunction(template, 'WorkerFunction');
    // BatchWriteItem: the monitoring schedule starts collection jobs (test/cdk/monitoring.test.ts).
    expect(jobsTable(worker.statements).flatMap(actionsOf).sort()).toEqual(['dynamodb:BatchWriteItem', 'dynamodb:DeleteItem', 'dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query', 'dynamodb:UpdateItem']);
    const actions = worker.statements.flatMap(actionsOf);
    // It reads credentials and completes rotations (stage a version, move labels), never creates,
    // tags or deletes a secret; it receives from the queue, and sends only the collection jobs the
    // monitoring schedule starts.
    expect(actions.filter((a) => a.startsWith('secretsmanager:')).sort()).toEqual([
      'secretsmanager:DescribeSecret',
      'secretsmanager:GetSecretValue',
      'secretsmanager:PutSecretValue',
      'secretsmanager:UpdateSecretVersionStage',
    ]);
    expect(actions).toContain('sqs:ReceiveMessage');
    expect(actions).toContain('sqs:DeleteMessage');
    expect(actions).toContain('sqs:SendMessage');
    expect(JSON.stringify(worker.statements)).not.toContain('ApiKeysTable');
    const audit = worker.statements.filter((s) => JSON.stringify(s.Resource).includes('AuditTable'));
    expect(audit.flatMap(actionsOf).sort()).toEqual(['dynamodb:PutItem', 'dynamodb:Query']);
    const authorizer = handlerFunction(template, 'AuthorizerFunction');
    expect(JSON.stringify(authorizer.statements)).not.toContain('JobsTable');
    expect(JSON.stringify(authorizer.statements)).not.toContain('sqs:');
  });

  it('runs every function on Node.js 22 / arm64, in the VPC, traced, with its own log group', () => {
    for (const { fn } of functionsByRole(template).values()) {
      const props = fn.Properties;
      expect(props.Runtime).toBe('nodejs22.x');
      expect(props.Architectures).toEqual(['arm64']);
      expect(props.TracingConfig).toEqual({ Mode: 'Active' });
      const vpc = props.VpcConfig as { SubnetIds: unknown[]; SecurityGroupIds: unknown[] };
      expect(vpc.SubnetIds.length).toBeGreaterThan(0);
      expect(JSON.stringify(vpc.SecurityGroupIds)).toContain('FunctionSecurityGroup');
      expect(JSON.stringify(props.LoggingConfig)).toContain('Logs');
      const env = (props.Environment as { Variables: Record<string, unknown> }).Variables;
      expect(env).toMatchObject({
        POWERTOOLS_SERVICE_NAME: 'bmc-control-plane',
        POWERTOOLS_METRICS_NAMESPACE: 'BmcControlPlane',
        POWERTOOLS_LOGGER_LOG_EVENT: 'false',
        NODE_OPTIONS: '--enable-source-maps',
      });
    }
    template.allResourcesProperties('AWS::Logs::LogGroup', { RetentionInDays: 90 });
  });

  it('bundles each handler as minified ESM with an external source map and no sources inside', () => {
    const assembly = built.app.synth();
    const assetDirs = readdirSync(assembly.directory).filter((name) => name.startsWith('asset.'));
    const bundles = assetDirs.map((dir) => join(assembly.directory, dir)).filter((dir) => existsSync(join(dir, 'index.mjs')));
    expect(bundles.length).toBeGreaterThan(0);
    for (const dir of bundles) {
      const code = readFileSync(join(dir, 'index.mjs'), 'utf8');
      expect(code).toContain('createRequire');
      expect(code).toMatch(/sourceMappingURL=index\.mjs\.map/);
      const map = JSON.parse(readFileSync(join(dir, 'index.mjs.map'), 'utf8')) as { sourcesContent?: unknown };
      expect(map.sourcesContent).toBeUndefined();
      expect(statSync(join(dir, 'index.mjs')).size).toBeGreaterThan(0);
    }
  });

  it('bundles the real handler entries (every entry exists; no stub stands in)', () => {
    expect(missingHandlers()).toEqual([]);
    for (const spec of Object.values(HANDLERS)) expect(existsSync(join(PROJECT_ROOT, spec.entry))).toBe(true);
  });

  it('grants no wildcard actions to any function', () => {
    for (const { statements } of functionsByRole(template).values()) {
      for (const statement of statements) {
        for (const action of actionsOf(statement)) expect(action).not.toMatch(/\*/);
        expect(statement.Effect).toBe('Allow');
      }
    }
  });

  it('uses "*" only for actions that accept no resource ARN (X-Ray, VPC network interfaces)', () => {
    for (const { statements } of functionsByRole(template).values()) {
      for (const statement of statements.filter((s) => s.Resource === '*')) {
        for (const action of actionsOf(statement)) expect(action).toMatch(/^(xray:Put|ec2:(Create|Describe|Delete|Assign|Unassign)\w*NetworkInterface|ec2:DescribeSubnets|ec2:\w+PrivateIpAddresses)/);
      }
    }
  });

  it('scopes Secrets Manager to bmc/* and requires the tenant tag on CreateSecret', () => {
    for (const prefix of ['GraphqlFunction', 'RestFunction']) {
      const secretStatements = handlerFunction(template, prefix).statements.filter((s) => actionsOf(s).some((a) => a.startsWith('secretsmanager:')));
      expect(secretStatements.length).toBeGreaterThan(0);
      for (const statement of secretStatements) {
        expect(JSON.stringify(statement.Resource)).toMatch(/:secretsmanager:.*:secret:bmc\/\*"/);
        expect(JSON.stringify(statement.Resource)).not.toMatch(/secret:\*/);
      }
      const create = secretStatements.find((s) => actionsOf(s).includes('secretsmanager:CreateSecret'));
      expect(create?.Condition).toEqual({ Null: { 'aws:RequestTag/tenant': 'false' } });
    }
    const authorizer = handlerFunction(template, 'AuthorizerFunction').statements;
    expect(authorizer.flatMap(actionsOf).filter((a) => a.startsWith('secretsmanager:'))).toEqual([]);
  });

  it('lets the API only put and query audit events, never update or delete them', () => {
    for (const prefix of ['GraphqlFunction', 'RestFunction']) {
      const audit = handlerFunction(template, prefix).statements.filter((s) => JSON.stringify(s.Resource).includes('AuditTable'));
      expect(audit).toHaveLength(1);
      expect(actionsOf(audit[0] as Statement).sort()).toEqual(['dynamodb:PutItem', 'dynamodb:Query']);
    }
  });

  it('grants DynamoDB per table and named index only', () => {
    for (const { statements } of functionsByRole(template).values()) {
      for (const statement of statements.filter((s) => actionsOf(s).some((a) => a.startsWith('dynamodb:')))) {
        const resources = JSON.stringify(statement.Resource);
        expect(resources).not.toContain('index/*');
        expect(resources).toMatch(/Table/);
      }
    }
    const authorizer = handlerFunction(template, 'AuthorizerFunction');
    const tablesTouched = authorizer.statements.filter((s) => actionsOf(s).some((a) => a.startsWith('dynamodb:')));
    const on = (table: string) => tablesTouched.filter((s) => JSON.stringify(s.Resource).includes(table)).flatMap((s) => actionsOf(s)).sort();
    // Keys are read and touched; refusals of revoked keys are appended to the audit log and counted.
    expect(on('ApiKeysTable')).toEqual(['dynamodb:GetItem', 'dynamodb:UpdateItem']);
    expect(on('AuditTable')).toEqual(['dynamodb:PutItem', 'dynamodb:Query']);
    expect(on('CoordinationTable')).toEqual(['dynamodb:DeleteItem', 'dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem']);
    // The tenant of every key: suspended and deleted tenants are refused (docs/tenants.md).
    expect(on('TenantsTable')).toEqual(['dynamodb:BatchGetItem', 'dynamodb:GetItem', 'dynamodb:Query']);
    expect(tablesTouched.every((s) => /ApiKeysTable|AuditTable|CoordinationTable|TenantsTable/.test(JSON.stringify(s.Resource)))).toBe(true);
    const env = (authorizer.fn.Properties.Environment as { Variables: Record<string, unknown> }).Variables;
    expect(Object.keys(env)).toContain(TABLE_SCHEMAS.apiKeys.environmentVariable);
    expect(Object.keys(env)).toContain(TABLE_SCHEMAS.audit.environmentVariable);
  });

  it('gives graphql and rest the SDR cache table by name, with GetItem and PutItem on it only; the authorizer nothing', () => {
    const variable = TABLE_SCHEMAS.sdrCache.environmentVariable;
    for (const prefix of ['GraphqlFunction', 'RestFunction']) {
      const { fn, statements } = handlerFunction(template, prefix);
      const env = (fn.Properties.Environment as { Variables: Record<string, unknown> }).Variables;
      expect(JSON.stringify(env[variable])).toContain('SdrCacheTable');
      const cache = statements.filter((s) => JSON.stringify(s.Resource).includes('SdrCacheTable'));
      expect(cache).toHaveLength(1);
      expect(actionsOf(cache[0] as Statement).sort()).toEqual(['dynamodb:GetItem', 'dynamodb:PutItem']);
      // The table itself: no index, no other table, no wildcard.
      expect(JSON.stringify(cache[0]?.Resource)).toMatch(/^\{"Fn::ImportValue":"[^"]*SdrCacheTable[^"]*Arn[^"]*"\}$/);
    }
    const authorizer = handlerFunction(template, 'AuthorizerFunction');
    expect(JSON.stringify(authorizer.statements)).not.toContain('SdrCacheTable');
    expect(Object.keys((authorizer.fn.Properties.Environment as { Variables: Record<string, unknown> }).Variables)).not.toContain(variable);
  });

  it('gives graphql, rest and the authorizer (its denial counter) the coordination table, one key at a time (no Query, no Scan)', () => {
    const variable = TABLE_SCHEMAS.coordination.environmentVariable;
    for (const prefix of ['GraphqlFunction', 'RestFunction']) {
      const { fn, statements } = handlerFunction(template, prefix);
      const env = (fn.Properties.Environment as { Variables: Record<string, unknown> }).Variables;
      expect(JSON.stringify(env[variable])).toContain('CoordinationTable');
      const coordination = statements.filter((s) => JSON.stringify(s.Resource).includes('CoordinationTable'));
      expect(coordination).toHaveLength(1);
      expect(actionsOf(coordination[0] as Statement).sort()).toEqual(['dynamodb:DeleteItem', 'dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem']);
      expect(JSON.stringify(coordination[0]?.Resource)).toMatch(/^\{"Fn::ImportValue":"[^"]*CoordinationTable[^"]*Arn[^"]*"\}$/);
    }
    const authorizer = handlerFunction(template, 'AuthorizerFunction');
    const coordination = authorizer.statements.filter((s) => JSON.stringify(s.Resource).includes('CoordinationTable'));
    expect(coordination.flatMap((s) => actionsOf(s))).not.toContain('dynamodb:Query');
    expect(coordination.flatMap((s) => actionsOf(s))).not.toContain('dynamodb:Scan');
    expect(Object.keys((authorizer.fn.Properties.Environment as { Variables: Record<string, unknown> }).Variables)).toContain(variable);
  });

  it('runs the recovery sweep in the worker on a schedule, which may Query only the in-flight partitions of the coordination table', () => {
    // The monitoring schedule, the other rule, sends a fixed input (test/cdk/monitoring.test.ts).
    const rules = Object.entries(resourcesOfType(template, 'AWS::Events::Rule')).filter(([, r]) => !JSON.stringify(r.Properties['Targets']).includes('Input'));
    expect(rules).toHaveLength(1);
    const [ruleId, rule] = rules[0] as [string, Resource];
    expect(rule.Properties).toMatchObject({ ScheduleExpression: `rate(${ORPHAN_SWEEP_EVERY_MINUTES} minute)`, State: 'ENABLED' });
    const targets = rule.Properties['Targets'] as { Arn: unknown; RetryPolicy?: unknown }[];
    expect(targets).toHaveLength(1);
    expect(JSON.stringify(targets[0]?.Arn)).toContain('WorkerFunction');
    expect(targets[0]?.RetryPolicy).toEqual({ MaximumRetryAttempts: 0 });
    // EventBridge may invoke the worker, from this rule only.
    template.hasResourceProperties('AWS::Lambda::Permission', { Action: 'lambda:InvokeFunction', Principal: 'events.amazonaws.com', SourceArn: { 'Fn::GetAtt': [ruleId, 'Arn'] } });
    // An orphan is one older than any Lambda invocation can run.
    expect(DEFAULT_ORPHAN_AFTER_MS).toBeGreaterThan(15 * 60_000);

    const worker = handlerFunction(template, 'WorkerFunction');
    const coordination = worker.statements.filter((s) => JSON.stringify(s.Resource).includes('CoordinationTable'));
    expect(coordination.map((s) => actionsOf(s).sort())).toEqual([['dynamodb:DeleteItem', 'dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'], ['dynamodb:Query']]);
    expect(coordination[0]?.Condition).toBeUndefined();
    expect(coordination[1]?.Condition).toEqual({ 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [IN_FLIGHT_PARTITION_PATTERN] } });
    // The only Scan is the monitoring schedule's listing of the tenants table.
    expect(worker.statements.filter((s) => actionsOf(s).includes('dynamodb:Scan')).map((s) => JSON.stringify(s.Resource))).toEqual([expect.stringContaining('TenantsTable')]);
  });

  it('never points a function at the local credential file store: deployed credentials come from Secrets Manager', () => {
    const functions = [...functionsByRole(template).values()];
    expect(functions.length).toBeGreaterThanOrEqual(3);
    for (const { fn } of functions) {
      const env = (fn.Properties.Environment as { Variables?: Record<string, unknown> } | undefined)?.Variables ?? {};
      expect(Object.keys(env)).not.toContain(LOCAL_CREDENTIALS_ENV);
      expect(Object.keys(env)).not.toContain(LOCAL_JOB_QUEUE_ENV);
    }
  });

  it('writes logs only to the function\'s own log group', () => {
    for (const { statements } of functionsByRole(template).values()) {
      const logs = statements.filter((s) => actionsOf(s).some((a) => a.startsWith('logs:')));
      expect(logs).toHaveLength(1);
      expect(logs[0]?.Resource).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/Logs/), 'Arn'] });
    }
    template.allResourcesProperties('AWS::IAM::Role', Match.not(Match.objectLike({ ManagedPolicyArns: Match.arrayWith([Match.stringLikeRegexp('Lambda')]) })));
  });

  it('puts a REQUEST authorizer on x-api-key with a 300 s cache in front of every method but the IAM-only operator route', () => {
    template.hasResourceProperties('AWS::ApiGateway::Authorizer', {
      Type: 'REQUEST',
      IdentitySource: 'method.request.header.x-api-key',
      AuthorizerResultTtlInSeconds: 300,
    });
    // The operator route is IAM-authorized instead (test/cdk/operator.test.ts).
    const methods = Object.values(resourcesOfType(template, 'AWS::ApiGateway::Method')).filter((m) => !JSON.stringify(m.Properties.Integration).includes('OperatorFunction'));
    expect(methods.length).toBe(4);
    for (const method of methods) {
      expect(method.Properties.AuthorizationType).toBe('CUSTOM');
      expect(method.Properties.RequestParameters).toEqual({ 'method.request.header.x-api-key': true });
      expect(method.Properties.RequestValidatorId).toBeDefined();
    }
    // One validator, the one every method uses: no second, unused one.
    template.resourceCountIs('AWS::ApiGateway::RequestValidator', 1);
    template.hasResourceProperties('AWS::ApiGateway::RequestValidator', { ValidateRequestParameters: true });
    const validatorIds = new Set(methods.map((m) => JSON.stringify(m.Properties.RequestValidatorId)));
    expect(validatorIds.size).toBe(1);
  });

  it('routes /graphql to the GraphQL function and /v1 to the REST function', () => {
    const paths = Object.values(resourcesOfType(template, 'AWS::ApiGateway::Resource')).map((r) => r.Properties.PathPart);
    expect(paths.sort()).toEqual(['graphql', 'operator', 'v1', '{proxy+}', '{proxy+}']);
    const integrations = Object.values(resourcesOfType(template, 'AWS::ApiGateway::Method')).map((m) => JSON.stringify(m.Properties.Integration));
    expect(integrations.filter((i) => i.includes('GraphqlFunction'))).toHaveLength(2);
    expect(integrations.filter((i) => i.includes('RestFunction'))).toHaveLength(2);
  });

  it('throttles the stage, traces it and writes JSON access logs without the API key', () => {
    template.hasResourceProperties('AWS::ApiGateway::Stage', {
      StageName: 'dev',
      TracingEnabled: true,
      MethodSettings: [Match.objectLike({ ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100, DataTraceEnabled: false })],
    });
    const stage = Object.values(resourcesOfType(template, 'AWS::ApiGateway::Stage'))[0];
    const format = (stage?.Properties.AccessLogSetting as { Format: string }).Format;
    const fields = JSON.parse(format) as Record<string, string>;
    expect(fields).toMatchObject({ requestId: '$context.requestId', status: '$context.status', tenantId: '$context.authorizer.tenantId' });
    expect(format).not.toMatch(/apiKey|x-api-key/i);
  });

  it('outputs the GraphQL and REST URLs of the stage', () => {
    template.hasOutput('GraphqlUrl', { Value: { 'Fn::Join': ['', Match.arrayWith(['/graphql'])] } });
    template.hasOutput('RestUrl', { Value: { 'Fn::Join': ['', Match.arrayWith(['/v1'])] } });
  });

  it('answers gateway errors with the API\'s stable codes', () => {
    template.hasResourceProperties('AWS::ApiGateway::GatewayResponse', {
      ResponseType: 'UNAUTHORIZED',
      ResponseTemplates: { 'application/json': Match.stringLikeRegexp('"code":"UNAUTHENTICATED"') },
    });
    template.hasResourceProperties('AWS::ApiGateway::GatewayResponse', {
      ResponseType: 'ACCESS_DENIED',
      ResponseTemplates: { 'application/json': Match.stringLikeRegexp('"code":"FORBIDDEN"') },
    });
  });
});
