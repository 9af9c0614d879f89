/** Fleet operations: one result per BMC; an unreachable BMC is a result, not a failed request. */
import type { FleetResult } from '../../../core/services/fleet-service.ts';
import { ok, route, type Route } from '../route.ts';
import { fleetPowerBody, fleetReadBody } from '../schemas/requests.ts';
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
    summary: 'The same power action on many BMCs',
    roles: 'operator, admin',
    idempotent: true,
    body: fleetPowerBody,
    responses: [{ status: 200, description: 'One result per BMC.', schema: res.fleetResults(res.powerActionResult) }],
    handle: async ({ body, caller, services }) =>
      answer(
        await services.fleet.run(caller, body.target.ids ? { ids: body.target.ids } : { tags: body.target.tags ?? [] }, { kind: 'power', action: body.action }),
      ),
  }),
];
