/**
 * The reference clients the bench compares with, run as an operator would run them:
 * FreeIPMI's ipmi-sensors and ipmipower over a host range (their own parallel fan-out), and
 * ipmitool one host after the other. Passwords go through a 0600 config file (FreeIPMI) or
 * the environment (ipmitool -E), never argv.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { run, type RunResult } from './processes.ts';

export interface PeerTarget {
  hosts: readonly string[];
  username: string;
  password: string;
  /** A private directory for config files and FreeIPMI's SDR cache. */
  dir: string;
}

export interface PeerRun {
  wallMs: number;
  /** CPU time of the client process(es), ms. */
  cpuMs: number;
  /** Hosts whose output looked right (sensor rows, or a power state). */
  ok: number;
  /** Sensor rows per answering host, min and max (sensor runs only). */
  sensors?: [number, number];
  error?: string;
}

/** `127.0.1.[1-40]`: FreeIPMI's host range syntax, for consecutive last octets. */
export function freeIpmiHostRange(hosts: readonly string[]): string {
  const prefix = hosts[0]!.replace(/\.\d+$/, '.');
  const last = hosts.map((h) => Number(h.slice(prefix.length)));
  const consecutive = hosts.every((h, i) => h.startsWith(prefix) && last[i] === last[0]! + i);
  return consecutive ? `${prefix}[${last[0]}-${last.at(-1)}]` : hosts.join(',');
}

/**
 * FreeIPMI configuration (freeipmi.conf(5)): RMCP+, admin, and the opensesspriv workaround
 * that ipmi_sim needs (its RAKP uses the Open Session privilege).
 */
export async function freeIpmiConfig(t: PeerTarget): Promise<string> {
  const path = join(t.dir, 'freeipmi.conf');
  await writeFile(
    path,
    [`username ${t.username}`, `password ${t.password}`, 'driver-type LAN_2_0', 'privilege-level admin', 'workaround-flags opensesspriv', ''].join('\n'),
    { mode: 0o600 },
  );
  return path;
}

function perHostRows(stdout: string): Map<string, number> {
  const rows = new Map<string, number>();
  for (const line of stdout.split('\n')) {
    // "127.0.1.3: 1  | CPU1 Temp | ..." with a numeric record ID column.
    const m = /^([\d.]+): \d+\s*\|/.exec(line);
    if (m) rows.set(m[1]!, (rows.get(m[1]!) ?? 0) + 1);
  }
  return rows;
}

function summarise(res: RunResult, rows: Map<string, number>, what: string): PeerRun {
  const counts = [...rows.values()];
  return {
    wallMs: res.wallMs,
    cpuMs: res.cpuMs,
    ok: rows.size,
    ...(counts.length > 0 ? { sensors: [Math.min(...counts), Math.max(...counts)] as [number, number] } : {}),
    ...(res.code !== 0 ? { error: `${what} exit ${res.code}: ${res.stderr.trim().split('\n').slice(-1)[0] ?? ''}` } : {}),
  };
}

/** ipmi-sensors over the range, thresholds included (as `bmc sweep` reads them), SDR cache in `dir`. */
export async function ipmiSensors(t: PeerTarget, config: string, timeoutMs: number): Promise<PeerRun> {
  const cacheDir = join(t.dir, 'freeipmi-sdr-cache');
  // FreeIPMI refuses a cache directory others may write to.
  await mkdir(cacheDir, { recursive: true, mode: 0o700 });
  const res = await run(
    'ipmi-sensors',
    ['--config-file', config, '-h', freeIpmiHostRange(t.hosts), '--sdr-cache-directory', cacheDir, '--quiet-cache', '--output-sensor-thresholds'],
    { timeoutMs },
  );
  return summarise(res, perHostRows(res.stdout), 'ipmi-sensors');
}

/** ipmipower --stat over the range. */
export async function ipmipowerStat(t: PeerTarget, config: string, timeoutMs: number): Promise<PeerRun> {
  const res = await run('ipmipower', ['--config-file', config, '-h', freeIpmiHostRange(t.hosts), '--stat'], { timeoutMs });
  const ok = res.stdout.split('\n').filter((l) => /^[\d.]+: (on|off)$/.test(l.trim())).length;
  return { wallMs: res.wallMs, cpuMs: res.cpuMs, ok, ...(res.code !== 0 ? { error: `ipmipower exit ${res.code}` } : {}) };
}

/** `ipmitool ... sensor list` (or any command) on each host in turn, as a shell loop would. */
export async function ipmitoolSequential(t: PeerTarget, command: readonly string[], timeoutMs: number): Promise<PeerRun> {
  const started = performance.now();
  let ok = 0;
  let cpuMs = 0;
  const counts: number[] = [];
  let error: string | undefined;
  for (const host of t.hosts) {
    const remaining = timeoutMs - (performance.now() - started);
    if (remaining <= 0) {
      error = `stopped after ${ok} hosts: time limit`;
      break;
    }
    const res = await run('ipmitool', ['-I', 'lanplus', '-H', host, '-U', t.username, '-E', '-C', '3', ...command], {
      timeoutMs: Math.ceil(remaining),
      env: { ...process.env, IPMI_PASSWORD: t.password },
    });
    cpuMs += res.cpuMs;
    if (res.code === 0) {
      ok++;
      counts.push(res.stdout.split('\n').filter((l) => l.includes('|')).length);
    } else error ??= `ipmitool ${host} exit ${res.code}: ${res.stderr.trim().split('\n').slice(-1)[0] ?? ''}`;
  }
  return {
    wallMs: performance.now() - started,
    cpuMs,
    ok,
    ...(counts.length > 0 ? { sensors: [Math.min(...counts), Math.max(...counts)] as [number, number] } : {}),
    ...(error ? { error } : {}),
  };
}
