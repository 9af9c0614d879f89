/**
 * bin/build-cli.mjs: the esbuild bundle `bmc` runs, its manifest, and the freshness check that
 * decides when bin/bmc.mjs must rebuild it. Freshness is checked on a fixture source tree in a
 * temp dir: the repository's own sources are never touched (and may be edited meanwhile).
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { appendFile, mkdir, mkdtemp, readdir, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { version as esbuildVersion } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli, cacheDir, codeCacheName, readManifest, REPO_ROOT, staleReason, type BundleManifest } from '../../bin/build-cli.mjs';
import type { CliIo } from '../../lambdas/cli/context.ts';

let tmp: string;

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'cli-bundle-'));
});

afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

async function writeFiles(root: string, files: Record<string, string>, mtime: Date): Promise<void> {
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), text);
    await utimes(join(root, path), mtime, mtime);
  }
}

describe('buildCli on the repository', () => {
  let outDir: string;
  let manifest: BundleManifest;

  beforeAll(async () => {
    outDir = join(tmp, 'repo-build');
    await mkdir(outDir);
    // Superseded bundles (an ESM one of manifest format 1, a CommonJS one with its code cache) and
    // a crashed writer's temp file, old enough to prune; and a bundle written moments ago by
    // another builder, which a reader may be about to load.
    const old = new Date(Date.now() - 10 * 60_000);
    await writeFiles(
      outDir,
      {
        'main-OLDESM.mjs': '',
        'main-OLDESM.mjs.map': '{}',
        'main-OLDHASH.cjs': '',
        'main-OLDHASH.cjs.map': '{}',
        [codeCacheName('main-OLDHASH.cjs')]: 'x',
        'manifest.json.123-abc.tmp': '{',
      },
      old,
    );
    await writeFile(join(outDir, 'main-JUSTNOW.cjs'), '');
    manifest = await buildCli({ outDir });
  });

  it('writes a content-named CommonJS bundle, its source map and a manifest naming both', async () => {
    expect(manifest.bundle).toMatch(/^main-[A-Z0-9]+\.cjs$/);
    expect(manifest.format).toBe(2);
    expect(readManifest(outDir)).toEqual(manifest);
    const bundle = await readFile(join(outDir, manifest.bundle), 'utf8');
    // bin/bmc.mjs runs it inside a CommonJS function wrapper: no ESM syntax may survive.
    expect(bundle.startsWith('"use strict";\n')).toBe(true);
    expect(bundle).toMatch(/^module\.exports = __toCommonJS\(/m);
    expect(bundle).not.toMatch(/^(import|export)\b|\bimport\.meta\b/m);
    expect(bundle.trimEnd().endsWith(`//# sourceMappingURL=${manifest.bundle}.map`)).toBe(true);
    const map = JSON.parse(await readFile(join(outDir, `${manifest.bundle}.map`), 'utf8')) as { sources: string[] };
    const sources = map.sources.map((s) => resolve(outDir, s));
    expect(sources).toContain(join(REPO_ROOT, 'lambdas/cli/main.ts'));
    expect(sources.every((s) => existsSync(s))).toBe(true);
  });

  it('records every input with its size and mtime, plus the esbuild and node versions', async () => {
    const paths = manifest.inputs.map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['lambdas/cli/main.ts', 'lambdas/cli/errors.ts', 'node_modules/commander/index.js', 'bin/build-cli.mjs', 'tsconfig.json']));
    expect(paths.some((p) => p.startsWith('lambdas/ipmi/'))).toBe(true);
    const main = manifest.inputs.find((i) => i.path === 'lambdas/cli/main.ts');
    expect(main?.size).toBe((await stat(join(REPO_ROOT, 'lambdas/cli/main.ts'))).size);
    expect(manifest.esbuild).toBe(esbuildVersion);
    expect(manifest.node).toBe(Number(process.versions.node.split('.')[0]));
  });

  it('prunes superseded bundles and stale temp files, and keeps recent ones', async () => {
    expect((await readdir(outDir)).sort()).toEqual(['main-JUSTNOW.cjs', manifest.bundle, `${manifest.bundle}.map`, 'manifest.json'].sort());
  });

  it('bundles a CLI that runs: --help through commander, exit 0', async () => {
    const { main } = createRequire(import.meta.url)(join(outDir, manifest.bundle)) as { main: (argv: string[], io: CliIo) => Promise<number> };
    let stdout = '';
    const io: CliIo = { stdout: (t) => void (stdout += t), stderr: () => {}, env: {}, connect: () => Promise.reject(new Error('no BMC')), readFile: () => Promise.reject(new Error('no file')) };
    expect(await main(['--help'], io)).toBe(0);
    expect(stdout).toMatch(/^Usage: bmc \[options\] \[command\]/);
  });
});

describe('staleReason on a fixture source tree', () => {
  const sources = {
    'lambdas/cli/main.ts': "import { greet } from './dep.ts';\nexport async function main(argv: string[]): Promise<number> {\n  return greet(argv).length;\n}\n",
    'lambdas/cli/dep.ts': 'export const greet = (argv: string[]): string => `hello ${argv.join(" ")}`;\n',
    'bin/build-cli.mjs': '// stands in for the build module, an input of every bundle\n',
    'tsconfig.json': '{}\n',
  };
  const longAgo = new Date(Date.now() - 60 * 60_000);
  let root: string;
  let outDir: string;
  let manifest: BundleManifest;

  beforeAll(async () => {
    root = join(tmp, 'fixture');
    outDir = join(tmp, 'fixture-build');
    await writeFiles(root, sources, longAgo);
    manifest = await buildCli({ root, outDir });
  });

  async function freshCopy(): Promise<string> {
    const copy = await mkdtemp(join(tmp, 'fixture-copy-'));
    await writeFiles(copy, sources, longAgo);
    return copy;
  }

  it('is fresh while every input keeps its size and mtime', () => {
    expect(manifest.inputs.map((i) => i.path).sort()).toEqual(Object.keys(sources).sort());
    expect(staleReason(manifest, root)).toBeUndefined();
  });

  it('is stale when an input grows, or is touched with the same size', async () => {
    const grown = await freshCopy();
    await appendFile(join(grown, 'lambdas/cli/dep.ts'), '// edited\n');
    await utimes(join(grown, 'lambdas/cli/dep.ts'), longAgo, longAgo);
    expect(staleReason(manifest, grown)).toBe('lambdas/cli/dep.ts changed');

    const touched = await freshCopy();
    await utimes(join(touched, 'lambdas/cli/main.ts'), new Date(), new Date());
    expect(staleReason(manifest, touched)).toBe('lambdas/cli/main.ts changed');
  });

  it('is stale when an input is gone, for another node major, or without a manifest', async () => {
    const copy = await freshCopy();
    await rm(join(copy, 'tsconfig.json'));
    expect(staleReason(manifest, copy)).toBe('tsconfig.json is gone');
    expect(staleReason({ ...manifest, node: manifest.node - 1 }, root)).toBe(`built for node ${manifest.node - 1}`);
    expect(staleReason(undefined, root)).toBe('no manifest');
    expect(staleReason({ ...manifest, format: 0 }, root)).toBe('no manifest');
    expect(readManifest(join(tmp, 'nowhere'))).toBeUndefined();
  });

  it('never trusts an input modified around the build, which esbuild may have read half-way', async () => {
    const racyRoot = await freshCopy();
    await utimes(join(racyRoot, 'lambdas/cli/dep.ts'), new Date(), new Date());
    const racy = await buildCli({ root: racyRoot, outDir: join(tmp, 'racy-build') });
    expect(racy.inputs.find((i) => i.path === 'lambdas/cli/dep.ts')?.mtimeMs).toBe(-1);
    expect(staleReason(racy, racyRoot)).toBe('lambdas/cli/dep.ts changed');
  });

  it('names the bundle by its content: a rebuild of the same sources replaces it with itself', async () => {
    // The bundle's code caches (any node) stay, however old; its old temp files do not.
    const old = new Date(Date.now() - 10 * 60_000);
    const caches = [codeCacheName(manifest.bundle), codeCacheName(manifest.bundle, '--max-old-space-size=100')];
    await writeFiles(outDir, { [caches[0]!]: 'x', [caches[1]!]: 'y', [`${caches[0]}.99-zz.tmp`]: '', [`${manifest.bundle}.99-zz.tmp`]: '' }, old);
    const again = await buildCli({ root, outDir });
    expect(again.bundle).toBe(manifest.bundle);
    expect((await readdir(outDir)).sort()).toEqual([manifest.bundle, `${manifest.bundle}.map`, ...caches, 'manifest.json'].sort());
  });
});

describe('codeCacheName', () => {
  it('names the bundle, node version and architecture, and a hash of the node options if any', () => {
    expect(codeCacheName('main-ABC.cjs', '')).toBe(`main-ABC.cjs.${process.version}-${process.arch}.v8cache`);
    const withFlags = codeCacheName('main-ABC.cjs', '--max-old-space-size=100');
    expect(withFlags).toMatch(new RegExp(`^main-ABC\\.cjs\\.${process.version.replace(/\./g, '\\.')}-${process.arch}-[0-9a-f]{8}\\.v8cache$`));
    expect(codeCacheName('main-ABC.cjs', '--max-old-space-size=100')).toBe(withFlags);
    expect(codeCacheName('main-ABC.cjs', '--max-old-space-size=200')).not.toBe(withFlags);
    expect(codeCacheName('main-DEF.cjs', '')).not.toBe(codeCacheName('main-ABC.cjs', ''));
  });
});

describe('cacheDir', () => {
  it('is BMC_CLI_CACHE_DIR when set, else a git-ignored folder under node_modules/.cache', () => {
    expect(cacheDir({ BMC_CLI_CACHE_DIR: join(tmp, 'x') })).toBe(join(tmp, 'x'));
    expect(cacheDir({})).toBe(join(REPO_ROOT, 'node_modules/.cache/bmc-control-plane/cli'));
  });
});
