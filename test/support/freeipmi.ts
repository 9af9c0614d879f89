/**
 * Runs FreeIPMI tools (ipmi-sensors, ipmi-sel, ipmi-fru, ipmipower, ipmi-chassis,
 * bmc-info, ...) against a BMC as independent reference clients.
 *
 * The credentials go into a temporary `--config-file` (freeipmi.conf(5), mode 0600)
 * that is deleted afterwards: never argv, where `ps` would show them. SDR-reading tools
 * get a private `--sdr-cache-directory` in the same temporary directory, because
 * FreeIPMI's default cache is keyed by host and parallel ipmi_sim instances all live
 * on 127.0.0.1.
 *
 * ipmi_sim's Open Session response needs `-W opensesspriv` (FreeIPMI's name for the
 * quirk); it is on by default here.
 *
 *   const out = await freeipmi('ipmi-sensors', bmc, ['--no-header-output']);
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IpmiTarget, PrivilegeName } from './ipmitool.ts';

export type FreeIpmiTool = 'ipmi-sensors' | 'ipmi-sel' | 'ipmi-fru' | 'ipmipower' | 'ipmi-chassis' | 'bmc-info' | 'ipmi-raw' | 'ipmiconsole' | 'bmc-config' | 'ipmi-pef-config' | 'ipmi-dcmi';

export interface FreeIpmiOptions {
  /** `-W` workaround flags; default ['opensesspriv'] (needed by ipmi_sim). */
  readonly workarounds?: readonly string[];
  /** `--cipher-suite-id`, default FreeIPMI's (3). */
  readonly cipherSuite?: number;
  readonly privilege?: PrivilegeName;
  /** Kills the tool after this long (default 30 s). */
  readonly timeoutMs?: number;
}

export class FreeIpmiError extends Error {
  constructor(
    readonly tool: FreeIpmiTool,
    readonly args: readonly string[],
    readonly exitCode: number | null,
    readonly stdout: string,
    readonly stderr: string,
  ) {
    super(`${tool} ${args.join(' ')} failed (exit ${exitCode ?? 'killed'}): ${stderr.trim() || stdout.trim()}`);
    this.name = 'FreeIpmiError';
  }
}

/** Tools that read the SDR and so keep an SDR cache. */
const SDR_TOOLS: ReadonlySet<FreeIpmiTool> = new Set(['ipmi-sensors', 'ipmi-sel', 'ipmi-fru']);

const PRIVILEGE: Readonly<Record<PrivilegeName, string>> = { user: 'USER', operator: 'OPERATOR', admin: 'ADMIN' };

/** Runs `tool` and returns stdout; throws FreeIpmiError with stderr on a non-zero exit. */
export async function freeipmi(
  tool: FreeIpmiTool,
  target: IpmiTarget,
  args: readonly string[],
  options: FreeIpmiOptions = {},
): Promise<string> {
  for (const [field, value] of [['username', target.username], ['password', target.password]] as const) {
    if (/[\s#]/.test(value) || value.length === 0) {
      throw new RangeError(`freeipmi: ${field} cannot be written to a FreeIPMI config file (empty, whitespace or #)`);
    }
  }
  const dir = await mkdtemp(join(tmpdir(), 'freeipmi-'));
  try {
    const config = join(dir, 'freeipmi.conf');
    const lines = [`username ${target.username}`, `password ${target.password}`];
    if (options.privilege) lines.push(`privilege-level ${PRIVILEGE[options.privilege]}`);
    if (options.cipherSuite !== undefined) lines.push(`cipher-suite-id ${options.cipherSuite}`);
    await writeFile(config, lines.join('\n') + '\n', { mode: 0o600 });

    const argv = ['-h', `${target.host}:${target.port}`, `--config-file=${config}`];
    const workarounds = options.workarounds ?? ['opensesspriv'];
    if (workarounds.length > 0) argv.push('-W', workarounds.join(','));
    if (SDR_TOOLS.has(tool)) argv.push(`--sdr-cache-directory=${dir}`, '--quiet-cache');
    argv.push(...args);
    return await run(tool, argv, args, options.timeoutMs ?? 30_000);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function run(tool: FreeIpmiTool, argv: string[], args: readonly string[], timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(tool, argv, { timeout: timeoutMs, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) => {
      if (err) {
        const code = typeof err.code === 'number' ? err.code : null;
        reject(new FreeIpmiError(tool, args, code, stdout, stderr));
        return;
      }
      resolve(stdout);
    });
  });
}
