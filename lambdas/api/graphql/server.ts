/**
 * The Apollo Server of the API: schema from the generated type definitions, typed resolvers,
 * errors masked to stable codes, depth and cost limits, no batching, introspection allowed (the
 * schema is public; the data is not). It is transport-free: the local server and the Lambda
 * handler feed it HTTP requests through their own integrations.
 */
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import {
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
  ApolloServerPluginSchemaReportingDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError } from 'graphql';
import { DomainError } from '../../core/errors.ts';
import { typeDefs } from '../generated/type-defs.ts';
import { errorFields, type ApiLogger } from '../logger.ts';
import type { GraphQLContext } from './context.ts';
import { formatError } from './format-error.ts';
import { assertOperationCost, depthLimitRule, MAX_QUERY_TOKENS } from './limits.ts';
import { resolvers } from './resolvers/index.ts';

/** Refuses operations over the cost limit once variables are known, before any resolver runs. */
const costLimitPlugin: ApolloServerPlugin<GraphQLContext> = {
  async requestDidStart() {
    return {
      async didResolveOperation({ document, operation, request, schema }) {
        if (!operation) return;
        try {
          assertOperationCost(schema, document, operation, request.variables ?? {});
        } catch (e) {
          // A plain error thrown here is answered 500 by Apollo; a refused request is the client's 400.
          if (e instanceof DomainError) throw new GraphQLError(e.message, { originalError: e, extensions: { code: e.code, http: { status: 400 } } });
          throw e;
        }
      },
    };
  },
};

/** Logs errors that clients see as INTERNAL, with the request id they got, never the variables. */
function internalErrorLogPlugin(logger: ApiLogger): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart({ contextValue }) {
      return {
        async didEncounterErrors({ errors, operationName }) {
          for (const error of errors) {
            const formatted = formatError({ message: error.message, extensions: error.extensions }, error);
            if (formatted.extensions?.['code'] !== 'INTERNAL') continue;
            logger.error('graphql internal error', {
              requestId: contextValue.caller.requestId,
              operationName: operationName ?? null,
              path: error.path ?? null,
              ...errorFields(unwrapResolverError(error)),
            });
          }
        },
      };
    },
  };
}

export function createGraphQLServer(logger: ApiLogger): ApolloServer<GraphQLContext> {
  return new ApolloServer<GraphQLContext>({
    typeDefs,
    resolvers,
    introspection: true,
    includeStacktraceInErrorResponses: false,
    allowBatchedHttpRequests: false,
    // Automatic persisted queries off: Apollo's APQ cache is one per server, shared by every tenant,
    // so a tenant could learn whether another tenant sent an exact query by asking for its hash.
    persistedQueries: false,
    formatError,
    validationRules: [depthLimitRule()],
    parseOptions: { maxTokens: MAX_QUERY_TOKENS },
    // A GET or simple POST without one of these headers is refused (CSRF); every real client
    // sends x-api-key anyway.
    csrfPrevention: { requestHeaders: ['x-api-key', 'apollo-require-preflight', 'x-apollo-operation-name'] },
    logger: {
      debug: (m) => logger.debug(String(m)),
      info: (m) => logger.info(String(m)),
      warn: (m) => logger.warn(String(m)),
      error: (m) => logger.error(String(m)),
    },
    // Apollo's hosted reporting and federated tracing are off: nothing leaves the deployment, and
    // the Lambda bundles leave out the protobuf package those plugins load (cdk/lib/bundling.ts).
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginInlineTraceDisabled(),
      ApolloServerPluginUsageReportingDisabled(),
      ApolloServerPluginSchemaReportingDisabled(),
      costLimitPlugin,
      internalErrorLogPlugin(logger),
    ],
  });
}
