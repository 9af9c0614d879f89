/**
 * The `bmc` command line run in-process against one BMC, for tests that compare its --json
 * output with a reference client:
 *
 *   const cli = bmcCli(() => ({ host, port, username, password }));
 *   const users = await cli.json<UserJson[]>(['user', 'list']);   // fails the test unless exit 0
 *   const r = await cli.run(['pef', 'status']);                     // { code, out, err }
 *
 * The session password travels in IPMI_PASSWORD (extra variables via `env`); files named on
 * the command line are read from disk.
 */
import { readFile } from 'node:fs/promises';
import { expect } from 'vitest';
import { main } from '../../lambdas/cli/main.ts';
import { defaultConnect, type CliIo } from '../../lambdas/cli/context.ts';
import type { IpmiTarget } from './ipmitool.ts';

export interface CliResult {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

export interface BmcCli {
  run(args: readonly string[], env?: Record<string, string>): Promise<CliResult>;
  /** `--json` output of a command that must succeed with nothing on stderr. */
  json<T>(args: readonly string[], env?: Record<string, string>): Promise<T>;
}

export function bmcCli(target: () => IpmiTarget): BmcCli {
  const run = async (args: readonly string[], env: Record<string, string> = {}): Promise<CliResult> => {
    const t = target();
    let out = '';
    let err = '';
    const io: CliIo = {
      stdout: (text) => void (out += text),
      stderr: (text) => void (err += text),
      env: { IPMI_PASSWORD: t.password, ...env },
      connect: defaultConnect,
      readFile: (p) => readFile(p, 'utf8'),
    };
    const code = await main(['-H', t.host, '-p', String(t.port), '-U', t.username, ...args], io);
    return { code, out, err };
  };
  return {
    run,
    async json<T>(args: readonly string[], env?: Record<string, string>): Promise<T> {
      const r = await run(['--json', ...args], env);
      expect(r.err, `bmc ${args.join(' ')}`).toBe('');
      expect(r.code).toBe(0);
      return JSON.parse(r.out) as T;
    },
  };
}
