/**
 * Configuration of the BMC itself (issue 15; docs/bmc-config.md): users, LAN, PEF and alert
 * destinations, thresholds, DCMI power, SEL, watchdog, reset and raw commands. Reads need
 * bmc:read (viewer), changes bmc:configure (admin), raw commands bmc:raw (admin) and the
 * tenant's `rawCommands` setting.
 *
 * Everything runs through ActionService, so authorization per object, the tenant boundary
 * (another tenant's BMC is NOT_FOUND), the in-flight marker, `started` and outcome events and
 * health are the same as for power or boot. A change's `succeeded` event carries the values
 * before and after, read through the same session; passwords never enter it and community
 * strings are redacted (redact.ts). Input is checked before any session opens
 * (bmc-config-input.ts); a refusal of bad input is a `denied` event like any other refusal.
 */
import type { BmcConfigGateway } from '../bmc-config-port.ts';
import {
  asJson,
  type AlertDestinationChange,
  type AlertDestinations,
  type BmcResetResult,
  type BmcUser,
  type BmcUserChange,
  type Changed,
  type LanConfigChange,
  type LanDetails,
  type PefConfiguration,
  type PowerLimitChange,
  type PowerLimitState,
  type PowerStatistics,
  type RawCommandResult,
  type SelClock,
  type SelEventInput,
  type SensorThresholdChange,
  type SensorThresholdConfig,
  type WatchdogTimer,
} from '../bmc-config-data.ts';
import * as input from '../bmc-config-input.ts';
import type { Permission } from '../authorization.ts';
import { can } from '../authorization.ts';
import { DomainError, forbidden, internal, isDomainError } from '../errors.ts';
import { validateBmcId } from '../bmc-input.ts';
import type { Caller, JsonValue } from '../types.ts';
import { REDACTED } from '../redact.ts';
import type { ActionService, GatewayCall } from './action-service.ts';
import type { AuditService } from './audit-service.ts';
import type { TenantSettingsService } from './tenant-settings-service.ts';

type Params = { readonly [key: string]: JsonValue };

const beforeAfter = <T>(c: Changed<T>): Params => ({ before: asJson(c.before), after: asJson(c.after) });

/**
 * Raw requests whose bytes hold a secret, and where: Set User Password (App 47h, section 22.30)
 * carries the password; Set LAN Configuration parameter 16 (Transport 01h) the community
 * string, and Get LAN Configuration parameter 16 (Transport 02h) answers with it.
 */
function rawSecrets(netFn: number, cmd: number, data: Uint8Array): { request: boolean; response: boolean } {
  const community = (netFn === 0x0c && (cmd === 0x01 || cmd === 0x02) && data[1] === 16);
  return { request: (netFn === 0x06 && cmd === 0x47) || (community && cmd === 0x01), response: community && cmd === 0x02 };
}

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

export class BmcConfigService {
  constructor(
    private readonly actions: ActionService,
    private readonly gateway: BmcConfigGateway | undefined,
    private readonly audit: AuditService,
    private readonly settings: TenantSettingsService,
  ) {}

  private get gw(): BmcConfigGateway {
    if (!this.gateway) throw internal('BMC configuration is not available in this deployment');
    return this.gateway;
  }

  private read<T>(caller: Caller, id: string, action: string, key: string, call: GatewayCall<T>, parameters?: Params): Promise<T> {
    return this.actions.readFresh(caller, id, { action, key, ...(parameters && { parameters }) }, undefined, call);
  }

  /**
   * Checks the role, then the input: bad input from an allowed caller is refused (`denied`,
   * BAD_USER_INPUT) before any session opens. Then the change runs as an action.
   */
  private async change<V, T>(
    caller: Caller,
    id: string,
    /** `parameters` describe the attempt; `validParameters` add what only the checked input tells. */
    spec: { permission?: Permission; action: string; parameters: Params; validParameters?: (valid: V) => Params },
    check: () => V,
    call: (valid: V) => GatewayCall<T>,
    outcome: (value: T) => Params,
  ): Promise<T> {
    const permission = spec.permission ?? 'bmc:configure';
    const subject = { action: spec.action, target: `bmc:${validateBmcId(id)}`, parameters: spec.parameters };
    await this.audit.authorize(caller, permission, subject);
    let valid: V;
    try {
      valid = check();
    } catch (e) {
      if (isDomainError(e) && e.code === 'BAD_USER_INPUT') throw await this.audit.deny(caller, subject, e);
      throw e;
    }
    const parameters = { ...spec.parameters, ...spec.validParameters?.(valid) };
    return this.actions.change(caller, id, { permission, action: spec.action, parameters, outcome }, undefined, call(valid));
  }

  users(caller: Caller, id: string): Promise<BmcUser[]> {
    return this.read(caller, id, 'bmc.users.read', 'users', (e, c, o) => this.gw.users(e, c, o));
  }

  setUser(caller: Caller, id: string, userId: number, change: BmcUserChange): Promise<Changed<BmcUser>> {
    return this.change(
      caller,
      id,
      { action: 'bmc.user.set', parameters: asJson({ userId, ...change }) as Params },
      () => ({ userId: input.validUserId(userId), change: input.validUserChange(change) }),
      (v) => (e, c, o) => this.gw.setUser(e, c, v.userId, v.change, o),
      beforeAfter,
    );
  }

  /** The password goes to the BMC only: not into the audit event, the answer or any message. */
  setUserPassword(caller: Caller, id: string, userId: number, password: string): Promise<BmcUser> {
    return this.change(
      caller,
      id,
      { action: 'bmc.user.password.set', parameters: { userId: asJson(userId) } },
      () => ({ userId: input.validUserId(userId), password: input.validPassword(password) }),
      (v) => (e, c, o) => this.gw.setUserPassword(e, c, v.userId, v.password, o),
      (after) => ({ after: asJson(after) }),
    );
  }

  lan(caller: Caller, id: string): Promise<LanDetails> {
    return this.read(caller, id, 'bmc.lan.read', 'lan', (e, c, o) => this.gw.lan(e, c, o));
  }

  setLan(caller: Caller, id: string, change: LanConfigChange, confirm = false): Promise<Changed<LanDetails>> {
    return this.change(
      caller,
      id,
      { action: 'bmc.lan.set', parameters: asJson({ ...change, confirm }) as Params },
      () => ({ change: input.validLanChange(change), confirm: confirm === true }),
      (v) => (e, c, o) => this.gw.setLan(e, c, v.change, v.confirm, o),
      beforeAfter,
    );
  }

  /** The community string only for callers who may change it (admins); null for the others. */
  async alertDestinations(caller: Caller, id: string): Promise<Omit<AlertDestinations, 'community'> & { community: string | null }> {
    const d = await this.read(caller, id, 'bmc.alert-destinations.read', 'alert-destinations', (e, c, o) => this.gw.alertDestinations(e, c, o));
    return can(caller.principal.role, 'bmc:configure') ? d : { ...d, community: null };
  }

  setAlertDestination(caller: Caller, id: string, change: AlertDestinationChange): Promise<Changed<AlertDestinations>> {
    return this.change(
      caller,
      id,
      { action: 'bmc.alert-destination.set', parameters: asJson(change) as Params },
      () => input.validAlertDestination(change),
      (v) => (e, c, o) => this.gw.setAlertDestination(e, c, v, o),
      beforeAfter,
    );
  }

  pef(caller: Caller, id: string): Promise<PefConfiguration> {
    return this.read(caller, id, 'bmc.pef.read', 'pef', (e, c, o) => this.gw.pef(e, c, o));
  }

  setPefEnabled(caller: Caller, id: string, enabled: boolean): Promise<Changed<PefConfiguration>> {
    return this.change(
      caller,
      id,
      { action: 'bmc.pef.set', parameters: { enabled: asJson(enabled) } },
      () => {
        if (typeof enabled !== 'boolean') throw new DomainError('BAD_USER_INPUT', 'enabled: must be true or false', { field: 'enabled' });
        return enabled;
      },
      (v) => (e, c, o) => this.gw.setPefEnabled(e, c, v, o),
      ({ before, after }) => ({ before: { control: asJson(before.control) }, after: { control: asJson(after.control) } }),
    );
  }

  sensorThresholds(caller: Caller, id: string, sensor: string): Promise<SensorThresholdConfig> {
    const name = input.validSensorName(sensor);
    return this.read(caller, id, 'bmc.thresholds.read', `thresholds:${name.toLowerCase()}`, (e, c, o) => this.gw.sensorThresholds(e, c, name, o), { sensor: name });
  }

  setSensorThresholds(caller: Caller, id: string, sensor: string, change: SensorThresholdChange): Promise<Changed<SensorThresholdConfig>> {
    return this.change(
      caller,
      id,
      { action: 'bmc.thresholds.set', parameters: asJson({ sensor, ...change }) as Params },
      () => ({ sensor: input.validSensorName(sensor), change: input.validThresholdChange(change) }),
      (v) => (e, c, o) => this.gw.setSensorThresholds(e, c, v.sensor, v.change, o),
      ({ before, after }) => ({ before: asJson({ thresholds: before.thresholds, hysteresis: before.hysteresis }), after: asJson({ thresholds: after.thresholds, hysteresis: after.hysteresis }) }),
    );
  }

  dcmiPower(caller: Caller, id: string): Promise<PowerStatistics> {
    return this.read(caller, id, 'bmc.dcmi.power.read', 'dcmi-power', (e, c, o) => this.gw.dcmiPower(e, c, o));
  }

  powerLimit(caller: Caller, id: string): Promise<PowerLimitState> {
    return this.read(caller, id, 'bmc.dcmi.limit.read', 'dcmi-limit', (e, c, o) => this.gw.powerLimit(e, c, o));
  }

  setPowerLimit(caller: Caller, id: string, change: PowerLimitChange): Promise<Changed<PowerLimitState>> {
    return this.change(
      caller,
      id,
      { action: 'bmc.dcmi.limit.set', parameters: asJson(change) as Params },
      () => input.validPowerLimit(change),
      (v) => (e, c, o) => this.gw.setPowerLimit(e, c, v, o),
      beforeAfter,
    );
  }

  selAdd(caller: Caller, id: string, event: SelEventInput): Promise<{ recordId: number }> {
    return this.change(
      caller,
      id,
      { action: 'bmc.sel.add', parameters: asJson(event) as Params },
      () => input.validSelEvent(event),
      (v) => (e, c, o) => this.gw.selAdd(e, c, v, o),
      (r) => ({ recordId: r.recordId }),
    );
  }

  selTime(caller: Caller, id: string): Promise<SelClock> {
    return this.read(caller, id, 'bmc.sel.time.read', 'sel-time', (e, c, o) => this.gw.selTime(e, c, o));
  }

  setSelTime(caller: Caller, id: string, time: string): Promise<Changed<SelClock>> {
    return this.change(
      caller,
      id,
      { action: 'bmc.sel.time.set', parameters: { time: asJson(time) } },
      () => input.validSelTime(time),
      (v) => (e, c, o) => this.gw.setSelTime(e, c, v, o),
      beforeAfter,
    );
  }

  watchdog(caller: Caller, id: string): Promise<WatchdogTimer> {
    return this.read(caller, id, 'bmc.watchdog.read', 'watchdog', (e, c, o) => this.gw.watchdog(e, c, o));
  }

  reset(caller: Caller, id: string, kind: string, confirm: boolean): Promise<BmcResetResult> {
    return this.change(
      caller,
      id,
      { action: 'bmc.reset', parameters: { kind: asJson(kind), confirm: asJson(confirm) } },
      () => input.validReset(kind, confirm),
      (v) => (e, c, o) => this.gw.reset(e, c, v, o),
      (r) => ({ acknowledged: r.acknowledged }),
    );
  }

  /**
   * Admin-only, and only where the tenant turned raw commands on. The event holds the request's
   * and the answer's bytes, those that carry a secret redacted.
   */
  async raw(caller: Caller, id: string, request: { netFn: unknown; cmd: unknown; data?: unknown; lun?: unknown }): Promise<RawCommandResult> {
    const subject = { action: 'bmc.raw', target: `bmc:${validateBmcId(id)}`, parameters: { netFn: asJson(request.netFn), cmd: asJson(request.cmd) } };
    await this.audit.authorize(caller, 'bmc:raw', subject);
    const settings = await this.settings.current(caller.principal.tenantId);
    if (!settings.rawCommands) throw await this.audit.deny(caller, subject, forbidden('raw commands are turned off for this tenant (tenant setting rawCommands)'));
    let secrets = { request: false, response: false };
    return this.change(
      caller,
      id,
      {
        permission: 'bmc:raw',
        action: 'bmc.raw',
        parameters: subject.parameters,
        validParameters: (v) => ({ lun: v.lun ?? 0, request: secrets.request ? REDACTED : hex(v.data) }),
      },
      () => {
        const valid = input.validRaw(request.netFn, request.cmd, request.data, request.lun);
        secrets = rawSecrets(valid.netFn, valid.cmd, valid.data);
        return valid;
      },
      (v) => (e, c, o) => this.gw.raw(e, c, v, o),
      (r) => ({ completionCode: r.completionCode, response: secrets.response ? REDACTED : hex(r.data) }),
    );
  }
}
