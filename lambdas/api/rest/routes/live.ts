/** Live reads of one BMC and the actions on it. */
import { identifyRequest, solSeconds } from '../../action-input.ts';
import { ok, route, type Route } from '../route.ts';
import { bootDeviceBody, fruQuery, idParams, identifyBody, maxAgeQuery, powerActionBody, selQuery, solCaptureBody } from '../schemas/requests.ts';
import * as res from '../schemas/responses.ts';
import { acceptedJob, JOB_ACCEPTED_DESCRIPTION } from '../views.ts';
import { badInput } from '../../../core/errors.ts';

const read = { tag: 'live reads', roles: 'viewer, operator, admin', touchesBmc: true, params: idParams } as const;
const action = { tag: 'actions', roles: 'operator, admin', touchesBmc: true, idempotent: true, params: idParams } as const;

/** SEL pages are offsets into the list read in full, newest first. */
function selOffset(cursor: string | undefined): number {
  if (cursor === undefined) return 0;
  const n = /^[0-9]{1,7}$/.test(cursor) ? Number(cursor) : Number.NaN;
  if (!Number.isInteger(n)) throw badInput('cursor', 'not a cursor returned by this API');
  return n;
}

export const liveRoutes: readonly Route[] = [
  route({
    ...read,
    method: 'GET',
    path: '/v1/bmcs/{id}/power',
    operationId: 'getPower',
    summary: 'Power state',
    query: maxAgeQuery,
    responses: [{ status: 200, description: 'Power state, and when it was read.', schema: res.freshPowerStatus }],
    handle: async ({ params, query, caller, services }) => {
      const { value, readAt } = await services.actions.readPower(caller, params.id, { maxAge: query.maxAge ?? null });
      return ok({ power: value, readAt: readAt.toISOString() });
    },
  }),
  route({
    ...read,
    method: 'GET',
    path: '/v1/bmcs/{id}/chassis',
    operationId: 'getChassisStatus',
    summary: 'Chassis status (IPMI v2.0 section 28.2)',
    query: maxAgeQuery,
    responses: [{ status: 200, description: 'Chassis status, and when it was read.', schema: res.freshChassisStatus }],
    handle: async ({ params, query, caller, services }) => {
      const { value, readAt } = await services.actions.readChassis(caller, params.id, { maxAge: query.maxAge ?? null });
      return ok({ ...value, readAt: readAt.toISOString() });
    },
  }),
  route({
    ...read,
    method: 'GET',
    path: '/v1/bmcs/{id}/device',
    operationId: 'getDeviceInfo',
    summary: 'Device id, firmware and GUID',
    responses: [{ status: 200, description: 'Device information.', schema: res.deviceInfo }],
    handle: async ({ params, caller, services }) => ok(await services.actions.deviceInfo(caller, params.id)),
  }),
  route({
    ...read,
    method: 'GET',
    path: '/v1/bmcs/{id}/sensors',
    operationId: 'getSensors',
    summary: 'Every sensor with reading, unit, thresholds and state',
    query: maxAgeQuery,
    responses: [{ status: 200, description: 'Sensors, each with when it was read.', schema: res.freshSensor.array() }],
    handle: async ({ params, query, caller, services }) => {
      const { value, readAt } = await services.actions.readSensors(caller, params.id, { maxAge: query.maxAge ?? null });
      const at = readAt.toISOString();
      return ok(value.map((sensor) => ({ ...sensor, readAt: at })));
    },
  }),
  route({
    ...read,
    method: 'GET',
    path: '/v1/bmcs/{id}/sel/info',
    operationId: 'getSelInfo',
    summary: 'SEL summary',
    responses: [{ status: 200, description: 'SEL information.', schema: res.selInfo }],
    handle: async ({ params, caller, services }) => ok(await services.actions.selInfo(caller, params.id)),
  }),
  route({
    ...read,
    method: 'GET',
    path: '/v1/bmcs/{id}/sel',
    operationId: 'listSel',
    summary: 'SEL entries, newest first, a page at a time',
    query: selQuery,
    responses: [{ status: 200, description: 'A page of SEL entries.', schema: res.page(res.selEntry) }],
    handle: async ({ params, query, caller, services }) => {
      // A copy: the list may be shared (cached) by the layer below. Insertion order reversed is
      // newest first even when the BMC clock was unset (IPMI v2.0 section 31).
      const newestFirst = [...(await services.actions.selList(caller, params.id))].reverse();
      const start = selOffset(query.cursor);
      const end = start + (query.limit ?? 20);
      return ok({ items: newestFirst.slice(start, end), nextCursor: end < newestFirst.length ? String(end) : null });
    },
  }),
  route({
    ...read,
    method: 'GET',
    path: '/v1/bmcs/{id}/fru',
    operationId: 'getFru',
    summary: 'FRU inventory',
    query: fruQuery,
    responses: [{ status: 200, description: 'FRU inventory areas.', schema: res.fru }],
    handle: async ({ params, query, caller, services }) => ok(await services.actions.fru(caller, params.id, query.fruId ?? 0)),
  }),
  route({
    ...read,
    method: 'GET',
    path: '/v1/bmcs/{id}/boot-device',
    operationId: 'getBootDevice',
    summary: 'Boot device override',
    responses: [{ status: 200, description: 'Boot options.', schema: res.bootOptions }],
    handle: async ({ params, caller, services }) => ok(await services.actions.bootDevice(caller, params.id)),
  }),
  route({
    ...action,
    method: 'POST',
    path: '/v1/bmcs/{id}/power',
    operationId: 'powerAction',
    summary: 'Power on, off, cycle, reset, soft or diag; the state is read back',
    body: powerActionBody,
    responses: [{ status: 200, description: 'Read-back state, and whether it matches.', schema: res.powerActionResult }],
    handle: async ({ params, body, caller, services }) => ok(await services.actions.power(caller, params.id, body.action)),
  }),
  route({
    ...action,
    method: 'PUT',
    path: '/v1/bmcs/{id}/boot-device',
    operationId: 'setBootDevice',
    summary: 'Set the boot device override',
    body: bootDeviceBody,
    responses: [{ status: 200, description: 'Boot options as set.', schema: res.bootOptions }],
    handle: async ({ params, body, caller, services }) => {
      const boot = { device: body.device, persistent: body.persistent ?? false, efi: body.efi ?? false };
      await services.actions.setBootDevice(caller, params.id, boot);
      return ok(boot);
    },
  }),
  route({
    ...action,
    method: 'POST',
    path: '/v1/bmcs/{id}/identify',
    operationId: 'identify',
    summary: 'Light or turn off the chassis identify indicator',
    body: identifyBody,
    responses: [{ status: 200, description: 'Done.', schema: res.accepted }],
    handle: async ({ params, body, caller, services }) => {
      await services.actions.identify(caller, params.id, identifyRequest(body));
      return ok({ bmcId: params.id, done: true });
    },
  }),
  route({
    ...action,
    roles: 'admin',
    method: 'DELETE',
    path: '/v1/bmcs/{id}/sel',
    operationId: 'clearSel',
    summary: 'Erase the System Event Log',
    responses: [{ status: 200, description: 'Done.', schema: res.accepted }],
    handle: async ({ params, caller, services }) => {
      await services.actions.selClear(caller, params.id);
      return ok({ bmcId: params.id, done: true });
    },
  }),
  route({
    ...action,
    method: 'POST',
    path: '/v1/bmcs/{id}/sol/capture',
    operationId: 'solCapture',
    summary: 'Capture the serial console, as a job of one task (its result is the capture)',
    body: solCaptureBody,
    responses: [{ status: 202, description: `${JOB_ACCEPTED_DESCRIPTION} Its task's \`result\` is the capture.`, schema: res.job, headers: { Location: 'URL of the job: /v1/jobs/{id}' } }],
    handle: async ({ params, body, caller, services }) => acceptedJob(await services.jobs.startSolCapture(caller, params.id, solSeconds(body.seconds))),
  }),
];
