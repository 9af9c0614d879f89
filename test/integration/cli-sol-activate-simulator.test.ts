/**
 * `bmc sol activate` driven through a pseudo-terminal, as an operator types into it: script(1)
 * from util-linux gives the binary a real TTY (raw mode and all) without a native module.
 * The `~.` escape must end the session and deactivate the SOL payload at the BMC.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFleet, type Fleet } from '../../lambdas/simulator/index.ts';

const BIN = join(import.meta.dirname, '../../bin/bmc.mjs');
const PASSWORD = 'sol-secret';
let fleet: Fleet;

beforeAll(async () => {
  fleet = await startFleet({ password: PASSWORD, seed: 3 });
});
afterAll(async () => {
  await fleet?.stop();
});

/** Runs `bmc ... sol activate` under script(1); `type` is called with a writer once output shows up. */
function solActivate(args: string[], type: (write: (s: string) => void, output: () => string) => Promise<void>): Promise<{ code: number | null; output: string }> {
  const argv = [process.execPath, BIN, ...args, 'sol', 'activate'];
  for (const a of argv) if (!/^[\w.:@/-]+$/.test(a)) throw new RangeError(`unsafe argument for script(1): ${a}`);
  return new Promise((resolve, reject) => {
    const child = spawn('script', ['-qfec', argv.join(' '), '/dev/null'], { env: { ...process.env, IPMI_PASSWORD: PASSWORD }, stdio: ['pipe', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.setEncoding('latin1');
    child.stdout.on('data', (d: string) => (output += d));
    child.stderr.on('data', () => {});
    const killer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(killer);
      resolve({ code, output });
    });
    type((s) => child.stdin.write(s), () => output).catch(reject);
  });
}

async function until(what: string, check: () => boolean, ms = 15_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('bmc sol activate through a pseudo-terminal', { timeout: 60_000 }, () => {
  it('shows the console, ends on ~. and leaves the SOL payload deactivated', async () => {
    const b = fleet.bmcs[0]!;
    const r = await solActivate(['-H', b.host, '-p', String(b.port), '-U', 'admin', '-E'], async (write, output) => {
      await until('the banner', () => output().includes('SOL Session operational'));
      await until('the SOL payload to be active', () => b.solActive);
      await until('console output', () => b.consoleBytesPrinted > 0);
      // A ~ inside a line is text; the escape counts only at the start of a line.
      write('echo a~.b\r');
      await new Promise((res) => setTimeout(res, 300));
      expect(b.solActive).toBe(true);
      write('~.');
    });
    expect(r.code).toBe(0);
    expect(r.output).toContain('[SOL Session operational.  Use ~? for help]');
    expect(r.output).toContain('[terminated bmc sol activate]');
    expect(b.solActive).toBe(false);
  });
});
