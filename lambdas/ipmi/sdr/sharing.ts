import type { CompactSensorRecord } from './types.ts';

/**
 * Record sharing, IPMI v2.0 section 43.2 (Table 43-2 bytes 24-25): one compact record may
 * stand for `shareCount` sensors with consecutive numbers. Each gets the ID string plus an
 * instance modifier: numeric (decimal) or alpha (A..Z, then AA..ZZ), starting at the
 * modifier offset; the entity instance optionally increments along.
 */
export interface SharedSensorInstance {
  number: number;
  name: string;
  entityInstance: number;
}

function alphaModifier(n: number): string {
  // 0 -> A, 25 -> Z, 26 -> AA: bijective base 26, as spreadsheet columns are named.
  let out = '';
  let v = n + 1;
  while (v > 0) {
    const rem = (v - 1) % 26;
    out = String.fromCharCode(0x41 + rem) + out;
    v = Math.floor((v - 1) / 26);
  }
  return out;
}

export function expandSharedRecord(record: CompactSensorRecord): SharedSensorInstance[] {
  const count = Math.max(1, record.sharing.shareCount);
  if (count === 1) {
    return [{ number: record.key.number, name: record.name, entityInstance: record.entity.instance }];
  }
  const out: SharedSensorInstance[] = [];
  for (let i = 0; i < count; i++) {
    const modifier = record.sharing.idModifierOffset + i;
    const suffix = record.sharing.idModifierType === 'alpha' ? alphaModifier(modifier) : String(modifier);
    out.push({
      number: (record.key.number + i) & 0xff,
      name: record.name + suffix,
      entityInstance: record.sharing.entityInstanceIncrements ? (record.entity.instance + i) & 0x7f : record.entity.instance,
    });
  }
  return out;
}
