/**
 * SDR byte vectors for unit tests, written with the spec's byte numbering (IPMI v2.0
 * section 43: byte 1 is the first byte of the record header) so each test can say which
 * table row it changes.
 */
import { ByteReader, ByteWriter } from '../../lambdas/ipmi/codec/bytes.ts';
import { cc, FakeBmc } from './cli-fake-bmc.ts';

const STORAGE = 0x0a;

/** A record of `bytes` with header bytes 1-5 filled in (record ID, version 51h, type, length). */
function withHeader(recordId: number, type: number, body: number[]): Uint8Array {
  return Uint8Array.from([recordId & 0xff, recordId >> 8, 0x51, type, body.length, ...body]);
}

const latin1 = (s: string) => [...Buffer.from(s, 'latin1')];

/** Sets 1-based spec byte numbers (>= 6) of a body that starts at byte 6. */
function apply(body: number[], overrides: Record<number, number>): number[] {
  for (const [k, v] of Object.entries(overrides)) body[Number(k) - 6] = v;
  return body;
}

/**
 * Full Sensor Record (Table 43-1): "CPU Temp", sensor 30h, temperature, threshold based,
 * degrees C, M=1 B=0, thresholds LNR 0 LCR 5 LNC 10 UNC 85 UCR 95 UNR 105, all readable.
 */
export function fullRecord(overrides: Record<number, number> = {}, name = 'CPU Temp', recordId = 0x0001): Uint8Array {
  const body = [
    0x20, // 6 sensor owner ID: BMC
    0x00, // 7 owner LUN 0, channel 0
    0x30, // 8 sensor number
    0x03, // 9 entity ID: processor
    0x01, // 10 entity instance 1, physical
    0x7f, // 11 sensor initialization
    0x68, // 12 capabilities: auto re-arm, hysteresis readable/settable, thresholds readable/settable
    0x01, // 13 sensor type: temperature
    0x01, // 14 event/reading type: threshold
    0x95, 0x7a, // 15-16 assertion mask; [14:12] lower comparisons returned
    0x95, 0x7a, // 17-18 deassertion mask; [14:12] upper comparisons returned
    0x3f, 0x38, // 19-20 readable: all six; settable: upper three
    0x00, // 21 units 1: unsigned, no rate, no modifier
    0x01, // 22 base unit: degrees C
    0x00, // 23 modifier unit
    0x00, // 24 linearization: linear
    0x01, 0x00, // 25-26 M = 1, tolerance 0
    0x00, 0x00, // 27-28 B = 0, accuracy LS 0
    0x01, // 29 accuracy MS 0, exp 0, direction input
    0x00, // 30 R exp 0, B exp 0
    0x07, // 31 analog flags: nominal, normal max, normal min given
    0x28, 0x50, 0x0a, // 32-34 nominal 40, normal max 80, normal min 10
    0xff, 0x00, // 35-36 sensor max/min
    0x69, 0x5f, 0x55, // 37-39 UNR 105, UCR 95, UNC 85
    0x00, 0x05, 0x0a, // 40-42 LNR 0, LCR 5, LNC 10
    0x02, 0x02, // 43-44 hysteresis + / -
    0x00, 0x00, // 45-46 reserved
    0x00, // 47 OEM
    0xc0 | name.length, // 48 ID string: 8-bit ASCII + Latin 1
    ...latin1(name),
  ];
  return withHeader(recordId, 0x01, apply(body, overrides));
}

/** Compact Sensor Record (Table 43-2): "PSU" presence, sensor 40h, power supply, sensor-specific. */
export function compactRecord(overrides: Record<number, number> = {}, name = 'PSU', recordId = 0x0002): Uint8Array {
  const body = [
    0x20, 0x00, 0x40, // 6-8 owner, LUN, number
    0x0a, 0x01, // 9-10 entity: power supply, instance 1
    0x63, 0x40, // 11-12 init, capabilities (auto re-arm, no thresholds)
    0x08, 0x6f, // 13-14 sensor type power supply, sensor-specific
    0x0f, 0x00, 0x0f, 0x00, 0x0f, 0x00, // 15-20 assertion, deassertion, reading masks (offsets 0-3)
    0xc0, 0x00, 0x00, // 21-23 units: no analog reading
    0x40, // 24 sharing: direction input, numeric modifier, share count 0 (one sensor)
    0x00, // 25 sharing 2
    0x00, 0x00, // 26-27 hysteresis
    0x00, 0x00, 0x00, // 28-30 reserved
    0x00, // 31 OEM
    0xc0 | name.length,
    ...latin1(name),
  ];
  return withHeader(recordId, 0x02, apply(body, overrides));
}

/** Event-Only Record (Table 43-3): "Watchdog", sensor 50h. */
export function eventOnlyRecord(name = 'Watchdog', recordId = 0x0003): Uint8Array {
  const body = [0x20, 0x00, 0x50, 0x07, 0x01, 0x23, 0x6f, 0x80, 0x00, 0x00, 0x00, 0xc0 | name.length, ...latin1(name)];
  return withHeader(recordId, 0x03, body);
}

/** FRU Device Locator Record (Table 43-7): logical FRU 0 at the BMC. */
export function fruLocatorRecord(name = 'Builtin FRU', recordId = 0x0004): Uint8Array {
  const body = [0x20, 0x00, 0x80, 0x00, 0x00, 0x10, 0x00, 0x07, 0x01, 0x00, 0xc0 | name.length, ...latin1(name)];
  return withHeader(recordId, 0x11, body);
}

/** Management Controller Device Locator Record (Table 43-8): the BMC at 20h. */
export function mcLocatorRecord(name = 'BMC', recordId = 0x0005): Uint8Array {
  const body = [0x20, 0x00, 0x00, 0x2f, 0x00, 0x00, 0x00, 0x2e, 0x01, 0x00, 0xc0 | name.length, ...latin1(name)];
  return withHeader(recordId, 0x12, body);
}

/** Entity Association Record (type 08h, section 43.4): not decoded, kept as 'other'. */
export function entityAssociationRecord(recordId = 0x0006): Uint8Array {
  return withHeader(recordId, 0x08, [0x07, 0x01, 0x00, 0x0a, 0x01, 0x0a, 0x02, 0x00, 0x00, 0x00, 0x00]);
}

export interface RepoOptions {
  records: Uint8Array[];
  /** Largest "bytes to read" answered; more gets `tooLongCode`. */
  maxRead?: number;
  tooLongCode?: number;
  /** Get SDR calls after which the reservation is cancelled once (as a repository change does). */
  cancelAfterGets?: number;
  reserveUnsupported?: boolean;
  nextIds?: Map<number, number>;
  lastAdd?: number;
}

/** A BMC with an SDR repository that enforces reservations and a read-size limit. */
export function repositoryBmc(o: RepoOptions): FakeBmc {
  const bmc = new FakeBmc();
  const ids = o.records.map((r) => r[0]! | (r[1]! << 8));
  let reservation = 0;
  let gets = 0;
  bmc.on(STORAGE, 0x20, () =>
    [...new ByteWriter().u8(0x51).u16le(o.records.length).u16le(0x400).u32le(o.lastAdd ?? 0x5000_0000).u32le(0x4000_0000).u8(0x02).finish()],
  );
  bmc.on(STORAGE, 0x22, () => (o.reserveUnsupported ? cc(0xc1) : [++reservation & 0xff, 0]));
  bmc.on(STORAGE, 0x23, (data) => {
    const r = new ByteReader(data);
    const [resId, recordId, offset, count] = [r.u16le(), r.u16le(), r.u8(), r.u8()];
    gets++;
    if (o.cancelAfterGets !== undefined && gets === o.cancelAfterGets) reservation++;
    if (offset !== 0 && !o.reserveUnsupported && resId !== (reservation & 0xff)) return cc(0xc5);
    const index = recordId === 0 ? 0 : ids.indexOf(recordId);
    const rec = o.records[index];
    if (!rec) return cc(0xcb);
    // FFh asks for the rest of the record, which a BMC with a small buffer refuses too.
    if ((count === 0xff ? rec.length - offset : count) > (o.maxRead ?? 255)) return cc(o.tooLongCode ?? 0xca);
    const next = o.nextIds?.get(ids[index]!) ?? ids[index + 1] ?? 0xffff;
    return [next & 0xff, next >> 8, ...rec.subarray(offset, offset + count)];
  });
  return bmc;
}
