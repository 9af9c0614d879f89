/**
 * Tenants' keys in API Gateway's usage plans, over API Gateway's management API (REST, SigV4),
 * the thin edge of the operator's usage-plan work (the core decides when: operator-service.ts).
 * API Gateway has no emulator; what calls this is tested with the core's port, and the plan, the
 * key source and this function's permissions with CDK assertions (test/cdk/usage-plans.test.ts).
 *
 * The default plan is made by the CDK app and found here by its name (USAGE_PLAN_NAME): the
 * operator function cannot be given its id, since the plan depends on the stage, the stage on the
 * methods and the methods on this function. A tenant's own plan copies the default plan's stages
 * and quota and takes the tenant's rate (burst twice it). A key is on one plan per stage at a
 * time, so it leaves one plan before it joins the other.
 */
import type { UsageKey, UsageKeys } from '../../core/tenants/ports.ts';
import type { TenantId } from '../../core/types.ts';
import { signedFetch } from '../aws/signed-fetch.ts';

export const USAGE_PLAN_NAME_ENV = 'USAGE_PLAN_NAME';

/** One call of the management API: method, path (with query), JSON body; the answer's status and text. */
export type ManagementCall = (method: string, path: string, body?: unknown) => Promise<{ status: number; body: string }>;

interface Plan {
  readonly id: string;
  readonly name?: string;
  readonly apiStages?: readonly { apiId: string; stage: string }[];
  readonly quota?: { limit: number; period: string; offset?: number };
}

export class UsagePlanError extends Error {
  override name = 'UsagePlanError';
}

export function managementApi(region: string): ManagementCall {
  const base = `https://apigateway.${region}.amazonaws.com`;
  return (method, path, body) => signedFetch(new URL(path, base), 'apigateway', region, method, body === undefined ? undefined : JSON.stringify(body));
}

export class ApiGatewayUsageKeys implements UsageKeys {
  private defaultPlan: Promise<Plan> | undefined;

  constructor(
    private readonly call: ManagementCall,
    private readonly defaultPlanName: string,
  ) {}

  async create(tenantId: TenantId): Promise<UsageKey> {
    const plan = await this.plan();
    const key = await this.json<{ id: string; value: string }>('POST', '/apikeys', { name: `tenant-${tenantId}`, description: `usage key of tenant ${tenantId}`, enabled: true, generateDistinctId: true, tags: { tenant: tenantId } });
    await this.json('POST', `/usageplans/${plan.id}/keys`, { keyId: key.id, keyType: 'API_KEY' });
    return { id: key.id, value: key.value, planId: null };
  }

  async setRate(tenantId: TenantId, key: UsageKey, requestsPerSecond: number | null): Promise<UsageKey> {
    const base = await this.plan();
    if (requestsPerSecond === null) {
      if (key.planId === null) return key;
      await this.leave(key.planId, key.id);
      await this.json('POST', `/usageplans/${base.id}/keys`, { keyId: key.id, keyType: 'API_KEY' });
      await this.json('DELETE', `/usageplans/${key.planId}`);
      return { ...key, planId: null };
    }
    const throttle = { rateLimit: requestsPerSecond, burstLimit: Math.max(1, 2 * requestsPerSecond) };
    if (key.planId !== null) {
      await this.json('PATCH', `/usageplans/${key.planId}`, {
        patchOperations: [
          { op: 'replace', path: '/throttle/rateLimit', value: String(throttle.rateLimit) },
          { op: 'replace', path: '/throttle/burstLimit', value: String(throttle.burstLimit) },
        ],
      });
      return key;
    }
    const own = await this.json<{ id: string }>('POST', '/usageplans', {
      name: `${this.defaultPlanName}-tenant-${tenantId}`,
      description: `requests of tenant ${tenantId}, set by the operator`,
      apiStages: base.apiStages ?? [],
      throttle,
      ...(base.quota && { quota: base.quota }),
      tags: { tenant: tenantId },
    });
    await this.leave(base.id, key.id);
    await this.json('POST', `/usageplans/${own.id}/keys`, { keyId: key.id, keyType: 'API_KEY' });
    return { ...key, planId: own.id };
  }

  async remove(key: UsageKey): Promise<void> {
    if (key.planId !== null) {
      await this.leave(key.planId, key.id);
      await this.json('DELETE', `/usageplans/${key.planId}`, undefined, [404]);
    }
    await this.json('DELETE', `/apikeys/${key.id}`, undefined, [404]);
  }

  private async leave(planId: string, keyId: string): Promise<void> {
    await this.json('DELETE', `/usageplans/${planId}/keys/${keyId}`, undefined, [404]);
  }

  /** The default plan, looked up by name once per process. */
  private plan(): Promise<Plan> {
    this.defaultPlan ??= this.findPlan().catch((e: unknown) => {
      this.defaultPlan = undefined;
      throw e;
    });
    return this.defaultPlan;
  }

  private async findPlan(): Promise<Plan> {
    let position: string | undefined;
    do {
      const page = await this.json<{ item?: Plan[]; position?: string }>('GET', `/usageplans?limit=500${position ? `&position=${encodeURIComponent(position)}` : ''}`);
      const found = page.item?.find((p) => p.name === this.defaultPlanName);
      if (found) return found;
      position = page.position;
    } while (position);
    throw new UsagePlanError(`usage plan ${this.defaultPlanName} not found`);
  }

  /** Calls the API; a status outside 2xx (and `tolerated`) is an error naming the call, never the body's secrets. */
  private async json<T = unknown>(method: string, path: string, body?: unknown, tolerated: readonly number[] = []): Promise<T> {
    const res = await this.call(method, path, body);
    if (tolerated.includes(res.status)) return {} as T;
    if (res.status < 200 || res.status >= 300) throw new UsagePlanError(`API Gateway ${method} ${path.split('?')[0]}: HTTP ${res.status}`);
    return (res.body ? JSON.parse(res.body) : {}) as T;
  }
}
