/** The tenant's settings (read audit) and the access log of successful reads. */
import type { AccessFilter } from '../../../core/ports.ts';
import { ok, route, type Route } from '../route.ts';
import { accessQuery, tenantSettingsBody } from '../schemas/requests.ts';
import * as res from '../schemas/responses.ts';

export const tenantRoutes: readonly Route[] = [
  route({
    tag: 'tenant',
    roles: 'admin, auditor',
    method: 'GET',
    path: '/v1/tenant/settings',
    operationId: 'getTenantSettings',
    summary: "The tenant's settings: what successful reads leave behind",
    responses: [{ status: 200, description: 'Settings.', schema: res.tenantSettings }],
    handle: async ({ caller, services }) => ok(await services.tenantSettings.get(caller)),
  }),
  route({
    tag: 'tenant',
    roles: 'admin',
    method: 'PATCH',
    path: '/v1/tenant/settings',
    operationId: 'updateTenantSettings',
    summary: "Changes the tenant's settings (an event of the tenant's audit chain)",
    body: tenantSettingsBody,
    responses: [{ status: 200, description: 'Settings after the change.', schema: res.tenantSettings }],
    handle: async ({ body, caller, services }) =>
      ok(
        await services.tenantSettings.update(caller, {
          ...(body.readAudit !== undefined && { readAudit: body.readAudit }),
          ...(body.readAuditIntervalSeconds !== undefined && { readAuditIntervalSeconds: body.readAuditIntervalSeconds }),
          ...(body.rawCommands !== undefined && { rawCommands: body.rawCommands }),
        }),
      ),
  }),
  route({
    tag: 'audit',
    roles: 'auditor, admin',
    method: 'GET',
    path: '/v1/access-records',
    operationId: 'listAccessRecords',
    summary: 'Successful BMC reads recorded by the read-audit setting, newest first',
    query: accessQuery,
    responses: [{ status: 200, description: 'A page of access records.', schema: res.page(res.accessRecord) }],
    handle: async ({ query, caller, services }) => {
      const { limit, cursor, bmcId, from, to } = query;
      const filter: AccessFilter = { ...(bmcId !== undefined && { bmcId }), ...(from !== undefined && { from }), ...(to !== undefined && { to }) };
      return ok(await services.access.query(caller, filter, { limit: limit ?? 20, cursor: cursor ?? null }));
    },
  }),
];
