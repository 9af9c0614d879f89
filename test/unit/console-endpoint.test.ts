/**
 * The console's static serving: a build read from its folder, `/` and /graphiql.html with their
 * CSP, hashed bundles with their types, and nothing else answered (other paths and methods pass
 * on to the API's endpoints).
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConsoleAssets } from '../../lambdas/api/http/console-assets.ts';
import { consoleEndpoint } from '../../lambdas/api/http/console-endpoint.ts';
import { CONSOLE_CSP, GRAPHIQL_CSP } from '../../lambdas/api/http/page-security.ts';
import type { ApiRequest } from '../../lambdas/api/http/types.ts';
import { ConfigError, localConfig } from '../../lambdas/local/config.ts';

let dir: string;
const request = (method: string, path: string): ApiRequest => ({ method, path, query: new URLSearchParams(), headers: {}, body: '', requestId: 'r', source: 'test' });

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bmcp-console-build-'));
  await mkdir(join(dir, 'assets'));
  await writeFile(join(dir, 'index.html'), '<!doctype html><script defer src="assets/app-A1.js"></script>');
  await writeFile(join(dir, 'graphiql.html'), '<!doctype html><script defer src="assets/graphiql-B2.js"></script>');
  await writeFile(join(dir, 'assets/app-A1.js'), 'console.log(1)');
  await writeFile(join(dir, 'assets/app-C3.css'), 'body{}');
  await writeFile(join(dir, 'assets/graphiql-B2.js'), 'console.log(2)');
  await writeFile(join(dir, 'assets/notes.bin'), 'x');
  await writeFile(join(dir, 'manifest.json'), '{}');
});

afterAll(() => rm(dir, { recursive: true, force: true }));

describe('console endpoint', () => {
  it('serves the page at / and GraphiQL at /graphiql.html, each with its CSP and no inline script allowed', async () => {
    const serve = consoleEndpoint(loadConsoleAssets(dir));
    const index = await serve(request('GET', '/'), '/');
    expect(index).toMatchObject({ status: 200, body: expect.stringContaining('assets/app-A1.js') as unknown });
    expect(index?.headers['content-security-policy']).toBe(CONSOLE_CSP);
    const graphiql = await serve(request('GET', '/graphiql.html'), '/graphiql.html');
    expect(graphiql?.headers['content-security-policy']).toBe(GRAPHIQL_CSP);
    for (const csp of [CONSOLE_CSP, GRAPHIQL_CSP]) expect(/script-src ([^;]*)/.exec(csp)?.[1]).toBe("'self'");
  });

  it('serves the hashed bundles with their types, cached for good, and nothing else', async () => {
    const serve = consoleEndpoint(loadConsoleAssets(dir));
    expect(await serve(request('GET', '/assets/app-A1.js'), '/assets/app-A1.js')).toMatchObject({ status: 200, body: 'console.log(1)', headers: { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'public, max-age=31536000, immutable' } });
    expect((await serve(request('GET', '/assets/app-C3.css'), '/assets/app-C3.css'))?.headers['content-type']).toBe('text/css; charset=utf-8');
    // Unknown files, files of other types, climbing paths, other methods and other paths pass on.
    for (const path of ['/assets/nope.js', '/assets/notes.bin', '/assets/../manifest.json', '/manifest.json', '/v1/bmcs']) expect(serve(request('GET', path), path)).toBeUndefined();
    expect(serve(request('POST', '/'), '/')).toBeUndefined();
  });

  it('says how to build the console when there is no build', async () => {
    expect(loadConsoleAssets(join(dir, 'missing'))).toBeUndefined();
    const page = await consoleEndpoint(undefined)(request('GET', '/'), '/');
    expect(page).toMatchObject({ status: 503, body: expect.stringContaining('npm run build:console') as unknown });
  });
});

describe('npm start settings for the console', () => {
  it('takes the console folder and a FRU product name for the simulated fleet, refusing one a FRU field cannot hold', () => {
    const c = localConfig({ BMC_CONSOLE_DIR: dir, BMC_SIM_FRU_PRODUCT_NAME: '<b>x</b>' });
    expect(c.consoleDir).toBe(dir);
    expect(c.fleet.fruProductName).toBe('<b>x</b>');
    expect(() => localConfig({ BMC_SIM_FRU_PRODUCT_NAME: 'x'.repeat(64) })).toThrow(ConfigError);
    expect(() => localConfig({ BMC_SIM_FRU_PRODUCT_NAME: 'tab\there' })).toThrow(ConfigError);
  });
});
