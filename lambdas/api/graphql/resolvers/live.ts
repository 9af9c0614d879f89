/**
 * Live reads of one BMC (fields of Bmc) and the actions on it. Each goes through the core's
 * ActionService, which checks tenant and role for this BMC, audits the use of its credentials
 * and maps IPMI failures to stable codes; a failing read nulls only its own field. Power, chassis
 * status and sensors take the caller's `maxAge` and say when they were read (`readAt`).
 */
import type { BmcResolvers, MutationResolvers } from '../../generated/graphql.ts';
import { identifyRequest, solSeconds } from '../../action-input.ts';
import { sliceConnection } from '../../pagination.ts';
import { jobModel } from '../models.ts';

export const liveBmcResolvers: Pick<
  BmcResolvers,
  'power' | 'chassisStatus' | 'deviceInfo' | 'sensors' | 'selInfo' | 'sel' | 'fru' | 'bootDevice'
> = {
  power: async (bmc, { maxAge }, { caller, services }) => {
    const { value, readAt } = await services.actions.readPower(caller, bmc.id, { maxAge });
    return { state: value, readAt: readAt.toISOString() };
  },
  chassisStatus: async (bmc, { maxAge }, { caller, services }) => {
    const { value, readAt } = await services.actions.readChassis(caller, bmc.id, { maxAge });
    return { ...value, readAt: readAt.toISOString() };
  },
  deviceInfo: (bmc, _args, { caller, services }) => services.actions.deviceInfo(caller, bmc.id),
  sensors: async (bmc, { maxAge }, { caller, services }) => {
    const { value, readAt } = await services.actions.readSensors(caller, bmc.id, { maxAge });
    const at = readAt.toISOString();
    return value.map((sensor) => ({ ...sensor, readAt: at }));
  },
  selInfo: (bmc, _args, { caller, services }) => services.actions.selInfo(caller, bmc.id),
  sel: async (bmc, { first, after }, { caller, services }) => {
    const entries = await services.actions.selList(caller, bmc.id);
    // The SEL is kept in insertion order (IPMI v2.0 section 31); newest first is its reverse,
    // which holds even when the BMC clock was unset and timestamps are missing.
    return sliceConnection({ caller, services }, [...entries].reverse(), { first, after });
  },
  fru: (bmc, { fruId }, { caller, services }) => services.actions.fru(caller, bmc.id, fruId ?? 0),
  bootDevice: (bmc, _args, { caller, services }) => services.actions.bootDevice(caller, bmc.id),
};

export const actionMutationResolvers: Pick<MutationResolvers, 'powerAction' | 'setBootDevice' | 'identify' | 'clearSel' | 'solCapture'> = {
  powerAction: async (_parent, { input }, { caller, services }) => {
    const result = await services.actions.power(caller, input.bmcId, input.action);
    return { bmc: await services.bmcs.get(caller, input.bmcId), ...result };
  },
  setBootDevice: async (_parent, { input }, { caller, services }) => {
    const bootOptions = { device: input.device, persistent: input.persistent ?? false, efi: input.efi ?? false };
    await services.actions.setBootDevice(caller, input.bmcId, bootOptions);
    return { bmc: await services.bmcs.get(caller, input.bmcId), bootOptions };
  },
  identify: async (_parent, { input }, { caller, services }) => {
    await services.actions.identify(caller, input.bmcId, identifyRequest(input));
    return { bmc: await services.bmcs.get(caller, input.bmcId) };
  },
  clearSel: async (_parent, { bmcId }, { caller, services }) => {
    await services.actions.selClear(caller, bmcId);
    return { bmc: await services.bmcs.get(caller, bmcId) };
  },
  solCapture: async (_parent, { input }, { caller, services }) => ({
    job: jobModel(await services.jobs.startSolCapture(caller, input.bmcId, solSeconds(input.seconds))),
  }),
};
