/** API keys: list, create (the key string is returned this once), revoke. Admin only, in the core. */
import type { MutationResolvers, QueryResolvers } from '../../generated/graphql.ts';
import { paginate } from '../../pagination.ts';

export const apiKeyQueryResolvers: Pick<QueryResolvers, 'apiKeys'> = {
  apiKeys: (_parent, { first, after }, { caller, services }) => paginate({ caller, services }, { first, after }, (page) => services.apiKeys.list(caller, page)),
};

export const apiKeyMutationResolvers: Pick<MutationResolvers, 'createApiKey' | 'revokeApiKey'> = {
  createApiKey: async (_parent, { input }, { caller, services }) => {
    const created = await services.apiKeys.create(caller, { name: input.name, role: input.role, expiresAt: input.expiresAt ?? null, scope: input.scope ?? null });
    return { apiKey: created.info, key: created.key };
  },
  revokeApiKey: async (_parent, { id }, { caller, services }) => ({ apiKey: await services.apiKeys.revoke(caller, id) }),
};
