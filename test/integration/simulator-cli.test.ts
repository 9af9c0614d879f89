/**
 * The `bmc-sim` command line (lambdas/simulator/README.md): N BMCs on consecutive ports or on a
 * range of loopback addresses, password from BMC_SIM_PASSWORD, `ready` once listening,
 * clean exit on SIGTERM/SIGINT, one clear line on bad arguments.
 */
import { spawn } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { describe, expect, it } from 'vitest';
import { ipmitoolRun } from '../support/ipmitool.ts';

const BIN = new URL('../../bin/bmc-sim.mjs', import.meta.url).pathname;

/** A free UDP port with `n - 1` free ports after it, probed by binding each. */
async function freePortRun(n: number, host = '127.0.0.1'): Promise<number> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const base = 20000 + Math.floor(Math.random() * 40000);
    const sockets = [];
    let ok = true;
    for (let i = 0; i < n && ok; i++) {
      const s = createSocket('udp4');
      ok = await new Promise<boolean>((resolve) => {
        s.once('error', () => resolve(false));
        s.bind(base + i, host, () => resolve(true));
      });
      sockets.push(s);
    }
    await Promise.all(sockets.map((s) => new Promise<void>((r) => s.close(() => r()))));
    if (ok) return base;
  }
  throw new Error('no free port run');
}

function ipmitool(host: string, port: number, password: string, args: string[]) {
  return ipmitoolRun({ host, port, username: 'admin', password }, args, { cipherSuite: 17, requestTimeoutS: 1, timeoutMs: 20_000 });
}

function startSim(args: string[], env: Record<string, string> = {}) {
  const base = { ...process.env };
  delete base.BMC_SIM_PASSWORD;
  const child = spawn(process.execPath, [BIN, ...args], { env: { ...base, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const ready = async () => {
    for (let i = 0; i < 1500 && !stdout.includes('ready\n'); i++) {
      if (child.exitCode !== null) break;
      await new Promise((r) => setTimeout(r, 10));
    }
    return stdout;
  };
  return { child, exited, ready, output: () => ({ stdout, stderr }) };
}

describe('bmc-sim', () => {
  it('starts N BMCs on consecutive ports with the password from BMC_SIM_PASSWORD and stops on SIGTERM', async () => {
    const port = await freePortRun(3);
    const sim = startSim(['--port', String(port), '--count', '3'], { BMC_SIM_PASSWORD: 'cli-secret' });
    try {
      expect(await sim.ready()).toBe('ready\n');
      for (const p of [port, port + 1, port + 2]) {
        expect((await ipmitool('127.0.0.1', p, 'cli-secret', ['chassis', 'power', 'status'])).stdout).toContain('Chassis Power is on');
      }
      expect((await ipmitool('127.0.0.1', port, 'admin', ['chassis', 'power', 'status'])).code).not.toBe(0);
      sim.child.kill('SIGTERM');
      expect(await sim.exited).toBe(0);
      expect(sim.output().stderr).toContain('stopped (SIGTERM)');
    } finally {
      sim.child.kill('SIGKILL');
    }
  });

  it('starts BMCs on a range of loopback addresses sharing one port, default password admin, and stops on SIGINT', async () => {
    const port = await freePortRun(1, '127.0.2.1');
    const sim = startSim(['--hosts', '127.0.2.1-127.0.2.3', '--port', String(port)]);
    try {
      expect(await sim.ready()).toBe('ready\n');
      const guids = new Set<string>();
      for (const host of ['127.0.2.1', '127.0.2.2', '127.0.2.3']) {
        const r = await ipmitool(host, port, 'admin', ['mc', 'guid']);
        expect(r.code).toBe(0);
        guids.add(r.stdout);
      }
      expect(guids.size).toBe(3);
      sim.child.kill('SIGINT');
      expect(await sim.exited).toBe(0);
    } finally {
      sim.child.kill('SIGKILL');
    }
  });

  it('rejects bad arguments with one clear line and a non-zero exit', async () => {
    const sim = startSim(['--count', 'many']);
    expect(await sim.exited).not.toBe(0);
    expect(sim.output().stderr.split('\n')[0]).toBe('bmc-sim: --count must be an integer 1-65535, got "many"');
    expect(sim.output().stdout).toBe('');
  });
});
