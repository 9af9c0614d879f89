/**
 * Fleet operations. Reads of up to MAX_SYNC_FLEET BMCs answer at once, one result per BMC (an
 * unreachable BMC is a result, not a failed request); power actions and larger reads are jobs.
 */
import type { FleetResult, FleetSelector } from '../../../core/services/fleet-service.ts';
import { ok, route, type Route } from '../route.ts';
import { fleetPowerBody, fleetReadBody, fleetReadJobBody } from '../schemas/requests.ts';
import { acceptedJob } from '../views.ts';
import * as res from '../schemas/responses.ts';

const fleet = { tag: 'fleet', touchesBmc: true } as const;

function answer(results: readonly FleetResult[], wrap: (value: unknown) => unknown = (v) => v) {
  const succeeded = results.filter((r) => r.ok).length;
  return ok({
    results: results.map((r) => (r.ok ? { bmcId: r.bmcId, name: r.name, ok: true, value: wrap(r.value) } : r)),
    summary: { total: results.length, succeeded, failed: results.length - succeeded },
  });
}

export const fleetRoutes: readonly Route[] = [
  route({
    ...fleet,
    method: 'POST',
    path: '/v1/fleet/power-status',
    operationId: 'fleetPowerStatus',
    summary: 'Power state of many BMCs',
    roles: 'viewer, operator, admin',
    body: fleetReadBody,
    responses: [{ status: 200, description: 'One result per BMC.', schema: res.fleetResults(res.powerStatus) }],
    handle: async ({ body, caller, services }) =>
      answer(await services.fleet.run(caller, body.target.ids ? { ids: body.target.ids } : { tags: body.target.tags ?? [] }, { kind: 'powerStatus' }), (power) => ({ power })),
  }),
  route({
    ...fleet,
    method: 'POST',
    path: '/v1/fleet/sensors',
    operationId: 'fleetSensors',
    summary: 'Sensors of many BMCs',
    roles: 'viewer, operator, admin',
    body: fleetReadBody,
    responses: [{ status: 200, description: 'One result per BMC.', schema: res.fleetResults(res.sensor.array()) }],
    handle: async ({ body, caller, services }) =>
      answer(await services.fleet.run(caller, body.target.ids ? { ids: body.target.ids } : { tags: body.target.tags ?? [] }, { kind: 'sensors' })),
  }),
  route({
    ...fleet,
    method: 'POST',
    path: '/v1/fleet/power',
    operationId: 'fleetPowerAction',
    summary: 'The same power action on many BMCs, as a job',
    roles: 'operator, admin',
    idempotent: true,
    body: fleetPowerBody,
    responses: [{ status: 202, description: 'The queued job, one task per BMC; `Location` is its URL.', schema: res.job, headers: { Location: 'URL of the job: /v1/jobs/{id}' } }],
    handle: async ({ body, caller, services }) => acceptedJob(await services.jobs.startFleet(caller, selector(body.target), { kind: 'fleet.power', action: body.action })),
  }),
  route({
    ...fleet,
    method: 'POST',
    path: '/v1/fleet/jobs',
    operationId: 'startFleetReadJob',
    summary: 'Power state or sensors of many BMCs, as a job (for more BMCs than the synchronous reads answer)',
    roles: 'viewer, operator, admin',
    body: fleetReadJobBody,
    responses: [{ status: 202, description: 'The queued job, one task per BMC; `Location` is its URL.', schema: res.job, headers: { Location: 'URL of the job: /v1/jobs/{id}' } }],
    handle: async ({ body, caller, services }) =>
      acceptedJob(await services.jobs.startFleet(caller, selector(body.target), { kind: body.read === 'sensors' ? 'fleet.sensors' : 'fleet.powerStatus' })),
  }),
];

function selector(target: { ids?: string[] | undefined; tags?: string[] | undefined }): FleetSelector {
  return target.ids ? { ids: target.ids } : { tags: target.tags ?? [] };
}
