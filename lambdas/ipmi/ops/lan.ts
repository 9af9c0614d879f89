/**
 * LAN configuration as operators see it (`ipmitool lan print`, FreeIPMI bmc-config's
 * Lan_Conf sections), and guarded changes: a change to the addressing of the channel the
 * session runs on can cut the BMC off, so it needs an explicit confirmation.
 */
import type { IpmiRequester } from '../commands/command.ts';
import { CURRENT_CHANNEL } from '../commands/app/user-accounts.ts';
import { GetLanConfig, SetLanConfig } from '../commands/transport/lan-config.ts';
import { ipv4Bytes, LanParam, type AuthLevel, type AuthType, type IpSource, type LanParameter } from '../commands/transport/lan-parameters.ts';
import { CompletionCodeError, InvalidArgumentError, IpmiError } from '../errors.ts';

export { IP_SOURCES, type IpSource } from '../commands/transport/lan-parameters.ts';

/** The `bmc lan print --json` contract. */
export interface LanSummary {
  readonly ipSource: IpSource;
  readonly ipAddress: string;
  readonly netmask: string;
  readonly gateway: string;
  readonly macAddress: string;
  /** null when 802.1q tagging is off. */
  readonly vlanId: number | null;
}

export interface LanDetails extends LanSummary {
  readonly channel: number;
  /** Parameters a BMC may not support are null. */
  readonly vlanPriority: number | null;
  readonly authTypeEnables: Record<AuthLevel, AuthType[]> | null;
  /** Cipher suite id -> maximum privilege (one letter per entry as ipmitool prints: X, c, u, o, a, O). */
  readonly cipherSuitePrivileges: { id: number; privilege: string }[] | null;
}

const PRIVILEGE_LETTERS = ['X', 'c', 'u', 'o', 'a', 'O'];

async function read<T>(s: IpmiRequester, channel: number, p: LanParameter<T>): Promise<T> {
  const res = await s.call(GetLanConfig, { channel, parameter: p.id });
  return p.decode(res.data);
}

/** An optional parameter: "parameter not supported" (80h) is null, anything else is thrown. */
async function optional<T>(work: Promise<T>): Promise<T | null> {
  try {
    return await work;
  } catch (e) {
    if (e instanceof CompletionCodeError && (e.code === 0x80 || e.code === 0xc1 || e.code === 0xcc)) return null;
    throw e;
  }
}

export async function lanSummary(s: IpmiRequester, channel = CURRENT_CHANNEL): Promise<LanSummary> {
  return {
    ipSource: await read(s, channel, LanParam.ipSource),
    ipAddress: await read(s, channel, LanParam.ipAddress),
    netmask: await read(s, channel, LanParam.subnetMask),
    gateway: await read(s, channel, LanParam.defaultGateway),
    macAddress: await read(s, channel, LanParam.macAddress),
    vlanId: (await optional(read(s, channel, LanParam.vlanId))) ?? null,
  };
}

export async function lanDetails(s: IpmiRequester, channel = CURRENT_CHANNEL): Promise<LanDetails> {
  const summary = await lanSummary(s, channel);
  const ids = await optional(read(s, channel, LanParam.cipherSuiteEntries));
  const privs = ids ? await optional(read(s, channel, LanParam.cipherSuitePrivileges)) : null;
  return {
    ...summary,
    channel,
    vlanPriority: await optional(read(s, channel, LanParam.vlanPriority)),
    authTypeEnables: await optional(read(s, channel, LanParam.authTypeEnables)),
    cipherSuitePrivileges: ids && privs ? ids.map((id, i) => ({ id, privilege: PRIVILEGE_LETTERS[privs[i] ?? 0] ?? 'X' })) : null,
  };
}

export interface LanChange {
  readonly ipSource?: 'static' | 'dhcp';
  readonly ipAddress?: string;
  readonly netmask?: string;
  readonly gateway?: string;
  /** null turns VLAN tagging off. */
  readonly vlanId?: number | null;
  readonly vlanPriority?: number;
}

/** A change that would move the BMC off the address the caller reaches it on, sent without confirmation. */
export class ConfirmationRequiredError extends IpmiError {
  readonly kind = 'invalid-argument' as const;
  constructor(readonly fields: readonly string[]) {
    super(`changing ${fields.join(', ')} of the channel in use can cut the BMC off the management network; confirm to proceed`);
    this.name = 'ConfirmationRequiredError';
  }
}

function maskBits(mask: string): number {
  const b = ipv4Bytes(mask, 'netmask');
  const n = ((b[0]! << 24) | (b[1]! << 16) | (b[2]! << 8) | b[3]!) >>> 0;
  // A netmask is ones then zeros: its inverse plus one is a power of two.
  const inv = ~n >>> 0;
  if ((inv & (inv + 1)) !== 0) throw new InvalidArgumentError(`netmask: ${mask} is not a contiguous mask`);
  return n;
}

function ipNumber(ip: string, field: string): number {
  const b = ipv4Bytes(ip, field);
  return ((b[0]! << 24) | (b[1]! << 16) | (b[2]! << 8) | b[3]!) >>> 0;
}

/**
 * Checks the change against the current values it will join: valid fields, and a gateway
 * on the address's subnet. Throws before anything is sent.
 */
export function validateLanChange(current: LanSummary, change: LanChange): void {
  if (change.ipSource !== undefined && change.ipSource !== 'static' && change.ipSource !== 'dhcp') throw new InvalidArgumentError(`ipSource must be static or dhcp, got "${String(change.ipSource)}"`);
  if (change.vlanId !== undefined) LanParam.vlanId.encode(change.vlanId);
  if (change.vlanPriority !== undefined) LanParam.vlanPriority.encode(change.vlanPriority);
  const ip = ipNumber(change.ipAddress ?? current.ipAddress, 'ipAddress');
  const mask = maskBits(change.netmask ?? current.netmask);
  const gatewayText = change.gateway ?? current.gateway;
  const gateway = ipNumber(gatewayText, 'gateway');
  const touched = change.ipAddress !== undefined || change.netmask !== undefined || change.gateway !== undefined;
  if (touched && gateway !== 0 && (gateway & mask) !== (ip & mask)) {
    throw new InvalidArgumentError(`gateway ${gatewayText} is outside the subnet of ${change.ipAddress ?? current.ipAddress}/${change.netmask ?? current.netmask}`);
  }
}

/** Fields of the change that differ from the current values and reach the network identity. */
export function disruptiveFields(current: LanSummary, change: LanChange): string[] {
  const out: string[] = [];
  if (change.ipSource !== undefined && change.ipSource !== current.ipSource) out.push('ipSource');
  if (change.ipAddress !== undefined && change.ipAddress !== current.ipAddress) out.push('ipAddress');
  if (change.netmask !== undefined && change.netmask !== current.netmask) out.push('netmask');
  if (change.gateway !== undefined && change.gateway !== current.gateway) out.push('gateway');
  if (change.vlanId !== undefined && change.vlanId !== current.vlanId) out.push('vlanId');
  return out;
}

export interface LanSetOptions {
  readonly channel?: number;
  /** Required when the change touches the addressing of the channel the session uses. */
  readonly confirm?: boolean;
}

/**
 * Section 23.1 parameter 0: 00b set complete, 01b set in progress, 10b commit write. A BMC
 * that implements rollback discards pending writes on "set complete" without a commit
 * first (ipmi_sim does), so a successful change commits before it completes.
 */
async function setInProgress(s: IpmiRequester, channel: number, state: 'in-progress' | 'commit' | 'complete'): Promise<void> {
  const value = { complete: 0, 'in-progress': 1, commit: 2 }[state];
  await optional(s.call(SetLanConfig, { channel, parameter: 0, data: Uint8Array.of(value) }));
}

/**
 * Validates, checks the guard, then writes the changed parameters between "set in progress"
 * and "set complete". Returns the values before and after.
 */
export async function setLan(s: IpmiRequester, change: LanChange, opts: LanSetOptions = {}): Promise<{ before: LanSummary; after: LanSummary }> {
  const channel = opts.channel ?? CURRENT_CHANNEL;
  const before = await lanSummary(s, channel);
  validateLanChange(before, change);
  // Channel 0Eh is by definition the channel this session arrived on.
  // When the BMC cannot say which channel that is, the change is treated as touching it.
  const inUse = channel === CURRENT_CHANNEL || ((await currentChannel(s)) ?? channel) === channel;
  const risky = disruptiveFields(before, change);
  if (inUse && risky.length > 0 && !opts.confirm) throw new ConfirmationRequiredError(risky);
  const writes: [number, Uint8Array][] = [];
  if (change.ipSource !== undefined) writes.push([LanParam.ipSource.id, LanParam.ipSource.encode(change.ipSource)]);
  if (change.ipAddress !== undefined) writes.push([LanParam.ipAddress.id, LanParam.ipAddress.encode(change.ipAddress)]);
  if (change.netmask !== undefined) writes.push([LanParam.subnetMask.id, LanParam.subnetMask.encode(change.netmask)]);
  if (change.gateway !== undefined) writes.push([LanParam.defaultGateway.id, LanParam.defaultGateway.encode(change.gateway)]);
  if (change.vlanId !== undefined) writes.push([LanParam.vlanId.id, LanParam.vlanId.encode(change.vlanId)]);
  if (change.vlanPriority !== undefined) writes.push([LanParam.vlanPriority.id, LanParam.vlanPriority.encode(change.vlanPriority)]);
  await setInProgress(s, channel, 'in-progress');
  try {
    for (const [parameter, data] of writes) await s.call(SetLanConfig, { channel, parameter, data });
    await setInProgress(s, channel, 'commit');
  } finally {
    await setInProgress(s, channel, 'complete');
  }
  return { before, after: await lanSummary(s, channel) };
}

/** The number of the channel this session runs on: Get Channel Info (22.24, cmd 42h) for 0Eh, response byte 1. */
async function currentChannel(s: IpmiRequester): Promise<number | undefined> {
  const res = await s.raw(0x06, 0x42, Uint8Array.of(CURRENT_CHANNEL));
  return res.completionCode === 0 && res.data.length > 0 ? res.data[0]! & 0x0f : undefined;
}
