#!/usr/bin/env node
// Entry for `npx bmc`: runs the esbuild bundle of lambdas/cli/main.ts that bin/build-cli.mjs
// keeps in a git-ignored cache (built by npm's prepare), rebuilding it first when a source
// changed, and running the TypeScript through tsx when it cannot be built. stdout belongs to the
// CLI (--json output is parsed); with BMC_CLI_DEBUG set, each step notes one line on stderr.
//
// The bundle (CommonJS) runs as a vm.Script with the V8 code cache kept next to it, so a run
// skips parsing and compiling the functions an earlier run compiled. The cache is written after
// a run when it was missing or V8 rejected it (another V8, other flags, damaged), never otherwise.
import { closeSync, openSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as vm from 'node:vm';
import { buildCli, cacheDir, codeCacheName, readManifest, staleReason } from './build-cli.mjs';

const debug = (process.env.BMC_CLI_DEBUG ?? '0') !== '0' && process.env.BMC_CLI_DEBUG !== '';
const note = debug ? (line) => process.stderr.write(`bmc: ${line}\n`) : () => {};
// Stack traces through the bundle's linked source map name the TypeScript sources. Off by
// default: loading the map costs ~20-40 ms per run, and the CLI reports errors in one line.
if (debug) process.setSourceMapsEnabled(true);

function firstLine(err) {
  return (err instanceof Error ? err.message : String(err)).split('\n')[0];
}

/**
 * The CommonJS wrapper node's loader would add. It opens on the bundle's first line, so line
 * numbers in stack traces stay the bundle's; the bundle starts with "use strict".
 */
function wrap(source) {
  return `(function (exports, require, module, __filename, __dirname) { ${source}\n});`;
}

/**
 * Writes `script`'s code cache to `path` through a unique temp file and a rename, so a reader
 * sees a whole cache or none. The temp file is opened first: where it cannot be (a read-only
 * cache dir), the cache is not even serialised. Never throws; a failure costs only speed.
 */
function writeCodeCache(script, path) {
  const temp = `${path}.${process.pid}-${Math.random().toString(36).slice(2)}.tmp`;
  let fd;
  try {
    fd = openSync(temp, 'wx');
    writeFileSync(fd, script.createCachedData());
    closeSync(fd);
    fd = undefined;
    renameSync(temp, path);
  } catch {
    try {
      if (fd !== undefined) closeSync(fd);
      rmSync(temp, { force: true });
    } catch {
      // Nothing more to do: a leftover temp file is pruned by the next build.
    }
  }
}

/**
 * Loads the bundle `manifest` names: `main`, and `afterRun`, to call once main() has resolved
 * (it then writes the code cache, which by then holds the functions compiled during the run).
 * Throws when the bundle cannot be read or run, or exports no main.
 */
function loadBundle(dir, manifest) {
  const filename = join(dir, manifest.bundle);
  const require = createRequire(filename);
  let main;
  let afterRun;
  if (debug) {
    // node 20 applies source maps to code that its module loader compiled, not to a vm.Script:
    // debug runs go through require() and neither read nor write the code cache.
    ({ main } = require(filename));
  } else {
    const cachePath = join(dir, codeCacheName(manifest.bundle));
    let cachedData;
    try {
      cachedData = readFileSync(cachePath);
    } catch {
      // No cache yet (or not a readable file): compile from source, write one after the run.
    }
    const script = new vm.Script(wrap(readFileSync(filename, 'utf8')), {
      filename,
      cachedData,
      importModuleDynamically: vm.constants?.USE_MAIN_CONTEXT_DEFAULT_LOADER,
    });
    const module = { exports: {} };
    script.runInThisContext().call(module.exports, module.exports, require, module, filename, dirname(filename));
    ({ main } = module.exports);
    if (cachedData === undefined || script.cachedDataRejected === true) afterRun = () => writeCodeCache(script, cachePath);
  }
  if (typeof main !== 'function') throw new Error(`${manifest.bundle} exports no main()`);
  return { main, afterRun };
}

/** The CLI's `main` (and what to do after it), or undefined when it cannot be loaded (the reason is then on stderr). */
async function loadMain() {
  const dir = cacheDir();
  const manifest = readManifest(dir);
  const stale = staleReason(manifest);
  if (stale === undefined) {
    try {
      return loadBundle(dir, manifest);
    } catch (err) {
      note(`bundle ${manifest.bundle} did not load: ${firstLine(err)}`);
    }
  } else {
    note(`rebuilding the bundle: ${stale}`);
  }
  try {
    const started = performance.now();
    const built = await buildCli({ outDir: dir });
    note(`built ${built.bundle} in ${Math.round(performance.now() - started)} ms`);
    return loadBundle(dir, built);
  } catch (err) {
    note(`running through tsx: ${firstLine(err)}`);
  }
  let register;
  try {
    ({ register } = await import('tsx/esm/api'));
  } catch {
    // An install without devDependencies whose bundle does not match the sources any more: an
    // old bundle could run old code, so say what to do instead.
    process.stderr.write(`bmc: cannot start: the CLI bundle in ${dir} is missing or out of date (${stale ?? 'it did not load'}) and neither esbuild nor tsx is installed; run \`npm run build:cli\` with devDependencies installed\n`);
    return undefined;
  }
  register();
  return { main: (await import('../lambdas/cli/main.ts')).main };
}

const cli = await loadMain();
process.exitCode = cli ? await cli.main(process.argv.slice(2)) : 1;
cli?.afterRun?.();
