/**
 * IPMI timestamps, section 37 (Timestamp Format): seconds since 1970-01-01 00:00 UTC,
 * where FFFFFFFFh means unspecified/invalid and 00000000h-20000000h count seconds since
 * the BMC initialised (its clock had not been set: "pre-init" times).
 */
export const TIMESTAMP_UNSPECIFIED = 0xffffffff;
export const TIMESTAMP_INIT_DONE = 0x20000000;

/** True when the timestamp is a calendar time (not unspecified, not relative to init). */
export function isAbsoluteTimestamp(seconds: number): boolean {
  return seconds !== TIMESTAMP_UNSPECIFIED && seconds > TIMESTAMP_INIT_DONE;
}

/** ISO 8601 in UTC, or null for unspecified and pre-init timestamps. */
export function timestampToIso(seconds: number): string | null {
  return isAbsoluteTimestamp(seconds) ? new Date(seconds * 1000).toISOString() : null;
}
