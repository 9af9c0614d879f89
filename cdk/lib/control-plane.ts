// The whole deployment: four stacks, stateful data apart from stateless compute,
// wired in dependency order network -> data -> api -> observability.
import { type App, type Environment, Tags, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { DeploymentConfig } from './config.ts';
import { ApiStack } from './stacks/api-stack.ts';
import { ConsoleStack } from './stacks/console-stack.ts';
import { DataStack } from './stacks/data-stack.ts';
import { NetworkStack } from './stacks/network-stack.ts';
import { ObservabilityStack } from './stacks/observability-stack.ts';

export interface ControlPlaneStacks {
  readonly network: NetworkStack;
  readonly data: DataStack;
  readonly api: ApiStack;
  readonly observability: ObservabilityStack;
  readonly console: ConsoleStack;
}

export interface ControlPlaneOptions {
  /** Account and region; absent = environment-agnostic templates (synth needs no credentials). */
  readonly env?: Environment;
}

export function buildControlPlane(app: App, config: DeploymentConfig, options: ControlPlaneOptions = {}): ControlPlaneStacks {
  const name = (part: string) => `BmcControlPlane-${config.stage}-${part}`;
  const common = { config, ...(options.env ? { env: options.env } : {}) };

  const network = new NetworkStack(app, name('Network'), { ...common, description: 'BMC Control Plane: VPC, endpoints, function security group' });
  const data = new DataStack(app, name('Data'), { ...common, description: 'BMC Control Plane: DynamoDB tables (stateful)' });
  const api = new ApiStack(app, name('Api'), {
    ...common,
    description: 'BMC Control Plane: Lambda functions and API Gateway',
    vpc: network.vpc,
    subnets: network.functionSubnets,
    securityGroup: network.functionSecurityGroup,
    tables: data.tables,
    auditSigningKey: data.auditSigningKey,
  });
  const observability = new ObservabilityStack(app, name('Observability'), {
    ...common,
    description: 'BMC Control Plane: alarms and alarm topic',
    functions: api.functions,
    api: api.api,
    accessLogs: api.accessLogs,
    tables: data.tables,
    jobQueue: api.jobQueue,
    jobDeadLetterQueue: api.jobDeadLetterQueue,
  });

  // The web console on S3 behind CloudFront, which also fronts the API on the same origin.
  const webConsole = new ConsoleStack(app, name('Console'), { ...common, description: 'BMC Control Plane: web console (S3 + CloudFront) in front of the API', api: api.api });

  Tags.of(app).add('application', 'bmc-control-plane');
  Tags.of(app).add('stage', config.stage);
  // Synthesis fails on any finding that is not acknowledged; each acknowledgement sits
  // next to the construct it concerns, with its reason.
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
  return { network, data, api, observability, console: webConsole };
}
