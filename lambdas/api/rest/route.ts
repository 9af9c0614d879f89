/**
 * One REST route: method, path template, zod schemas for path parameters, query and body (which
 * both validate requests and feed the OpenAPI document), the documented responses, and a handler
 * that receives validated input and calls the core as the caller.
 */
import type { z } from 'zod';
import type { Caller } from '../../core/types.ts';
import type { ApiRequest } from '../http/types.ts';
import type { ApiServices } from '../services.ts';

export interface RestResult {
  readonly status: number;
  /** JSON value, or raw text with `contentType` (exports). */
  readonly body: unknown;
  readonly contentType?: string;
  readonly headers?: Readonly<Record<string, string>>;
}

export interface RouteInput<P, Q, B> {
  readonly params: P;
  readonly query: Q;
  readonly body: B;
  readonly caller: Caller;
  readonly services: ApiServices;
  readonly request: ApiRequest;
}

export interface DocumentedResponse {
  readonly status: number;
  readonly description: string;
  readonly schema?: z.ZodType;
  /** Media type when not JSON (exports). */
  readonly contentType?: string;
  /** Response headers worth documenting, by name, with what they hold (e.g. Location). */
  readonly headers?: Readonly<Record<string, string>>;
}

export interface Route {
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** OpenAPI path template, e.g. `/v1/bmcs/{id}`. */
  readonly path: string;
  readonly operationId: string;
  readonly summary: string;
  readonly tag: string;
  /** Role needed, for the document (the core enforces it). */
  readonly roles: string;
  readonly params?: z.ZodType;
  readonly query?: z.ZodType;
  readonly body?: z.ZodType;
  readonly responses: readonly DocumentedResponse[];
  /** Whether the route talks to BMCs (documents the BMC_* and TIMEOUT answers). */
  readonly touchesBmc?: boolean;
  /** Whether the route honours an Idempotency-Key header (actions on BMCs). */
  readonly idempotent?: boolean;
  handle(input: RouteInput<unknown, unknown, unknown>): Promise<RestResult>;
}

/** Declares a route with its handler typed by its own schemas. */
export function route<P extends z.ZodType = z.ZodType<undefined>, Q extends z.ZodType = z.ZodType<undefined>, B extends z.ZodType = z.ZodType<undefined>>(
  spec: Omit<Route, 'handle' | 'params' | 'query' | 'body'> & {
    readonly params?: P;
    readonly query?: Q;
    readonly body?: B;
    handle(input: RouteInput<z.output<P>, z.output<Q>, z.output<B>>): Promise<RestResult>;
  },
): Route {
  return spec as Route;
}

export const ok = (body: unknown): RestResult => ({ status: 200, body });
export const created = (body: unknown): RestResult => ({ status: 201, body });
