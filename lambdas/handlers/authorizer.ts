/** Lambda entry: API Gateway REQUEST authorizer on the x-api-key header. */
import { createAuthorizerHandler } from '../api/lambda/authorizer.ts';
import { apiKeyServices, powertoolsLogger } from './runtime.ts';

export const handler = createAuthorizerHandler(apiKeyServices, powertoolsLogger());
