/**
 * Guards against abusive GraphQL documents: a nesting depth limit (a validation rule, so the
 * document is refused before anything runs) and a cost limit computed with the request's
 * variables (list sizes come from `first`, which is often a variable). Every BMC-touching field
 * is expensive because it turns into IPMI traffic to a device that falls over under load.
 */
import {
  GraphQLError,
  Kind,
  type ASTVisitor,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
  type ValueNode,
} from 'graphql';
import { DomainError } from '../../core/errors.ts';

export const MAX_QUERY_DEPTH = 10;
export const MAX_QUERY_COST = 1000;
/** graphql-js parser limit: a document with more tokens is refused before it is even parsed. */
export const MAX_QUERY_TOKENS = 5000;

/** Page size assumed when a list field is asked for without `first`. */
const DEFAULT_PAGE = 20;
const MAX_PAGE = 100;

/**
 * Extra cost of fields that reach BMCs (per BMC, per request). Keyed `Type.field`. Fleet fields
 * are priced for a large fleet because they fan out to every BMC they select.
 */
const FIELD_COST: Readonly<Record<string, number>> = {
  'Bmc.power': 10,
  'Bmc.chassisStatus': 10,
  'Bmc.deviceInfo': 10,
  'Bmc.sensors': 20,
  'Bmc.sel': 20,
  'Bmc.selInfo': 10,
  'Bmc.fru': 20,
  'Bmc.bootDevice': 10,
  'Query.fleetPowerStatus': 100,
  'Query.fleetSensors': 200,
  'Query.verifyAuditChain': 50,
  'Mutation.fleetPowerAction': 100,
  'Mutation.startFleetReadJob': 100,
  'Mutation.solCapture': 50,
};

/** A DomainError (not a GraphQLError): Apollo passes it to formatError, which keeps its code. */
function tooComplex(message: string): DomainError {
  return new DomainError('BAD_USER_INPUT', message);
}

/** Validation rule: refuse operations nested deeper than `max` fields. */
export function depthLimitRule(max: number = MAX_QUERY_DEPTH) {
  return (context: ValidationContext): ASTVisitor => {
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const def of context.getDocument().definitions) {
      if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
    }
    const depthOf = (set: SelectionSetNode, seen: ReadonlySet<string>): number => {
      let deepest = 0;
      for (const sel of set.selections) {
        if (sel.kind === Kind.FIELD) {
          // Introspection is exempt: standard tooling nests `ofType` about eight deep. Its size
          // is still bounded by the parser's token limit.
          if (sel.name.value.startsWith('__')) continue;
          deepest = Math.max(deepest, 1 + (sel.selectionSet ? depthOf(sel.selectionSet, seen) : 0));
        } else if (sel.kind === Kind.INLINE_FRAGMENT) {
          deepest = Math.max(deepest, depthOf(sel.selectionSet, seen));
        } else {
          const name = sel.name.value;
          const frag = fragments.get(name);
          // A cycle is reported by graphql-js's own NoFragmentCycles rule; here we just stop.
          if (!frag || seen.has(name)) continue;
          deepest = Math.max(deepest, depthOf(frag.selectionSet, new Set([...seen, name])));
        }
        if (deepest > max) return deepest;
      }
      return deepest;
    };
    return {
      OperationDefinition(node: OperationDefinitionNode) {
        const depth = depthOf(node.selectionSet, new Set());
        if (depth > max) {
          context.reportError(
            new GraphQLError(`Query is nested deeper than the limit of ${max} levels`, {
              nodes: [node],
              extensions: { code: 'BAD_USER_INPUT' },
            }),
          );
        }
      },
    };
  };
}

/** Reads an Int argument (literal or variable) of a field, if present. */
function intArgument(field: FieldNode, name: string, variables: Readonly<Record<string, unknown>>): number | undefined {
  const arg = field.arguments?.find((a) => a.name.value === name);
  if (!arg) return undefined;
  const value: ValueNode = arg.value;
  if (value.kind === Kind.INT) return Number(value.value);
  if (value.kind === Kind.VARIABLE) {
    const v = variables[value.name.value];
    return typeof v === 'number' ? v : undefined;
  }
  return undefined;
}

/**
 * Cost of an operation: every field costs 1 plus its FIELD_COST, and a field with a `first`
 * argument (or a connection without one, at the default page size) multiplies the cost of
 * what is selected below it. The walk does not need the schema: below the root, a field named
 * like one of Bmc's live reads is priced as one wherever it appears, an overestimate that
 * errs on the safe side.
 */
export function operationCost(
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Readonly<Record<string, unknown>>,
): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const def of document.definitions) {
    if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
  }
  const rootType = operation.operation === 'mutation' ? 'Mutation' : 'Query';
  const costOf = (set: SelectionSetNode, parent: string, seen: ReadonlySet<string>): number => {
    let total = 0;
    for (const sel of set.selections) {
      if (sel.kind === Kind.FIELD) {
        const name = sel.name.value;
        if (name.startsWith('__')) continue;
        const own = 1 + (FIELD_COST[`${parent}.${name}`] ?? FIELD_COST[`Bmc.${name}`] ?? 0);
        const first = intArgument(sel, 'first', variables);
        const pageSize =
          first !== undefined ? Math.min(Math.max(first, 1), MAX_PAGE) : LIST_FIELDS.has(name) ? DEFAULT_PAGE : 1;
        const below = sel.selectionSet ? costOf(sel.selectionSet, 'Object', seen) : 0;
        total += own + pageSize * below;
      } else if (sel.kind === Kind.INLINE_FRAGMENT) {
        total += costOf(sel.selectionSet, parent, seen);
      } else {
        const frag = fragments.get(sel.name.value);
        if (!frag || seen.has(sel.name.value)) continue;
        total += costOf(frag.selectionSet, parent, new Set([...seen, sel.name.value]));
      }
    }
    return total;
  };
  return costOf(operation.selectionSet, rootType, new Set());
}

/** Connection fields whose page size defaults to DEFAULT_PAGE when `first` is not given. */
const LIST_FIELDS: ReadonlySet<string> = new Set(['bmcs', 'auditEvents', 'apiKeys', 'sel']);

export function assertOperationCost(
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Readonly<Record<string, unknown>>,
  max: number = MAX_QUERY_COST,
): void {
  const cost = operationCost(document, operation, variables);
  if (cost > max) throw tooComplex(`Query cost ${cost} exceeds the limit of ${max}; ask for fewer fields or smaller pages`);
}
