/**
 * The project's BMC simulator in its own process (`bmc-sim --hosts ... --port 623`), so the
 * client under test does not share its event loop or heap with 1,000 BMCs.
 */
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { processCpuMs, spawnTracked, stopChild } from './processes.ts';

const BMC_SIM = fileURLToPath(new URL('../bin/bmc-sim.mjs', import.meta.url));

export interface SimFleet {
  readonly hosts: readonly string[];
  readonly port: number;
  readonly username: string;
  readonly password: string;
  /** CPU time the simulator process has used so far (user + system), ms; NaN where /proc is missing. */
  cpuMs(): number;
  stop(): Promise<void>;
}

/**
 * `count` addresses from 127.0.2.1 on, 250 per /24 (127.0.2.1-250, 127.0.3.1-250, ...), as
 * bmc-sim's `--hosts` ranges that vary only the last octet.
 */
export function simHostRanges(count: number): { hosts: string[]; spec: string } {
  const hosts: string[] = [];
  const parts: string[] = [];
  for (let net = 2; hosts.length < count; net++) {
    const n = Math.min(250, count - hosts.length);
    parts.push(`127.0.${net}.1-127.0.${net}.${n}`);
    for (let i = 1; i <= n; i++) hosts.push(`127.0.${net}.${i}`);
  }
  return { hosts, spec: parts.join(',') };
}

export async function startSimFleet(count: number, port: number, startTimeoutMs = 60_000): Promise<SimFleet> {
  const { hosts, spec } = simHostRanges(count);
  const password = randomBytes(8).toString('hex');
  // The password goes through the environment, never argv (lambdas/simulator/README.md).
  const child = spawnTracked(process.execPath, [BMC_SIM, '--hosts', spec, '--port', String(port)], {
    env: { ...process.env, BMC_SIM_PASSWORD: password },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-2000)));
  await new Promise<void>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`bmc-sim not ready within ${startTimeoutMs} ms: ${stderr}`)), startTimeoutMs);
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      if (/^ready$/m.test(out)) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`bmc-sim exited (${code}) before ready: ${stderr}`));
    });
  }).catch(async (e: unknown) => {
    await stopChild(child);
    throw e;
  });
  return { hosts, port, username: 'admin', password, cpuMs: () => processCpuMs(child.pid), stop: () => stopChild(child, 5_000) };
}
