#!/usr/bin/env node
// Builds the web console (console/src) and GraphiQL (console/src/graphiql.tsx) into static files
// in a git-ignored folder, with content-hashed names, index.html and graphiql.html that load them
// by name (external scripts only: the pages' CSP forbids inline script), and a manifest.
// Everything the browser runs is in these files: nothing loads from the network at run time.
//
//   node bin/build-console.mjs             build (npm run build:console); exit 1 if it fails
//   node bin/build-console.mjs --optional  same, but a failure is only a note on stderr (npm's
//                                          prepare: `npm ci --omit=dev` has no esbuild)
//   node bin/build-console.mjs --if-stale  build only when the sources changed since the last build
import { mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));
const SOURCE = join(REPO_ROOT, 'console');
const ENTRIES = { app: 'console/src/main.tsx', graphiql: 'console/src/graphiql.tsx' };
export const MANIFEST = 'manifest.json';
/** Files that shape the output but are not in esbuild's metafile. */
const EXTRA_INPUTS = ['bin/build-console.mjs', 'console/index.html', 'console/graphiql.html'];

/** Where the built console lives: BMC_CONSOLE_DIR, or under node_modules/.cache. */
export function consoleDir(env = process.env) {
  return env.BMC_CONSOLE_DIR ? resolve(env.BMC_CONSOLE_DIR) : join(REPO_ROOT, 'node_modules/.cache/bmc-control-plane/console');
}

function mtimeOf(path) {
  try {
    return statSync(join(REPO_ROOT, path)).mtimeMs;
  } catch {
    return -1;
  }
}

/** True when `dir` holds a build whose every input is unchanged since it was made. */
export function isFresh(dir = consoleDir()) {
  try {
    const manifest = JSON.parse(readFileSync(join(dir, MANIFEST), 'utf8'));
    return Object.entries(manifest.inputs).every(([path, mtime]) => mtimeOf(path) === mtime);
  } catch {
    return false;
  }
}

export async function buildConsole(dir = consoleDir()) {
  const { build } = await import('esbuild');
  const staging = `${dir}.tmp-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  const result = await build({
    absWorkingDir: REPO_ROOT,
    entryPoints: ENTRIES,
    outdir: join(staging, 'assets'),
    entryNames: '[name]-[hash]',
    bundle: true,
    minify: true,
    format: 'iife',
    target: ['chrome110', 'firefox110', 'safari16'],
    jsx: 'automatic',
    define: { 'process.env.NODE_ENV': '"production"' },
    loader: { '.woff2': 'dataurl', '.woff': 'dataurl', '.ttf': 'dataurl', '.svg': 'dataurl' },
    tsconfig: join(SOURCE, 'tsconfig.json'),
    legalComments: 'linked',
    metafile: true,
    logLevel: 'warning',
  });
  const assets = {};
  for (const [out, meta] of Object.entries(result.metafile.outputs)) {
    if (!meta.entryPoint && !out.endsWith('.css')) continue;
    const entry = Object.entries(ENTRIES).find(([, src]) => src === meta.entryPoint || src === meta.cssBundleFor?.replace(/^\.\//, ''))?.[0];
    const name = basename(out);
    if (out.endsWith('.css')) assets[`${name.split('-')[0]}.css`] = `assets/${name}`;
    else if (entry) assets[`${entry}.js`] = `assets/${name}`;
  }
  for (const key of ['app.js', 'app.css', 'graphiql.js', 'graphiql.css']) {
    if (!assets[key]) throw new Error(`console build: no ${key} in esbuild's output`);
  }
  const index = readFileSync(join(SOURCE, 'index.html'), 'utf8').replace('%APP_JS%', assets['app.js']).replace('%APP_CSS%', assets['app.css']);
  writeFileSync(join(staging, 'index.html'), index);
  const graphiql = readFileSync(join(SOURCE, 'graphiql.html'), 'utf8').replace('%GRAPHIQL_JS%', assets['graphiql.js']).replace('%GRAPHIQL_CSS%', assets['graphiql.css']);
  writeFileSync(join(staging, 'graphiql.html'), graphiql);
  const inputs = {};
  for (const path of [...Object.keys(result.metafile.inputs), ...EXTRA_INPUTS]) inputs[path] = mtimeOf(path);
  const sizes = {};
  for (const file of Object.values(assets)) sizes[file] = statSync(join(staging, file)).size;
  writeFileSync(join(staging, MANIFEST), JSON.stringify({ assets, sizes, inputs }, null, 1));
  // Swap in whole: a server reading the old build never sees half of the new one.
  mkdirSync(join(dir, '..'), { recursive: true });
  rmSync(dir, { recursive: true, force: true });
  try {
    renameSync(staging, dir);
  } catch (e) {
    // Another process swapped in its build of the same sources first.
    rmSync(staging, { recursive: true, force: true });
    if (!isFresh(dir)) throw e;
  }
  return { dir, assets, sizes };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const optional = process.argv.includes('--optional');
  const ifStale = process.argv.includes('--if-stale');
  try {
    if (ifStale && isFresh()) process.exit(0);
    const { dir, sizes } = await buildConsole();
    const total = Object.values(sizes).reduce((a, b) => a + b, 0);
    process.stdout.write(`console built in ${relative(process.cwd(), dir) || dir}: ${Object.entries(sizes).map(([f, s]) => `${basename(f)} ${(s / 1024).toFixed(0)} KiB`).join(', ')} (${(total / 1024).toFixed(0)} KiB)\n`);
  } catch (e) {
    process.stderr.write(`console build failed: ${e instanceof Error ? e.message : String(e)}\n`);
    if (!optional) process.exitCode = 1;
  }
}
