// Per-tenant request rates at the gateway: the key source is the authorizer, tenant methods
// require a key (the tenant's, from the authorizer), the default usage plan carries the CDK
// config's rate, burst and daily quota on the stage, the operator function may manage keys and
// plans and knows the plan's name, and throttled callers get 429 with Retry-After.
import { describe, expect, it } from 'vitest';
import { Match } from 'aws-cdk-lib/assertions';
import { USAGE_PLAN_NAME_ENV } from '../../lambdas/adapters/apigateway/usage-keys.ts';
import { usagePlanName } from '../../cdk/lib/constructs/usage-plan.ts';
import { buildApp, resourcesOfType } from './support.ts';

const { templates } = buildApp();
const api = templates.api;

type Method = { Properties: { HttpMethod: string; AuthorizationType: string; ApiKeyRequired?: boolean; Integration?: { Uri?: unknown } } };

describe('tenant usage plans', () => {
  it('takes the usage key from the authorizer', () => {
    api.hasResourceProperties('AWS::ApiGateway::RestApi', { ApiKeySourceType: 'AUTHORIZER' });
  });

  it('requires a usage key on every tenant method and none on the IAM operator route', () => {
    const methods = Object.values(resourcesOfType(api, 'AWS::ApiGateway::Method')) as unknown as Method[];
    const tenant = methods.filter((m) => m.Properties.AuthorizationType === 'CUSTOM');
    const operator = methods.filter((m) => m.Properties.AuthorizationType === 'AWS_IAM');
    expect(tenant.length).toBeGreaterThanOrEqual(4);
    expect(operator.length).toBe(2);
    for (const m of tenant) expect(m.Properties.ApiKeyRequired).toBe(true);
    for (const m of operator) expect(m.Properties.ApiKeyRequired ?? false).toBe(false);
  });

  it('has a default plan with the configured rate, burst and daily quota on the stage', () => {
    api.hasResourceProperties('AWS::ApiGateway::UsagePlan', {
      UsagePlanName: usagePlanName('dev'),
      Throttle: { RateLimit: 20, BurstLimit: 40 },
      Quota: { Limit: 1_000_000, Period: 'DAY' },
      ApiStages: [Match.objectLike({ ApiId: Match.anyValue(), Stage: Match.anyValue() })],
    });
  });

  it('lets the operator function manage API keys and usage plans, and names the plan in its environment', () => {
    api.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ [USAGE_PLAN_NAME_ENV]: usagePlanName('dev') }) },
    });
    const policies = Object.values(resourcesOfType(api, 'AWS::IAM::Policy')).map((p) => JSON.stringify(p));
    const granting = policies.filter((p) => p.includes('apigateway:POST'));
    expect(granting).toHaveLength(1);
    expect(granting[0]).toContain('OperatorFunction');
    for (const path of ['/apikeys', '/apikeys/*', '/usageplans', '/usageplans/*']) expect(granting[0]).toContain(`::${path}"`);
    for (const action of ['apigateway:GET', 'apigateway:PATCH', 'apigateway:DELETE']) expect(granting[0]).toContain(action);
  });

  it('answers throttled and over-quota tenants with 429 and Retry-After', () => {
    api.hasResourceProperties('AWS::ApiGateway::GatewayResponse', { ResponseType: 'THROTTLED', ResponseParameters: Match.objectLike({ 'gatewayresponse.header.Retry-After': "'1'" }) });
    api.hasResourceProperties('AWS::ApiGateway::GatewayResponse', { ResponseType: 'QUOTA_EXCEEDED', ResponseParameters: Match.objectLike({ 'gatewayresponse.header.Retry-After': "'3600'" }) });
  });
});
