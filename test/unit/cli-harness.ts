/** Runs `bmc` in-process against FakeBmc instances through the connect seam (host "unreachable" times out). */
import { main } from '../../lambdas/cli/main.ts';
import type { CliIo } from '../../lambdas/cli/context.ts';
import { TimeoutError, type LanSessionOptions } from '../../lambdas/ipmi/index.ts';
import type { FakeBmc } from './cli-fake-bmc.ts';

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
  connects: LanSessionOptions[];
}

export function harness(bmc: FakeBmc | ((o: LanSessionOptions) => FakeBmc), env: Record<string, string> = { IPMI_PASSWORD: 'pw-from-env' }, files: Record<string, string> = {}) {
  return async (...argv: string[]): Promise<Run> => {
    let stdout = '';
    let stderr = '';
    const connects: LanSessionOptions[] = [];
    const io: CliIo = {
      stdout: (t) => void (stdout += t),
      stderr: (t) => void (stderr += t),
      env,
      connect: async (o) => {
        connects.push(o);
        if (o.host === 'unreachable') throw new TimeoutError('Get Channel Authentication Capabilities', o.host, 1000, 3);
        return typeof bmc === 'function' ? bmc(o) : bmc;
      },
      readFile: async (p) => {
        const f = files[p];
        if (f === undefined) throw new Error(`ENOENT: no such file, open '${p}'`);
        return f;
      },
    };
    const code = await main(argv, io);
    return { code, stdout, stderr, connects };
  };
}

