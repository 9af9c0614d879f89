/**
 * The BMC registry: bmc, bmcs, and the admin mutations that change registrations and
 * credentials. Credentials go from the input straight to the core, which seals them; no
 * resolver returns or logs them.
 */
import type { CredentialsInput } from '../../../core/credentials.ts';
import type { BmcCredentialsInput, BmcResolvers, MutationResolvers, QueryResolvers } from '../../generated/graphql.ts';
import { paginate } from '../../pagination.ts';
import { jobModel } from '../models.ts';
import { notNull, orDefault } from './input.ts';

function credentials(input: BmcCredentialsInput): CredentialsInput {
  return { username: input.username, password: input.password, ...(input.kg == null ? {} : { kg: input.kg }) };
}

export const bmcQueryResolvers: Pick<QueryResolvers, 'bmc' | 'bmcs'> = {
  bmc: (_parent, { id }, { caller, services }) => services.bmcs.get(caller, id),
  bmcs: (_parent, { filter, first, after }, { caller, services }) =>
    paginate({ caller, services }, { first, after }, (page) =>
      services.bmcs.list(
        caller,
        {
          ...(filter?.tags != null && { tags: filter.tags }),
          ...(filter?.nameContains != null && { nameContains: filter.nameContains }),
          ...(filter?.health != null && { health: filter.health }),
        },
        page,
      ),
    ),
};

export const bmcMutationResolvers: Pick<MutationResolvers, 'registerBmc' | 'updateBmc' | 'removeBmc' | 'rotateBmcCredentials'> = {
  registerBmc: async (_parent, { input }, { caller, services }) => {
    const bmc = await services.bmcs.register(caller, {
      name: input.name,
      address: input.address,
      port: orDefault(input.port),
      cipherSuite: orDefault(input.cipherSuite),
      privilege: orDefault(input.privilege),
      tags: orDefault(input.tags),
      credentials: credentials(input.credentials),
    });
    return { bmc };
  },
  updateBmc: async (_parent, { input }, { caller, services }) => {
    const bmc = await services.bmcs.update(caller, input.id, {
      ...(input.name !== undefined && { name: notNull('name', input.name) }),
      ...(input.address !== undefined && { address: notNull('address', input.address) }),
      ...(input.port !== undefined && { port: notNull('port', input.port) }),
      // An explicit null is meaningful here: back to negotiating the cipher suite.
      ...(input.cipherSuite !== undefined && { cipherSuite: input.cipherSuite ?? 'auto' }),
      ...(input.privilege !== undefined && { privilege: notNull('privilege', input.privilege) }),
      ...(input.tags !== undefined && { tags: notNull('tags', input.tags) }),
    });
    return { bmc };
  },
  removeBmc: async (_parent, { id }, { caller, services }) => {
    const removed = await services.bmcs.remove(caller, id);
    return { removedBmcId: removed.id };
  },
  rotateBmcCredentials: async (_parent, { input }, { caller, services }) => ({
    job: jobModel(await services.jobs.startRotation(caller, input.id, { mode: input.mode, credentials: credentials(input.credentials) })),
  }),
};

/** Registration fields of Bmc; live reads are in live.ts. */
export const bmcFieldResolvers: Pick<BmcResolvers, 'cipherSuite' | 'tags'> = {
  cipherSuite: (bmc) => (bmc.cipherSuite === 'auto' ? null : bmc.cipherSuite),
  tags: (bmc) => bmc.tags,
};
