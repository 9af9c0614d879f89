// How every handler is bundled. One definition, read by the function construct
// (through NodejsFunction) and by bench/bundles.ts (through esbuild directly), so
// the benchmark measures the artefact that is deployed.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BuildOptions } from 'esbuild';

/** Repository root: entries, the lock file and tsconfig.json live there. */
export const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Node.js 22 on Lambda; esbuild targets the same language level. */
export const NODE_TARGET = 'node22';

/**
 * The bundle is ESM (the repository is `"type": "module"`, top-level await works
 * in handlers). Some CommonJS dependencies call `require` for Node built-ins, which
 * an ESM bundle lacks; this banner gives them one.
 */
export const ESM_REQUIRE_BANNER =
  "import { createRequire as __bmcCreateRequire } from 'node:module'; const require = __bmcCreateRequire(import.meta.url);";

/** Prefer packages' ESM builds: they tree-shake, so a function carries only what it imports. */
export const MAIN_FIELDS = ['module', 'main'];

/**
 * The AWS SDK is bundled rather than taken from the runtime: the version is the
 * one the tests ran against, and tree-shaking keeps only the clients a function uses.
 */
export const BUNDLE_AWS_SDK = true;

/**
 * The esbuild options NodejsFunction ends up with for one entry (cdk/lib/constructs/bmc-function.ts),
 * for code that runs esbuild itself: bench/bundles.ts and the tests' Lambda environments.
 */
export function handlerBuildOptions(entry: string, outfile: string): BuildOptions {
  return {
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: NODE_TARGET,
    mainFields: MAIN_FIELDS,
    banner: { js: ESM_REQUIRE_BANNER },
    minify: true,
    sourcemap: 'linked',
    sourcesContent: false,
    external: BUNDLE_AWS_SDK ? [] : ['@aws-sdk/*'],
    tsconfig: join(PROJECT_ROOT, 'tsconfig.json'),
    logLevel: 'silent',
  };
}
