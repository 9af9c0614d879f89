/** Every resolver of the schema, assembled per domain and typed by the generated Resolvers. */
import type { Resolvers } from '../../generated/graphql.ts';
import { enumValues } from '../enum-values.ts';
import { apiKeyMutationResolvers, apiKeyQueryResolvers } from './api-keys.ts';
import { auditQueryResolvers } from './audit.ts';
import { bmcFieldResolvers, bmcMutationResolvers, bmcQueryResolvers } from './bmcs.ts';
import { bmcConfigFieldResolvers, bmcConfigMutationResolvers } from './bmc-config.ts';
import {
  fleetMutationResolvers,
  fleetPowerStatusResultResolvers,
  fleetQueryResolvers,
  fleetSensorsResultResolvers,
  fleetUnionResolvers,
} from './fleet.ts';
import { fleetIdentifyMutationResolvers } from './fleet-identify.ts';
import { jobMutationResolvers, jobQueryResolvers, jobResolvers, jobTaskResolvers, jobTaskResultResolvers } from './jobs.ts';
import { actionMutationResolvers, liveBmcResolvers } from './live.ts';
import { meResolvers } from './principal.ts';
import { tenantMutationResolvers, tenantQueryResolvers } from './tenant.ts';
import { DateTime, JSONObject } from './scalars.ts';
import { webhookMutationResolvers, webhookQueryResolvers } from './webhooks.ts';
import { bmcHealthChangeResolvers, eventResolvers, monitoringBmcResolvers, monitoringMutationResolvers, monitoringQueryResolvers } from './monitoring.ts';

export const resolvers: Resolvers = {
  ...enumValues,
  DateTime,
  JSONObject,
  Query: {
    ...meResolvers,
    ...bmcQueryResolvers,
    ...fleetQueryResolvers,
    ...auditQueryResolvers,
    ...apiKeyQueryResolvers,
    ...tenantQueryResolvers,
    ...jobQueryResolvers,
    ...monitoringQueryResolvers,
    ...webhookQueryResolvers,
  },
  Mutation: {
    ...bmcMutationResolvers,
    ...actionMutationResolvers,
    ...fleetMutationResolvers,
    ...fleetIdentifyMutationResolvers,
    ...apiKeyMutationResolvers,
    ...tenantMutationResolvers,
    ...jobMutationResolvers,
    ...monitoringMutationResolvers,
    ...webhookMutationResolvers,
    ...bmcConfigMutationResolvers,
  },
  Bmc: { ...bmcFieldResolvers, ...liveBmcResolvers, ...monitoringBmcResolvers, ...bmcConfigFieldResolvers },
  Event: eventResolvers,
  BmcHealthChange: bmcHealthChangeResolvers,
  FleetPowerStatusResult: fleetPowerStatusResultResolvers,
  FleetSensorsResult: fleetSensorsResultResolvers,
  Job: jobResolvers,
  JobTask: jobTaskResolvers,
  JobTaskResult: jobTaskResultResolvers,
  ...fleetUnionResolvers,
};
