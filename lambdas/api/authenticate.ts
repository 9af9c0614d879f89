/**
 * Authentication at the API edge. Locally every request's `x-api-key` is checked by the core's
 * ApiKeyService; in Lambda the API Gateway authorizer has already done that and its context is
 * trusted (with the same check as a fallback when a handler is invoked without one).
 */
import { unauthenticated } from '../core/errors.ts';
import type { Principal } from '../core/types.ts';
import type { ApiRequest } from './http/types.ts';
import type { ApiServices } from './services.ts';

export type Authenticator = (request: ApiRequest) => Promise<Principal>;

export const API_KEY_HEADER = 'x-api-key';

export function apiKeyAuthenticator(services: Pick<ApiServices, 'apiKeys' | 'tenantGate'>): Authenticator {
  return async (request) => {
    const key = request.headers[API_KEY_HEADER];
    if (key === undefined || key.length === 0) throw unauthenticated(`missing ${API_KEY_HEADER} header`);
    // Keys are short; anything long is not one and is not worth parsing.
    if (key.length > 256) throw unauthenticated();
    return activeTenant(services, await services.apiKeys.authenticate(key));
  };
}

/**
 * The principal when its tenant is active (a suspended or deleted tenant's keys are refused on
 * the next request, whatever a key cache still holds); as is without a tenant gate.
 */
export async function activeTenant(services: Pick<ApiServices, 'tenantGate'>, principal: Principal): Promise<Principal> {
  return services.tenantGate ? services.tenantGate.check(principal) : principal;
}

/**
 * Takes a principal set by the API Gateway authorizer once its key is confirmed still valid and
 * its tenant still active (the gateway caches the authorizer's answer, so a revoked key or a
 * suspended tenant would live on there); checks the x-api-key header otherwise.
 */
export function authorizerOrApiKey(services: Pick<ApiServices, 'apiKeys' | 'tenantGate'>): Authenticator {
  const byKey = apiKeyAuthenticator(services);
  return async (request) => (request.authorizedPrincipal ? activeTenant(services, await services.apiKeys.confirm(request.authorizedPrincipal)) : byKey(request));
}
