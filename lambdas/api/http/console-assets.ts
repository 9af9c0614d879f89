/**
 * The built web console (bin/build-console.mjs), read once into memory: index.html, GraphiQL's
 * page (served at GET /graphql to browsers) and the hashed bundles. Absent when the console was
 * not built; the API then still serves everything else.
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
  /** GraphiQL's page, loading its bundle from assets/ (relative, so it works at /graphql and /graphiql.html). */
  readonly graphiqlPage: string;
}

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

/** Reads the console built in `dir`; undefined when there is no complete build there. */
export function loadConsoleAssets(dir: string): ConsoleAssets | undefined {
  let index: string;
  let graphiqlPage: string;
  try {
    // The manifest is written last: without it the build is incomplete.
    readFileSync(join(dir, 'manifest.json'));
    index = readFileSync(join(dir, 'index.html'), 'utf8');
    graphiqlPage = readFileSync(join(dir, 'graphiql.html'), 'utf8');
  } catch {
    return undefined;
  }
  const files = new Map<string, ConsoleFile>();
  for (const name of readdirSync(join(dir, 'assets'))) {
    const contentType = TYPES[extname(name)];
    if (contentType) files.set(`assets/${name}`, { body: readFileSync(join(dir, 'assets', name), 'utf8'), contentType });
  }
  return { index, files, graphiqlPage };
}
