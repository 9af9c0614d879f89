/**
 * The facts the rules need from one SEL entry, read back from its 16 raw bytes because the
 * decoded text is for people: a system event record (IPMI v2.0 section 32.1 Table 32-1) has
 * the sensor type at byte 11, the sensor number at 12, direction and event/reading type at 13
 * and event data 1-3 at 14-16 (section 29.7 Table 29-6).
 */
import type { SelEntry } from '../../bmc-data.ts';

const SYSTEM_EVENT = 0x02;

export interface SelFact {
  /** `sel:0x002a`, as evidence names it. */
  readonly ref: string;
  readonly id: number;
  /** Milliseconds since the epoch; null when the BMC's clock was not set (pre-init). */
  readonly time: number | null;
  readonly sensorType: number;
  readonly sensorNumber: number;
  readonly eventType: number;
  readonly asserted: boolean;
  /** Event data 1 bits 3:0: the offset within the event/reading type's states. */
  readonly offset: number;
  /** Event data 1 bits 5:4: what event data 3 holds (11b: a sensor-specific extension). */
  readonly data3Kind: number;
  readonly data: readonly [number, number, number];
}

export const selRef = (id: number): string => `sel:0x${id.toString(16).padStart(4, '0')}`;

function bytesOf(hex: string): number[] | null {
  if (!/^[0-9a-fA-F]{32}$/.test(hex)) return null;
  return Array.from({ length: 16 }, (_, i) => Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16));
}

/** The system event facts of an entry; null for OEM, reserved or malformed records, which no rule reads. */
export function selFact(entry: SelEntry): SelFact | null {
  const b = bytesOf(entry.raw);
  if (!b || b[2] !== SYSTEM_EVENT) return null;
  const time = entry.timestamp === null ? null : Date.parse(entry.timestamp);
  const ed1 = b[13]!;
  return {
    ref: selRef(entry.id),
    id: entry.id,
    time: time === null || Number.isNaN(time) ? null : time,
    sensorType: b[10]!,
    sensorNumber: b[11]!,
    eventType: b[12]! & 0x7f,
    asserted: (b[12]! & 0x80) === 0,
    offset: ed1 & 0x0f,
    data3Kind: (ed1 >> 4) & 0x03,
    data: [ed1, b[14]!, b[15]!],
  };
}

export function selFacts(sel: readonly SelEntry[]): SelFact[] {
  return sel.map(selFact).filter((f): f is SelFact => f !== null);
}

/** How ipmitool names a sensor it has no SDR name for: its type and number, `Fan #0x21`. */
export function sensorLabel(typeName: string, sensorNumber: number): string {
  return `${typeName} #0x${sensorNumber.toString(16).padStart(2, '0')}`;
}

/** Facts inside [now - windowMs, now]; entries without a time cannot be placed in a window. */
export function within(facts: readonly SelFact[], now: number, windowMs: number): SelFact[] {
  return facts.filter((f) => f.time !== null && f.time >= now - windowMs && f.time <= now);
}

/**
 * The sensor-specific offsets still asserted per sensor after replaying the log in order: an
 * assertion turns an offset on, a later deassertion of the same offset turns it off. Returns,
 * per sensor number and offset, the assertion that holds.
 */
export function assertedNow(facts: readonly SelFact[], sensorType: number, offsets: readonly number[]): SelFact[] {
  const held = new Map<string, SelFact>();
  for (const f of facts) {
    if (f.sensorType !== sensorType || f.eventType !== 0x6f || !offsets.includes(f.offset)) continue;
    const key = `${f.sensorNumber}:${f.offset}`;
    if (f.asserted) {
      if (!held.has(key)) held.set(key, f);
    } else held.delete(key);
  }
  return [...held.values()];
}

export function groupBy<T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}
