/**
 * The test FRU image read by a decoder this project did not write: FreeIPMI's
 * `ipmi-fru --fru-file` (no BMC, no network). Guards test/support/fru-image.ts, which
 * the ipmi_sim fixtures and the unit tests rely on, against a layout only our own
 * decoder would accept.
 *
 * FreeIPMI 1.6 reads BCD plus as one digit per byte, not two per byte as the FRU spec
 * (section 13.1) and ipmitool do, so it rejects those fields; they are checked to be
 * the BCD-plus ones and nothing else.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFruImage, STANDARD_FRU, STANDARD_FRU_EXPECTED } from '../support/fru-image.ts';

const run = promisify(execFile);

let dir: string;
let fields: Map<string, string[]>;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'fru-image-'));
  const file = join(dir, 'fru.bin');
  await writeFile(file, buildFruImage(STANDARD_FRU));
  const { stdout } = await run('ipmi-fru', [`--fru-file=${file}`], { env: { ...process.env, TZ: 'UTC', LC_ALL: 'C' }, timeout: 20_000 });
  fields = new Map();
  for (const line of stdout.split('\n')) {
    const at = line.indexOf(': ');
    if (at < 0) continue;
    const key = line.slice(0, at).trim();
    fields.set(key, [...(fields.get(key) ?? []), line.slice(at + 2)]);
  }
});

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('the standard test FRU image, read by FreeIPMI ipmi-fru', () => {
  it('has the chassis area fields (6-bit ASCII and 8-bit) where the spec puts them', () => {
    const c = STANDARD_FRU_EXPECTED.chassis;
    expect(fields.get('FRU Chassis Type')).toEqual([c.type]);
    expect(fields.get('FRU Chassis Part Number')).toEqual([c.partNumber]);
    expect(fields.get('FRU Chassis Custom Info')).toEqual([...c.extra]);
  });

  it('has the board area fields and manufacturing date', () => {
    const b = STANDARD_FRU_EXPECTED.board;
    expect(fields.get('FRU Board Manufacturing Date/Time')).toEqual(['04/05/23 - 06:07:00']);
    expect(fields.get('FRU Board Manufacturer')).toEqual([b.manufacturer]);
    expect(fields.get('FRU Board Product Name')).toEqual([b.product]);
    expect(fields.get('FRU Board Part Number')).toEqual([b.partNumber]);
    expect(fields.get('FRU Board Custom Info')).toEqual([...b.extra]);
  });

  it('has the product area fields', () => {
    const p = STANDARD_FRU_EXPECTED.product;
    expect(fields.get('FRU Product Manufacturer Name')).toEqual([p.manufacturer]);
    expect(fields.get('FRU Product Name')).toEqual([p.name]);
    expect(fields.get('FRU Product Part/Model Number')).toEqual([p.partNumber]);
    expect(fields.get('FRU Product Serial Number')).toEqual([p.serial]);
    expect(fields.get('FRU Product Asset Tag')).toEqual([p.assetTag]);
    expect(fields.get('FRU Product Custom Info')).toEqual([...p.extra]);
  });

  it('has checksummed multirecords FreeIPMI decodes (power supply, OEM)', () => {
    expect(fields.get('FRU Power Supply Overall Capacity')).toEqual(['800 Watts']);
    expect(fields.get('FRU OEM Manufacturer ID')?.[0]).toMatch(/\(157h\)$/);
    expect(fields.get('FRU OEM Data')).toEqual(['DEh ADh BEh EFh']);
  });

  it('differs from FreeIPMI only in the BCD plus fields', () => {
    const rejected = [...fields].filter(([, values]) => values.some((v) => v.startsWith('Error'))).map(([k]) => k);
    expect(rejected.sort()).toEqual(['FRU Board Serial Number', 'FRU Chassis Serial Number', 'FRU Product Version']);
  });
});
