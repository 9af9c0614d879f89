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
  GetPefConfig,
  PefParam,
  SetPefConfig,
  type AlertPolicy,
  type EventFilter,
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
