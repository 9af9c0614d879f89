/** /v1/me and the BMC registry: list, get, register, update, remove, rotate credentials. */
import { z } from 'zod';
import { created, ok, route, type Route } from '../route.ts';
import { bmcListQuery, idParams, registerBmcBody, rotateCredentialsBody, updateBmcBody } from '../schemas/requests.ts';
import * as res from '../schemas/responses.ts';
import { acceptedJob, bmcView, JOB_ACCEPTED_DESCRIPTION, principalView } from '../views.ts';

export const registryRoutes: readonly Route[] = [
  route({
    method: 'GET',
    path: '/v1/me',
    operationId: 'getMe',
    summary: 'The authenticated caller',
    tag: 'caller',
    roles: 'any',
    responses: [{ status: 200, description: 'Tenant, role, actor and key id of the caller.', schema: res.principal }],
    handle: async ({ caller }) => ok(principalView(caller.principal)),
  }),
  route({
    method: 'GET',
    path: '/v1/bmcs',
    operationId: 'listBmcs',
    summary: 'List BMCs of the tenant, a page at a time',
    tag: 'bmcs',
    roles: 'viewer, operator, admin',
    query: bmcListQuery,
    responses: [{ status: 200, description: 'A page of BMCs, ordered by id.', schema: res.page(res.bmc) }],
    handle: async ({ query, caller, services }) => {
      const { limit, cursor, tag, nameContains, health } = query;
      const page = await services.bmcs.list(
        caller,
        { ...(tag && { tags: tag }), ...(nameContains && { nameContains }), ...(health && { health }) },
        { limit: limit ?? 20, cursor: cursor ?? null },
      );
      return ok({ items: page.items.map(bmcView), nextCursor: page.nextCursor });
    },
  }),
  route({
    method: 'POST',
    path: '/v1/bmcs',
    operationId: 'registerBmc',
    summary: 'Register a BMC and store its credentials',
    tag: 'bmcs',
    roles: 'admin',
    body: registerBmcBody,
    responses: [{ status: 201, description: 'The registered BMC.', schema: res.bmc }],
    handle: async ({ body, caller, services }) => created(bmcView(await services.bmcs.register(caller, body))),
  }),
  route({
    method: 'GET',
    path: '/v1/bmcs/{id}',
    operationId: 'getBmc',
    summary: 'One BMC',
    tag: 'bmcs',
    roles: 'viewer, operator, admin',
    params: idParams,
    responses: [{ status: 200, description: 'The BMC.', schema: res.bmc }],
    handle: async ({ params, caller, services }) => ok(bmcView(await services.bmcs.get(caller, params.id))),
  }),
  route({
    method: 'PATCH',
    path: '/v1/bmcs/{id}',
    operationId: 'updateBmc',
    summary: 'Change a registration; omitted fields stay as they are',
    tag: 'bmcs',
    roles: 'admin',
    params: idParams,
    body: updateBmcBody,
    responses: [{ status: 200, description: 'The BMC after the change.', schema: res.bmc }],
    handle: async ({ params, body, caller, services }) => ok(bmcView(await services.bmcs.update(caller, params.id, body))),
  }),
  route({
    method: 'DELETE',
    path: '/v1/bmcs/{id}',
    operationId: 'removeBmc',
    summary: 'Remove a BMC and delete its credentials',
    tag: 'bmcs',
    roles: 'admin',
    params: idParams,
    responses: [{ status: 200, description: 'The id of the removed BMC.', schema: z.object({ removedBmcId: z.string() }) }],
    handle: async ({ params, caller, services }) => ok({ removedBmcId: (await services.bmcs.remove(caller, params.id)).id }),
  }),
  route({
    method: 'PUT',
    path: '/v1/bmcs/{id}/credentials',
    operationId: 'rotateBmcCredentials',
    summary: 'Rotate credentials as a job of one task: change, verify, then commit',
    tag: 'bmcs',
    roles: 'admin',
    touchesBmc: true,
    params: idParams,
    body: rotateCredentialsBody,
    responses: [{ status: 202, description: `${JOB_ACCEPTED_DESCRIPTION} The BMC is marked rotating until its task ends.`, schema: res.job, headers: { Location: 'URL of the job: /v1/jobs/{id}' } }],
    handle: async ({ params, body, caller, services }) => acceptedJob(await services.jobs.startRotation(caller, params.id, body)),
  }),
];
