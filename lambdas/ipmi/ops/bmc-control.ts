/** Operations on the BMC itself: add a SEL entry, read the watchdog, warm or cold reset. */
import type { IpmiRequester } from '../commands/command.ts';
import { ColdReset, WarmReset } from '../commands/app/bmc-reset.ts';
import { GetWatchdogTimer, type WatchdogTimer } from '../commands/app/watchdog.ts';
import { AddSelEntry } from '../commands/storage/sel-add.ts';
import { InvalidArgumentError, TimeoutError } from '../errors.ts';

export type { WatchdogTimer } from '../commands/app/watchdog.ts';

export interface SelEventSpec {
  readonly sensorType: number;
  readonly sensorNumber: number;
  /** Event/Reading Type Code (section 42.1), e.g. 01h threshold, 6Fh sensor-specific. */
  readonly eventType: number;
  readonly deassertion?: boolean;
  /** Event Data 1-3 (FFh where unspecified). */
  readonly eventData: readonly number[];
  /** Generator ID, Table 32-1 bytes 8-9; default 0041h: system software ID 20h (BIOS/software). */
  readonly generatorId?: number;
}

function byte(v: number, field: string): number {
  if (!Number.isInteger(v) || v < 0 || v > 255) throw new InvalidArgumentError(`${field}: must be 0-255, got ${v}`);
  return v;
}

/** A system event record, Table 32-1 (record type 02h, EvM Rev 04h); record ID and timestamp are the BMC's to fill. */
export function systemEventRecord(e: SelEventSpec): Uint8Array {
  if (e.eventData.length < 1 || e.eventData.length > 3) throw new InvalidArgumentError('event data: 1 to 3 bytes');
  const data = [...e.eventData, 0xff, 0xff].slice(0, 3).map((b, i) => byte(b, `event data ${i + 1}`));
  const gen = e.generatorId ?? 0x0041;
  return Uint8Array.of(
    0, 0, 0x02, 0, 0, 0, 0,
    gen & 0xff, (gen >> 8) & 0xff,
    0x04,
    byte(e.sensorType, 'sensor type'),
    byte(e.sensorNumber, 'sensor number'),
    (e.deassertion ? 0x80 : 0) | (byte(e.eventType, 'event type') & 0x7f),
    ...data,
  );
}

/** Adds the event to the SEL and returns the record ID the BMC gave it. */
export async function selAdd(s: IpmiRequester, e: SelEventSpec): Promise<number> {
  return s.call(AddSelEntry, systemEventRecord(e));
}

export async function watchdogGet(s: IpmiRequester): Promise<WatchdogTimer> {
  return s.call(GetWatchdogTimer, undefined);
}

/**
 * Warm or cold reset of the BMC. A BMC may reset before its answer leaves, so a timeout after
 * sending counts as sent (the caller is told which).
 */
export async function bmcReset(s: IpmiRequester, kind: 'warm' | 'cold'): Promise<{ acknowledged: boolean }> {
  try {
    await s.call(kind === 'warm' ? WarmReset : ColdReset, undefined, { retries: 0 });
    return { acknowledged: true };
  } catch (e) {
    if (e instanceof TimeoutError) return { acknowledged: false };
    throw e;
  }
}
