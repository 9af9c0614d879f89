/** Webhooks (admin): create with the secret shown once, list, test, delete; deliveries and re-drive. */
import { deliveryView } from '../../../core/monitoring/webhooks/service.ts';
import type { MutationResolvers, QueryResolvers } from '../../generated/graphql.ts';
import { paginate } from '../../pagination.ts';
import { webhookService } from '../../webhooks.ts';

export const webhookQueryResolvers: Pick<QueryResolvers, 'webhooks' | 'webhookDeliveries'> = {
  webhooks: (_parent, _args, { caller, services }) => webhookService(services).list(caller),
  webhookDeliveries: (_parent, { state, first, after }, { caller, services }) =>
    paginate({ caller, services }, { first, after }, async (page) => {
      const result = await webhookService(services).deliveries(caller, state ?? null, page);
      return { items: result.items.map(deliveryView), nextCursor: result.nextCursor };
    }),
};

export const webhookMutationResolvers: Pick<MutationResolvers, 'createWebhook' | 'testWebhook' | 'deleteWebhook' | 'redriveWebhookDelivery'> = {
  createWebhook: async (_parent, { input }, { caller, services }) => {
    const c = await webhookService(services).create(caller, { url: input.url, description: input.description, events: input.events });
    return { webhook: c.webhook, signingKey: c.secret };
  },
  testWebhook: async (_parent, { id }, { caller, services }) => deliveryView(await webhookService(services).test(caller, id)),
  deleteWebhook: async (_parent, { id }, { caller, services }) => {
    await webhookService(services).remove(caller, id);
    return { id };
  },
  redriveWebhookDelivery: async (_parent, { id }, { caller, services }) => deliveryView(await webhookService(services).redrive(caller, id)),
};
