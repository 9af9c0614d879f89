/** The query depth rule and the cost function, against the real schema. */
import { buildSchema, parse, validate, type OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { typeDefs } from '../../lambdas/api/generated/type-defs.ts';
import { depthLimitRule, MAX_QUERY_COST, operationCost } from '../../lambdas/api/graphql/limits.ts';

const schema = buildSchema(typeDefs);
const opOf = (doc: ReturnType<typeof parse>) => doc.definitions[0] as OperationDefinitionNode;

describe('depth limit', () => {
  it('counts fields through fragments and inline fragments, not introspection', () => {
    const doc = parse('{ bmcs { edges { node { ...F } } } } fragment F on Bmc { sel { nodes { ... on SelEntry { id } } } }');
    // bmcs > edges > node > sel > nodes > id = 6 levels
    expect(validate(schema, doc, [depthLimitRule(6)])).toEqual([]);
    const errors = validate(schema, doc, [depthLimitRule(5)]);
    expect(errors).toHaveLength(1);
    expect(errors[0]?.message).toContain('limit of 5 levels');
    expect(errors[0]?.extensions['code']).toBe('BAD_USER_INPUT');
    const introspection = parse('{ __schema { types { fields { type { ofType { ofType { ofType { name } } } } } } } }');
    expect(validate(schema, introspection, [depthLimitRule(2)])).toEqual([]);
  });

  it('survives fragment cycles (reported by graphql-js itself)', () => {
    const doc = parse('{ bmcs { nodes { ...A } } } fragment A on Bmc { ...B } fragment B on Bmc { ...A }');
    expect(() => validate(schema, doc, [depthLimitRule(3)])).not.toThrow();
  });
});

describe('cost', () => {
  it('multiplies by page size, from literals and variables, and prices BMC reads', () => {
    const cheap = parse('{ me { role } }');
    expect(operationCost(cheap, opOf(cheap), {})).toBe(2);
    const list = parse('query($n: Int) { bmcs(first: $n) { nodes { id power { state } } } }');
    const small = operationCost(list, opOf(list), { n: 2 });
    const large = operationCost(list, opOf(list), { n: 100 });
    expect(large).toBeGreaterThan(small * 40);
    expect(large).toBeGreaterThan(MAX_QUERY_COST);
    // Without `first`, a connection counts at its default page size of 20.
    const implicit = parse('{ bmcs { nodes { id power { state } } } }');
    expect(operationCost(implicit, opOf(implicit), {})).toBe(operationCost(list, opOf(list), { n: 20 }));
  });
});
