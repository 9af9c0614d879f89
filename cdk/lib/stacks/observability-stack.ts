// What pages someone: alarms on the functions, the API, the tables and BMC reachability,
// all sent to one encrypted SNS topic (with an e-mail subscription when configured).
import { Duration, Stack, type StackProps } from 'aws-cdk-lib';
import type { RestApi } from 'aws-cdk-lib/aws-apigateway';
import { Alarm, ComparisonOperator, type IMetric, MathExpression, Metric, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { FilterPattern, type ILogGroup, MetricFilter } from 'aws-cdk-lib/aws-logs';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { Construct } from 'constructs';
import type { DeploymentConfig } from '../config.ts';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { HANDLERS, type HandlerName } from '../handlers.ts';
import type { TableKey } from '../tables.ts';
import { API_UNAUTHORIZED_METRIC, BMC_UNREACHABLE_METRIC, JOB_TASK_FAILED_METRIC, METRICS_NAMESPACE, SERVICE_NAME } from '../telemetry.ts';
import type { DeployedTable } from './data-stack.ts';

export interface ObservabilityStackProps extends StackProps {
  readonly config: DeploymentConfig;
  readonly functions: Record<HandlerName, IFunction>;
  readonly api: RestApi;
  /** The API's access log (one JSON line per request, with `status`). */
  readonly accessLogs: ILogGroup;
  readonly tables: Record<TableKey, DeployedTable>;
  readonly jobQueue: IQueue;
  readonly jobDeadLetterQueue: IQueue;
}

/** A job message waiting this long means workers are not keeping up, or not running at all. */
export const JOB_QUEUE_AGE_THRESHOLD_SECONDS = 900;
/** Failed or unknown job tasks per 5 minutes, two periods running: more than a few sick BMCs. */
export const JOB_TASK_FAILED_THRESHOLD = 25;

/** BMCs failing to answer this often, for 15 minutes running, is an outage of a network, not one server. */
export const BMC_UNREACHABLE_THRESHOLD = 5;

/** A function whose slowest invocation took this share of its timeout is about to time out. */
export const DURATION_NEAR_TIMEOUT = 0.8;

/**
 * 401 answers per 5 minutes that page: a client with a revoked or expired key retrying, or
 * someone guessing keys. A person mistyping a key stays far below it.
 */
export const UNAUTHORIZED_SPIKE_THRESHOLD = 50;

export class ObservabilityStack extends Stack {
  readonly alarmTopic: Topic;
  readonly alarms: Alarm[] = [];
  private readonly namePrefix: string;

  constructor(scope: Construct, id: string, props: ObservabilityStackProps) {
    super(scope, id, props);
    const { config } = props;
    const prefix = `bmc-control-plane-${config.stage}`;
    this.namePrefix = prefix;

    // Alarms cannot publish to a topic encrypted with the AWS managed aws/sns key
    // (its policy does not admit CloudWatch), hence a customer managed key.
    const key = new Key(this, 'AlarmTopicKey', {
      description: `${prefix}: encrypts the alarm topic`,
      enableKeyRotation: true,
    });
    key.grant(new ServicePrincipal('cloudwatch.amazonaws.com'), 'kms:Decrypt', 'kms:GenerateDataKey');
    this.alarmTopic = new Topic(this, 'AlarmTopic', {
      topicName: `${prefix}-alarms`,
      displayName: `BMC Control Plane (${config.stage}) alarms`,
      masterKey: key,
      enforceSSL: true,
    });
    if (config.alarmEmail) this.alarmTopic.addSubscription(new EmailSubscription(config.alarmEmail));

    for (const [name, fn] of Object.entries(props.functions)) {
      this.addAlarm(`${name}-errors`, `${name} function: invocations ended in an unhandled error`, fn.metricErrors(fiveMinuteSum), 1);
      this.addAlarm(`${name}-throttles`, `${name} function: invocations throttled (concurrency limit reached)`, fn.metricThrottles(fiveMinuteSum), 1);
      const timeoutMs = HANDLERS[name as HandlerName].timeoutSeconds * 1000;
      this.addAlarm(
        `${name}-duration`,
        `${name} function: an invocation took ${DURATION_NEAR_TIMEOUT * 100}% or more of its ${timeoutMs / 1000} s timeout`,
        fn.metricDuration({ period: Duration.minutes(5), statistic: 'Maximum' }),
        Math.round(timeoutMs * DURATION_NEAR_TIMEOUT),
      );
    }
    this.addAlarm(
      'api-unauthorized',
      `API Gateway answered 401 (missing, unknown, expired or revoked API key) ${UNAUTHORIZED_SPIKE_THRESHOLD} times or more in 5 minutes`,
      new MetricFilter(this, 'ApiUnauthorizedFilter', {
        logGroup: props.accessLogs,
        filterPattern: FilterPattern.stringValue('$.status', '=', '401'),
        metricNamespace: METRICS_NAMESPACE,
        metricName: API_UNAUTHORIZED_METRIC,
        metricValue: '1',
      }).metric(fiveMinuteSum),
      UNAUTHORIZED_SPIKE_THRESHOLD,
    );
    for (const [key, { table }] of Object.entries(props.tables)) {
      this.addAlarm(
        `${key}-table-throttles`,
        `DynamoDB table ${key}: read or write requests throttled`,
        new MathExpression({
          expression: 'reads + writes',
          usingMetrics: { reads: table.metric('ReadThrottleEvents', fiveMinuteSum), writes: table.metric('WriteThrottleEvents', fiveMinuteSum) },
          label: `${key} throttle events`,
          period: Duration.minutes(5),
        }),
        1,
      );
    }
    this.addAlarm('api-5xx', 'API Gateway answered 5XX (function failures, timeouts, integration errors)', props.api.metricServerError(fiveMinuteSum), 5);
    this.addAlarm(
      'bmc-unreachable',
      `BMCs did not answer RMCP+ (more than ${BMC_UNREACHABLE_THRESHOLD} per 5 minutes for 15 minutes): check the route to the management network`,
      new Metric({
        namespace: METRICS_NAMESPACE,
        metricName: BMC_UNREACHABLE_METRIC,
        dimensionsMap: { service: SERVICE_NAME },
        ...fiveMinuteSum,
      }),
      BMC_UNREACHABLE_THRESHOLD,
      3,
    );
    this.addAlarm(
      'job-dlq',
      'Job messages reached the dead-letter queue: their tasks were retried until SQS gave up; look at the messages and the worker logs',
      props.jobDeadLetterQueue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5), statistic: 'Maximum' }),
      1,
    );
    this.addAlarm(
      'job-queue-age',
      `The oldest job message waited more than ${JOB_QUEUE_AGE_THRESHOLD_SECONDS / 60} minutes: workers are failing, throttled or blocked on slots`,
      props.jobQueue.metricApproximateAgeOfOldestMessage({ period: Duration.minutes(5), statistic: 'Maximum' }),
      JOB_QUEUE_AGE_THRESHOLD_SECONDS,
    );
    this.addAlarm(
      'job-task-failures',
      `More than ${JOB_TASK_FAILED_THRESHOLD} job tasks failed per 5 minutes for 10 minutes`,
      new Metric({ namespace: METRICS_NAMESPACE, metricName: JOB_TASK_FAILED_METRIC, dimensionsMap: { service: SERVICE_NAME }, ...fiveMinuteSum }),
      JOB_TASK_FAILED_THRESHOLD,
      2,
    );
  }

  private addAlarm(name: string, description: string, metric: IMetric, threshold: number, periods = 1): void {
    const alarm = new Alarm(this, `${name}-alarm`, {
      alarmName: `${this.namePrefix}-${name}`,
      alarmDescription: description,
      metric,
      threshold,
      evaluationPeriods: periods,
      datapointsToAlarm: periods,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      // No traffic is not a failure.
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    const action = new SnsAction(this.alarmTopic);
    alarm.addAlarmAction(action);
    alarm.addOkAction(action);
    this.alarms.push(alarm);
  }
}

const fiveMinuteSum = { period: Duration.minutes(5), statistic: 'Sum' } as const;
