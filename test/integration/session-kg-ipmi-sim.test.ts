import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthenticationError, openSession, presencePing } from '../../lambdas/ipmi/index.ts';
import { freeUdpPort } from '../support/ports.ts';

/**
 * Two-key login (IPMI v2.0 section 13.31): with a BMC key K_G set, the SIK is keyed by K_G
 * instead of the user's password. ipmi_sim supports it through lan.conf's `bmc_key`.
 */
describe('BMC key (K_G) with ipmi_sim', () => {
  let dir: string;
  let port: number;
  let sim: ChildProcess;
  const kg = 'kg-0123456789abcd';
  const password = 'kg-test-password';

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ipmi-sim-kg-'));
    port = await freeUdpPort();
    await mkdir(join(dir, 'state'));
    await writeFile(
      join(dir, 'lan.conf'),
      [
        'name "kg"',
        'set_working_mc 0x20',
        '  startlan 1',
        `    addr 127.0.0.1 ${port}`,
        '    priv_limit admin',
        '    allowed_auths_admin md5 straight',
        `    bmc_key "${kg}"`,
        '    guid 0f0e0d0c0b0a09080706050403020100',
        '  endlan',
        `  user 2 true "admin" "${password}" admin 10 md5 straight`,
        '',
      ].join('\n'),
    );
    await writeFile(join(dir, 'emu'), 'mc_setbmc 0x20\nmc_add 0x20 0 no-device-sdrs 0x23 9 8 0x9f 0x1291 0xf02\nmc_enable 0x20\n');
    // The console stays on a pipe: ipmi_sim exits when it closes, so it cannot outlive the test.
    sim = spawn('ipmi_sim', ['-c', 'lan.conf', '-f', 'emu', '-s', 'state'], { cwd: dir, stdio: ['pipe', 'ignore', 'ignore'] });
    for (let i = 0; i < 50; i++) {
      if (await presencePing('127.0.0.1', port, { timeoutMs: 100, retries: 0 }).then(() => true, () => false)) return;
    }
    throw new Error('ipmi_sim with bmc_key did not start');
  });

  afterAll(async () => {
    sim?.kill('SIGKILL');
    await rm(dir, { recursive: true, force: true });
  });

  const base = () => ({ host: '127.0.0.1', port, username: 'admin', password, cipherSuite: 3, timeoutMs: 300, retries: 1 });

  it('opens a session and runs a command when K_G is given', async () => {
    const s = await openSession({ ...base(), kg: new TextEncoder().encode(kg) });
    expect((await s.raw(0x06, 0x01, new Uint8Array())).completionCode).toBe(0);
    await s.close();
  });

  it('without K_G, or with the wrong one, RAKP 4 fails and the error points at the BMC key', async () => {
    for (const wrong of [undefined, new TextEncoder().encode('not-the-kg')]) {
      const err = await openSession({ ...base(), ...(wrong ? { kg: wrong } : {}) }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(AuthenticationError);
      expect(String(err)).toMatch(/RAKP 4 integrity check value invalid \(wrong BMC key K_G\?\)/);
    }
  });
});
