/** Lambda entry: the GraphQL API behind API Gateway. */
import { createGraphQLLambdaHandler } from '../api/lambda/graphql-handler.ts';
import { apiServices, powertoolsLogger } from './runtime.ts';

export const handler = createGraphQLLambdaHandler(apiServices, powertoolsLogger());
