/** API keys: list, create (the key is in this answer only), revoke. */
import { created, ok, route, type Route } from '../route.ts';
import { createApiKeyBody, idParams, pageQuery } from '../schemas/requests.ts';
import * as res from '../schemas/responses.ts';
import { apiKeyView } from '../views.ts';

const keys = { tag: 'api keys', roles: 'admin' } as const;

export const apiKeyRoutes: readonly Route[] = [
  route({
    ...keys,
    method: 'GET',
    path: '/v1/api-keys',
    operationId: 'listApiKeys',
    summary: 'API keys of the tenant',
    query: pageQuery,
    responses: [{ status: 200, description: 'A page of keys (never their secrets).', schema: res.page(res.apiKey) }],
    handle: async ({ query, caller, services }) => {
      const page = await services.apiKeys.list(caller, { limit: query.limit ?? 20, cursor: query.cursor ?? null });
      return ok({ items: page.items.map(apiKeyView), nextCursor: page.nextCursor });
    },
  }),
  route({
    ...keys,
    method: 'POST',
    path: '/v1/api-keys',
    operationId: 'createApiKey',
    summary: 'Create an API key; the key is shown in this answer only',
    body: createApiKeyBody,
    responses: [{ status: 201, description: 'The stored key and, this once, the key itself.', schema: res.createdApiKey }],
    handle: async ({ body, caller, services }) => {
      const c = await services.apiKeys.create(caller, { name: body.name, role: body.role, expiresAt: body.expiresAt ?? null, scope: body.scope ?? null });
      return created({ apiKey: apiKeyView(c.info), key: c.key });
    },
  }),
  route({
    ...keys,
    method: 'DELETE',
    path: '/v1/api-keys/{id}',
    operationId: 'revokeApiKey',
    summary: 'Revoke an API key at once',
    params: idParams,
    responses: [{ status: 200, description: 'The revoked key.', schema: res.apiKey }],
    handle: async ({ params, caller, services }) => ok(apiKeyView(await services.apiKeys.revoke(caller, params.id))),
  }),
];
