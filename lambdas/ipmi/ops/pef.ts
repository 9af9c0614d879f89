/**
 * PEF and LAN alert destinations as operators see them (`ipmitool pef`, `ipmitool lan alert
 * print`, FreeIPMI ipmi-pef-config): the way a BMC's own SNMP traps reach a site's monitoring.
 */
import type { IpmiRequester } from '../commands/command.ts';
import { CURRENT_CHANNEL } from '../commands/app/user-accounts.ts';
import {
  AlertImmediate,
  decodeAlertPolicy,
  decodeEventFilter,
  encodeAlertPolicy,
  encodeEventFilter,
  GetLastProcessedEventId,
  GetPefCapabilities,
  GetPefConfig,
  PefParam,
  SetPefConfig,
  type AlertPolicy,
  type EventFilter,
  type LastProcessedEvent,
  type PefCapabilities,
  type PefControl,
} from '../commands/sensor/pef-config.ts';
import { GetLanConfig, SetLanConfig } from '../commands/transport/lan-config.ts';
import {
  DestinationAddressParam,
  DestinationTypeParam,
  LanParam,
  type AlertDestinationAddress,
  type AlertDestinationType,
} from '../commands/transport/lan-parameters.ts';
import { CompletionCodeError, InvalidArgumentError } from '../errors.ts';

export interface AlertDestination extends AlertDestinationType, Omit<AlertDestinationAddress, 'destination'> {}

export interface PefConfiguration {
  readonly control: PefControl;
  readonly filters: EventFilter[];
  readonly policies: AlertPolicy[];
}

async function pefParam(s: IpmiRequester, parameter: number, setSelector = 0): Promise<Uint8Array> {
  return (await s.call(GetPefConfig, { parameter, setSelector })).data;
}

/** The set selector answered first in parameters 6 and 9; a BMC that drops it is taken at its word. */
export async function readPef(s: IpmiRequester): Promise<PefConfiguration> {
  const control = PefParam.control.decode(await pefParam(s, PefParam.control.id));
  const filterCount = PefParam.filterCount.decode(await pefParam(s, PefParam.filterCount.id));
  const policyCount = PefParam.policyCount.decode(await pefParam(s, PefParam.policyCount.id));
  const filters: EventFilter[] = [];
  for (let i = 1; i <= filterCount; i++) filters.push(decodeEventFilter(await pefParam(s, PefParam.eventFilter, i)));
  const policies: AlertPolicy[] = [];
  for (let i = 1; i <= policyCount; i++) policies.push(decodeAlertPolicy(await pefParam(s, PefParam.alertPolicy, i)));
  return { control, filters, policies };
}

export async function setPefControl(s: IpmiRequester, control: PefControl): Promise<void> {
  await s.call(SetPefConfig, { parameter: PefParam.control.id, data: PefParam.control.encode(control) });
}

export async function setAlertPolicy(s: IpmiRequester, policy: AlertPolicy): Promise<void> {
  if (policy.id < 1 || policy.id > 127) throw new InvalidArgumentError(`alert policy entry must be 1-127, got ${policy.id}`);
  await s.call(SetPefConfig, { parameter: PefParam.alertPolicy, data: encodeAlertPolicy(policy) });
}

async function lanParam(s: IpmiRequester, channel: number, parameter: number, setSelector = 0): Promise<Uint8Array> {
  return (await s.call(GetLanConfig, { channel, parameter, setSelector })).data;
}

/** LAN alert destinations 1..N (parameter 17), as `ipmitool lan alert print` lists them. */
export async function readAlertDestinations(s: IpmiRequester, channel = CURRENT_CHANNEL): Promise<{ community: string; destinations: AlertDestination[] }> {
  const community = LanParam.communityString.decode(await lanParam(s, channel, LanParam.communityString.id));
  const count = LanParam.destinationCount.decode(await lanParam(s, channel, LanParam.destinationCount.id));
  const destinations: AlertDestination[] = [];
  for (let d = 1; d <= count; d++) {
    const type = DestinationTypeParam.decode(await lanParam(s, channel, DestinationTypeParam.id, d));
    const { destination: _, ...address } = DestinationAddressParam.decode(await lanParam(s, channel, DestinationAddressParam.id, d));
    destinations.push({ ...type, destination: d, ...address });
  }
  return { community, destinations };
}

export interface AlertDestinationChange {
  readonly destination: number;
  readonly ipAddress: string;
  readonly macAddress?: string;
  readonly useBackupGateway?: boolean;
  readonly acknowledge?: boolean;
  readonly timeoutSeconds?: number;
  readonly retries?: number;
}

/** Points destination N at a PET trap receiver. Validated whole before the first write. */
export async function setAlertDestination(s: IpmiRequester, change: AlertDestinationChange, channel = CURRENT_CHANNEL): Promise<void> {
  const count = LanParam.destinationCount.decode(await lanParam(s, channel, LanParam.destinationCount.id));
  if (count === 0) throw new InvalidArgumentError('this BMC has no LAN alert destinations to set (parameter 17 is 0)');
  if (!Number.isInteger(change.destination) || change.destination < 1 || change.destination > count) {
    throw new InvalidArgumentError(`alert destination must be 1-${count}, got ${change.destination}`);
  }
  const address = DestinationAddressParam.encode({
    destination: change.destination,
    ipAddress: change.ipAddress,
    macAddress: change.macAddress ?? '00:00:00:00:00:00',
    useBackupGateway: change.useBackupGateway ?? false,
  });
  const type = DestinationTypeParam.encode({
    destination: change.destination,
    type: 'pet-trap',
    acknowledge: change.acknowledge ?? false,
    timeoutSeconds: change.timeoutSeconds ?? 3,
    retries: change.retries ?? 3,
  });
  await s.call(SetLanConfig, { channel, parameter: DestinationTypeParam.id, data: type });
  await s.call(SetLanConfig, { channel, parameter: DestinationAddressParam.id, data: address });
}

export async function setCommunity(s: IpmiRequester, community: string, channel = CURRENT_CHANNEL): Promise<void> {
  await s.call(SetLanConfig, { channel, parameter: LanParam.communityString.id, data: LanParam.communityString.encode(community) });
}

/** Sends a test alert to one destination now (Alert Immediate, section 30.7). */
export async function sendTestAlert(s: IpmiRequester, destination: number, channel = CURRENT_CHANNEL): Promise<void> {
  await s.call(AlertImmediate, { channel, destination });
}

export function isUnsupported(e: unknown): boolean {
  return e instanceof CompletionCodeError && (e.code === 0x80 || e.code === 0xc1);
}

/** Event filter action bits, byte 2 of Table 30-2 (bit 0 first); bits 0-5 as in Get PEF Capabilities. */
export const PEF_ACTIONS = ['alert', 'power-off', 'reset', 'power-cycle', 'oem', 'diagnostic-interrupt', 'group-control'] as const;
export type PefAction = (typeof PEF_ACTIONS)[number];

/** Event severity, byte 4 of Table 30-2 (the PET severity values). */
export const EVENT_SEVERITIES = { unspecified: 0x00, monitor: 0x01, information: 0x02, ok: 0x04, 'non-critical': 0x08, critical: 0x10, 'non-recoverable': 0x20 } as const;
export type EventSeverity = keyof typeof EVENT_SEVERITIES;

/** Alert policy byte 1 [2:0], Table 30-9, in ipmitool's words. */
export const POLICY_RULES = ['match-always', 'try-next-entry', 'try-next-set', 'try-next-channel', 'try-next-destination'] as const;
export type PolicyRule = (typeof POLICY_RULES)[number];

export function actionNames(bits: number): PefAction[] {
  return PEF_ACTIONS.filter((_, i) => (bits & (1 << i)) !== 0);
}

export function actionBits(names: readonly string[]): number {
  let bits = 0;
  for (const n of names) {
    const i = PEF_ACTIONS.indexOf(n as PefAction);
    if (i < 0) throw new InvalidArgumentError(`PEF action must be one of ${PEF_ACTIONS.join(', ')}, got "${n}"`);
    bits |= 1 << i;
  }
  return bits;
}

/** The severity's name; a value outside the table is shown as hex. */
export function severityName(value: number): string {
  return Object.entries(EVENT_SEVERITIES).find(([, v]) => v === value)?.[0] ?? `0x${value.toString(16).padStart(2, '0')}`;
}

export async function readPefCapabilities(s: IpmiRequester): Promise<PefCapabilities & { policyCount: number; control: PefControl; actionControl: number }> {
  const caps = await s.call(GetPefCapabilities, undefined);
  const control = PefParam.control.decode(await pefParam(s, PefParam.control.id));
  const actionControl = PefParam.actionControl.decode(await pefParam(s, PefParam.actionControl.id));
  const policyCount = PefParam.policyCount.decode(await pefParam(s, PefParam.policyCount.id));
  return { ...caps, policyCount, control, actionControl };
}

export async function lastProcessedEvent(s: IpmiRequester): Promise<LastProcessedEvent> {
  return s.call(GetLastProcessedEventId, undefined);
}

/** The event filter table (parameter 6, one entry per set selector 1..N of parameter 5). */
export async function listEventFilters(s: IpmiRequester): Promise<EventFilter[]> {
  const count = PefParam.filterCount.decode(await pefParam(s, PefParam.filterCount.id));
  const filters: EventFilter[] = [];
  for (let i = 1; i <= count; i++) filters.push({ ...decodeEventFilter(await pefParam(s, PefParam.eventFilter, i)), id: i });
  return filters;
}

/** The alert policy table (parameter 9, set selectors 1..N of parameter 8). */
export async function listAlertPolicies(s: IpmiRequester): Promise<AlertPolicy[]> {
  const count = PefParam.policyCount.decode(await pefParam(s, PefParam.policyCount.id));
  const policies: AlertPolicy[] = [];
  for (let i = 1; i <= count; i++) policies.push({ ...decodeAlertPolicy(await pefParam(s, PefParam.alertPolicy, i)), id: i });
  return policies;
}

export interface EventFilterChange {
  readonly enabled?: boolean;
  readonly actions?: number;
  readonly policyNumber?: number;
  readonly severity?: number;
  readonly generatorId?: number;
  readonly sensorType?: number;
  readonly sensorNumber?: number;
  readonly eventTrigger?: number;
  readonly offsetMask?: number;
}

function inRange(name: string, v: number | undefined, min: number, max: number): void {
  if (v !== undefined && (!Number.isInteger(v) || v < min || v > max)) throw new InvalidArgumentError(`${name} must be ${min}-${max}, got ${v}`);
}

/**
 * Changes one event filter: reads the entry, checks the change against it and the BMC's
 * action support, writes the whole entry (parameter 6) and returns it as read back. A
 * manufacturer pre-configured filter may only be enabled or disabled (Table 30-2 byte 1).
 */
export async function setEventFilter(s: IpmiRequester, id: number, change: EventFilterChange): Promise<EventFilter> {
  const count = PefParam.filterCount.decode(await pefParam(s, PefParam.filterCount.id));
  inRange('event filter', id, 1, count);
  inRange('alert policy number', change.policyNumber, 0, 15);
  inRange('offset mask', change.offsetMask, 0, 0xffff);
  for (const f of ['generatorId', 'sensorType', 'sensorNumber', 'eventTrigger'] as const) inRange(f, change[f], 0, 0xff);
  if (change.severity !== undefined && !Object.values(EVENT_SEVERITIES).includes(change.severity as never)) {
    throw new InvalidArgumentError(`severity must be one of ${Object.keys(EVENT_SEVERITIES).join(', ')}, got 0x${change.severity.toString(16)}`);
  }
  const current = { ...decodeEventFilter(await pefParam(s, PefParam.eventFilter, id)), id };
  if (change.actions !== undefined) {
    const supported = (await s.call(GetPefCapabilities, undefined)).actions | 0x40;
    const unsupported = change.actions & ~supported & 0x7f;
    if (change.actions !== (change.actions & 0x7f) || unsupported !== 0) {
      throw new InvalidArgumentError(`PEF action ${actionNames(unsupported).join(', ') || `0x${change.actions.toString(16)}`} is not supported by this BMC`);
    }
  }
  const { enabled: _, ...others } = change;
  if (current.preconfigured && Object.values(others).some((v) => v !== undefined)) {
    throw new InvalidArgumentError(`event filter ${id} is pre-configured by the manufacturer: only --enable/--disable may change it`);
  }
  const next: EventFilter = { ...current, ...Object.fromEntries(Object.entries(change).filter(([, v]) => v !== undefined)) };
  await s.call(SetPefConfig, { parameter: PefParam.eventFilter, data: encodeEventFilter(next) });
  return { ...decodeEventFilter(await pefParam(s, PefParam.eventFilter, id)), id };
}

export interface AlertPolicyChange {
  readonly enabled?: boolean;
  readonly policyNumber?: number;
  readonly policy?: number;
  readonly channel?: number;
  readonly destination?: number;
  readonly alertStringKey?: number;
}

/** Changes one alert policy entry (parameter 9): read, check, write the entry, read it back. */
export async function updateAlertPolicy(s: IpmiRequester, id: number, change: AlertPolicyChange): Promise<AlertPolicy> {
  const count = PefParam.policyCount.decode(await pefParam(s, PefParam.policyCount.id));
  inRange('alert policy entry', id, 1, count);
  inRange('policy number', change.policyNumber, 1, 15);
  inRange('policy rule', change.policy, 0, POLICY_RULES.length - 1);
  inRange('channel', change.channel, 0, 15);
  inRange('destination', change.destination, 0, 15);
  inRange('alert string key', change.alertStringKey, 0, 0xff);
  const current = { ...decodeAlertPolicy(await pefParam(s, PefParam.alertPolicy, id)), id };
  const next: AlertPolicy = { ...current, ...Object.fromEntries(Object.entries(change).filter(([, v]) => v !== undefined)) };
  await setAlertPolicy(s, next);
  return { ...decodeAlertPolicy(await pefParam(s, PefParam.alertPolicy, id)), id };
}
