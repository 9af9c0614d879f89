/** Identify on many BMCs, as a job (POST /v1/fleet/identify), like a fleet power action. */
import { z } from 'zod';
import { MAX_IDENTIFY_SECONDS } from '../../../core/jobs/job-service.ts';
import { route, type Route } from '../route.ts';
import { fleetTarget } from '../schemas/requests.ts';
import * as res from '../schemas/responses.ts';
import { acceptedJob } from '../views.ts';

const fleetIdentifyBody = z.strictObject({
  target: fleetTarget,
  seconds: z.number().int().min(1).max(MAX_IDENTIFY_SECONDS).describe('Seconds to light each chassis identify indicator (1-255).'),
});

export const fleetIdentifyRoutes: readonly Route[] = [
  route({
    tag: 'fleet',
    touchesBmc: true,
    method: 'POST',
    path: '/v1/fleet/identify',
    operationId: 'startFleetIdentify',
    summary: 'Lights the identify indicator of many BMCs, as a job',
    roles: 'operator, admin',
    idempotent: true,
    body: fleetIdentifyBody,
    responses: [{ status: 202, description: 'The queued job, one task per BMC; `Location` is its URL.', schema: res.job, headers: { Location: 'URL of the job: /v1/jobs/{id}' } }],
    handle: async ({ body, caller, services }) =>
      acceptedJob(await services.jobs.startFleet(caller, body.target.ids ? { ids: body.target.ids } : { tags: body.target.tags ?? [] }, { kind: 'fleet.identify', seconds: body.seconds })),
  }),
];
