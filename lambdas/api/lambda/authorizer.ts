/**
 * API Gateway REQUEST authorizer on the x-api-key header. A valid key yields an Allow policy for
 * the whole API (API Gateway caches the decision per key, so the policy must not be specific to
 * the first method called) and a context with tenant, role, actor and key id for the handlers.
 * Anything else is "Unauthorized", which API Gateway answers with 401.
 */
import type { APIGatewayAuthorizerResult, APIGatewayRequestAuthorizerEvent } from 'aws-lambda';
import { isDomainError } from '../../core/errors.ts';
import { RefusedKeyError } from '../../core/services/api-key-service.ts';
import { refuse } from '../refusals.ts';
import { activeTenant, API_KEY_HEADER } from '../authenticate.ts';
import { AUTHORIZER_CONTEXT } from '../http/lambda-event.ts';
import { encodeScope } from '../../core/key-scope.ts';
import { errorFields, type ApiLogger } from '../logger.ts';
import type { ApiServices } from '../services.ts';

export type AuthorizerHandler = (event: APIGatewayRequestAuthorizerEvent) => Promise<APIGatewayAuthorizerResult>;

/** `arn:aws:execute-api:region:account:apiId/stage/METHOD/path` -> `arn:aws:execute-api:region:account:apiId/stage/*`. */
export function wholeApiArn(methodArn: string): string {
  const [api, stage] = methodArn.split('/');
  if (!api?.startsWith('arn:aws') || !api.includes(':execute-api:') || !stage) throw new Error('Unauthorized');
  return `${api}/${stage}/*`;
}

function headerValue(event: APIGatewayRequestAuthorizerEvent, name: string): string | undefined {
  for (const [k, v] of Object.entries(event.headers ?? {})) if (k.toLowerCase() === name && v) return v;
  return undefined;
}

/** What the authorizer uses: key lookups, and the audit log where refusals of known keys go. */
export type AuthorizerServices = Pick<ApiServices, 'apiKeys' | 'audit'> & Partial<Pick<ApiServices, 'denials' | 'tenantGate'>>;

/**
 * A revoked or expired key is recorded as a denied attempt in its own tenant (refusals.ts), with
 * API Gateway's route template as the target; an unknown key is a log line only.
 */
async function recordRefusal(services: AuthorizerServices, logger: ApiLogger, event: APIGatewayRequestAuthorizerEvent, e: unknown): Promise<void> {
  const route = `api:${event.httpMethod ?? ''} ${event.resource ?? ''}`.trim();
  const requestId = event.requestContext?.requestId ?? 'authorizer';
  const source = event.requestContext?.identity?.sourceIp ?? 'lambda';
  if (e instanceof RefusedKeyError) {
    await refuse({ services, logger }, { principal: e.principal, requestId, source }, { action: 'authorize', target: route }, e, { reason: `key ${e.reason}` });
  } else {
    logger.warn('refused unknown credentials', { requestId, source, action: 'authorize', target: route });
  }
}

export function createAuthorizerHandler(getServices: () => Promise<AuthorizerServices>, logger: ApiLogger): AuthorizerHandler {
  return async (event) => {
    const key = headerValue(event, API_KEY_HEADER);
    if (!key || key.length > 256) throw new Error('Unauthorized');
    let principal;
    let services: AuthorizerServices | undefined;
    try {
      services = await getServices();
      principal = await activeTenant(services, await services.apiKeys.authenticate(key));
    } catch (e) {
      if (services && isDomainError(e) && e.code === 'UNAUTHENTICATED') await recordRefusal(services, logger, event, e);
      else {
        // Not the caller's fault (e.g. the key table is unavailable): log it, but still refuse.
        logger.error('authorizer failure', { requestId: event.requestContext?.requestId, ...errorFields(e) });
      }
      throw new Error('Unauthorized');
    }
    // The tenant's key in API Gateway's usage plans: the gateway throttles each tenant on its own plan.
    const usageIdentifierKey = await services.tenantGate?.usageKeyOf(principal.tenantId);
    return {
      principalId: principal.actor,
      ...(usageIdentifierKey && { usageIdentifierKey }),
      policyDocument: {
        Version: '2012-10-17',
        Statement: [{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: wholeApiArn(event.methodArn) }],
      },
      context: {
        [AUTHORIZER_CONTEXT.tenantId]: principal.tenantId,
        [AUTHORIZER_CONTEXT.role]: principal.role,
        [AUTHORIZER_CONTEXT.actor]: principal.actor,
        [AUTHORIZER_CONTEXT.keyId]: principal.keyId ?? '',
        [AUTHORIZER_CONTEXT.scope]: encodeScope(principal.scope),
      },
    };
  };
}
