// Types of bin/build-cli.mjs (plain JavaScript, so that it runs without tsx) for the tests.

/** One file the bundle was built from, as it was when the bundle was written. */
export interface BundleInput {
  /** Relative to the repository root, with forward slashes. */
  path: string;
  size: number;
  /** -1 when the file changed around the build's start (it then never matches). */
  mtimeMs: number;
}

export interface BundleManifest {
  format: number;
  /** File name of the bundle (CommonJS) in the cache directory: main-<content hash>.cjs. */
  bundle: string;
  esbuild: string;
  /** Major version of the node that built it. */
  node: number;
  builtAt: string;
  inputs: BundleInput[];
}

export const REPO_ROOT: string;
export function cacheDir(env?: Readonly<Record<string, string | undefined>>): string;
/**
 * File name of the V8 code cache bin/bmc.mjs writes next to `bundle`, for this node version,
 * architecture and node options (`flags`: execArgv and NODE_OPTIONS, by default this process's).
 */
export function codeCacheName(bundle: string, flags?: string): string;
export function readManifest(dir: string): BundleManifest | undefined;
export function staleReason(manifest: BundleManifest | undefined, root?: string): string | undefined;
export function buildCli(options?: { outDir?: string; root?: string; logLevel?: 'silent' | 'error' | 'warning' | 'info' }): Promise<BundleManifest>;
