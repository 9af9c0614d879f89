/**
 * The OpenAPI 3.1 document of the REST API, built from the same route table and zod schemas
 * that validate requests, so it cannot describe an API other than the one that runs.
 */
import { z } from 'zod';
import { HTTP_STATUS } from '../errors.ts';
import { API_KEY_HEADER } from '../authenticate.ts';
import type { ErrorCode } from '../../core/errors.ts';
import type { Route } from './route.ts';
import { errorBody } from './schemas/responses.ts';

type JsonSchema = Record<string, unknown>;

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' }) as JsonSchema;
  return rest;
}

/** Path or query parameters from an object schema's properties. */
function parameters(schema: z.ZodType | undefined, where: 'path' | 'query'): JsonSchema[] {
  if (!schema) return [];
  const s = jsonSchema(schema, 'input');
  const properties = (s['properties'] ?? {}) as Record<string, JsonSchema>;
  const required = new Set((s['required'] ?? []) as string[]);
  return Object.entries(properties).map(([name, p]) => {
    const { description, ...rest } = p;
    return {
      name,
      in: where,
      required: where === 'path' || required.has(name),
      ...(description === undefined ? {} : { description }),
      schema: rest,
    };
  });
}

const ERROR_DESCRIPTIONS: Readonly<Partial<Record<ErrorCode, string>>> = {
  BAD_USER_INPUT: 'Invalid input (BAD_USER_INPUT); nothing was changed.',
  UNAUTHENTICATED: 'No, or an invalid, expired or revoked API key (UNAUTHENTICATED).',
  FORBIDDEN: 'The role of the key does not allow this (FORBIDDEN).',
  NOT_FOUND: 'No such object in the tenant (NOT_FOUND).',
  CONFLICT: 'The BMC is busy, e.g. rotating credentials (CONFLICT).',
  BMC_UNREACHABLE: 'The BMC did not answer (BMC_UNREACHABLE), refused the credentials (BMC_AUTH_FAILED) or the command (BMC_COMMAND_FAILED, with completionCode).',
  TIMEOUT: 'The operation did not finish in time (TIMEOUT).',
  BMC_BUSY: 'The BMC is at its session or action limit for longer than the request may wait (BMC_BUSY); nothing was sent. Retry after the Retry-After header.',
  RATE_LIMITED: 'This key was refused too often in the current minute (RATE_LIMITED); nothing was done. Retry after the Retry-After header.',
  BMC_AUTH_LOCKED: 'Too many failed logins to this BMC by this tenant in the current window (BMC_AUTH_LOCKED); nothing was sent. Retry after the Retry-After header.',
  INTERNAL: 'Unexpected failure (INTERNAL); see the logs under requestId.',
};

function errorResponses(route: Route): Record<string, JsonSchema> {
  const codes: ErrorCode[] = ['BAD_USER_INPUT', 'UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'RATE_LIMITED', 'INTERNAL'];
  if (route.touchesBmc) codes.push('CONFLICT', 'BMC_UNREACHABLE', 'BMC_BUSY', 'BMC_AUTH_LOCKED', 'TIMEOUT');
  const out: Record<string, JsonSchema> = {};
  for (const code of codes) {
    const status = String(HTTP_STATUS[code]);
    // Codes sharing a status (429) share its description.
    const described = ERROR_DESCRIPTIONS[code] ?? code;
    out[status] = {
      description: out[status] ? `${String(out[status]['description'])} Or: ${described}` : described,
      content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
    };
  }
  return out;
}

function operation(route: Route): JsonSchema {
  const responses: Record<string, JsonSchema> = {};
  for (const r of route.responses) {
    const key = String(r.status);
    const content = { [r.contentType ?? 'application/json']: r.schema ? { schema: jsonSchema(r.schema, 'output') } : {} };
    const existing = responses[key];
    const headers = r.headers && Object.fromEntries(Object.entries(r.headers).map(([name, description]) => [name, { description, schema: { type: 'string' } }]));
    responses[key] = existing
      ? { description: `${String(existing['description'])} / ${r.description}`, content: { ...(existing['content'] as JsonSchema), ...content } }
      : { description: r.description, content, ...(headers && { headers }) };
  }
  return {
    operationId: route.operationId,
    summary: route.summary,
    description: `Roles: ${route.roles}. Every call is checked against the key's tenant and role; changes and denials are audited.`,
    tags: [route.tag],
    parameters: [
      ...parameters(route.params, 'path'),
      ...parameters(route.query, 'query'),
      ...(route.idempotent
        ? [
            {
              name: 'Idempotency-Key',
              in: 'header',
              required: false,
              description:
                'Makes a retry safe: the same key with the same request returns the first answer (header idempotent-replayed: true) without acting again, for 24 hours; with a different request it is refused.',
              schema: { type: 'string', pattern: '^[A-Za-z0-9_.:-]{8,128}$' },
            },
          ]
        : []),
    ],
    ...(route.body && {
      requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(route.body, 'input') } } },
    }),
    responses: { ...responses, ...errorResponses(route) },
  };
}

export function openApiDocument(routes: readonly Route[], serverUrl = '/'): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const route of routes) {
    const item = (paths[route.path] ??= {});
    item[route.method.toLowerCase()] = operation(route);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'BMC Control Plane REST API',
      version: '1.0.0',
      description:
        'Out-of-band management of server fleets over IPMI v2.0 LAN+. The same operations as the GraphQL API at /graphql. ' +
        `Authenticate with an API key in the ${API_KEY_HEADER} header. Errors carry stable codes in error.code.`,
    },
    servers: [{ url: serverUrl }],
    security: [{ apiKey: [] }],
    components: {
      securitySchemes: { apiKey: { type: 'apiKey', in: 'header', name: API_KEY_HEADER } },
      schemas: { Error: jsonSchema(errorBody, 'output') },
    },
    paths,
  };
}
