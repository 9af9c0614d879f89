/**
 * N OpenIPMI ipmi_sim BMCs on 127.0.1.1..127.0.1.N, port 623 (root may bind any
 * 127.0.0.0/8 address on Linux loopback), all with the test fixture's SDRs and sensors
 * (test/fixtures/ipmi-sim/bmc.emu) and one admin user sharing a random password.
 *
 * Each instance runs with its console on a pipe, so it exits by itself when the bench
 * process goes away, even if the bench is killed before stop().
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createSocket } from 'node:dgram';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checksum } from '../lambdas/ipmi/codec/bytes.ts';
import { processCpuMs, track } from './processes.ts';

const FIXTURE_EMU = fileURLToPath(new URL('../test/fixtures/ipmi-sim/bmc.emu', import.meta.url));
export const IPMI_PORT = 623;

export interface IpmiSimFleet {
  readonly hosts: readonly string[];
  readonly port: number;
  readonly username: string;
  readonly password: string;
  /** Working directory (FreeIPMI config files go here too); removed by stop(). */
  readonly dir: string;
  /** CPU time all the ipmi_sim processes have used so far, ms (what the BMCs' side of a run costs). */
  cpuMs(): number;
  stop(): Promise<void>;
}

/** Answers `get power` / `get boot` only: Get Chassis Status needs power; the bench never sets it. */
const CHASSIS_CONTROL = `#!/bin/sh
[ "$1" = get ] || exit 0
shift
for n in "$@"; do
  case $n in power) echo power:1 ;; boot) echo boot:none ;; esac
done
`;

/**
 * ipmi_sim answers RAKP only with a GUID configured (RAKP 2 carries it, 13.20), and
 * Get Channel Authentication Capabilities per privilege needs every allowed_auths line.
 */
function lanConf(index: number, host: string, port: number, username: string, password: string, chassisControl: string): string {
  const guid = `b3c4d5e6f708192a3b4c5d6e7f80${index.toString(16).padStart(4, '0')}`;
  return [
    'name "bench"',
    'set_working_mc 0x20',
    '  startlan 1',
    `    addr ${host} ${port}`,
    '    priv_limit admin',
    ...['callback', 'user', 'operator', 'admin'].map((p) => `    allowed_auths_${p} md5 md2 straight`),
    `    guid ${guid}`,
    '  endlan',
    `  chassis_control "${chassisControl}"`,
    `  user 2 true "${username}" "${password}" admin 10 md5 md2 straight`,
    '',
  ].join('\n');
}

export async function startIpmiSimFleet(count: number, options: { startTimeoutMs?: number } = {}): Promise<IpmiSimFleet> {
  if (count < 1 || count > 254) throw new RangeError('ipmi_sim fleet: 1-254 instances');
  const dir = await mkdtemp(join(tmpdir(), 'bench-ipmi-sim-'));
  const username = 'admin';
  const password = randomBytes(8).toString('hex');
  const control = join(dir, 'chassis_control');
  await writeFile(control, CHASSIS_CONTROL);
  await chmod(control, 0o755);
  // The fixture plus the line that enables the MC (test/support/ipmi-sim.ts adds FRU data too; sensors do not need it).
  await writeFile(join(dir, 'bmc.emu'), `${(await readFile(FIXTURE_EMU, 'utf8')).trimEnd()}\nmc_enable 0x20\n`);

  const hosts = Array.from({ length: count }, (_, i) => `127.0.1.${i + 1}`);
  const children: ChildProcess[] = [];
  const stop = async () => {
    await Promise.all(
      children.map(
        (c) =>
          new Promise<void>((resolve) => {
            if (c.exitCode !== null || c.signalCode !== null) return resolve();
            const killer = setTimeout(() => c.kill('SIGKILL'), 2_000);
            c.once('exit', () => {
              clearTimeout(killer);
              resolve();
            });
            c.stdin?.end();
          }),
      ),
    );
    await rm(dir, { recursive: true, force: true });
  };
  try {
    for (const [i, host] of hosts.entries()) {
      const own = join(dir, `bmc${i + 1}`);
      await mkdir(join(own, 'state'), { recursive: true });
      await writeFile(join(own, 'lan.conf'), lanConf(i + 1, host, IPMI_PORT, username, password, control), { mode: 0o600 });
      const log = openSync(join(own, 'console.log'), 'w');
      try {
        const child = spawn('ipmi_sim', ['-c', join(own, 'lan.conf'), '-f', join(dir, 'bmc.emu'), '-s', join(own, 'state')], {
          cwd: own,
          stdio: ['pipe', log, log],
        });
        child.stdin?.on('error', () => {});
        children.push(track(child));
      } finally {
        closeSync(log);
      }
    }
    const deadline = Date.now() + (options.startTimeoutMs ?? 30_000);
    for (const [i, host] of hosts.entries()) {
      while (!(await answers(host, IPMI_PORT, 200))) {
        if (Date.now() > deadline || children[i]!.exitCode !== null) {
          const out = readFileSync(join(dir, `bmc${i + 1}`, 'console.log'), 'latin1').split('\n').slice(-5).join('\n');
          throw new Error(`ipmi_sim on ${host}:${IPMI_PORT} did not start:\n${out}`);
        }
      }
    }
  } catch (e) {
    await stop();
    throw e;
  }
  const cpuMs = () => children.reduce((sum, c) => sum + processCpuMs(c.pid), 0);
  return { hosts, port: IPMI_PORT, username, password, dir, cpuMs, stop };
}

/** Get Channel Authentication Capabilities outside a session (22.13): any answer means the BMC is up. */
function answers(host: string, port: number, waitMs: number): Promise<boolean> {
  const msg = Uint8Array.of(0x20, 0x06 << 2, 0, 0x81, 0x00, 0x38, 0x8e, 0x04, 0);
  msg[2] = checksum(msg, 0, 2);
  msg[8] = checksum(msg, 3, 8);
  // RMCP header (13.1.3), IPMI 1.5 session header with auth type none (13.6), message length.
  const packet = Uint8Array.of(0x06, 0x00, 0xff, 0x07, 0, 0, 0, 0, 0, 0, 0, 0, 0, msg.length, ...msg);
  return new Promise((resolve) => {
    const socket = createSocket('udp4');
    const done = (ok: boolean) => {
      clearTimeout(timer);
      socket.close();
      resolve(ok);
    };
    const timer = setTimeout(() => done(false), waitMs);
    socket.once('message', () => done(true));
    socket.once('error', () => done(false));
    socket.send(packet, port, host);
  });
}
