/**
 * The page at GET /graphql for browsers: GraphiQL from the console's bundle (no CDN: management
 * networks are often offline). The page holds no inline script; the bundle reads the API key
 * from the tab's sessionStorage or asks for it, and sends it in `x-api-key`.
 */
import type { ConsoleAssets } from './console-assets.ts';

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function graphiqlHtml(assets: ConsoleAssets['graphiql'] | undefined): string {
  const head = assets
    ? `<link rel="stylesheet" href="${escape(assets.css)}">\n<script defer src="${escape(assets.js)}"></script>`
    : '';
  const body = assets
    ? '<div id="graphiql"><noscript>GraphiQL needs JavaScript.</noscript></div>'
    : '<p>GraphiQL is not built on this server. Run <code>npm run build:console</code> and restart; the API itself works without it (POST /graphql).</p>';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>BMC Control Plane - GraphiQL</title>
${head}
</head>
<body>
${body}
</body>
</html>
`;
}

const ASSET_PATH = /^assets\/[\w.-]{1,128}$/;

/**
 * GraphiQL's bundle names in a deployment, where the console's files are served beside the API
 * (cdk/lib/constructs/console-site.ts sets GRAPHIQL_JS and GRAPHIQL_CSS from the build).
 */
export function graphiqlAssetsFromEnv(env: Readonly<Record<string, string | undefined>>): ConsoleAssets['graphiql'] | undefined {
  const js = env['GRAPHIQL_JS'];
  const css = env['GRAPHIQL_CSS'];
  return js && css && ASSET_PATH.test(js) && ASSET_PATH.test(css) ? { js, css } : undefined;
}
