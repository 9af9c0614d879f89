/**
 * Jobs over REST: read one, page its tasks, list the tenant's jobs, cancel. States are written in
 * lower case, as the REST API writes every enum.
 */
import { ok, route, type Route } from '../route.ts';
import { idParams, jobListQuery, pageQuery } from '../schemas/requests.ts';
import * as res from '../schemas/responses.ts';
import { jobTaskView, jobView } from '../views.ts';

const jobs = { tag: 'jobs' } as const;

export const jobRoutes: readonly Route[] = [
  route({
    ...jobs,
    method: 'GET',
    path: '/v1/jobs',
    operationId: 'listJobs',
    summary: 'Jobs of the tenant, newest first',
    roles: 'viewer, operator, admin',
    query: jobListQuery,
    responses: [{ status: 200, description: 'A page of jobs.', schema: res.page(res.job) }],
    handle: async ({ query, caller, services }) => {
      const page = await services.jobs.list(caller, { ...(query.state && { state: query.state }), ...(query.kind && { kind: query.kind }) }, { limit: query.limit ?? 20, cursor: query.cursor ?? null });
      return ok({ items: page.items.map(jobView), nextCursor: page.nextCursor });
    },
  }),
  route({
    ...jobs,
    method: 'GET',
    path: '/v1/jobs/{id}',
    operationId: 'getJob',
    summary: 'One job: state and progress',
    roles: 'viewer, operator, admin',
    params: idParams,
    responses: [{ status: 200, description: 'The job.', schema: res.job }],
    handle: async ({ params, caller, services }) => ok(jobView(await services.jobs.get(caller, params.id))),
  }),
  route({
    ...jobs,
    method: 'GET',
    path: '/v1/jobs/{id}/tasks',
    operationId: 'listJobTasks',
    summary: "A job's tasks, one per BMC, in order",
    roles: 'viewer, operator, admin',
    params: idParams,
    query: pageQuery,
    responses: [{ status: 200, description: 'A page of tasks.', schema: res.page(res.jobTask) }],
    handle: async ({ params, query, caller, services }) => {
      const page = await services.jobs.tasks(caller, params.id, { limit: query.limit ?? 20, cursor: query.cursor ?? null });
      return ok({ items: page.items.map(jobTaskView), nextCursor: page.nextCursor });
    },
  }),
  route({
    ...jobs,
    method: 'POST',
    path: '/v1/jobs/{id}/cancel',
    operationId: 'cancelJob',
    summary: 'Cancel a job: tasks not yet started do not run, running ones finish',
    roles: 'the role the job needs (operator for power actions)',
    params: idParams,
    responses: [
      { status: 200, description: 'The cancelled job.', schema: res.job },
      { status: 409, description: 'The job had already finished (CONFLICT); nothing changed.', schema: res.errorBody },
    ],
    handle: async ({ params, caller, services }) => ok(jobView(await services.jobs.cancel(caller, params.id))),
  }),
];
