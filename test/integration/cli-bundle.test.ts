/**
 * bin/bmc.mjs as `npx bmc` runs it: the cached esbuild bundle when it is fresh, a rebuild when
 * it is stale or missing, tsx when it cannot be built, with the same stdout, exit codes and
 * one-line stderr on every path; and the V8 code cache it keeps next to the bundle, written
 * when missing or rejected and never in the way. Each test has its own cache dir
 * (BMC_CLI_CACHE_DIR).
 */
import { execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmod, cp, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli, codeCacheName, readManifest, REPO_ROOT, type BundleManifest } from '../../bin/build-cli.mjs';
import { freeUdpPort } from '../support/ports.ts';

const BIN = join(import.meta.dirname, '../../bin/bmc.mjs');

interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

function bmc(cache: string, args: string[], env: Record<string, string> = {}): Promise<Result> {
  return new Promise((resolve) => {
    const childEnv: NodeJS.ProcessEnv = { ...process.env, BMC_CLI_CACHE_DIR: cache, ...env };
    if (env.BMC_CLI_DEBUG === undefined) delete childEnv.BMC_CLI_DEBUG;
    execFile(process.execPath, [BIN, ...args], { env: childEnv }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : -1) : 0, stdout, stderr });
    });
  });
}

let tmp: string;
/**
 * A cache dir holding a fresh bundle and its code cache, made once; tests that change a cache
 * work on copies (and runs on it rewrite nothing, so copying it is safe meanwhile).
 */
let built: string;
let manifest: BundleManifest;

/** The code cache's name for the children bmc() starts: node options come from NODE_OPTIONS only. */
function codeCacheFor(bundle: string, env: Record<string, string | undefined> = process.env): string {
  return codeCacheName(bundle, (env.NODE_OPTIONS ?? '').trim());
}

/** The files in a cache dir, the bundle's name replaced by main-*: it must be the manifest's. */
async function bundleFiles(dir: string): Promise<string[]> {
  const bundle = readManifest(dir)?.bundle ?? 'no manifest';
  return (await readdir(dir)).map((name) => name.replace(codeCacheFor(bundle), 'main-*.cjs.v8cache').replace(bundle, 'main-*.cjs')).sort();
}

async function copyOfBuilt(): Promise<string> {
  const dir = await mkdtemp(join(tmp, 'cache-'));
  await cp(built, dir, { recursive: true, preserveTimestamps: true });
  return dir;
}

/** A copy of `built` as `npm ci` leaves it: a fresh bundle that has never run, so no code cache. */
async function copyWithoutCodeCache(): Promise<string> {
  const dir = await copyOfBuilt();
  await rm(join(dir, codeCacheFor(manifest.bundle)));
  return dir;
}

/** Identifies one version of a file: a rewrite (temp file + rename) changes the inode. */
async function version(path: string): Promise<{ ino: number; mtimeMs: number; size: number }> {
  const { ino, mtimeMs, size } = await stat(path);
  return { ino, mtimeMs, size };
}

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'cli-bundle-bin-'));
  built = join(tmp, 'built');
  manifest = await buildCli({ outDir: built });
  const first = await bmc(built, ['--help']);
  if (first.code !== 0 || first.stderr !== '') throw new Error(`bmc --help on a fresh bundle: exit ${first.code}, stderr ${first.stderr}`);
});

afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

describe.concurrent('bin/bmc.mjs', { timeout: 30_000 }, () => {
  it('--help from the fresh bundle: exit 0, the usage on stdout, nothing on stderr', async () => {
    const r = await bmc(built, ['--help']);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toMatch(/^Usage: bmc \[options\] \[command\]/);
    expect(r.stdout).toMatch(/Exit codes: 0 success, 1 BMC\/network failure/);
  });

  it('a usage error: exit 2, one stderr line, nothing on stdout', async () => {
    const r = await bmc(built, ['--bogus', 'info']);
    expect(r).toEqual({ code: 2, stdout: '', stderr: "error: unknown option '--bogus'\n" });
  });

  it('an unreachable BMC with --json: exit 1, one stderr line, nothing on stdout', async () => {
    const port = await freeUdpPort();
    const r = await bmc(built, ['-H', '127.0.0.1', '--port', String(port), '--timeout', '100', '--retries', '0', '--json', 'power', 'status'], { IPMI_PASSWORD: 'pw' });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^bmc: .*\n$/);
  });

  it('an empty cache dir: builds the bundle, then runs it, silently', async () => {
    const empty = await mkdtemp(join(tmp, 'empty-'));
    const r = await bmc(empty, ['--help']);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toMatch(/^Usage: bmc/);
    expect(await bundleFiles(empty)).toEqual(['main-*.cjs', 'main-*.cjs.map', 'main-*.cjs.v8cache', 'manifest.json']);
  });

  it('a stale manifest: rebuilds, noting why on stderr only with BMC_CLI_DEBUG', async () => {
    const cache = await copyOfBuilt();
    const stale = { ...manifest, inputs: manifest.inputs.map((i) => (i.path === 'lambdas/cli/main.ts' ? { ...i, size: i.size + 1 } : i)) };
    await writeFile(join(cache, 'manifest.json'), JSON.stringify(stale));
    const r = await bmc(cache, ['--help'], { BMC_CLI_DEBUG: '1' });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: bmc/);
    expect(r.stderr).toMatch(/^bmc: rebuilding the bundle: lambdas\/cli\/main.ts changed\nbmc: built main-\w+\.cjs in \d+ ms\n$/);
    const rebuilt = readManifest(cache)?.inputs.find((i) => i.path === 'lambdas/cli/main.ts');
    expect(rebuilt?.size).toBe((await stat(join(REPO_ROOT, 'lambdas/cli/main.ts'))).size);
  });

  it('a fresh manifest whose bundle was pruned: rebuilds instead of failing', async () => {
    const cache = await copyWithoutCodeCache();
    await rm(join(cache, manifest.bundle));
    const r = await bmc(cache, ['--help'], { BMC_CLI_DEBUG: '1' });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: bmc/);
    expect(r.stderr).toMatch(/did not load/);
    // Debug runs load the bundle through require() (for its source map): no code cache.
    expect(await bundleFiles(cache)).toEqual(['main-*.cjs', 'main-*.cjs.map', 'manifest.json']);
  });

  it('no bundle can be built: runs through tsx with the same output and exit codes', async () => {
    const unwritable = join(BIN, 'not-a-dir'); // mkdir under a file fails, even as root
    const [viaBundle, viaTsx, usage, noted] = await Promise.all([
      bmc(built, ['--help']),
      bmc(unwritable, ['--help']),
      bmc(unwritable, ['--bogus', 'info']),
      bmc(unwritable, ['--help'], { BMC_CLI_DEBUG: '1' }),
    ]);
    expect(viaTsx).toEqual(viaBundle);
    expect(usage).toEqual({ code: 2, stdout: '', stderr: "error: unknown option '--bogus'\n" });
    expect(noted.stdout).toBe(viaBundle.stdout);
    expect(noted.stderr).toMatch(/^bmc: rebuilding the bundle: no manifest\nbmc: running through tsx: ENOTDIR/);
  });

  it('concurrent first runs on one empty cache dir: all succeed and leave one whole bundle', async () => {
    const shared = await mkdtemp(join(tmp, 'shared-'));
    const runs = await Promise.all(Array.from({ length: 8 }, () => bmc(shared, ['--help'])));
    for (const r of runs) expect(r).toEqual(runs[0]);
    expect(runs[0]?.code).toBe(0);
    expect(await bundleFiles(shared)).toEqual(['main-*.cjs', 'main-*.cjs.map', 'main-*.cjs.v8cache', 'manifest.json']);
  });

  it('a reader that closes the pipe early (`bmc --help | head -1`) ends the CLI quietly with exit 0', async () => {
    const runs = await Promise.all(
      Array.from(
        { length: 5 },
        () =>
          new Promise<Result>((resolve) => {
            const child = spawn(process.execPath, [BIN, '--help'], { env: { ...process.env, BMC_CLI_CACHE_DIR: built }, stdio: ['ignore', 'pipe', 'pipe'] });
            let stderr = '';
            child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
            // Take the first chunk, then go away like `head -1` does.
            child.stdout.once('data', () => child.stdout.destroy());
            child.once('close', (code) => resolve({ code: code ?? -1, stdout: '', stderr }));
          }),
      ),
    );
    for (const r of runs) expect(r).toEqual({ code: 0, stdout: '', stderr: '' });
  });
});

describe.concurrent('the V8 code cache of bin/bmc.mjs', { timeout: 30_000 }, () => {
  it('is written next to the bundle by the first run, and reused, not rewritten, by the next ones', async () => {
    const cache = await copyWithoutCodeCache();
    const path = join(cache, codeCacheFor(manifest.bundle));
    const first = await bmc(cache, ['--help']);
    expect(first).toMatchObject({ code: 0, stderr: '' });
    expect(first.stdout).toMatch(/^Usage: bmc \[options\] \[command\]/);
    expect(await bundleFiles(cache)).toEqual(['main-*.cjs', 'main-*.cjs.map', 'main-*.cjs.v8cache', 'manifest.json']);
    const written = await version(path);
    expect(written.size).toBeGreaterThan(10_000);

    expect(await bmc(cache, ['--help'])).toEqual(first);
    expect(await bmc(cache, ['--bogus', 'info'])).toEqual({ code: 2, stdout: '', stderr: "error: unknown option '--bogus'\n" });
    expect(await version(path)).toEqual(written);
  });

  it('damaged (garbage, or cut short) is ignored, and replaced by one the next run accepts', async () => {
    const valid = await readFile(join(built, codeCacheFor(manifest.bundle)));
    const normal = await bmc(built, ['--help']);
    for (const damaged of [randomBytes(4096), valid.subarray(0, valid.length >> 1)]) {
      const cache = await copyOfBuilt();
      const path = join(cache, codeCacheFor(manifest.bundle));
      await writeFile(path, damaged);
      expect(await bmc(cache, ['--help'])).toEqual(normal);
      const replaced = await version(path);
      expect((await readFile(path)).equals(damaged)).toBe(false);
      expect(await bundleFiles(cache)).toEqual(['main-*.cjs', 'main-*.cjs.map', 'main-*.cjs.v8cache', 'manifest.json']);
      expect(await bmc(cache, ['--help'])).toEqual(normal);
      expect(await version(path)).toEqual(replaced);
    }
  });

  it('where it cannot be written, nothing changes: the same stdout, stderr and exit codes', async () => {
    const port = await freeUdpPort();
    const runs: string[][] = [['--help'], ['--bogus', 'info'], ['-H', '127.0.0.1', '--port', String(port), '--timeout', '100', '--retries', '0', '--json', 'power', 'status']];
    const env = { IPMI_PASSWORD: 'pw' };
    // The timeout's line names the milliseconds it waited.
    const run = async (cache: string, args: string[]) => {
      const r = await bmc(cache, args, env);
      return { ...r, stderr: r.stderr.replace(/ in \d+ ms/, ' in N ms') };
    };
    const normal = [];
    for (const args of runs) normal.push(await run(built, args));
    expect(normal.map((r) => r.code)).toEqual([0, 2, 1]);

    // A directory where the cache file belongs: unreadable as a cache, and no rename replaces
    // it (this holds for root too, unlike permissions).
    const blocked = await copyWithoutCodeCache();
    await mkdir(join(blocked, codeCacheFor(manifest.bundle)));
    for (const [i, args] of runs.entries()) expect(await run(blocked, args)).toEqual(normal[i]);
    expect(await bundleFiles(blocked)).toEqual(['main-*.cjs', 'main-*.cjs.map', 'main-*.cjs.v8cache', 'manifest.json']);
    expect((await stat(join(blocked, codeCacheFor(manifest.bundle)))).isDirectory()).toBe(true);

    // A read-only cache dir (which root may still write to).
    const readOnly = await copyWithoutCodeCache();
    await chmod(readOnly, 0o555);
    try {
      for (const [i, args] of runs.entries()) expect(await run(readOnly, args)).toEqual(normal[i]);
      if (process.getuid?.() !== 0) expect(await bundleFiles(readOnly)).toEqual(['main-*.cjs', 'main-*.cjs.map', 'manifest.json']);
    } finally {
      await chmod(readOnly, 0o755);
    }
  });

  it('is kept per set of node options (V8 flags), so runs with and without them do not rewrite each other', async () => {
    const cache = await copyOfBuilt();
    const plain = join(cache, codeCacheFor(manifest.bundle));
    const before = await version(plain);
    const env = { NODE_OPTIONS: '--max-old-space-size=300' };
    const flagged = join(cache, codeCacheFor(manifest.bundle, env));
    expect(flagged).not.toBe(plain);
    const normal = await bmc(built, ['--help']);
    expect(await bmc(cache, ['--help'], env)).toEqual(normal);
    const written = await version(flagged);
    expect(await bmc(cache, ['--help'])).toEqual(normal);
    expect(await bmc(cache, ['--help'], env)).toEqual(normal);
    expect(await version(plain)).toEqual(before);
    expect(await version(flagged)).toEqual(written);
  });
});
