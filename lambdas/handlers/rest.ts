/** Lambda entry: the REST API (/v1) behind API Gateway. */
import { createRestLambdaHandler } from '../api/lambda/rest-handler.ts';
import { apiServices, powertoolsLogger } from './runtime.ts';

export const handler = createRestLambdaHandler(apiServices, powertoolsLogger());
