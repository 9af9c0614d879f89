/**
 * The API over HTTP (test/unit/api-harness.ts) with tenant a's fleet registered
 * (test/unit/api-fixtures.ts) and a key per role, started before a file's tests and closed
 * after them. Call it at the top of a test file.
 */
import { afterAll, beforeAll } from 'vitest';
import { startApiHarness, type ApiHarness } from '../unit/api-harness.ts';
import { buildFleet, type Fleet } from '../unit/api-fixtures.ts';

export interface ApiWithFleet {
  readonly api: ApiHarness;
  readonly fleet: Fleet;
  /** Tenant a's keys; its admin key is `api.admin.a`. */
  readonly keys: { viewer: string; operator: string; auditor: string };
}

export function useApiWithFleet(): () => ApiWithFleet {
  let ready: ApiWithFleet | undefined;
  let api: ApiHarness | undefined;
  beforeAll(async () => {
    api = await startApiHarness();
    const fleet = await buildFleet(api);
    const keys = { viewer: await api.key('a', 'viewer'), operator: await api.key('a', 'operator'), auditor: await api.key('a', 'auditor') };
    ready = { api, fleet, keys };
  });
  afterAll(async () => api?.close());
  return () => {
    if (!ready) throw new Error('useApiWithFleet: the API is not running (used outside a test?)');
    return ready;
  };
}
