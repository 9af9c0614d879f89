/** Query.me: the authenticated caller, straight from the request context. */
import type { QueryResolvers } from '../../generated/graphql.ts';

export const meResolvers: Pick<QueryResolvers, 'me'> = {
  me: (_parent, _args, { caller }) => caller.principal,
};
