// The operator route: IAM-authorized (never the API-key authorizer), to the operator function,
// named by the OperatorEndpoint output that `bmc-admin --stack` reads; the functions refuse
// unprovisioned tenants, and the authorizer reads the tenant of every key.
import { describe, expect, it } from 'vitest';
import { HANDLERS } from '../../cdk/lib/handlers.ts';
import { OPERATOR_ENDPOINT_OUTPUT as CLI_OUTPUT } from '../../lambdas/admin-cli/aws-client.ts';
import { OPERATOR_ENDPOINT_OUTPUT } from '../../cdk/lib/constructs/operator-route.ts';
import { REQUIRE_PROVISIONED_ENV } from '../../lambdas/handlers/tenant-settings.ts';
import { buildApp, resourcesOfType } from './support.ts';

const { templates } = buildApp();
const api = templates.api;

type Method = { Properties: { HttpMethod: string; AuthorizationType: string; AuthorizerId?: unknown; ResourceId: unknown; Integration?: { Uri?: unknown } } };

function resourceIdOf(pathPart: string): string[] {
  return Object.entries(resourcesOfType(api, 'AWS::ApiGateway::Resource'))
    .filter(([, r]) => r.Properties['PathPart'] === pathPart)
    .map(([id]) => id);
}

describe('operator route', () => {
  const operatorIds = resourceIdOf('operator');
  const methods = Object.values(resourcesOfType(api, 'AWS::ApiGateway::Method')) as unknown as Method[];
  const operatorMethods = methods.filter((m) => JSON.stringify(m.Properties.ResourceId).includes(operatorIds[0] ?? '?') || JSON.stringify(m.Properties.Integration?.Uri ?? '').includes('OperatorFunction'));

  it('is authorized by AWS IAM on /operator and everything under it, with no API-key authorizer', () => {
    expect(operatorIds).toHaveLength(1);
    expect(operatorMethods.length).toBe(2);
    for (const m of operatorMethods) {
      expect(m.Properties.AuthorizationType).toBe('AWS_IAM');
      expect(m.Properties.AuthorizerId).toBeUndefined();
      expect(JSON.stringify(m.Properties.Integration?.Uri)).toContain('OperatorFunction');
    }
  });

  it('keeps every other route on the API-key authorizer', () => {
    const others = methods.filter((m) => !operatorMethods.includes(m) && m.Properties.HttpMethod !== 'OPTIONS');
    expect(others.length).toBeGreaterThan(0);
    for (const m of others) expect(m.Properties.AuthorizationType).toBe('CUSTOM');
  });

  it('names the endpoint in the output bmc-admin --stack reads', () => {
    expect(OPERATOR_ENDPOINT_OUTPUT).toBe(CLI_OUTPUT);
    expect(Object.keys(api.findOutputs('*')).some((id) => id.startsWith(OPERATOR_ENDPOINT_OUTPUT))).toBe(true);
  });

  it('refuses unprovisioned tenants in every function, and the authorizer reads the tenant of each key', () => {
    const fns = Object.values(resourcesOfType(api, 'AWS::Lambda::Function')).filter((f) => JSON.stringify(f.Properties['Handler'] ?? '').includes('index'));
    expect(fns.length).toBeGreaterThanOrEqual(Object.keys(HANDLERS).length);
    for (const f of fns) expect(JSON.stringify(f.Properties['Environment'])).toContain(`"${REQUIRE_PROVISIONED_ENV}":"true"`);
    expect(HANDLERS.authorizer.tables).toHaveProperty('tenants', 'read');
    expect(HANDLERS.operator.tables).toHaveProperty('tenants', 'operate');
  });
});
