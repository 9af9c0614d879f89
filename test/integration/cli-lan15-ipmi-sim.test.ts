/**
 * The real `bmc` binary over IPMI v1.5 and `bmc raw` against ipmi_sim, with ipmitool (-I lan,
 * and `raw`) reading the same BMC.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ipmitool } from '../support/ipmitool.ts';
import { useIpmiSim } from '../support/use-ipmi-sim.ts';

const execFileP = promisify(execFile);
const BIN = join(import.meta.dirname, '../../bin/bmc.mjs');
const sim = useIpmiSim({ solConsole: false, v15AuthNone: true });

async function bmc(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const s = sim();
  try {
    const { stdout, stderr } = await execFileP(process.execPath, [BIN, '-H', s.host, '-p', String(s.port), '-U', s.username, '-E', ...args], { env: { ...process.env, IPMI_PASSWORD: s.password } });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

/** `ipmitool raw` prints " xx xx ..." lines; compare the bytes. */
const bytesOf = (text: string) => text.trim().split(/\s+/).filter(Boolean).join('');

describe('bmc over IPMI v1.5 and raw, against ipmi_sim beside ipmitool', { timeout: 120_000 }, () => {
  for (const [auth, theirs] of [['none', 'NONE'], ['password', 'PASSWORD'], ['md5', 'MD5']] as const) {
    it(`--lan 1.5 --auth ${auth}: power status as ipmitool -I lan -A ${theirs} reads it`, async () => {
      const r = await bmc(['--lan', '1.5', '--auth', auth, '--json', 'power', 'status']);
      expect(r).toMatchObject({ code: 0, stderr: '' });
      const chassis = await ipmitool(sim(), ['chassis', 'power', 'status'], { lan15: theirs });
      expect(`Chassis Power is ${(JSON.parse(r.stdout) as { power: string }).power}\n`).toBe(chassis);
    });
  }

  it('raw Get Device ID returns the bytes `ipmitool raw` returns, over RMCP+ and over v1.5', async () => {
    const theirs = bytesOf(await ipmitool(sim(), ['raw', '0x06', '0x01']));
    expect(theirs).toMatch(/^[0-9a-f]{22,}$/);
    for (const lan of [[], ['-I', 'lan']]) {
      const r = await bmc([...lan, '--json', 'raw', '0x06', '0x01']);
      expect(r.code).toBe(0);
      expect(JSON.parse(r.stdout)).toEqual({ completionCode: 0, data: theirs });
      expect(bytesOf((await bmc([...lan, 'raw', '0x06', '0x01'])).stdout)).toBe(theirs);
    }
  });

  it('raw with a command ipmi_sim lacks: completion code C1h, exit 1, as ipmitool fails too', async () => {
    const r = await bmc(['--json', 'raw', '0x06', '0x04']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toEqual({ completionCode: 0xc1, data: '' });
    const theirs = await ipmitool(sim(), ['raw', '0x06', '0x04']).catch((e: { stderr?: string }) => e.stderr ?? '');
    expect(theirs).toMatch(/rsp=0xc1/);
  });
});
