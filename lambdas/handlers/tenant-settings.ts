/**
 * Tenant provisioning in the Lambda functions (docs/tenants.md): the registry and endpoint claims
 * over the tenants and BMC tables. REQUIRE_PROVISIONED_TENANTS=true (the CDK app sets it) refuses
 * tenants the registry does not know. Loopback BMC addresses are only accepted where the local
 * credentials seam is in use (tests; settings.ts): never in a deployed stack.
 */
import type { TenantPorts } from '../core/index.ts';
import type { EndpointClaims, TenantRegistry } from '../core/tenants/ports.ts';
import { localCredentialsDir } from './settings.ts';
import { ApiGatewayUsageKeys, managementApi, USAGE_PLAN_NAME_ENV } from '../adapters/apigateway/usage-keys.ts';

export const REQUIRE_PROVISIONED_ENV = 'REQUIRE_PROVISIONED_TENANTS';

export function tenantPorts(stores: { tenantRegistry: TenantRegistry; endpointClaims: EndpointClaims }, env: Readonly<Record<string, string | undefined>> = process.env): TenantPorts {
  // Each tenant's API Gateway usage key, where the CDK app named the default plan (the operator function).
  const planName = env[USAGE_PLAN_NAME_ENV];
  const region = env['AWS_REGION'];
  const usageKeys = planName && region ? new ApiGatewayUsageKeys(managementApi(region), planName) : undefined;
  return {
    registry: stores.tenantRegistry,
    claims: stores.endpointClaims,
    allowLoopback: localCredentialsDir(env) !== undefined,
    requireProvisioned: env[REQUIRE_PROVISIONED_ENV] === 'true',
    ...(usageKeys && { usageKeys }),
  };
}
