/** The audit log for auditors: filtered pages newest first, and hash-chain verification. */
import type { AuditFilter } from '../../../core/ports.ts';
import type { ChainProblem } from '../../../core/audit-chain.ts';
import type { AuditChainProblem, AuditEventFilter, QueryResolvers } from '../../generated/graphql.ts';
import { paginate } from '../../pagination.ts';

function filterOf(filter: AuditEventFilter | null | undefined): AuditFilter {
  if (!filter) return {};
  return {
    ...(filter.from != null && { from: filter.from }),
    ...(filter.to != null && { to: filter.to }),
    ...(filter.actor != null && { actor: filter.actor }),
    ...(filter.target != null && { target: filter.target }),
    ...(filter.action != null && { action: filter.action }),
    ...(filter.outcome != null && { outcome: filter.outcome }),
  };
}

function problemOf(chain: string, p: ChainProblem): AuditChainProblem {
  switch (p.kind) {
    case 'gap':
      return { chain, kind: p.kind, seq: p.foundSeq, eventId: null, expectedSeq: p.expectedSeq };
    case 'truncated':
      return { chain, kind: p.kind, seq: p.seq, eventId: null, expectedSeq: p.lastSeq };
    case 'bad-checkpoint':
      return { chain, kind: p.kind, seq: p.seq, eventId: null, expectedSeq: null };
    default:
      return { chain, kind: p.kind, seq: p.seq, eventId: p.id, expectedSeq: null };
  }
}

export const auditQueryResolvers: Pick<QueryResolvers, 'auditEvents' | 'verifyAuditChain'> = {
  auditEvents: (_parent, { filter, first, after }, { caller, services }) =>
    paginate({ caller, services }, { first, after }, (page) => services.audit.query(caller, filterOf(filter), page)),
  verifyAuditChain: async (_parent, _args, { caller, services }) => {
    const chains = await services.audit.verify(caller);
    return {
      ok: chains.every((c) => c.ok),
      checkedChains: chains.length,
      checkedEvents: chains.reduce((n, c) => n + c.events, 0),
      problems: chains.flatMap((c) => c.problems.map((p) => problemOf(c.chain, p))),
      checkedCheckpoints: chains.reduce((n, c) => n + c.checkpoints, 0),
      unanchoredEvents: chains.reduce((n, c) => n + Math.max(0, c.lastSeq - c.anchoredSeq), 0),
    };
  },
};
