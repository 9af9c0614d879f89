import { Match, type Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { HANDLERS } from '../../cdk/lib/handlers.ts';
import { BMC_UNREACHABLE_THRESHOLD, DURATION_NEAR_TIMEOUT, JOB_QUEUE_AGE_THRESHOLD_SECONDS, JOB_TASK_FAILED_THRESHOLD, UNAUTHORIZED_SPIKE_THRESHOLD } from '../../cdk/lib/stacks/observability-stack.ts';
import { TABLE_SCHEMAS } from '../../cdk/lib/tables.ts';
import { API_UNAUTHORIZED_METRIC, BMC_UNREACHABLE_METRIC, JOB_TASK_FAILED_METRIC, METRICS_NAMESPACE } from '../../cdk/lib/telemetry.ts';
import { buildApp, resourcesOfType } from './support.ts';

describe('observability stack', () => {
  let template: Template;
  let withoutEmail: Template;
  beforeAll(() => {
    template = buildApp({ context: { alarmEmail: 'oncall@example.com' } }).templates.observability;
    withoutEmail = buildApp().templates.observability;
 }, 180_000);

  it('alarms on errors and throttles of every function', () => {
    for (const metric of ['Errors', 'Throttles']) {
      const alarms = Object.values(resourcesOfType(template, 'AWS::CloudWatch::Alarm')).filter(
        (alarm) => alarm.Properties.MetricName === metric && alarm.Properties.Namespace === 'AWS/Lambda',
      );
      expect(alarms).toHaveLength(Object.keys(HANDLERS).length);
      for (const alarm of alarms) {
        expect(alarm.Properties).toMatchObject({ Statistic: 'Sum', Threshold: 1, ComparisonOperator: 'GreaterThanOrEqualToThreshold' });
      }
    }
  });

  it('alarms on each function when its slowest invocation nears its timeout', () => {
    const alarms = Object.values(resourcesOfType(template, 'AWS::CloudWatch::Alarm')).filter(
      (alarm) => alarm.Properties.MetricName === 'Duration' && alarm.Properties.Namespace === 'AWS/Lambda',
    );
    expect(alarms.map((a) => a.Properties.Threshold).sort()).toEqual(
      Object.values(HANDLERS).map((h) => h.timeoutSeconds * 1000 * DURATION_NEAR_TIMEOUT).sort(),
    );
    for (const alarm of alarms) {
      expect(alarm.Properties).toMatchObject({ Statistic: 'Maximum', Period: 300, ComparisonOperator: 'GreaterThanOrEqualToThreshold' });
    }
    // Each threshold belongs to its own function: the authorizer's 5 s, the API's 28 s.
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'Duration',
      Threshold: HANDLERS.authorizer.timeoutSeconds * 1000 * DURATION_NEAR_TIMEOUT,
      Dimensions: [{ Name: 'FunctionName', Value: { 'Fn::ImportValue': Match.stringLikeRegexp('AuthorizerFunction') } }],
    });
  });

  it('counts 401 answers from the access log and alarms on a spike', () => {
    template.hasResourceProperties('AWS::Logs::MetricFilter', {
      FilterPattern: '{ $.status = "401" }',
      MetricTransformations: [{ MetricNamespace: METRICS_NAMESPACE, MetricName: API_UNAUTHORIZED_METRIC, MetricValue: '1' }],
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: METRICS_NAMESPACE,
      MetricName: API_UNAUTHORIZED_METRIC,
      Statistic: 'Sum',
      Period: 300,
      Threshold: UNAUTHORIZED_SPIKE_THRESHOLD,
    });
  });

  it('alarms on read or write throttling of every DynamoDB table', () => {
    const throttles = Object.values(resourcesOfType(template, 'AWS::CloudWatch::Alarm')).filter((alarm) =>
      JSON.stringify(alarm.Properties.Metrics ?? []).includes('ThrottleEvents'),
    );
    expect(throttles).toHaveLength(Object.keys(TABLE_SCHEMAS).length);
    for (const alarm of throttles) {
      const metrics = JSON.stringify(alarm.Properties.Metrics);
      expect(metrics).toContain('ReadThrottleEvents');
      expect(metrics).toContain('WriteThrottleEvents');
      expect(alarm.Properties).toMatchObject({ Threshold: 1, ComparisonOperator: 'GreaterThanOrEqualToThreshold' });
    }
  });

  it('alarms on API Gateway 5XX', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { Namespace: 'AWS/ApiGateway', MetricName: '5XXError' });
  });

  it('alarms on the BMC-unreachable metric the API emits through Powertools', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: METRICS_NAMESPACE,
      MetricName: BMC_UNREACHABLE_METRIC,
      Dimensions: [{ Name: 'service', Value: 'bmc-control-plane' }],
      Threshold: BMC_UNREACHABLE_THRESHOLD,
      EvaluationPeriods: 3,
      DatapointsToAlarm: 3,
      TreatMissingData: 'notBreaching',
    });
  });

  it('alarms on the job dead-letter queue, the age of the oldest job message and failed job tasks', () => {
    const dlq = template.findResources('AWS::CloudWatch::Alarm', { Properties: { Namespace: 'AWS/SQS', MetricName: 'ApproximateNumberOfMessagesVisible' } });
    expect(Object.values(dlq)).toHaveLength(1);
    expect(JSON.stringify(dlq)).toContain('JobDeadLetterQueue');
    expect(Object.values(dlq)[0]?.Properties).toMatchObject({ Threshold: 1, Statistic: 'Maximum' });
    const age = template.findResources('AWS::CloudWatch::Alarm', { Properties: { Namespace: 'AWS/SQS', MetricName: 'ApproximateAgeOfOldestMessage' } });
    expect(Object.values(age)).toHaveLength(1);
    expect(JSON.stringify(age)).toContain('JobQueue');
    expect(JSON.stringify(age)).not.toContain('JobDeadLetterQueue');
    expect(Object.values(age)[0]?.Properties).toMatchObject({ Threshold: JOB_QUEUE_AGE_THRESHOLD_SECONDS });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: METRICS_NAMESPACE,
      MetricName: JOB_TASK_FAILED_METRIC,
      Dimensions: [{ Name: 'service', Value: 'bmc-control-plane' }],
      Threshold: JOB_TASK_FAILED_THRESHOLD,
      EvaluationPeriods: 2,
    });
  });

  it('sends every alarm and its recovery to one KMS-encrypted topic', () => {
    template.resourceCountIs('AWS::SNS::Topic', 1);
    template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: Match.anyValue() });
    template.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
    const alarms = Object.values(resourcesOfType(template, 'AWS::CloudWatch::Alarm'));
    // Per function: errors, throttles, duration; the API: 5XX, 401s; per table: throttles; BMCs;
    // jobs: dead letters, oldest message age, failed tasks.
    expect(alarms.length).toBe(Object.keys(HANDLERS).length * 3 + 2 + Object.keys(TABLE_SCHEMAS).length + 1 + 3);
    for (const alarm of alarms) {
      expect(JSON.stringify(alarm.Properties.AlarmActions)).toContain('AlarmTopic');
      expect(JSON.stringify(alarm.Properties.OKActions)).toContain('AlarmTopic');
    }
  });

  it('lets CloudWatch use the topic key, with named actions only', () => {
    const key = Object.values(resourcesOfType(template, 'AWS::KMS::Key'))[0];
    const statements = (key?.Properties.KeyPolicy as { Statement: { Principal?: { Service?: string }; Action: string[] }[] }).Statement;
    const cloudwatch = statements.find((s) => s.Principal?.Service === 'cloudwatch.amazonaws.com');
    expect(cloudwatch?.Action.sort()).toEqual(['kms:Decrypt', 'kms:GenerateDataKey']);
  });

  it('subscribes the alarm e-mail only when one is configured', () => {
    template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'oncall@example.com' });
    withoutEmail.resourceCountIs('AWS::SNS::Subscription', 0);
  });
});
