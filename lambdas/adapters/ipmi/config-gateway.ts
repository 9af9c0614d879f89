/**
 * BmcConfigGateway on the IPMI library's ops (lambdas/ipmi/ops), run on the sessions of
 * IpmiGateway: same slots, same kept sessions, and every state-changing command spaced
 * (spaced-requester.ts). Each change validates against what it reads first, so bad input
 * sends nothing, and reads its values back through the same session for the audit event.
 */
import type { BmcConfigGateway } from '../../core/bmc-config-port.ts';
import type {
  AlertDestinationChange,
  AlertDestinations,
  BmcResetKind,
  BmcUserChange,
  LanConfigChange,
  PowerLimitChange,
  RawCommandRequest,
  SelEventInput,
  SensorThresholdChange,
  SensorThresholdConfig,
} from '../../core/bmc-config-data.ts';
import type { BmcCredentials } from '../../core/credentials.ts';
import type { BmcEndpoint, GatewayOptions } from '../../core/ports.ts';
import {
  bmcReset,
  findThresholdSensor,
  lanDetails,
  listUsers,
  powerLimit,
  powerReading,
  readAlertDestinations,
  readHysteresis,
  readPef,
  readSdrRepository,
  readThresholds,
  rawCommand,
  selAdd,
  selTime,
  setAlertDestination,
  setCommunity,
  setHysteresis,
  setLan,
  setPefControl,
  setPowerLimit,
  setSelTime,
  setThresholds,
  setUser,
  userInfo,
  validateUserChange,
  watchdogGet,
  InvalidArgumentError,
  type IpmiRequester,
} from '../../ipmi/index.ts';
import { GetUserAccess, CURRENT_CHANNEL } from '../../ipmi/commands/app/user-accounts.ts';
import { convertReading } from '../../ipmi/sdr/conversion.ts';
import { unitString } from '../../ipmi/sdr/units.ts';
import type { FullSensorRecord } from '../../ipmi/sdr/types.ts';
import { getSdrs, type SdrCache } from '../../ipmi/sdr-cache/index.ts';

/** The same object with its undefined fields left out (the library's inputs take no explicit undefined). */
type Defined<T> = { [K in keyof T]: Exclude<T[K], undefined> };
function defined<T extends object>(o: T): Defined<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Defined<T>;
}

/** How a configuration call is sent: reads as reads, changes spaced, raw requests all spaced. */
export type ConfigCallKind = 'read' | 'action' | 'raw';

/** IpmiGateway's session runner: a session in one of the BMC's slots, errors mapped to stable codes. */
export type RunOnSession = <T>(endpoint: BmcEndpoint, credentials: BmcCredentials, options: GatewayOptions | undefined, what: string, kind: ConfigCallKind, fn: (s: IpmiRequester) => Promise<T>) => Promise<T>;

/** The user ids the channel has (Get User Access byte 1 [5:0], section 22.27); an id beyond is refused before anything is set. */
async function checkUserId(s: IpmiRequester, userId: number): Promise<void> {
  const { maxUserIds } = await s.call(GetUserAccess, { channel: CURRENT_CHANNEL, userId: 1 });
  if (!Number.isInteger(userId) || userId < 1 || userId > maxUserIds) throw new InvalidArgumentError(`userId: the BMC has user ids 1-${maxUserIds}, got ${userId}`);
}

/** The values a sensor's raw counts express (section 36.3): what a threshold may be set to. */
function sensorRange(record: FullSensorRecord): { min: number; max: number } {
  const values: number[] = [];
  for (let raw = 0; raw < 256; raw++) {
    const v = convertReading(raw, record.units.analogFormat, record.factors, record.linearization);
    if (v !== null) values.push(v);
  }
  return values.length === 0 ? { min: 0, max: 0 } : { min: Math.min(...values), max: Math.max(...values) };
}

export class IpmiConfigGateway implements BmcConfigGateway {
  constructor(
    private readonly run: RunOnSession,
    private readonly sdrCache?: SdrCache,
  ) {}

  private async sensorRecord(s: IpmiRequester, e: BmcEndpoint, sensor: string, o?: GatewayOptions): Promise<FullSensorRecord> {
    const signal = o?.signal ? { signal: o.signal } : {};
    // SDRs come from the BMC: a copy decoded for one tenant is never handed to another.
    const sdrs = this.sdrCache ? await getSdrs(s, this.sdrCache, { ...signal, scope: e.tenantId }) : await readSdrRepository(s, signal);
    return findThresholdSensor(sdrs.records, sensor);
  }

  private async thresholdConfig(s: IpmiRequester, record: FullSensorRecord): Promise<SensorThresholdConfig> {
    const hysteresisReadable = record.capabilities.hysteresis === 'readable' || record.capabilities.hysteresis === 'readable-settable';
    return {
      sensor: record.name,
      number: record.key.number,
      unit: unitString(record.units) || null,
      thresholds: await readThresholds(s, record),
      hysteresis: hysteresisReadable ? await readHysteresis(s, record) : null,
      settable: record.capabilities.thresholdAccess === 'readable-settable' ? [...(record.thresholdMasks?.settable ?? [])] : [],
      hysteresisSettable: record.capabilities.hysteresis === 'readable-settable',
      range: sensorRange(record),
    };
  }

  users(e: BmcEndpoint, c: BmcCredentials, o?: GatewayOptions) {
    return this.run(e, c, o, 'user list', 'read', (s) => listUsers(s));
  }

  setUser(e: BmcEndpoint, c: BmcCredentials, userId: number, change: BmcUserChange, o?: GatewayOptions) {
    return this.run(e, c, o, `user ${userId} set`, 'action', async (s) => {
      validateUserChange(userId, defined(change));
      await checkUserId(s, userId);
      const before = await userInfo(s, userId);
      return { before, after: await setUser(s, userId, defined(change)) };
    });
  }

  setUserPassword(e: BmcEndpoint, c: BmcCredentials, userId: number, password: string, o?: GatewayOptions) {
    return this.run(e, c, o, `user ${userId} password`, 'action', async (s) => {
      validateUserChange(userId, { password });
      await checkUserId(s, userId);
      return setUser(s, userId, { password });
    });
  }

  lan(e: BmcEndpoint, c: BmcCredentials, o?: GatewayOptions) {
    return this.run(e, c, o, 'LAN configuration', 'read', (s) => lanDetails(s));
  }

  setLan(e: BmcEndpoint, c: BmcCredentials, change: LanConfigChange, confirm: boolean, o?: GatewayOptions) {
    return this.run(e, c, o, 'LAN set', 'action', async (s) => {
      const before = await lanDetails(s);
      await setLan(s, defined(change), { confirm });
      return { before, after: await lanDetails(s) };
    });
  }

  alertDestinations(e: BmcEndpoint, c: BmcCredentials, o?: GatewayOptions): Promise<AlertDestinations> {
    return this.run(e, c, o, 'alert destinations', 'read', (s) => readAlertDestinations(s));
  }

  setAlertDestination(e: BmcEndpoint, c: BmcCredentials, change: AlertDestinationChange, o?: GatewayOptions) {
    return this.run(e, c, o, `alert destination ${change.destination} set`, 'action', async (s) => {
      const before = await readAlertDestinations(s);
      const { community, ...destination } = change;
      await setAlertDestination(s, defined(destination));
      if (community !== undefined) await setCommunity(s, community);
      return { before, after: await readAlertDestinations(s) };
    });
  }

  pef(e: BmcEndpoint, c: BmcCredentials, o?: GatewayOptions) {
    return this.run(e, c, o, 'PEF configuration', 'read', (s) => readPef(s));
  }

  setPefEnabled(e: BmcEndpoint, c: BmcCredentials, enabled: boolean, o?: GatewayOptions) {
    return this.run(e, c, o, `PEF ${enabled ? 'enable' : 'disable'}`, 'action', async (s) => {
      const before = await readPef(s);
      await setPefControl(s, { ...before.control, enabled });
      return { before, after: await readPef(s) };
    });
  }

  sensorThresholds(e: BmcEndpoint, c: BmcCredentials, sensor: string, o?: GatewayOptions) {
    return this.run(e, c, o, `thresholds of ${sensor}`, 'read', async (s) => this.thresholdConfig(s, await this.sensorRecord(s, e, sensor, o)));
  }

  setSensorThresholds(e: BmcEndpoint, c: BmcCredentials, sensor: string, change: SensorThresholdChange, o?: GatewayOptions) {
    return this.run(e, c, o, `thresholds of ${sensor} set`, 'action', async (s) => {
      const record = await this.sensorRecord(s, e, sensor, o);
      const before = await this.thresholdConfig(s, record);
      // setThresholds and setHysteresis check against the SDR before they send anything.
      if (change.thresholds !== undefined) await setThresholds(s, record, defined(change.thresholds));
      if (change.hysteresis !== undefined) await setHysteresis(s, record, change.hysteresis);
      return { before, after: await this.thresholdConfig(s, record) };
    });
  }

  dcmiPower(e: BmcEndpoint, c: BmcCredentials, o?: GatewayOptions) {
    return this.run(e, c, o, 'DCMI power reading', 'read', (s) => powerReading(s));
  }

  powerLimit(e: BmcEndpoint, c: BmcCredentials, o?: GatewayOptions) {
    return this.run(e, c, o, 'DCMI power limit', 'read', (s) => powerLimit(s));
  }

  setPowerLimit(e: BmcEndpoint, c: BmcCredentials, change: PowerLimitChange, o?: GatewayOptions) {
    return this.run(e, c, o, 'DCMI power limit set', 'action', async (s) => {
      const before = await powerLimit(s);
      const { activate, ...limit } = change;
      return { before, after: await setPowerLimit(s, limit, activate) };
    });
  }

  selAdd(e: BmcEndpoint, c: BmcCredentials, event: SelEventInput, o?: GatewayOptions) {
    return this.run(e, c, o, 'SEL add', 'action', async (s) => ({ recordId: await selAdd(s, defined(event)) }));
  }

  selTime(e: BmcEndpoint, c: BmcCredentials, o?: GatewayOptions) {
    return this.run(e, c, o, 'SEL time', 'read', async (s) => ({ time: (await selTime(s)).time }));
  }

  setSelTime(e: BmcEndpoint, c: BmcCredentials, time: Date, o?: GatewayOptions) {
    return this.run(e, c, o, 'SEL time set', 'action', async (s) => {
      const before = { time: (await selTime(s)).time };
      await setSelTime(s, time);
      return { before, after: { time: (await selTime(s)).time } };
    });
  }

  watchdog(e: BmcEndpoint, c: BmcCredentials, o?: GatewayOptions) {
    return this.run(e, c, o, 'watchdog', 'read', (s) => watchdogGet(s));
  }

  reset(e: BmcEndpoint, c: BmcCredentials, kind: BmcResetKind, o?: GatewayOptions) {
    return this.run(e, c, o, `BMC ${kind} reset`, 'action', (s) => bmcReset(s, kind));
  }

  raw(e: BmcEndpoint, c: BmcCredentials, request: RawCommandRequest, o?: GatewayOptions) {
    return this.run(e, c, o, `raw ${request.netFn.toString(16)}h/${request.cmd.toString(16)}h`, 'raw', (s) => rawCommand(s, { ...request }, o?.signal ? { signal: o.signal } : {}));
  }
}
