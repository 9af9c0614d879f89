import { Match, type Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { BMC_UNREACHABLE_THRESHOLD } from '../../cdk/lib/stacks/observability-stack.ts';
import { BMC_UNREACHABLE_METRIC, METRICS_NAMESPACE } from '../../cdk/lib/telemetry.ts';
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
      expect(alarms).toHaveLength(3);
      for (const alarm of alarms) {
        expect(alarm.Properties).toMatchObject({ Statistic: 'Sum', Threshold: 1, ComparisonOperator: 'GreaterThanOrEqualToThreshold' });
      }
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

  it('sends every alarm and its recovery to one KMS-encrypted topic', () => {
    template.resourceCountIs('AWS::SNS::Topic', 1);
    template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: Match.anyValue() });
    template.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
    const alarms = Object.values(resourcesOfType(template, 'AWS::CloudWatch::Alarm'));
    expect(alarms.length).toBe(8);
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
