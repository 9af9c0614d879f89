/**
 * Identify on many BMCs through the API: `startFleetIdentify` (GraphQL) and POST
 * /v1/fleet/identify (REST) start a `fleet.identify` job; an unreachable BMC is a failed task,
 * not a failed request; a viewer and bad input are refused and start nothing.
 */
import { describe, expect, it } from 'vitest';
import * as res from '../../lambdas/api/rest/schemas/responses.ts';
import { useApiWithFleet } from '../support/use-api-with-fleet.ts';

const apiWithFleet = useApiWithFleet();

const START = `mutation($input: StartFleetIdentifyInput!) { startFleetIdentify(input: $input) { job { id kind progress { total } } } }`;

describe('fleet identify through the API', () => {
  it('GraphQL: a job with a task per BMC; the reachable ones are lit, the offline one fails', async () => {
    const { api, fleet, keys } = apiWithFleet();
    const r = await api.gql(keys.operator, START, { input: { target: { ids: [fleet.ok1, fleet.ok2, fleet.offline] }, seconds: 30 } });
    expect(r.body.errors).toBeUndefined();
    const job = (r.body.data?.['startFleetIdentify'] as { job: { id: string; kind: string; progress: { total: number } } }).job;
    expect(job).toMatchObject({ kind: 'fleet.identify', progress: { total: 3 } });
    await api.jobQueue.drained();
    const done = await api.gql(keys.viewer, `{ job(id: "${job.id}") { state progress { succeeded failed } tasks { nodes { bmcId state result { __typename } error { code } } } } }`);
    expect(done.body.data?.['job']).toEqual({
      state: 'PARTIALLY_SUCCEEDED',
      progress: { succeeded: 2, failed: 1 },
      tasks: {
        nodes: [
          { bmcId: fleet.ok1, state: 'SUCCEEDED', result: null, error: null },
          { bmcId: fleet.ok2, state: 'SUCCEEDED', result: null, error: null },
          { bmcId: fleet.offline, state: 'FAILED', result: null, error: { code: 'BMC_UNREACHABLE' } },
        ],
      },
    });
    const chassis = await api.gql(keys.viewer, `{ bmc(id: "${fleet.ok1}") { chassisStatus(maxAge: 0) { identify } } }`);
    expect(chassis.body.data?.['bmc']).toEqual({ chassisStatus: { identify: 'TEMPORARY' } });
  });

  it('REST: 202 with Location, and the tasks say what was sent', async () => {
    const { api, fleet, keys } = apiWithFleet();
    const started = await api.rest(keys.operator, 'POST', '/v1/fleet/identify', { target: { ids: [fleet.ok2] }, seconds: 15 });
    expect(started.status).toBe(202);
    const job = res.job.parse(started.body);
    expect(started.headers.get('location')).toBe(`/v1/jobs/${job.id}`);
    expect(job).toMatchObject({ kind: 'fleet.identify', progress: { total: 1 } });
    await api.jobQueue.drained();
    const tasks = res.page(res.jobTask).parse((await api.rest(keys.viewer, 'GET', `/v1/jobs/${job.id}/tasks`)).body);
    expect(tasks.items).toEqual([expect.objectContaining({ bmcId: fleet.ok2, state: 'succeeded', result: { seconds: 15 } })]);
  });

  it('refuses a viewer and seconds outside 1-255, starting no job', async () => {
    const { api, fleet, keys } = apiWithFleet();
    const before = await api.rest(keys.viewer, 'GET', '/v1/jobs?kind=fleet.identify');
    const viewer = await api.gql(keys.viewer, START, { input: { target: { ids: [fleet.ok1] }, seconds: 30 } });
    expect(viewer.body.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    expect((await api.rest(keys.viewer, 'POST', '/v1/fleet/identify', { target: { ids: [fleet.ok1] }, seconds: 30 })).status).toBe(403);
    const zero = await api.gql(keys.operator, START, { input: { target: { ids: [fleet.ok1] }, seconds: 0 } });
    expect(zero.body.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    expect((await api.rest(keys.operator, 'POST', '/v1/fleet/identify', { target: { ids: [fleet.ok1] }, seconds: 256 })).status).toBe(400);
    const after = await api.rest(keys.viewer, 'GET', '/v1/jobs?kind=fleet.identify');
    expect((after.body as { items: unknown[] }).items).toHaveLength((before.body as { items: unknown[] }).items.length);
  });
});
