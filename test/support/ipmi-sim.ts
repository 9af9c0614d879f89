/**
 * OpenIPMI's ipmi_sim as a real BMC for integration tests.
 *
 *   const bmc = await startIpmiSim();
 *   const s = await openSession({ host: bmc.host, port: bmc.port, username: bmc.username, password: bmc.password });
 *   ...
 *   await bmc.stop();
 *
 * Every instance gets its own temporary directory (lan.conf with random passwords, the
 * emu command file, chassis state, ipmi_sim's state dir), a free UDP port on 127.0.0.1
 * and, for SOL, a small TCP "serial console" that ipmi_sim connects to. Instances are
 * independent, so test files may start them in parallel.
 *
 * ipmi_sim runs with its console on a pipe rather than `-n`: the console echoes the
 * command file, which is how a broken fixture line is reported, it lets tests change
 * sensors at run time (`exec`), and ipmi_sim exits by itself when the pipe closes, so an
 * instance cannot outlive the test process even if that process is killed.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createSocket } from 'node:dgram';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { chmod, copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { checksum } from '../../lambdas/ipmi/codec/bytes.ts';
import { buildFruImage, fruEmuFileCommand, STANDARD_FRU, type FruImageSpec } from './fru-image.ts';
import { startSolConsole, BOOT_LOG, type SolConsole } from './sol-console.ts';
import { freeUdpPort, LOOPBACK } from './ports.ts';

export { BOOT_LOG };

export const IPMI_SIM_FIXTURES = fileURLToPath(new URL('../fixtures/ipmi-sim/', import.meta.url));

/** The BMC's IPMB address; every MC command in the fixture targets it. */
const BMC_ADDR = 0x20;

/** System GUID configured in lan.conf (16 bytes, as stored). */
export const IPMI_SIM_GUID = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';

export interface IpmiCredentials {
  readonly username: string;
  readonly password: string;
}

export interface IpmiSimOptions {
  /** Usernames/passwords; passwords default to 16 random hex characters per instance. */
  readonly users?: {
    readonly admin?: Partial<IpmiCredentials>;
    readonly operator?: Partial<IpmiCredentials>;
    readonly user?: Partial<IpmiCredentials>;
  };
  /** Initial chassis power (default 'on'). */
  readonly power?: 'on' | 'off';
  /**
   * What the SOL console prints each time ipmi_sim connects to it (on SOL activation);
   * default BOOT_LOG. `false` configures no SOL at all.
   */
  readonly solConsole?: string | false;
  /** FRU device 0 image (default STANDARD_FRU from fru-image.ts). */
  readonly fru?: FruImageSpec;
  /** BMC key K_G for two-key logins (lan.conf `bmc_key`, IPMI v2.0 section 13.31); none by default. */
  readonly bmcKey?: string;
  /** Also allow IPMI v1.5 sessions with auth type NONE (lan.conf allowed_auths_*), beside MD5, MD2 and straight password. */
  readonly v15AuthNone?: boolean;
  /** ipmi_sim commands (ipmi_sim_cmd(5)) run after the fixture is loaded, e.g. sensor_set_value. */
  readonly extraCommands?: readonly string[];
  /** How long to wait for ipmi_sim to answer (default 15 s). */
  readonly startTimeoutMs?: number;
}

export interface ChassisState {
  readonly power: 'on' | 'off';
  /** none | pxe | default | cdrom | bios (ipmi_sim's names for the boot device selector). */
  readonly boot: string;
  /** "SECONDS FORCE" of the last Chassis Identify, if any. */
  readonly identify: string | undefined;
}

export interface IpmiSimHandle {
  readonly host: typeof LOOPBACK;
  readonly port: number;
  /** Administrator account (user 2, ADMINISTRATOR). */
  readonly username: string;
  readonly password: string;
  /** User 3, OPERATOR privilege limit. */
  readonly operator: IpmiCredentials;
  /** User 4, USER privilege limit. */
  readonly user: IpmiCredentials;
  /** The instance's temporary directory (removed by stop()). */
  readonly dir: string;
  /** The SOL console ipmi_sim connects to, when SOL is configured. */
  readonly sol: SolConsole | undefined;
  /** Runs one ipmi_sim console command; throws with ipmi_sim's message when it fails. */
  exec(command: string): Promise<string>;
  /** Power/boot/identify as the chassis_control program last stored them. */
  chassis(): Promise<ChassisState>;
  /** Every `set NAME VALUE` ipmi_sim sent to chassis_control, oldest first. */
  chassisLog(): Promise<string[]>;
  /** Everything ipmi_sim wrote to its console (the command file echo, errors). */
  output(): string;
  stop(): Promise<void>;
}

type SimProcess = ChildProcess;

const live = new Set<SimProcess>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // Last resort when a test forgets stop(): the pipe closing would end ipmi_sim too,
  // but killing it here does not depend on the pipe being flushed.
  process.once('exit', () => {
    for (const child of live) child.kill('SIGKILL');
  });
}

/** A small second FRU (device 1, behind the "PSU1 FRU" locator): product area only. */
export const PSU_FRU: FruImageSpec = {
  product: {
    language: 25,
    manufacturer: 'Acme Power',
    name: 'PWS-800',
    partNumber: 'PWS-800-01',
    version: 'A2',
    serial: 'PSU1SN0001',
    assetTag: '',
    fileId: '',
  },
  size: 128,
};

export async function startIpmiSim(options: IpmiSimOptions = {}): Promise<IpmiSimHandle> {
  installExitHook();
  const dir = await mkdtemp(join(tmpdir(), 'ipmi-sim-'));
  let sol: SolConsole | undefined;
  try {
    if (options.solConsole !== false) sol = await startSolConsole(options.solConsole ?? BOOT_LOG);
    const admin = credentials(options.users?.admin, 'admin');
    const operator = credentials(options.users?.operator, 'operator');
    const user = credentials(options.users?.user, 'user');
    await prepareFiles(dir, options);

    // The port is free when chosen but may be taken before ipmi_sim binds it; try again.
    let lastError: unknown;
    for (let attempt = 0; attempt < 3; attempt++) {
      const port = await freeUdpPort();
      await writeLanConf(dir, port, admin, operator, user, sol, options.bmcKey, options.v15AuthNone);
      try {
        const sim = await launch(dir, port, options.startTimeoutMs ?? 15_000);
        const handle = makeHandle(sim, dir, port, admin, operator, user, sol);
        try {
          for (const command of options.extraCommands ?? []) await handle.exec(command);
        } catch (err) {
          await handle.stop();
          throw err;
        }
        return handle;
      } catch (err) {
        lastError = err;
        if (!(err instanceof PortInUseError)) throw err;
      }
    }
    throw lastError;
  } catch (err) {
    await sol?.close();
    await rm(dir, { recursive: true, force: true });
    throw err;
  }
}

function credentials(given: Partial<IpmiCredentials> | undefined, username: string): IpmiCredentials {
  const c = { username: given?.username ?? username, password: given?.password ?? randomBytes(8).toString('hex') };
  // lan.conf takes quoted names; IPMI v2.0 22.28/22.29 limit names to 16 and passwords to 20 bytes.
  for (const [field, value, max] of [['username', c.username, 16], ['password', c.password, 20]] as const) {
    if (!/^[\x21-\x7e]+$/.test(value) || value.includes('"') || Buffer.byteLength(value) > max) {
      throw new RangeError(`ipmi_sim ${field} must be 1-${max} printable ASCII characters without quotes or spaces`);
    }
  }
  return c;
}

async function prepareFiles(dir: string, options: IpmiSimOptions): Promise<void> {
  if (/[\s"'\\$`]/.test(dir)) throw new Error(`ipmi_sim: temporary directory path is not shell-safe: ${dir}`);
  const control = join(dir, 'chassis_control');
  await copyFile(join(IPMI_SIM_FIXTURES, 'chassis_control'), control);
  await chmod(control, 0o755);
  await writeFile(join(dir, 'chassis.state'), `power=${options.power === 'off' ? 0 : 1}\nboot=none\n`);
  await writeFile(join(dir, 'chassis.state.log'), '');

  // FRU images go in as files: ipmi_sim cuts long emu lines.
  const fruLines: string[] = [];
  for (const [id, spec] of [options.fru ?? STANDARD_FRU, PSU_FRU].entries()) {
    const image = buildFruImage(spec);
    const path = join(dir, `fru${id}.bin`);
    await writeFile(path, image);
    fruLines.push(fruEmuFileCommand(BMC_ADDR, id, image.length, path));
  }
  const fixture = await readFile(join(IPMI_SIM_FIXTURES, 'bmc.emu'), 'utf8');
  const emu = [
    fixture.trimEnd(),
    '',
    '# Added by test/support/ipmi-sim.ts: FRU inventory (FRU Information Storage Definition v1.0).',
    ...fruLines,
    '',
    '# Last line: an MC that answers proves every line above was accepted.',
    `mc_enable 0x${BMC_ADDR.toString(16)}`,
    '',
  ].join('\n');
  await writeFile(join(dir, 'bmc.emu'), emu);
  await mkdir(join(dir, 'state'));
}

async function writeLanConf(
  dir: string,
  port: number,
  admin: IpmiCredentials,
  operator: IpmiCredentials,
  user: IpmiCredentials,
  sol: SolConsole | undefined,
  bmcKey: string | undefined,
  v15AuthNone = false,
): Promise<void> {
  const template = await readFile(join(IPMI_SIM_FIXTURES, 'lan.conf.template'), 'utf8');
  const values: Record<string, string> = {
    HOST: LOOPBACK,
    PORT: String(port),
    GUID: IPMI_SIM_GUID,
    CHASSIS_CONTROL: `${join(dir, 'chassis_control')} ${join(dir, 'chassis.state')}`,
    ADMIN_USER: admin.username,
    ADMIN_PASSWORD: admin.password,
    OPERATOR_USER: operator.username,
    OPERATOR_PASSWORD: operator.password,
    USER_USER: user.username,
    USER_PASSWORD: user.password,
    // SOL over TCP (lanserv sol.c "tcp:HOST:PORT"): ipmi_sim connects when a client activates SOL.
    SOL: sol ? `  sol "tcp:${LOOPBACK}:${sol.port}" 115200` : '',
    BMC_KEY: bmcKey === undefined ? '' : `    bmc_key "${bmcKey}"`,
    LAN_AUTHS: v15AuthNone ? 'none md5 md2 straight' : 'md5 md2 straight',
  };
  const conf = template.replace(/@([A-Z_]+)@/g, (_, name: string) => {
    const v = values[name];
    if (v === undefined) throw new Error(`lan.conf.template: unknown token @${name}@`);
    return v;
  });
  await writeFile(join(dir, 'lan.conf'), conf, { mode: 0o600 });
}

class PortInUseError extends Error {}

interface RunningSim {
  readonly child: SimProcess;
  /** ipmi_sim's console input. */
  readonly stdin: Writable;
  /** ipmi_sim's console output so far (it goes to a file: a pipe that fills up blocks ipmi_sim). */
  readonly output: () => string;
  readonly exited: Promise<void>;
}

async function launch(dir: string, port: number, timeoutMs: number): Promise<RunningSim> {
  const bin = process.env.IPMI_SIM_BIN ?? 'ipmi_sim';
  // ipmi_sim logs every LAN session to its console. Into a pipe, that output blocks
  // ipmi_sim whenever the test's event loop is busy (a synchronous execFileSync is
  // enough); a file never fills up.
  const logPath = join(dir, 'console.log');
  const logFd = openSync(logPath, 'w');
  let spawnError = '';
  let child: SimProcess;
  try {
    child = spawn(bin, ['-c', join(dir, 'lan.conf'), '-f', join(dir, 'bmc.emu'), '-s', join(dir, 'state')], {
      cwd: dir,
      stdio: ['pipe', logFd, logFd],
    });
  } finally {
    closeSync(logFd);
  }
  live.add(child);
  const stdin = child.stdin;
  if (!stdin) throw new Error('ipmi_sim: spawned without a console pipe');
  stdin.on('error', () => {}); // EPIPE after ipmi_sim exits is reported through 'exit'
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => {
      live.delete(child);
      resolve();
    });
    child.once('error', (err) => {
      spawnError = `\n${bin}: ${err.message}\n`;
      live.delete(child);
      resolve();
    });
  });
  const output = () => readFileSync(logPath, 'latin1').replace(/\r/g, '') + spawnError;
  const sim = { child, stdin, output, exited };
  try {
    await waitUntilAnswering(sim, port, timeoutMs);
    return sim;
  } catch (err) {
    child.kill('SIGKILL');
    await exited;
    throw err;
  }
}

async function waitUntilAnswering(sim: RunningSim, port: number, timeoutMs: number): Promise<void> {
  let gone = false;
  void sim.exited.then(() => (gone = true));
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const text = sim.output();
    const failure = fixtureFailure(text);
    if (failure) throw new Error(`ipmi_sim rejected its command file: ${failure}`);
    if (gone) {
      if (/bind|in use/i.test(text)) throw new PortInUseError(`ipmi_sim could not bind 127.0.0.1:${port}`);
      throw new Error(`ipmi_sim exited during start-up:\n${tail(text)}`);
    }
    if (await answersChannelAuthCapabilities(port, 200)) return;
  }
  throw new Error(`ipmi_sim did not answer on 127.0.0.1:${port} within ${timeoutMs} ms:\n${tail(sim.output())}`);
}

/** The command-file line ipmi_sim complained about ("**..." follows the echoed line), if any. */
function fixtureFailure(output: string): string | undefined {
  const lines = output.split('\n');
  const i = lines.findIndex((l) => l.startsWith('**'));
  if (i < 0) return undefined;
  const offending = lines[i - 1]?.slice(0, 200) ?? '';
  return `${lines.slice(i).filter((l) => l.startsWith('**')).join(' ')} after: ${offending}`;
}

function tail(text: string): string {
  return text.split('\n').slice(-15).join('\n');
}

/**
 * Sends Get Channel Authentication Capabilities outside a session (IPMI v2.0 22.13;
 * RMCP 13.1.3, IPMI 1.5 session header 13.6 with auth type none) and reports whether
 * anything came back. ipmi_sim only answers once the BMC MC is enabled, the fixture's
 * last line.
 */
function answersChannelAuthCapabilities(port: number, waitMs: number): Promise<boolean> {
  const msg = Uint8Array.of(0x20, 0x06 << 2, 0, 0x81, 0x00, 0x38, 0x8e, 0x04, 0);
  msg[2] = checksum(msg, 0, 2);
  msg[8] = checksum(msg, 3, 8);
  const packet = Uint8Array.of(
    0x06, 0x00, 0xff, 0x07, // RMCP v1.0, no ack, class IPMI
    0x00, 0, 0, 0, 0, 0, 0, 0, 0, // auth type none, sequence 0, session 0
    msg.length,
    ...msg,
  );
  return new Promise((resolve) => {
    const socket = createSocket('udp4');
    const done = (answered: boolean) => {
      clearTimeout(timer);
      socket.close();
      resolve(answered);
    };
    const timer = setTimeout(() => done(false), waitMs);
    socket.once('message', () => done(true));
    socket.once('error', () => done(false));
    socket.send(packet, port, LOOPBACK);
  });
}

function makeHandle(
  sim: RunningSim,
  dir: string,
  port: number,
  admin: IpmiCredentials,
  operator: IpmiCredentials,
  user: IpmiCredentials,
  sol: SolConsole | undefined,
): IpmiSimHandle {
  let queue: Promise<unknown> = Promise.resolve();
  let stopped: Promise<void> | undefined;

  const runCommand = async (command: string): Promise<string> => {
    if (/[\r\n]/.test(command)) throw new RangeError('ipmi_sim command must be one line');
    if (sim.child.exitCode !== null || stopped) throw new Error('ipmi_sim is not running');
    const start = sim.output().length;
    sim.stdin.write(`${command}\n`);
    // The console echoes the command, prints its reply, then a fresh "> " prompt; session
    // log lines from the LAN side may come before the echo.
    const deadline = Date.now() + 5_000;
    while (Date.now() < deadline) {
      const output = sim.output().slice(start);
      const echo = output.indexOf(command);
      const reply = echo < 0 ? '' : output.slice(echo + command.length);
      if (/\n> ?$/.test(reply)) {
        const body = reply.replace(/\n> ?$/, '').trim();
        if (/^\*\*/m.test(body)) throw new Error(`ipmi_sim: ${command}: ${body}`);
        return body;
      }
      await new Promise((r) => setTimeout(r, 10));
    }
    throw new Error(`ipmi_sim: no prompt after "${command}"`);
  };

  return {
    host: LOOPBACK,
    port,
    username: admin.username,
    password: admin.password,
    operator,
    user,
    dir,
    sol,
    exec(command) {
      const result = queue.then(() => runCommand(command));
      queue = result.catch(() => undefined);
      return result;
    },
    async chassis() {
      const text = await readFile(join(dir, 'chassis.state'), 'utf8');
      const get = (name: string) => text.split('\n').reverse().find((l) => l.startsWith(`${name}=`))?.slice(name.length + 1);
      return { power: get('power') === '1' ? 'on' : 'off', boot: get('boot') ?? 'none', identify: get('identify') };
    },
    async chassisLog() {
      const text = await readFile(join(dir, 'chassis.state.log'), 'utf8');
      return text.split('\n').filter((l) => l.length > 0);
    },
    output: () => sim.output(),
    stop() {
      stopped ??= (async () => {
        sim.stdin.end(); // ipmi_sim's console exits on end of input
        const killer = setTimeout(() => sim.child.kill('SIGKILL'), 3_000);
        await sim.exited;
        clearTimeout(killer);
        await sol?.close();
        await rm(dir, { recursive: true, force: true });
      })();
      return stopped;
    },
  };
}
