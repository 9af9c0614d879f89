/**
 * The framework-agnostic request and response the API routes speak. The local node:http server
 * and the Lambda handlers each translate their own shapes to and from these, so one router
 * serves both.
 */
import type { Principal } from '../../core/types.ts';

export interface ApiRequest {
  /** Upper-case HTTP method. */
  readonly method: string;
  /** Path without the query string and without any API Gateway stage prefix, e.g. `/v1/bmcs`. */
  readonly path: string;
  readonly query: URLSearchParams;
  /** Header names in lower case; repeated headers joined with `, `. */
  readonly headers: Readonly<Record<string, string>>;
  /** Raw body text ('' when there is none). */
  readonly body: string;
  /** Correlation id: the caller's `x-request-id` if sane, else the platform's or a fresh one. */
  readonly requestId: string;
  /** Where the request came from, for the audit log (client IP or "lambda"). */
  readonly source: string;
  /**
   * The caller as an upstream authorizer already established it (API Gateway's Lambda
   * authorizer context). Only the Lambda adapter sets it, from a field clients cannot forge.
   */
  readonly authorizedPrincipal?: Principal;
  /**
   * The IAM identity (ARN) API Gateway authorized with SigV4 on an IAM-only route (the operator
   * route). Only the Lambda adapter sets it, from the request context.
   */
  readonly iamCaller?: string;
}

export interface ApiResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** Largest request body accepted; GraphQL documents and REST bodies are far smaller. */
export const MAX_BODY_BYTES = 64 * 1024;

export function jsonResponse(status: number, value: unknown, headers: Readonly<Record<string, string>> = {}): ApiResponse {
  return {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers },
    body: JSON.stringify(value),
  };
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Keeps a caller-supplied correlation id only if it cannot be used to forge log lines. */
export function pickRequestId(supplied: string | undefined, fallback: () => string): string {
  return supplied !== undefined && REQUEST_ID.test(supplied) ? supplied : fallback();
}
