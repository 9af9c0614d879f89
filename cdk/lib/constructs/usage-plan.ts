// Per-tenant request rates at the gateway (docs/keys-and-limits.md): the REST API takes its usage
// key from the authorizer (apiKeySource AUTHORIZER), which returns each tenant's key as
// `usageIdentifierKey`; every tenant method requires one, so API Gateway throttles and counts
// each tenant on its plan. The default plan (rate, burst and daily quota from the CDK config) is
// made here; the operator function creates a key per tenant on it, moves a tenant whose operator
// set `requestsPerSecond` to a plan of its own, and deletes both with the tenant.
import { Aws, Validations } from 'aws-cdk-lib';
import { type IRestApi, Period, type RestApi, type UsagePlan } from 'aws-cdk-lib/aws-apigateway';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { USAGE_PLAN_NAME_ENV } from '../../../lambdas/adapters/apigateway/usage-keys.ts';

export interface TenantUsagePlanProps {
  readonly api: RestApi;
  readonly stage: string;
  readonly rateLimit: number;
  readonly burstLimit: number;
  /** Requests per tenant per day; 0: no daily quota. */
  readonly quotaPerDay: number;
}

export function usagePlanName(stage: string): string {
  return `bmc-control-plane-${stage}-default`;
}

export function addTenantUsagePlan(props: TenantUsagePlanProps): UsagePlan {
  const { api } = props;
  return api.addUsagePlan('TenantDefaultUsagePlan', {
    name: usagePlanName(props.stage),
    description: 'Requests of each tenant (its key from the authorizer), unless the operator gave it a plan of its own',
    throttle: { rateLimit: props.rateLimit, burstLimit: props.burstLimit },
    ...(props.quotaPerDay > 0 && { quota: { limit: props.quotaPerDay, period: Period.DAY } }),
    // aws-cdk-lib types some RestApi members `T | undefined` where IRestApi says `?: T` (exactOptionalPropertyTypes); the object is the same.
    apiStages: [{ api: api as IRestApi, stage: api.deploymentStage }],
  });
}

/**
 * The operator function's part: the plan's name in its environment (it cannot take the plan's id,
 * which depends on the stage, which depends on this function), and the right to manage API keys
 * and usage plans of the region's API Gateway.
 */
export function grantUsageKeyManagement(fn: LambdaFunction, stage: string): void {
  fn.addEnvironment(USAGE_PLAN_NAME_ENV, usagePlanName(stage));
  const arn = (path: string) => `arn:${Aws.PARTITION}:apigateway:${Aws.REGION}::${path}`;
  fn.addToRolePolicy(
    new PolicyStatement({
      actions: ['apigateway:GET', 'apigateway:POST', 'apigateway:PATCH', 'apigateway:DELETE'],
      resources: [arn('/apikeys'), arn('/apikeys/*'), arn('/usageplans'), arn('/usageplans/*'), arn('/tags/*')],
    }),
  );
  const reason = "The operator function creates and deletes one API key and at most one usage plan per tenant; their ids are made at run time, so API Gateway's key and plan paths end in a wildcard.";
  for (const path of ['/apikeys/*', '/usageplans/*', '/tags/*']) {
    // The grant lands in the role's default policy, which may live outside the function's scope.
    Validations.of(fn.role ?? fn).acknowledge({ id: `AwsSolutions::AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:apigateway:<AWS::Region>::${path}]`, reason });
  }
}
