/**
 * The REST API as a Lambda handler behind API Gateway (REST API, proxy integration). The
 * services are built once per execution environment and reused across invocations.
 */
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { authorizerOrApiKey } from '../authenticate.ts';
import { createApiApp, type ApiHandler } from '../http/app.ts';
import { fromApiGatewayEvent, toApiGatewayResult } from '../http/lambda-event.ts';
import type { IdempotencyStore } from '../idempotency.ts';
import type { ApiLogger } from '../logger.ts';
import type { ApiServices } from '../services.ts';

export type RestLambdaHandler = (event: APIGatewayProxyEvent) => Promise<APIGatewayProxyResult>;

/** `idempotency`: where Idempotency-Key answers are kept (default: this environment's memory). */
export function createRestLambdaHandler(getServices: () => Promise<ApiServices>, logger: ApiLogger, idempotency?: IdempotencyStore): RestLambdaHandler {
  let app: Promise<ApiHandler> | undefined;
  const appOnce = () =>
    (app ??= getServices().then((services) => createApiApp({ services, authenticate: authorizerOrApiKey(services), logger, ...(idempotency && { idempotency }) })).catch((e: unknown) => {
      // A failed cold start is retried by the next invocation rather than cached forever.
      app = undefined;
      throw e;
    }));
  return async (event) => toApiGatewayResult(await (await appOnce())(fromApiGatewayEvent(event)));
}
