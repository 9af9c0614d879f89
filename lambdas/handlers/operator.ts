/**
 * Lambda entry: the operator endpoint (/operator) behind the IAM-authorized route. API Gateway has
 * checked the caller's SigV4 signature and IAM permission (execute-api:Invoke on this route)
 * before the function runs; the identity it authorized is the operator in the audit chains.
 */
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { fromApiGatewayEvent, toApiGatewayResult } from '../api/http/lambda-event.ts';
import { httpPipeline, type ApiHandler } from '../api/http/pipeline.ts';
import { iamOperatorAuthenticator } from '../api/operator/authenticate.ts';
import { operatorEndpoint } from '../api/operator/endpoint.ts';
import type { ApiLogger } from '../api/logger.ts';
import type { CoreServices } from '../core/index.ts';
import { internal } from '../core/errors.ts';
import { apiServices } from './api-runtime.ts';
import { powertoolsLogger } from './runtime.ts';

export function operatorEntry(getServices: () => Promise<CoreServices>, logger: ApiLogger): (event: APIGatewayProxyEvent) => Promise<APIGatewayProxyResult> {
  let app: Promise<ApiHandler> | undefined;
  const build = async () => {
    const services = await getServices();
    if (!services.operator) throw internal('the operator service needs the tenant ports');
    return httpPipeline(logger, [operatorEndpoint({ operator: services.operator, authenticate: iamOperatorAuthenticator(), services, logger })]);
  };
  return async (event) => {
    app ??= build().catch((e: unknown) => {
      app = undefined;
      throw e;
    });
    return toApiGatewayResult(await (await app)(fromApiGatewayEvent(event)));
  };
}

export const handler = operatorEntry(apiServices, powertoolsLogger());
