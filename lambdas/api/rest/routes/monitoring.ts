/** Fleet monitoring over REST: events, history, predictions, health changes and the policy. */
import { notFound } from '../../../core/errors.ts';
import type { MonitoringPolicyInput } from '../../../core/monitoring/policy.ts';
import { ok, route, type Route } from '../route.ts';
import { idParams } from '../schemas/requests.ts';
import * as res from '../schemas/responses.ts';
import * as m from '../schemas/monitoring.ts';

const read = { tag: 'monitoring', roles: 'viewer, operator, admin' } as const;
const range = (q: { from?: string | undefined; to?: string | undefined }) => ({ from: q.from ?? null, to: q.to ?? null });

export const monitoringRoutes: readonly Route[] = [
  route({
    ...read,
    method: 'GET',
    path: '/v1/events',
    operationId: 'listEvents',
    summary: 'Events noticed by scheduled collection, newest first',
    query: m.eventsQuery,
    responses: [{ status: 200, description: 'A page of events.', schema: res.page(m.event) }],
    handle: async ({ query, caller, services }) => {
      const { limit, cursor, kind, severity, bmcId, from, to } = query;
      const filter = { ...(kind && { kinds: kind }), ...(severity && { severities: severity }), ...(bmcId && { bmcId }), ...(from && { from }), ...(to && { to }) };
      return ok(await services.monitoring.events(caller, filter, { limit: limit ?? 20, cursor: cursor ?? null }));
    },
  }),
  route({
    ...read,
    method: 'GET',
    path: '/v1/bmcs/{id}/predictions',
    operationId: 'listPredictions',
    summary: 'Components of the BMC at risk, from its SEL and sensor history',
    params: idParams,
    responses: [{ status: 200, description: 'Predictions.', schema: m.prediction.array() }],
    handle: async ({ params, caller, services }) => ok(await services.monitoring.predictions(caller, params.id)),
  }),
  route({
    ...read,
    method: 'GET',
    path: '/v1/bmcs/{id}/sensors/{name}/history',
    operationId: 'getSensorHistory',
    summary: "One sensor's readings from scheduled collection, oldest first",
    params: m.sensorParams,
    query: m.rangeQuery,
    responses: [{ status: 200, description: 'Samples.', schema: m.sensorSample.array() }],
    handle: async ({ params, query, caller, services }) => ok(await services.monitoring.sensorHistory(caller, params.id, params.name, range(query))),
  }),
  route({
    ...read,
    method: 'GET',
    path: '/v1/bmcs/{id}/monitoring/history',
    operationId: 'getMonitorHistory',
    summary: 'Power and health from scheduled collection, oldest first',
    params: idParams,
    query: m.pagedRangeQuery,
    responses: [{ status: 200, description: 'A page of samples.', schema: res.page(m.monitorSample) }],
    handle: async ({ params, query, caller, services }) => ok(await services.monitoring.history(caller, params.id, range(query), { limit: query.limit ?? 20, cursor: query.cursor ?? null })),
  }),
  route({
    ...read,
    method: 'GET',
    path: '/v1/bmcs/{id}/monitoring/state',
    operationId: 'getMonitorState',
    summary: "The BMC's latest monitoring state: power, health, sensor statuses, SEL mark, predictions",
    params: idParams,
    responses: [{ status: 200, description: 'State.', schema: m.monitorState }],
    handle: async ({ params, caller, services }) => {
      const state = await services.monitoring.state(caller, params.id);
      if (!state) throw notFound('monitoring state of BMC', params.id);
      return ok(state);
    },
  }),
  route({
    ...read,
    method: 'GET',
    path: '/v1/monitoring/health-changes',
    operationId: 'listHealthChanges',
    summary: 'BMCs whose health changed at or after `since`, with their latest state',
    query: m.sinceQuery,
    responses: [{ status: 200, description: 'A page of states.', schema: res.page(m.monitorState) }],
    handle: async ({ query, caller, services }) => ok(await services.monitoring.healthChanged(caller, query.since, { limit: query.limit ?? 20, cursor: query.cursor ?? null })),
  }),
  route({
    ...read,
    method: 'GET',
    path: '/v1/monitoring/policy',
    operationId: 'getMonitoringPolicy',
    summary: "The tenant's monitoring policy",
    responses: [{ status: 200, description: 'Policy.', schema: m.policy }],
    handle: async ({ caller, services }) => ok(await services.monitoring.policy(caller)),
  }),
  route({
    tag: 'monitoring',
    roles: 'admin',
    method: 'PATCH',
    path: '/v1/monitoring/policy',
    operationId: 'setMonitoringPolicy',
    summary: 'Changes the monitoring policy (on record in the audit chain, refusals too)',
    body: m.policyBody,
    responses: [{ status: 200, description: 'Policy after the change.', schema: m.policy }],
    handle: async ({ body, caller, services }) => ok(await services.monitoring.setPolicy(caller, body as MonitoringPolicyInput)),
  }),
];
