/**
 * One mapping from the domain's stable error codes (lambdas/core/errors.ts) to what GraphQL
 * and REST clients see: `extensions.code` and an HTTP status. INTERNAL errors never show
 * their cause; it goes to the log under the request id.
 */
import { GraphQLError } from 'graphql';
import { DomainError, type ErrorCode } from '../core/errors.ts';

export const HTTP_STATUS: Readonly<Record<ErrorCode, number>> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  BAD_USER_INPUT: 400,
  CONFLICT: 409,
  // The BMC, not this API, failed: a gateway error, as a proxy would report it.
  BMC_UNREACHABLE: 502,
  BMC_AUTH_FAILED: 502,
  BMC_COMMAND_FAILED: 502,
  // Retryable: the BMC's session table is full, it is busy, or our own protection of it refused
  // to queue longer; nothing was done. Temporarily unavailable, with Retry-After when known.
  BMC_BUSY: 503,
  // The caller's own key, not the BMC: Too Many Requests, with Retry-After.
  RATE_LIMITED: 429,
  // The tenant's failed BMC logins, not the BMC: Too Many Requests, with Retry-After.
  BMC_AUTH_LOCKED: 429,
  TIMEOUT: 504,
  INTERNAL: 500,
};

/** The public form of any thrown value: safe message, stable code, optional details. */
export interface PublicError {
  readonly code: ErrorCode;
  readonly message: string;
  readonly completionCode?: number;
  readonly field?: string;
  /** BMC_BUSY, RATE_LIMITED: seconds after which a retry may succeed (REST also sends Retry-After). */
  readonly retryAfterSeconds?: number;
  /** Present (true) on codes where the same request may succeed later. */
  readonly retryable?: true;
}

export function publicError(e: unknown): PublicError {
  if (!(e instanceof DomainError)) return { code: 'INTERNAL', message: 'internal error' };
  if (e.code === 'INTERNAL') return { code: 'INTERNAL', message: 'internal error' };
  return {
    code: e.code,
    message: e.message,
    ...(e.completionCode === undefined ? {} : { completionCode: e.completionCode }),
    ...(e.field === undefined ? {} : { field: e.field }),
    ...(e.retryAfterSeconds === undefined ? {} : { retryAfterSeconds: e.retryAfterSeconds }),
    ...(e.code === 'BMC_BUSY' || e.code === 'RATE_LIMITED' ? { retryable: true as const } : {}),
  };
}

/** A domain error as a GraphQLError whose extensions carry the stable code. */
export function toGraphQLError(e: unknown): GraphQLError {
  const p = publicError(e);
  const { message, ...extensions } = p;
  return new GraphQLError(message, { extensions, originalError: e instanceof Error ? e : undefined });
}
