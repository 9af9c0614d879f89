/** Webhooks over REST (admin): create, list, test, delete; deliveries and re-drive of failed ones. */
import { deliveryView } from '../../../core/monitoring/webhooks/service.ts';
import { webhookService } from '../../webhooks.ts';
import { created, ok, route, type Route } from '../route.ts';
import { idParams } from '../schemas/requests.ts';
import * as res from '../schemas/responses.ts';
import * as w from '../schemas/webhooks.ts';

const admin = { tag: 'webhooks', roles: 'admin' } as const;

export const webhookRoutes: readonly Route[] = [
  route({
    ...admin,
    method: 'GET',
    path: '/v1/webhooks',
    operationId: 'listWebhooks',
    summary: "The tenant's webhooks, without their secrets",
    responses: [{ status: 200, description: 'Webhooks.', schema: w.webhook.array() }],
    handle: async ({ caller, services }) => ok(await webhookService(services).list(caller)),
  }),
  route({
    ...admin,
    method: 'POST',
    path: '/v1/webhooks',
    operationId: 'createWebhook',
    summary: 'Create a webhook; its signing secret is shown in this answer only (audited)',
    body: w.createWebhookBody,
    responses: [{ status: 201, description: 'The stored webhook and, this once, its secret.', schema: w.createdWebhook }],
    handle: async ({ body, caller, services }) => {
      const c = await webhookService(services).create(caller, body);
      return created({ webhook: c.webhook, signingKey: c.secret });
    },
  }),
  route({
    ...admin,
    method: 'DELETE',
    path: '/v1/webhooks/{id}',
    operationId: 'deleteWebhook',
    summary: 'Delete a webhook (audited)',
    params: idParams,
    responses: [{ status: 200, description: 'The id deleted.', schema: w.deletedWebhook }],
    handle: async ({ params, caller, services }) => {
      await webhookService(services).remove(caller, params.id);
      return ok({ id: params.id });
    },
  }),
  route({
    ...admin,
    method: 'POST',
    path: '/v1/webhooks/{id}/test',
    operationId: 'testWebhook',
    summary: 'Send a signed `webhook.test` delivery now and report how it went (audited)',
    params: idParams,
    responses: [{ status: 200, description: 'The delivery after its first attempt.', schema: w.delivery }],
    handle: async ({ params, caller, services }) => ok(deliveryView(await webhookService(services).test(caller, params.id))),
  }),
  route({
    ...admin,
    method: 'GET',
    path: '/v1/webhooks/deliveries',
    operationId: 'listWebhookDeliveries',
    summary: "The tenant's deliveries: of one state, most recently changed first, or all",
    query: w.deliveriesQuery,
    responses: [{ status: 200, description: 'A page of deliveries.', schema: res.page(w.delivery) }],
    handle: async ({ query, caller, services }) => {
      const page = await webhookService(services).deliveries(caller, query.state ?? null, { limit: query.limit ?? 20, cursor: query.cursor ?? null });
      return ok({ items: page.items.map(deliveryView), nextCursor: page.nextCursor });
    },
  }),
  route({
    ...admin,
    method: 'POST',
    path: '/v1/webhooks/deliveries/{id}/redrive',
    operationId: 'redriveWebhookDelivery',
    summary: 'Make a failed delivery pending again with a fresh set of attempts, and attempt it now (audited)',
    params: idParams,
    responses: [{ status: 200, description: 'The delivery after the attempt.', schema: w.delivery }],
    handle: async ({ params, caller, services }) => ok(deliveryView(await webhookService(services).redrive(caller, params.id))),
  }),
];
