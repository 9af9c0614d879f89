/**
 * What GraphQL clients see of an error. Domain errors keep their stable code and safe message;
 * Apollo's and graphql-js's request errors (parse, validation, variable coercion) all become
 * BAD_USER_INPUT with the original code in `extensions.reason`; anything else is masked as
 * INTERNAL. Values echoed by graphql-js in coercion messages are cut, since a mistyped password
 * would otherwise come back in the response (and in any log of it).
 */
import type { GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { DomainError, ERROR_CODES, type ErrorCode } from '../../core/errors.ts';
import { publicError } from '../errors.ts';

/** Apollo / graphql-js codes for requests that are wrong as sent. */
const REQUEST_ERROR_CODES: ReadonlySet<string> = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
]);

const STABLE: ReadonlySet<string> = new Set(ERROR_CODES);

/**
 * graphql-js quotes the offending value in coercion errors ("got invalid value 123 at ...",
 * "String cannot represent a non string value: 123"); keep the path and the reason only.
 */
export function withoutEchoedValues(message: string): string {
  return message
    .replace(/got invalid value .*? at "/s, 'got an invalid value at "')
    .replace(/got invalid value .*?;/s, 'got an invalid value;')
    .replace(/(cannot represent[^:]*?): .*$/s, '$1')
    .replace(/(Expected value of type "[^"]+"), found .*?([;.]|$)/s, '$1$2');
}

/**
 * The domain error behind an error, through any wrapping (graphql-js and Apollo keep the cause in
 * `originalError`). Walked by property rather than `instanceof GraphQLError`: a bundler or test
 * runner may load graphql's CommonJS and ESM builds side by side, with two GraphQLError classes.
 */
function domainErrorOf(error: unknown): DomainError | undefined {
  let e: unknown = unwrapResolverError(error);
  for (let depth = 0; depth < 5 && !(e instanceof DomainError) && typeof e === 'object' && e !== null && 'originalError' in e; depth++) {
    e = (e as { originalError: unknown }).originalError;
  }
  return e instanceof DomainError ? e : undefined;
}

export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const where = {
    ...(formatted.locations ? { locations: formatted.locations } : {}),
    ...(formatted.path ? { path: formatted.path } : {}),
  };
  const domain = domainErrorOf(error);
  if (domain) {
    const { message, ...extensions } = publicError(domain);
    return { message, ...where, extensions };
  }
  const code = formatted.extensions?.['code'];
  if (typeof code === 'string' && REQUEST_ERROR_CODES.has(code)) {
    return { message: withoutEchoedValues(formatted.message), ...where, extensions: { code: 'BAD_USER_INPUT' satisfies ErrorCode, reason: code } };
  }
  // Errors this API raised itself with a stable code (authentication, limits) pass as they are.
  if (typeof code === 'string' && STABLE.has(code) && code !== 'INTERNAL') {
    return { message: formatted.message, ...where, extensions: { code } };
  }
  return { message: 'internal error', ...where, extensions: { code: 'INTERNAL' satisfies ErrorCode } };
}
