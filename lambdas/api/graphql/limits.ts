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
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  type GraphQLType,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
  type ValueNode,
} from 'graphql';
import { DomainError } from '../../core/errors.ts';
import { PRICES } from './cost/prices.ts';

export const MAX_QUERY_DEPTH = 10;
export const MAX_QUERY_COST = 1000;
/** graphql-js parser limit: a document with more tokens is refused before it is even parsed. */
export const MAX_QUERY_TOKENS = 5000;

/** Page size assumed when a paged field is asked for without `first`. */
const DEFAULT_PAGE = 20;
const MAX_PAGE = 100;
/** BMCs assumed for a fleet field that selects by tags (the count is known only when it runs). */
export const FLEET_BY_TAGS_ESTIMATE = 100;
/** Fields that change something on BMCs, per request (aliases count one each). */
export const MAX_ACTIONS_PER_REQUEST = 5;
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

/** An argument's value with variables substituted (literals become plain values). */
function valueOf(node: ValueNode, variables: Readonly<Record<string, unknown>>): unknown {
  switch (node.kind) {
    case Kind.VARIABLE:
      return variables[node.name.value];
    case Kind.INT:
      return Number(node.value);
    case Kind.LIST:
      return node.values.map((v) => valueOf(v, variables));
    case Kind.OBJECT:
      return Object.fromEntries(node.fields.map((f) => [f.name.value, valueOf(f.value, variables)]));
    case Kind.NULL:
      return null;
    default:
      return 'value' in node ? node.value : undefined;
  }
}

function argument(field: FieldNode, name: string, variables: Readonly<Record<string, unknown>>): unknown {
  const arg = field.arguments?.find((a) => a.name.value === name);
  return arg ? valueOf(arg.value, variables) : undefined;
}

/** BMCs a fleet field selects: the length of `target.ids` (or `input.target.ids`), else the tag estimate. */
function fleetSize(field: FieldNode, variables: Readonly<Record<string, unknown>>): number {
  const input = argument(field, 'input', variables);
  const target = argument(field, 'target', variables) ?? (input && typeof input === 'object' ? (input as { target?: unknown }).target : undefined);
  const ids = target && typeof target === 'object' ? (target as { ids?: unknown }).ids : undefined;
  return Array.isArray(ids) ? Math.max(ids.length, 1) : FLEET_BY_TAGS_ESTIMATE;
}

/*
 * Types are inspected by shape, not with graphql-js's isObjectType/getNamedType: those check
 * instanceof, and Apollo's schema may come from another copy of graphql-js than this module's
 * (test runners load both builds), where instanceof throws.
 */
function fieldsOf(type: GraphQLNamedType | undefined): Readonly<Record<string, GraphQLField<unknown, unknown>>> | undefined {
  return type && 'getFields' in type && typeof type.getFields === 'function' && !('parseValue' in type) && !('getValues' in type)
    ? (type.getFields() as Record<string, GraphQLField<unknown, unknown>>)
    : undefined;
}

function namedType(type: GraphQLType): GraphQLNamedType {
  let t: GraphQLType = type;
  while ('ofType' in t && t.ofType) t = t.ofType as GraphQLType;
  return t as GraphQLNamedType;
}

export interface OperationCost {
  readonly cost: number;
  /** Selections of fields that change something on BMCs. */
  readonly actions: number;
}

/**
 * Cost of an operation, walked against the schema. Every selected field costs 1 plus its price
 * (cost/prices.ts); a field with a `first` argument multiplies what is selected below it by the
 * page size (the default page when `first` is absent); fleet fields add their per-BMC price for
 * each BMC they select. Fragments are expanded where they are spread and aliases are separate
 * selections, so repeating a field under many names costs what it does. Introspection is
 * counted too: each field inside `__schema` or `__type` costs 1, without multipliers, so one
 * introspection query fits the budget and hundreds of aliased copies of it do not.
 */
export function operationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Readonly<Record<string, unknown>>,
): OperationCost {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const def of document.definitions) {
    if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
  }
  let actions = 0;

  /** Counts field selections, fragments expanded (introspection: no prices, no multipliers). */
  const countFields = (set: SelectionSetNode, seen: ReadonlySet<string>): number => {
    let n = 0;
    for (const sel of set.selections) {
      if (sel.kind === Kind.FIELD) n += 1 + (sel.selectionSet ? countFields(sel.selectionSet, seen) : 0);
      else if (sel.kind === Kind.INLINE_FRAGMENT) n += countFields(sel.selectionSet, seen);
      else {
        const frag = fragments.get(sel.name.value);
        if (frag && !seen.has(sel.name.value)) n += countFields(frag.selectionSet, new Set([...seen, sel.name.value]));
      }
    }
    return n;
  };

  const costOf = (set: SelectionSetNode, parent: GraphQLNamedType | undefined, seen: ReadonlySet<string>): number => {
    let total = 0;
    for (const sel of set.selections) {
      if (sel.kind === Kind.FIELD) {
        const name = sel.name.value;
        if (name === '__typename') {
          total += 1;
          continue;
        }
        if (name === '__schema' || name === '__type') {
          total += 1 + (sel.selectionSet ? countFields(sel.selectionSet, seen) : 0);
          continue;
        }
        const field = fieldsOf(parent)?.[name];
        const price = parent ? PRICES[parent.name]?.[name] : undefined;
        if (price?.action) actions++;
        const bmcs = price?.perBmc ? fleetSize(sel, variables) : 0;
        const paged = field?.args.some((a) => a.name === 'first') ?? false;
        const first = argument(sel, 'first', variables);
        const pageSize = paged ? Math.min(Math.max(typeof first === 'number' ? first : DEFAULT_PAGE, 1), MAX_PAGE) : 1;
        const below = sel.selectionSet ? costOf(sel.selectionSet, field ? namedType(field.type) : undefined, seen) : 0;
        total += 1 + (price?.base ?? 0) + bmcs * (price?.perBmc ?? 0) + pageSize * below;
      } else if (sel.kind === Kind.INLINE_FRAGMENT) {
        const type = sel.typeCondition ? schema.getType(sel.typeCondition.name.value) : parent;
        total += costOf(sel.selectionSet, type ?? undefined, seen);
      } else {
        const frag = fragments.get(sel.name.value);
        if (!frag || seen.has(sel.name.value)) continue;
        total += costOf(frag.selectionSet, schema.getType(frag.typeCondition.name.value) ?? undefined, new Set([...seen, sel.name.value]));
      }
    }
    return total;
  };
  const root = operation.operation === 'mutation' ? schema.getMutationType() : operation.operation === 'subscription' ? schema.getSubscriptionType() : schema.getQueryType();
  const cost = costOf(operation.selectionSet, root ?? undefined, new Set());
  return { cost, actions };
}

export function assertOperationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Readonly<Record<string, unknown>>,
  max: number = MAX_QUERY_COST,
): void {
  const { cost, actions } = operationCost(schema, document, operation, variables);
  if (actions > MAX_ACTIONS_PER_REQUEST) {
    throw tooComplex(`${actions} actions in one request exceed the limit of ${MAX_ACTIONS_PER_REQUEST}; use a fleet operation for many BMCs`);
  }
  if (cost > max) throw tooComplex(`Query cost ${cost} exceeds the limit of ${max}; ask for fewer fields or smaller pages`);
}
