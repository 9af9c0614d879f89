/**
 * The SDR cache key: what says "this repository is the one already decoded".
 *
 * As FreeIPMI (its SDR cache header) and pyghmi (its shared SDR cache) do, the key joins the
 * BMC's identity from Get Device ID (IPMI v2.0 section 20.1 Table 20-2: device ID and
 * revision, firmware revision 1/2, IPMI version, manufacturer and product ID, auxiliary
 * firmware revision) with the repository's state from Get SDR Repository Info (section
 * 33.9: record count, most recent addition and erase timestamps). A firmware update changes
 * the first half; adding or deleting a record changes the second. BMCs that agree on all of
 * it run the same firmware with the same records, so they can share one decoded copy.
 */
import { createHash } from 'node:crypto';
import type { DeviceId } from '../commands/app/get-device-id.ts';
import type { SdrRepositoryInfo } from '../commands/storage/sdr-repository-info.ts';
import { TIMESTAMP_UNSPECIFIED } from '../sel/timestamp.ts';

export type SdrCacheIdentity = Pick<
  DeviceId,
  | 'deviceId'
  | 'deviceRevision'
  | 'firmwareMajor'
  | 'firmwareMinorBcd'
  | 'ipmiVersionMajor'
  | 'ipmiVersionMinor'
  | 'manufacturerId'
  | 'productId'
  | 'auxFirmwareRevision'
>;

export type SdrCacheState = Pick<SdrRepositoryInfo, 'recordCount' | 'lastAddTimestamp' | 'lastEraseTimestamp'>;

const hex = (n: number, digits: number) => n.toString(16).padStart(digits, '0');

/** Keys are file names too: lower-case hex, digits, dots, dashes and underscores only. */
export const SDR_CACHE_KEY_PATTERN = /^sdr1_[0-9a-z._-]{1,200}$/;

/**
 * True when the repository's timestamps can tell one state from the next. A BMC that
 * reports no addition timestamp (0 or FFFFFFFFh) gives no way to notice a change, so its
 * repository is read every time rather than trusted from a cache.
 */
export function isCacheableState(state: SdrCacheState): boolean {
  return state.lastAddTimestamp !== TIMESTAMP_UNSPECIFIED && state.lastAddTimestamp !== 0;
}

/** The cache key of a repository, or undefined when it cannot be cached (see isCacheableState). */
export function sdrCacheKey(id: SdrCacheIdentity, state: SdrCacheState): string | undefined {
  if (!isCacheableState(state)) return undefined;
  const aux = id.auxFirmwareRevision ? Buffer.from(id.auxFirmwareRevision).toString('hex') : 'none';
  return [
    'sdr1',
    `m${hex(id.manufacturerId, 6)}`,
    `p${hex(id.productId, 4)}`,
    `d${hex(id.deviceId, 2)}.${hex(id.deviceRevision, 1)}`,
    `fw${hex(id.firmwareMajor, 2)}.${hex(id.firmwareMinorBcd, 2)}.${aux}`,
    `ipmi${hex(id.ipmiVersionMajor, 1)}.${hex(id.ipmiVersionMinor, 1)}`,
    `n${hex(state.recordCount, 4)}`,
    `a${hex(state.lastAddTimestamp, 8)}`,
    `e${hex(state.lastEraseTimestamp, 8)}`,
  ].join('_');
}

/**
 * `key` confined to one trust domain (a tenant): the SDRs come from the BMC, so a BMC that
 * reports another model's identity and timestamps could otherwise plant records that every
 * BMC of that model then reads. BMCs of one scope still share a copy; other scopes never see
 * it. The scope enters the key as a hash, so the key stays a safe file name and names no one.
 */
export function scopedSdrCacheKey(key: string, scope: string | undefined): string {
  if (scope === undefined) return key;
  const tag = createHash('sha256').update(scope).digest('hex').slice(0, 16);
  return key.replace(/^sdr1_/, `sdr1_s${tag}_`);
}
