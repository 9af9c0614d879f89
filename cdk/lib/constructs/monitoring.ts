// Fleet monitoring's AWS parts: the schedule that starts collection cycles (the worker
// function, once a minute: a policy goes down to 1 minute) and the EventBridge bus that
// carries one event per change to AWS-native consumers (lambdas/adapters/eventbridge).
import { Duration } from 'aws-cdk-lib';
import { EventBus, Rule, RuleTargetInput, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { MONITOR_SCHEDULE_INPUT } from '../../../lambdas/handlers/worker-inputs.ts';

/** The schedule's tick: the shortest interval a policy may set in AWS. */
export const MONITOR_SCHEDULE_MINUTES = 1;
export const EVENT_BUS_ENV = 'EVENT_BUS_NAME';

export interface MonitoringProps {
  readonly stage: string;
}

/** The bus first (the worker's environment names it), then `scheduleOn(worker)`. */
export class Monitoring extends Construct {
  readonly bus: EventBus;
  schedule: Rule | undefined;

  constructor(scope: Construct, id: string, props: MonitoringProps) {
    super(scope, id);
    this.bus = new EventBus(this, 'Bus', { eventBusName: `bmc-control-plane-${props.stage}-monitoring`, description: 'Fleet monitoring events, one per change, tenant id in the detail' });
  }

  /** The schedule that runs the worker's monitoring entry point; the worker may put events on the bus. */
  scheduleOn(worker: IFunction): Rule {
    this.bus.grantPutEventsTo(worker);
    this.schedule = new Rule(this, 'Schedule', {
      description: 'Starts the due collection cycles of every tenant\'s monitoring policy as jobs (the worker function)',
      schedule: Schedule.rate(Duration.minutes(MONITOR_SCHEDULE_MINUTES)),
      // A missed tick is made up by the next one (rules stay due until claimed); retries would only overlap it.
      targets: [new LambdaFunction(worker, { retryAttempts: 0, event: RuleTargetInput.fromObject(MONITOR_SCHEDULE_INPUT) })],
    });
    return this.schedule;
  }
}
