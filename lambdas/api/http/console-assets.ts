/**
 * The built web console (bin/build-console.mjs), read once into memory: index.html, the hashed
 * bundles, and the names of GraphiQL's bundle for the page at GET /graphql. Absent when the
 * console was not built; the API then still serves everything else.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';

export interface ConsoleFile {
  readonly body: string;
  readonly contentType: string;
}

export interface ConsoleAssets {
  readonly index: string;
  /** Files under assets/, by their path from the console's root, e.g. `assets/app-X1.js`. */
  readonly files: ReadonlyMap<string, ConsoleFile>;
  readonly graphiql: { readonly js: string; readonly css: string };
}

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

interface Manifest {
  assets: Record<'app.js' | 'app.css' | 'graphiql.js' | 'graphiql.css', string>;
}

/** Reads the console built in `dir`; undefined when there is no complete build there. */
export function loadConsoleAssets(dir: string): ConsoleAssets | undefined {
  let manifest: Manifest;
  let index: string;
  try {
    manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest;
    index = readFileSync(join(dir, 'index.html'), 'utf8');
  } catch {
    return undefined;
  }
  const files = new Map<string, ConsoleFile>();
  for (const name of readdirSync(join(dir, 'assets'))) {
    const contentType = TYPES[extname(name)];
    if (contentType) files.set(`assets/${name}`, { body: readFileSync(join(dir, 'assets', name), 'utf8'), contentType });
  }
  const { 'graphiql.js': js, 'graphiql.css': css } = manifest.assets;
  if (!files.has(js) || !files.has(css)) return undefined;
  return { index, files, graphiql: { js, css } };
}
