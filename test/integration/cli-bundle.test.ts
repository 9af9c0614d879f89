/**
 * bin/bmc.mjs as `npx bmc` runs it: the cached esbuild bundle when it is fresh, a rebuild when
 * it is stale or missing, tsx when it cannot be built, with the same stdout, exit codes and
 * one-line stderr on every path. Each test has its own cache dir (BMC_CLI_CACHE_DIR).
 */
import { execFile, spawn } from 'node:child_process';
import { cp, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli, readManifest, REPO_ROOT, type BundleManifest } from '../../bin/build-cli.mjs';
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
/** A cache dir holding a fresh bundle, built once; tests that change a cache work on copies. */
let built: string;
let manifest: BundleManifest;

/** The files in a cache dir, the bundle's name replaced by main-*: it must be the manifest's. */
async function bundleFiles(dir: string): Promise<string[]> {
  const bundle = readManifest(dir)?.bundle ?? 'no manifest';
  return (await readdir(dir)).map((name) => name.replace(bundle, 'main-*.mjs')).sort();
}

async function copyOfBuilt(): Promise<string> {
  const dir = await mkdtemp(join(tmp, 'cache-'));
  await cp(built, dir, { recursive: true, preserveTimestamps: true });
  return dir;
}

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'cli-bundle-bin-'));
  built = join(tmp, 'built');
  manifest = await buildCli({ outDir: built });
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
    const r = await bmc(built, ['--port', String(port), '--timeout', '100', '--retries', '0', '--json', 'power', 'status'], { IPMI_PASSWORD: 'pw' });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^bmc: .*\n$/);
  });

  it('an empty cache dir: builds the bundle, then runs it, silently', async () => {
    const empty = await mkdtemp(join(tmp, 'empty-'));
    const r = await bmc(empty, ['--help']);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toMatch(/^Usage: bmc/);
    expect(await bundleFiles(empty)).toEqual(['main-*.mjs', 'main-*.mjs.map', 'manifest.json']);
  });

  it('a stale manifest: rebuilds, noting why on stderr only with BMC_CLI_DEBUG', async () => {
    const cache = await copyOfBuilt();
    const stale = { ...manifest, inputs: manifest.inputs.map((i) => (i.path === 'lambdas/cli/main.ts' ? { ...i, size: i.size + 1 } : i)) };
    await writeFile(join(cache, 'manifest.json'), JSON.stringify(stale));
    const r = await bmc(cache, ['--help'], { BMC_CLI_DEBUG: '1' });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: bmc/);
    expect(r.stderr).toMatch(/^bmc: rebuilding the bundle: lambdas\/cli\/main.ts changed\nbmc: built main-\w+\.mjs in \d+ ms\n$/);
    const rebuilt = readManifest(cache)?.inputs.find((i) => i.path === 'lambdas/cli/main.ts');
    expect(rebuilt?.size).toBe((await stat(join(REPO_ROOT, 'lambdas/cli/main.ts'))).size);
  });

  it('a fresh manifest whose bundle was pruned: rebuilds instead of failing', async () => {
    const cache = await copyOfBuilt();
    await rm(join(cache, manifest.bundle));
    const r = await bmc(cache, ['--help'], { BMC_CLI_DEBUG: '1' });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: bmc/);
    expect(r.stderr).toMatch(/did not load/);
    expect(await bundleFiles(cache)).toEqual(['main-*.mjs', 'main-*.mjs.map', 'manifest.json']);
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
    expect(await bundleFiles(shared)).toEqual(['main-*.mjs', 'main-*.mjs.map', 'manifest.json']);
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
