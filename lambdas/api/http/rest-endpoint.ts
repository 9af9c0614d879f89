/** REST under /v1, with its OpenAPI document at /v1/openapi.json. */
import { openApiDocument } from '../rest/openapi.ts';
import { createRestRouter, REST_ROUTES, type RestRouterOptions } from '../rest/router.ts';
import type { Endpoint } from './pipeline.ts';

export function restEndpoint(options: RestRouterOptions): Endpoint {
  const rest = createRestRouter(options);
  const openapi = JSON.stringify(openApiDocument(REST_ROUTES));
  return (request, path) => {
    if (path === '/v1/openapi.json' && request.method === 'GET') {
      return Promise.resolve({ status: 200, headers: { 'content-type': 'application/json; charset=utf-8' }, body: openapi });
    }
    if (path === '/v1' || path.startsWith('/v1/')) return rest(request);
    return undefined;
  };
}
