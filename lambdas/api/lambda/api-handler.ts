/**
 * An HTTP entry as a Lambda handler behind API Gateway (REST API, proxy integration): the same
 * pipeline the local server runs (lambdas/api/http/pipeline.ts: body limit, security headers,
 * one error shape), with the function's own endpoint. Built once per execution environment at
 * first use; a failed cold start is retried by the next invocation rather than cached.
 */
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { authorizerOrApiKey, type Authenticator } from '../authenticate.ts';
import { fromApiGatewayEvent, toApiGatewayResult } from '../http/lambda-event.ts';
import { httpPipeline, type ApiHandler, type Endpoint } from '../http/pipeline.ts';
import type { ApiLogger } from '../logger.ts';
import type { ApiServices } from '../services.ts';

export type ApiLambdaHandler = (event: APIGatewayProxyEvent, context?: Context) => Promise<APIGatewayProxyResult>;

/** Builds the function's endpoint once its services exist. */
export type EndpointFactory = (services: ApiServices, authenticate: Authenticator) => Promise<Endpoint>;

export function createApiLambdaHandler(getServices: () => Promise<ApiServices>, logger: ApiLogger, endpoint: EndpointFactory): ApiLambdaHandler {
  let app: Promise<ApiHandler> | undefined;
  const build = async (): Promise<ApiHandler> => {
    const services = await getServices();
    return httpPipeline(logger, [await endpoint(services, authorizerOrApiKey(services))]);
  };
  const appOnce = () =>
    (app ??= build().catch((e: unknown) => {
      app = undefined;
      throw e;
    }));
  return async (event) => toApiGatewayResult(await (await appOnce())(fromApiGatewayEvent(event)));
}
