/**
 * FRU inventory against OpenIPMI's ipmi_sim, compared with `ipmitool fru print` on the
 * same BMC, field by field, for the standard test image (every field encoding) and the
 * PSU FRU behind the FRU locator; plus a BMC whose board area checksum is broken.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Session } from '../../lambdas/ipmi/index.ts';
import { readFru, type FruReadResult } from '../../lambdas/ipmi/ops/fru.ts';
import { STANDARD_FRU, STANDARD_FRU_EXPECTED } from '../support/fru-image.ts';
import type { IpmiSimHandle } from '../support/ipmi-sim.ts';
import { useIpmiSimSession } from '../support/use-ipmi-sim.ts';
import { ipmitool as runIpmitool, parseIpmitoolFieldLists } from '../support/ipmitool.ts';

const ipmitool = (sim: IpmiSimHandle, ...args: string[]): Promise<string> => runIpmitool(sim, args, { utc: true, timeoutMs: 20_000 });

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** An ISO time as strftime's "%c" prints it in the C locale ("Wed Apr  5 06:07:00 2023"). */
function asCTime(iso: string): string {
  const d = new Date(iso);
  const hms = iso.slice(11, 19);
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} ${hms} ${d.getUTCFullYear()}`;
}

/** ipmitool prints only non-empty fields. */
const shown = (v: string): string[] | undefined => (v === '' ? undefined : [v]);
const shownAll = (vs: readonly string[]): string[] | undefined => {
  const kept = vs.filter((v) => v !== '');
  return kept.length ? kept : undefined;
};

function expectSameAsIpmitool(fru: FruReadResult, text: string): void {
  const f = parseIpmitoolFieldLists(text, { trim: false });
  if (fru.chassis) {
    expect(f.get('Chassis Type')).toEqual([fru.chassis.type]);
    expect(f.get('Chassis Part Number')).toEqual(shown(fru.chassis.partNumber));
    expect(f.get('Chassis Serial')).toEqual(shown(fru.chassis.serial));
    expect(f.get('Chassis Extra')).toEqual(shownAll(fru.chassis.extra));
  } else {
    expect(f.has('Chassis Type')).toBe(false);
  }
  if (fru.board) {
    const date = f.get('Board Mfg Date')?.[0]?.replace(/\s+(UTC|GMT)$/, '');
    expect(date).toBe(fru.board.mfgDate === null ? 'Unspecified' : asCTime(fru.board.mfgDate));
    expect(f.get('Board Mfg')).toEqual(shown(fru.board.manufacturer));
    expect(f.get('Board Product')).toEqual(shown(fru.board.product));
    expect(f.get('Board Serial')).toEqual(shown(fru.board.serial));
    expect(f.get('Board Part Number')).toEqual(shown(fru.board.partNumber));
    expect(f.get('Board Extra')).toEqual(shownAll(fru.board.extra));
  } else {
    expect(f.has('Board Mfg')).toBe(false);
  }
  if (fru.product) {
    expect(f.get('Product Manufacturer')).toEqual(shown(fru.product.manufacturer));
    expect(f.get('Product Name')).toEqual(shown(fru.product.name));
    expect(f.get('Product Part Number')).toEqual(shown(fru.product.partNumber));
    expect(f.get('Product Version')).toEqual(shown(fru.product.version));
    expect(f.get('Product Serial')).toEqual(shown(fru.product.serial));
    expect(f.get('Product Asset Tag')).toEqual(shown(fru.product.assetTag));
    expect(f.get('Product Extra')).toEqual(shownAll(fru.product.extra));
  } else {
    expect(f.has('Product Name')).toBe(false);
  }
}

describe('FRU against ipmi_sim, compared with ipmitool', () => {
  let sim: IpmiSimHandle;
  let s: Session;

  const ipmiSim = useIpmiSimSession();
  beforeAll(() => {
    ({ sim, session: s } = ipmiSim());
  });

  it('decodes FRU 0 (all three areas, 8-bit, 6-bit ASCII, BCD plus, binary) as `ipmitool fru print 0` does', async () => {
    const fru = await readFru(s, { id: 0 });
    expectSameAsIpmitool(fru, await ipmitool(sim, 'fru', 'print', '0'));
    // The image's own values, so agreeing with ipmitool by accident still fails.
    expect(fru.chassis).toMatchObject(STANDARD_FRU_EXPECTED.chassis);
    expect(fru.board).toMatchObject(STANDARD_FRU_EXPECTED.board);
    expect(fru.product).toMatchObject(STANDARD_FRU_EXPECTED.product);
    expect(fru.checksums).toEqual({ header: true, chassis: true, board: true, product: true, multiRecords: true });
    expect(fru.multiRecords.map((m) => [m.typeName, m.dataChecksumOk])).toEqual([
      ['Power Supply Information', true],
      ['OEM', true],
    ]);
    expect(fru.problems).toEqual([]);
  });

  it('decodes FRU 1 (product area only) as `ipmitool fru print 1` does', async () => {
    const fru = await readFru(s, { id: 1 });
    expectSameAsIpmitool(fru, await ipmitool(sim, 'fru', 'print', '1'));
    expect(fru.chassis).toBeNull();
    expect(fru.board).toBeNull();
    expect(fru.product).toMatchObject({ manufacturer: 'Acme Power', name: 'PWS-800', serial: 'PSU1SN0001' });
  });

  it('reports an absent FRU device with a typed completion code error', async () => {
    await expect(readFru(s, { id: 7 })).rejects.toMatchObject({ name: 'CompletionCodeError' });
  });
});

describe('FRU with a broken board checksum', () => {
  let sim: IpmiSimHandle;
  let s: Session;

  const ipmiSim = useIpmiSimSession({ fru: { ...STANDARD_FRU, corrupt: { board: true } } });
  beforeAll(() => {
    ({ sim, session: s } = ipmiSim());
  });

  it('still decodes every area, reports checksumOk false, and agrees with ipmitool on the fields', async () => {
    const fru = await readFru(s, { id: 0 });
    expect(fru.board).toMatchObject({ ...STANDARD_FRU_EXPECTED.board, checksumOk: false });
    expect(fru.checksums).toMatchObject({ header: true, chassis: true, board: false, product: true });
    expect(fru.problems).toEqual([{ area: 'board', message: 'FRU board info area: checksum mismatch' }]);
    expectSameAsIpmitool(fru, await ipmitool(sim, 'fru', 'print', '0'));
  });
});
