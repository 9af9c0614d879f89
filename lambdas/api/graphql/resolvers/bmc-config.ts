/**
 * BMC configuration (schema/bmc-config.graphql): live reads as fields of Bmc and the admin
 * changes. Every call goes through the core's BmcConfigService, which checks tenant and role for
 * this BMC, validates, audits with values before and after, and keeps passwords out of it all.
 */
import type { BmcResolvers, MutationResolvers } from '../../generated/graphql.ts';
import type { LanDetails, PefConfiguration, SensorThresholdConfig } from '../../../core/bmc-config-data.ts';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

function lanView(l: LanDetails) {
  return { ...l, authTypeEnables: l.authTypeEnables as Readonly<Record<string, unknown>> | null };
}

function pefView(p: PefConfiguration) {
  return { control: p.control, filters: p.filters.map((f) => ({ ...f })), policies: p.policies.map((x) => ({ ...x })) };
}

function thresholdView(t: SensorThresholdConfig) {
  const v = (n: number | undefined) => (n === undefined || Number.isNaN(n) ? null : n);
  const th = t.thresholds;
  return { ...t, thresholds: { lnr: v(th.lnr), lcr: v(th.lcr), lnc: v(th.lnc), unc: v(th.unc), ucr: v(th.ucr), unr: v(th.unr) } };
}

/** Values given (an explicit null for vlanId means off); absent ones stay as they are. */
function defined<T extends Record<string, unknown>>(o: T): { [K in keyof T]?: Exclude<T[K], null | undefined> } {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== null)) as { [K in keyof T]?: Exclude<T[K], null | undefined> };
}

export const bmcConfigFieldResolvers: Pick<BmcResolvers, 'users' | 'lanConfig' | 'alertDestinations' | 'pef' | 'sensorThresholds' | 'dcmiPower' | 'powerLimit' | 'watchdog' | 'selTime'> = {
  users: (bmc, _args, { caller, services }) => services.bmcConfig.users(caller, bmc.id),
  lanConfig: async (bmc, _args, { caller, services }) => lanView(await services.bmcConfig.lan(caller, bmc.id)),
  alertDestinations: (bmc, _args, { caller, services }) => services.bmcConfig.alertDestinations(caller, bmc.id),
  pef: async (bmc, _args, { caller, services }) => pefView(await services.bmcConfig.pef(caller, bmc.id)),
  sensorThresholds: async (bmc, { sensor }, { caller, services }) => thresholdView(await services.bmcConfig.sensorThresholds(caller, bmc.id, sensor)),
  dcmiPower: (bmc, _args, { caller, services }) => services.bmcConfig.dcmiPower(caller, bmc.id),
  powerLimit: (bmc, _args, { caller, services }) => services.bmcConfig.powerLimit(caller, bmc.id),
  watchdog: (bmc, _args, { caller, services }) => services.bmcConfig.watchdog(caller, bmc.id),
  selTime: (bmc, _args, { caller, services }) => services.bmcConfig.selTime(caller, bmc.id),
};

type ConfigMutations =
  | 'setBmcUser'
  | 'setBmcUserPassword'
  | 'setLanConfig'
  | 'setAlertDestination'
  | 'setPefEnabled'
  | 'setSensorThresholds'
  | 'setPowerLimit'
  | 'addSelEntry'
  | 'setSelTime'
  | 'resetBmc'
  | 'rawBmcCommand';

export const bmcConfigMutationResolvers: Pick<MutationResolvers, ConfigMutations> = {
  setBmcUser: (_p, { input }, { caller, services }) => {
    const { bmcId, userId, ...change } = input;
    return services.bmcConfig.setUser(caller, bmcId, userId, defined(change));
  },
  setBmcUserPassword: (_p, { input }, { caller, services }) => services.bmcConfig.setUserPassword(caller, input.bmcId, input.userId, input.password),
  setLanConfig: async (_p, { input }, { caller, services }) => {
    const { bmcId, confirm, vlanId, ...rest } = input;
    const change = { ...defined(rest), ...(vlanId !== undefined && { vlanId }) };
    const r = await services.bmcConfig.setLan(caller, bmcId, change, confirm ?? false);
    return { before: lanView(r.before), after: lanView(r.after) };
  },
  setAlertDestination: async (_p, { input }, { caller, services }) => {
    const { bmcId, ...change } = input;
    await services.bmcConfig.setAlertDestination(caller, bmcId, { ...defined(change), destination: change.destination, ipAddress: change.ipAddress });
    // Read again through the role filter: the community string is shown as a read shows it.
    return services.bmcConfig.alertDestinations(caller, bmcId);
  },
  setPefEnabled: async (_p, { input }, { caller, services }) => pefView((await services.bmcConfig.setPefEnabled(caller, input.bmcId, input.enabled)).after),
  setSensorThresholds: async (_p, { input }, { caller, services }) => {
    const change = { ...(input.thresholds != null && { thresholds: defined({ ...input.thresholds }) }), ...(input.hysteresis != null && { hysteresis: input.hysteresis }) };
    return thresholdView((await services.bmcConfig.setSensorThresholds(caller, input.bmcId, input.sensor, change)).after);
  },
  setPowerLimit: async (_p, { input }, { caller, services }) => {
    const { bmcId, ...change } = input;
    const d = defined(change);
    return (await services.bmcConfig.setPowerLimit(caller, bmcId, { ...d, limit: change.limit, correctionMs: change.correctionMs, samplingSeconds: change.samplingSeconds, exceptionAction: d.exceptionAction ?? 'none' })).after;
  },
  addSelEntry: (_p, { input }, { caller, services }) => {
    const { bmcId, ...event } = input;
    return services.bmcConfig.selAdd(caller, bmcId, { ...defined(event), sensorType: event.sensorType, sensorNumber: event.sensorNumber, eventType: event.eventType, eventData: event.eventData });
  },
  setSelTime: (_p, { input }, { caller, services }) => services.bmcConfig.setSelTime(caller, input.bmcId, input.time),
  resetBmc: (_p, { input }, { caller, services }) => services.bmcConfig.reset(caller, input.bmcId, input.kind, input.confirm),
  rawBmcCommand: async (_p, { input }, { caller, services }) => {
    const r = await services.bmcConfig.raw(caller, input.bmcId, { netFn: input.netFn, cmd: input.cmd, data: input.data, lun: input.lun });
    return { completionCode: r.completionCode, data: hex(r.data) };
  },
};
