/** The audit log for auditors: filtered pages, export as JSON lines or CSV, chain verification. */
import { z } from 'zod';
import type { AuditFilter } from '../../../core/ports.ts';
import { ok, route, type Route } from '../route.ts';
import { auditExportQuery, auditQuery } from '../schemas/requests.ts';
import * as res from '../schemas/responses.ts';
import { auditEventView } from '../views.ts';

/** Events per export request: a Lambda response is at most 6 MB; page with from/to beyond this. */
export const MAX_EXPORT_EVENTS = 10_000;
/** Matched events per bundle, which also carries context events and checkpoints. */
export const MAX_BUNDLE_EVENTS = 5_000;

function filterOf(q: { readonly [K in keyof AuditFilter]?: string | undefined }): AuditFilter {
  return Object.fromEntries(Object.entries(q).filter(([k, v]) => v !== undefined && ['from', 'to', 'actor', 'target', 'action', 'outcome'].includes(k)));
}

const audit = { tag: 'audit', roles: 'auditor, admin' } as const;

export const auditRoutes: readonly Route[] = [
  route({
    ...audit,
    method: 'GET',
    path: '/v1/audit-events',
    operationId: 'listAuditEvents',
    summary: 'Audit events, newest first, filtered',
    query: auditQuery,
    responses: [{ status: 200, description: 'A page of events.', schema: res.page(res.auditEvent) }],
    handle: async ({ query, caller, services }) => {
      const { limit, cursor, ...filter } = query;
      const page = await services.audit.query(caller, filterOf(filter), { limit: limit ?? 20, cursor: cursor ?? null });
      return ok({ items: page.items.map(auditEventView), nextCursor: page.nextCursor });
    },
  }),
  route({
    ...audit,
    method: 'GET',
    path: '/v1/audit-events/export',
    operationId: 'exportAuditEvents',
    summary: `Export matching events (at most ${MAX_EXPORT_EVENTS}) as JSON lines or CSV, or (at most ${MAX_BUNDLE_EVENTS}) as a bundle that verifies offline`,
    query: auditExportQuery,
    responses: [
      { status: 200, description: 'format=bundle: events, chain segments and signed checkpoints (docs/audit.md).', contentType: 'application/json', schema: z.string() },
      { status: 200, description: 'JSON lines, one event per line.', contentType: 'application/x-ndjson', schema: z.string() },
      { status: 200, description: 'CSV with a header row.', contentType: 'text/csv', schema: z.string() },
    ],
    handle: async ({ query, caller, services }) => {
      const { format, ...filter } = query;
      if (format === 'bundle') {
        const bundle = await services.audit.exportBundle(caller, filterOf(filter), MAX_BUNDLE_EVENTS);
        return { status: 200, body: JSON.stringify(bundle), contentType: 'application/json; charset=utf-8', headers: { 'content-disposition': 'attachment; filename="audit-bundle.json"' } };
      }
      let text = '';
      for await (const chunk of services.audit.export(caller, filterOf(filter), format, MAX_EXPORT_EVENTS)) text += chunk;
      const contentType = format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8';
      return {
        status: 200,
        body: text,
        contentType,
        headers: { 'content-disposition': `attachment; filename="audit-events.${format}"` },
      };
    },
  }),
  route({
    ...audit,
    method: 'GET',
    path: '/v1/audit-events/public-key',
    operationId: 'getAuditPublicKey',
    summary: 'The public key that checks audit checkpoints and export bundles',
    responses: [{ status: 200, description: 'The key, its id and algorithm.', schema: res.auditPublicKey }],
    handle: async ({ caller, services }) => {
      const key = await services.audit.publicKey(caller);
      return ok({ keyId: key.keyId, algorithm: key.algorithm, publicKey: key.pem });
    },
  }),
  route({
    ...audit,
    method: 'GET',
    path: '/v1/audit-events/verify',
    operationId: 'verifyAuditChain',
    summary: 'Verify every audit hash chain of the tenant',
    responses: [{ status: 200, description: 'Verification result per chain.', schema: res.chainVerification }],
    handle: async ({ caller, services }) => {
      const chains = await services.audit.verify(caller);
      return ok({
        ok: chains.every((c) => c.ok),
        chains: chains.map((c) => ({ chain: c.chain, ok: c.ok, events: c.events, checkpoints: c.checkpoints, anchoredSeq: c.anchoredSeq, problems: c.problems })),
      });
    },
  }),
];
