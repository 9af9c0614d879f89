#!/usr/bin/env node
// Builds the `bmc` CLI (lambdas/cli/main.ts) into one CommonJS bundle in a git-ignored cache, and
// tells whether a built bundle still matches its sources. CommonJS, because bin/bmc.mjs runs it
// as a vm.Script and keeps that script's V8 code cache next to it (node 20 has no stable code
// cache API for ES modules). bin/bmc.mjs imports this module on every run, so only node:
// builtins load up front; esbuild loads only when a build is needed.
//
//   node bin/build-cli.mjs             build (npm run build:cli); exit 1 if it fails
//   node bin/build-cli.mjs --optional  same, but a failure is only a note on stderr (npm's
//                                      prepare: npm ci --omit=dev has no esbuild, and a source
//                                      that does not compile must not fail the install)
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));
const ENTRY = 'lambdas/cli/main.ts';
const MANIFEST = 'manifest.json';
/** Bump when the manifest's shape or the bundle's format changes; older manifests then read as stale. */
const MANIFEST_FORMAT = 2; // 2: CommonJS bundle (main-<hash>.cjs); 1 was ESM (main-<hash>.mjs)
/** Files that shape the bundle but are not in esbuild's metafile (options, tsconfig settings). */
const EXTRA_INPUTS = ['bin/build-cli.mjs', 'tsconfig.json'];
/** Bundles and temp files other processes may still be about to read are kept this long. */
const PRUNE_AFTER_MS = 60_000;
/**
 * An input modified this close to (or after) the build's start may have changed while esbuild
 * read it; it is recorded as never matching, so the next run builds again (cf. "racy git").
 */
const RACY_MARGIN_MS = 1_000;

/** Where the bundle and its manifest live: BMC_CLI_CACHE_DIR, or under node_modules/.cache. */
export function cacheDir(env = process.env) {
  return env.BMC_CLI_CACHE_DIR ? resolve(env.BMC_CLI_CACHE_DIR) : join(REPO_ROOT, 'node_modules/.cache/bmc-control-plane/cli');
}

/** The node options of this process (argv and NODE_OPTIONS), which may include V8 flags. */
function nodeFlags() {
  return [...process.execArgv, process.env.NODE_OPTIONS ?? ''].join(' ').trim();
}

/**
 * File name of the V8 code cache bin/bmc.mjs keeps for `bundle`, next to it. The bundle's name is
 * its content hash, and V8 rejects data from another V8 version or made under other V8 flags by
 * itself; naming the node version, architecture and (as a hash) node options keeps nodes that
 * share a checkout, or runs with and without NODE_OPTIONS, from rejecting and so rewriting each
 * other's cache on every run: main-<hash>.cjs.v20.20.2-x64[-<options hash>].v8cache.
 */
export function codeCacheName(bundle, flags = nodeFlags()) {
  let hash = 0x811c9dc5; // 32-bit FNV-1a: a name, not a security boundary (V8 checks the flags)
  for (let i = 0; i < flags.length; i++) hash = Math.imul(hash ^ flags.charCodeAt(i), 0x01000193) >>> 0;
  const options = flags === '' ? '' : `-${hash.toString(16).padStart(8, '0')}`;
  return `${bundle}.${process.version}-${process.arch}${options}.v8cache`;
}

/** The manifest in `dir`, or undefined when there is none (or it is unreadable). */
export function readManifest(dir) {
  try {
    return JSON.parse(readFileSync(join(dir, MANIFEST), 'utf8'));
  } catch {
    return undefined;
  }
}

function nodeMajor() {
  return Number(process.versions.node.split('.')[0]);
}

function fingerprint(root, path) {
  const stat = statSync(join(root, path), { throwIfNoEntry: false });
  return stat && { path, size: stat.size, mtimeMs: stat.mtimeMs };
}

/**
 * Why the bundle `manifest` describes cannot be run as is, or undefined when every input still
 * has its recorded size and mtime. Paths in the manifest are relative to `root`.
 */
export function staleReason(manifest, root = REPO_ROOT) {
  if (manifest?.format !== MANIFEST_FORMAT || typeof manifest.bundle !== 'string' || !Array.isArray(manifest.inputs)) return 'no manifest';
  if (manifest.node !== nodeMajor()) return `built for node ${manifest.node}`;
  for (const input of manifest.inputs) {
    const now = fingerprint(root, input.path);
    if (now === undefined) return `${input.path} is gone`;
    if (now.size !== input.size || now.mtimeMs !== input.mtimeMs) return `${input.path} changed`;
  }
  return undefined;
}

/** Writes `path` so that no reader ever sees part of it: a unique temp file, then a rename. */
function writeAtomically(path, contents) {
  const temp = `${path}.${process.pid}-${Math.random().toString(36).slice(2)}.tmp`;
  try {
    writeFileSync(temp, contents);
    renameSync(temp, path);
  } catch (err) {
    rmSync(temp, { force: true });
    throw err;
  }
}

/**
 * Removes superseded bundles (ESM ones of format 1 too), their maps and code caches, and crashed
 * writers' temp files, once nobody can be reading them. `bundle`'s own files are kept, including
 * the code caches of other node versions.
 */
function prune(dir, bundle) {
  const now = Date.now();
  for (const name of readdirSync(dir)) {
    const temp = name.endsWith('.tmp');
    const ours = /^main-[^.]+\.[cm]js(\.map|\..+\.v8cache)?$/.test(name) || temp;
    if (!ours || (!temp && (name === bundle || name.startsWith(`${bundle}.`)))) continue;
    const stat = statSync(join(dir, name), { throwIfNoEntry: false });
    if (stat && now - stat.mtimeMs > PRUNE_AFTER_MS) rmSync(join(dir, name), { force: true });
  }
}

/**
 * Bundles lambdas/cli/main.ts into `outDir` as main-<hash>.cjs (+ .map) and writes the manifest
 * naming it, last: the manifest's rename is the commit point, and a bundle's name is its
 * content, so concurrent builders and readers always see a matching pair. esbuild prints
 * nothing unless `logLevel` says so (bin/bmc.mjs must not). Returns the manifest.
 */
export async function buildCli({ outDir = cacheDir(), root = REPO_ROOT, logLevel = 'silent' } = {}) {
  const esbuild = await import('esbuild');
  const started = Date.now();
  const result = await esbuild.build({
    absWorkingDir: root,
    entryPoints: [ENTRY],
    outdir: outDir,
    entryNames: '[name]-[hash]',
    outExtension: { '.js': '.cjs' },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    // Not minified: it saves no measurable start-up and would mangle names in stack traces.
    sourcemap: 'linked',
    sourcesContent: false,
    metafile: true,
    write: false,
    logLevel,
  });
  const bundle = result.outputFiles.find((f) => f.path.endsWith('.cjs'));
  const map = result.outputFiles.find((f) => f.path.endsWith('.cjs.map'));
  if (!bundle || !map) throw new Error(`esbuild wrote ${result.outputFiles.map((f) => basename(f.path)).join(', ')}; expected a bundle and its map`);

  const paths = [...Object.keys(result.metafile.inputs).filter((p) => !/^[\w-]+:/.test(p)), ...EXTRA_INPUTS];
  const inputs = paths.map((path) => {
    const now = fingerprint(root, path);
    if (now === undefined) throw new Error(`input ${path} vanished during the build`);
    return now.mtimeMs >= started - RACY_MARGIN_MS ? { ...now, mtimeMs: -1 } : now;
  });
  const manifest = {
    format: MANIFEST_FORMAT,
    bundle: basename(bundle.path),
    esbuild: esbuild.version,
    node: nodeMajor(),
    builtAt: new Date().toISOString(),
    inputs,
  };
  mkdirSync(outDir, { recursive: true });
  writeAtomically(map.path, map.contents);
  writeAtomically(bundle.path, bundle.contents);
  writeAtomically(join(outDir, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
  prune(outDir, manifest.bundle);
  return manifest;
}

async function runAsScript(args) {
  const optional = args.includes('--optional');
  try {
    const started = performance.now();
    const manifest = await buildCli({ logLevel: 'warning' });
    process.stderr.write(`build-cli: ${join(cacheDir(), manifest.bundle)} from ${manifest.inputs.length} inputs in ${Math.round(performance.now() - started)} ms\n`);
    return 0;
  } catch (err) {
    const reason = err?.code === 'ERR_MODULE_NOT_FOUND' ? 'esbuild is not installed' : err instanceof Error ? err.message : String(err);
    process.stderr.write(optional ? `build-cli: no CLI bundle built (${reason}); bmc builds it on first run if it can\n` : `build-cli: ${reason}\n`);
    return optional ? 0 : 1;
  }
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = await runAsScript(process.argv.slice(2));
}
