#!/usr/bin/env node
// Entry for `npx bmc`: runs the esbuild bundle of lambdas/cli/main.ts that bin/build-cli.mjs
// keeps in a git-ignored cache (built by npm's prepare), rebuilding it first when a source
// changed, and running the TypeScript through tsx when it cannot be built. stdout belongs to the
// CLI (--json output is parsed); with BMC_CLI_DEBUG set, each step notes one line on stderr.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildCli, cacheDir, readManifest, staleReason } from './build-cli.mjs';

const debug = (process.env.BMC_CLI_DEBUG ?? '0') !== '0' && process.env.BMC_CLI_DEBUG !== '';
const note = debug ? (line) => process.stderr.write(`bmc: ${line}\n`) : () => {};
// Stack traces through the bundle's linked source map name the TypeScript sources. Off by
// default: loading the map costs ~20-40 ms per run, and the CLI reports errors in one line.
if (debug) process.setSourceMapsEnabled(true);

function firstLine(err) {
  return (err instanceof Error ? err.message : String(err)).split('\n')[0];
}

async function importBundle(dir, manifest) {
  const module = await import(pathToFileURL(join(dir, manifest.bundle)).href);
  return module.main;
}

/** The CLI's `main`, or undefined when it cannot be loaded (the reason is then on stderr). */
async function loadMain() {
  const dir = cacheDir();
  const manifest = readManifest(dir);
  const stale = staleReason(manifest);
  if (stale === undefined) {
    try {
      return await importBundle(dir, manifest);
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
    return await importBundle(dir, built);
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
  return (await import('../lambdas/cli/main.ts')).main;
}

const main = await loadMain();
process.exitCode = main ? await main(process.argv.slice(2)) : 1;
