/**
 * The web console: its page at `/`, GraphiQL's page also at /graphiql.html (its address in a
 * deployment, where /graphql belongs to API Gateway), and the bundles under /assets
 * (content-hashed, so cached for good).
 */
import type { ConsoleAssets } from './console-assets.ts';
import { GRAPHIQL_NOT_BUILT } from './graphiql-page.ts';
import { CONSOLE_CSP, GRAPHIQL_CSP, htmlHeaders } from './page-security.ts';
import type { Endpoint } from './pipeline.ts';

const NOT_BUILT = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>BMC Control Plane</title></head>
<body><p>The web console is not built on this server. Run <code>npm run build:console</code> and restart; the API works without it (/graphql, /v1).</p></body></html>
`;

export function consoleEndpoint(assets: ConsoleAssets | undefined): Endpoint {
  return (request, path) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return undefined;
    if (path === '/' || path === '/index.html') {
      return Promise.resolve({ status: assets ? 200 : 503, headers: htmlHeaders(CONSOLE_CSP), body: assets?.index ?? NOT_BUILT });
    }
    if (path === '/graphiql.html') {
      return Promise.resolve({ status: assets ? 200 : 503, headers: htmlHeaders(GRAPHIQL_CSP), body: assets?.graphiqlPage ?? GRAPHIQL_NOT_BUILT });
    }
    if (!path.startsWith('/assets/')) return undefined;
    const file = assets?.files.get(path.slice(1));
    if (!file) return undefined;
    return Promise.resolve({ status: 200, headers: { 'content-type': file.contentType, 'cache-control': 'public, max-age=31536000, immutable' }, body: file.body });
  };
}
