/**
 * The GraphQL API as a Lambda handler behind API Gateway, on Apollo's Lambda integration. The
 * caller comes from the authorizer's context (or, invoked without one, from the x-api-key
 * header through the core); browsers asking for HTML get the explorer page.
 */
import { handlers, startServerAndCreateLambdaHandler } from '@as-integrations/aws-lambda';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
// The integration is CommonJS and types its parameter with Apollo's CommonJS build; the class is
// the same at run time, but TypeScript sees two declarations (private fields differ by origin).
import type { ApolloServer as CjsApolloServer } from '@apollo/server' with { 'resolution-mode': 'require' };
import { authorizerOrApiKey } from '../authenticate.ts';
import { publicError } from '../errors.ts';
import { graphqlErrorResponse } from '../graphql/http.ts';
import { withGraphQLIdempotency } from '../graphql/idempotency.ts';
import type { ApiResponse } from '../http/types.ts';
import { MemoryIdempotencyStore, type IdempotencyStore } from '../idempotency.ts';
import type { GraphQLContext } from '../graphql/context.ts';
import { createGraphQLServer } from '../graphql/server.ts';
import { explorerHtml } from '../http/explorer.ts';
import { fromApiGatewayEvent, toApiGatewayResult } from '../http/lambda-event.ts';
import { errorFields, type ApiLogger } from '../logger.ts';
import type { ApiServices } from '../services.ts';

export type GraphQLLambdaHandler = (event: APIGatewayProxyEvent, context: Context) => Promise<APIGatewayProxyResult>;

function wantsExplorer(event: APIGatewayProxyEvent): boolean {
  const accept = Object.entries(event.headers ?? {}).find(([k]) => k.toLowerCase() === 'accept')?.[1] ?? '';
  return event.httpMethod === 'GET' && !event.queryStringParameters?.['query'] && /\btext\/html\b/.test(accept);
}

function jsonOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function stringHeaders(headers: APIGatewayProxyResult['headers']): Record<string, string> {
  return Object.fromEntries(Object.entries(headers ?? {}).map(([k, v]) => [k, String(v)]));
}

export function createGraphQLLambdaHandler(
  getServices: () => Promise<ApiServices>,
  logger: ApiLogger,
  idempotency: IdempotencyStore = new MemoryIdempotencyStore(),
): GraphQLLambdaHandler {
  const server = createGraphQLServer(logger);
  // The caller is established before Apollo runs (as the local server does), so a refusal is a
  // plain 401 with code UNAUTHENTICATED; the context function only hands it over.
  const callers = new WeakMap<APIGatewayProxyEvent, GraphQLContext>();
  const apollo = startServerAndCreateLambdaHandler(server as unknown as CjsApolloServer<GraphQLContext>, handlers.createAPIGatewayProxyEventRequestHandler(), {
    context: async ({ event }): Promise<GraphQLContext> => {
      const context = callers.get(event);
      if (!context) throw new Error('GraphQL context missing: event was not authenticated');
      return context;
    },
  });
  return async (event, lambdaContext) => {
    if (wantsExplorer(event)) {
      // Under a stage, the endpoint is relative to the page: keep whatever prefix the browser used.
      return { statusCode: 200, headers: { 'content-type': 'text/html; charset=utf-8' }, body: explorerHtml('graphql') };
    }
    const request = fromApiGatewayEvent(event);
    let response: ApiResponse;
    try {
      const services = await getServices();
      const principal = await authorizerOrApiKey(services)(request);
      callers.set(event, { caller: { principal, requestId: request.requestId, source: request.source }, services });
      response = await withGraphQLIdempotency(idempotency, principal, request.headers, jsonOrUndefined(request.body), async () => {
        const result = (await apollo(event, lambdaContext, () => undefined)) as APIGatewayProxyResult;
        return { status: result.statusCode, headers: stringHeaders(result.headers), body: result.body };
      });
    } catch (e) {
      if (publicError(e).code === 'INTERNAL') logger.error('graphql cold start or authentication failure', { requestId: request.requestId, ...errorFields(e) });
      response = graphqlErrorResponse(e);
    }
    return toApiGatewayResult({ ...response, headers: { ...response.headers, 'x-request-id': request.requestId } });
  };
}
