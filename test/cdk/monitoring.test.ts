/**
 * Fleet monitoring's wiring: the monitoring table with TTL, the schedule that runs the worker's
 * monitoring entry point once a minute, the bus and who may put events on it, and the grants
 * the schedule needs (tenants Scan, starting jobs, the monitoring table without DeleteItem).
 */
import { Match } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MONITOR_SCHEDULE_INPUT } from '../../lambdas/handlers/worker-inputs.ts';
import { buildApp, resourcesOfType, type BuiltApp } from './support.ts';

describe('monitoring (CDK)', () => {
  let built: BuiltApp;
  beforeAll(() => {
    built = buildApp();
    // Synthesis is slow on a shared machine: do it here, under the hook's longer timeout.
    void built.templates.data;
    void built.templates.api;
  }, 180_000);
  afterAll(() => undefined);

  it('keeps monitoring items in a table whose history and events expire through TTL', () => {
    built.templates.data.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      TableName: Match.stringLikeRegexp('monitoring'),
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
    });
  });

  it('runs the worker on a one-minute schedule with the monitoring input, without retries', () => {
    const rules = Object.values(resourcesOfType(built.templates.api, 'AWS::Events::Rule')).filter((r) => JSON.stringify(r.Properties['Targets']).includes('Input'));
    expect(rules).toHaveLength(1);
    expect(rules[0]?.Properties).toMatchObject({ ScheduleExpression: 'rate(1 minute)', State: 'ENABLED' });
    const target = (rules[0]?.Properties['Targets'] as { Arn: unknown; Input: string; RetryPolicy: unknown }[])[0];
    expect(JSON.stringify(target?.Arn)).toContain('WorkerFunction');
    expect(JSON.parse(target?.Input ?? '{}')).toEqual(MONITOR_SCHEDULE_INPUT);
    expect(target?.RetryPolicy).toEqual({ MaximumRetryAttempts: 0 });
  });

  it('has a bus that only the worker may put events on, named in the worker environment', () => {
    const template = built.templates.api;
    template.resourceCountIs('AWS::Events::EventBus', 1);
    const busId = Object.keys(resourcesOfType(template, 'AWS::Events::EventBus'))[0] as string;
    const policies = Object.values(resourcesOfType(template, 'AWS::IAM::Policy'));
    const putters = policies.filter((p) => JSON.stringify(p.Properties['PolicyDocument']).includes('events:PutEvents'));
    expect(putters).toHaveLength(1);
    expect(JSON.stringify(putters[0]?.Properties['Roles'])).toContain('WorkerFunction');
    expect(JSON.stringify(putters[0]?.Properties['PolicyDocument'])).toContain(busId);
    const worker = Object.entries(resourcesOfType(template, 'AWS::Lambda::Function')).find(([id]) => id.startsWith('WorkerFunction'))?.[1];
    expect(JSON.stringify((worker?.Properties['Environment'] as { Variables: Record<string, unknown> }).Variables['EVENT_BUS_NAME'])).toContain(busId);
  });

  it('grants the worker what the schedule does and no DeleteItem on the monitoring table', () => {
    const policies = Object.values(resourcesOfType(built.templates.api, 'AWS::IAM::Policy')).filter((p) => JSON.stringify(p.Properties['Roles']).includes('WorkerFunction'));
    const statements = policies.flatMap((p) => (p.Properties['PolicyDocument'] as { Statement: { Action: string | string[]; Resource: unknown }[] }).Statement);
    const on = (table: string) => statements.filter((s) => JSON.stringify(s.Resource).includes(table)).flatMap((s) => [s.Action].flat());
    expect(on('MonitoringTable')).toEqual(expect.arrayContaining(['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:BatchWriteItem', 'dynamodb:Query']));
    expect(on('MonitoringTable')).not.toContain('dynamodb:DeleteItem');
    expect(on('TenantsTable')).toContain('dynamodb:Scan');
    expect(on('JobsTable')).toContain('dynamodb:BatchWriteItem');
  });
});
