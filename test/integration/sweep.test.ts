/**
 * Sensor sweeps with the SDR cache: the library call (sweepSensors) over simulated BMCs
 * sharing one cache, and the `bmc sweep` binary against ipmi_sim with its on-disk cache,
 * keeping the JSON-lines contract of docs/cli.md with one unreachable host.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sweepSensors } from '../../lambdas/ipmi/fleet/sweep.ts';
import { collectFleet, TimeoutError, type FleetTarget } from '../../lambdas/ipmi/index.ts';
import { SdrCache } from '../../lambdas/ipmi/sdr-cache/index.ts';
import { startFleet, type Fleet } from '../../lambdas/simulator/index.ts';
import { useIpmiSim } from '../support/use-ipmi-sim.ts';
import { freeUdpPort } from '../support/ports.ts';

const execFileP = promisify(execFile);
const BIN = join(import.meta.dirname, '../../bin/bmc.mjs');
const PASSWORD = 'sweep-test-pw';
const SIM_COUNT = 30;

let fleet: Fleet;
const sim = useIpmiSim();
let deadPort: number;
let tmp: string;

beforeAll(async () => {
  [fleet, deadPort, tmp] = await Promise.all([
    startFleet({ count: SIM_COUNT, password: PASSWORD, seed: 5 }),
    freeUdpPort(),
    mkdtemp(join(tmpdir(), 'sweep-test-')),
  ]);
});

afterAll(async () => {
  await Promise.all([fleet?.stop(), tmp && rm(tmp, { recursive: true, force: true })]);
});

describe('sweepSensors over the simulator', { timeout: 60_000 }, () => {
  it('sweeps every BMC, reports the unreachable one as data, and reads identical repositories once', async () => {
    const targets: FleetTarget[] = [...fleet.bmcs.map((b) => ({ host: b.host, port: b.port })), { host: '127.0.0.1', port: deadPort }];
    const cache = new SdrCache();
    const results = await collectFleet(sweepSensors(targets, { username: 'admin', password: PASSWORD, cache, timeoutMs: 300, retries: 1, concurrency: 16 }));
    expect(results).toHaveLength(SIM_COUNT + 1);
    const failed = results.filter((r) => !r.ok);
    expect(failed.map((r) => r.target.port)).toEqual([deadPort]);
    expect(failed[0]?.ok === false && failed[0].error).toBeInstanceOf(TimeoutError);
    for (const r of results) if (r.ok) expect(r.value.length).toBeGreaterThan(5);
    // Same profile, same firmware, same repository timestamps: one read, one decoded copy.
    expect(cache.stats.misses).toBe(1);
    expect(cache.stats.memoryHits + cache.stats.sharedReads).toBe(SIM_COUNT - 1);
    expect(cache.memory.size).toBe(1);

    // A second sweep reads no repository at all.
    const again = await collectFleet(sweepSensors(targets.slice(0, SIM_COUNT), { username: 'admin', password: PASSWORD, cache }));
    expect(again.every((r) => r.ok)).toBe(true);
    expect(cache.stats.misses).toBe(1);
    const names = (r: (typeof again)[number]) => (r.ok ? r.value.map((s) => `${s.number}:${s.name}`) : []);
    const first = results.find((r) => r.ok && r.target.port === again[0]!.target.port)!;
    expect(names(again[0]!)).toEqual(names(first));
  });

  it('without a cache, every BMC reads its own repository and the sensors are the same', async () => {
    const targets = fleet.bmcs.slice(0, 3).map((b) => ({ host: b.host, port: b.port }));
    const cached = await collectFleet(sweepSensors(targets, { username: 'admin', password: PASSWORD, cache: new SdrCache() }));
    const uncached = await collectFleet(sweepSensors(targets, { username: 'admin', password: PASSWORD }));
    const shape = (rs: typeof cached) =>
      rs
        .map((r) => (r.ok ? `${r.target.port} ${r.value.map((s) => `${s.number}:${s.name}:${s.type}:${s.unit}`).join(',')}` : 'failed'))
        .sort();
    expect(shape(cached)).toEqual(shape(uncached));
  });
});

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function bmc(args: string[], env: Record<string, string>): Promise<Run> {
  try {
    const { stdout, stderr } = await execFileP(process.execPath, [BIN, ...args], { env: { ...process.env, IPMI_PASSWORD: sim().password, ...env } });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

describe('`bmc sweep` against ipmi_sim', { timeout: 60_000 }, () => {
  it('prints one JSON line per BMC ({host, ok, sensors|error}), caches SDRs on disk, and writes nothing with --no-sdr-cache', async () => {
    const hosts = join(tmp, 'hosts.txt');
    await writeFile(hosts, `127.0.0.1:${sim().port}\n127.0.0.1:${deadPort}  # powered off\n`);
    const cacheDir = join(tmp, 'sdr-cache');
    const args = ['--json', '--timeout', '300', '--retries', '1', 'sweep', '--hosts', hosts];

    const runs = [await bmc(args, { BMC_SDR_CACHE_DIR: cacheDir }), await bmc(args, { BMC_SDR_CACHE_DIR: cacheDir })];
    const files = await readdir(cacheDir);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^sdr1_m000157_p00a5_.*\.json$/);

    const parsed = runs.map((r) => r.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>));
    for (const [i, r] of runs.entries()) {
      expect(r.code).toBe(1);
      expect(r.stderr).toBe('bmc: sweep: 1 of 2 BMCs failed\n');
      const lines = parsed[i]!;
      expect(lines).toHaveLength(2);
      const good = lines.find((l) => l.host === `127.0.0.1:${sim().port}`)!;
      const bad = lines.find((l) => l.host === `127.0.0.1:${deadPort}`)!;
      expect(Object.keys(good).sort()).toEqual(['host', 'ok', 'sensors']);
      expect(Object.keys(bad).sort()).toEqual(['error', 'host', 'ok']);
      expect(good.ok).toBe(true);
      expect(bad).toMatchObject({ ok: false, error: expect.stringMatching(/no response/) });
      const sensors = good.sensors as Record<string, unknown>[];
      expect(sensors.length).toBeGreaterThan(10);
      for (const s of sensors) expect(Object.keys(s)).toEqual(expect.arrayContaining(['name', 'number', 'type', 'reading', 'unit', 'status', 'states', 'thresholds']));
    }
    // The run that used the disk cache printed exactly what the one that filled it printed.
    const goodOf = (lines: Record<string, unknown>[]) => lines.find((l) => l.ok === true);
    expect(goodOf(parsed[1]!)).toEqual(goodOf(parsed[0]!));

    const noCacheDir = join(tmp, 'unused-cache');
    const off = await bmc([...args, '--no-sdr-cache'], { BMC_SDR_CACHE_DIR: noCacheDir });
    expect(off.stdout.trim().split('\n')).toHaveLength(2);
    await expect(readdir(noCacheDir)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('`bmc sensors` fills the same disk cache and prints the same sensors from it', async () => {
    const cacheDir = join(tmp, 'sensors-cache');
    const args = ['--json', '-H', '127.0.0.1', '--port', String(sim().port), 'sensors'];
    const first = await bmc(args, { BMC_SDR_CACHE_DIR: cacheDir });
    expect(first.code).toBe(0);
    expect(await readdir(cacheDir)).toHaveLength(1);
    const second = await bmc(args, { BMC_SDR_CACHE_DIR: cacheDir });
    expect(JSON.parse(second.stdout)).toEqual(JSON.parse(first.stdout));
  });
});
