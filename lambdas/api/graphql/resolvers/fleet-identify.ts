/** Identify on many BMCs is a job, as a fleet power action is: the payload is the queued job. */
import type { MutationResolvers } from '../../generated/graphql.ts';
import { jobModel } from '../models.ts';
import { fleetSelector } from './fleet.ts';

export const fleetIdentifyMutationResolvers: Pick<MutationResolvers, 'startFleetIdentify'> = {
  startFleetIdentify: async (_parent, { input }, { caller, services }) => ({
    job: jobModel(await services.jobs.startFleet(caller, fleetSelector(input.target), { kind: 'fleet.identify', seconds: input.seconds })),
  }),
};
