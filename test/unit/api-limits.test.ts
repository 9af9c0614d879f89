/** The query depth rule and the cost function, against the real schema. */
import { buildSchema, getIntrospectionQuery, isObjectType, parse, validate, type OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { typeDefs } from '../../lambdas/api/generated/type-defs.ts';
import { PRICES } from '../../lambdas/api/graphql/cost/prices.ts';
import { assertOperationCost, depthLimitRule, FLEET_BY_TAGS_ESTIMATE, MAX_ACTIONS_PER_REQUEST, MAX_QUERY_COST, operationCost } from '../../lambdas/api/graphql/limits.ts';
import { resolvers } from '../../lambdas/api/graphql/resolvers/index.ts';

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

const costOf = (query: string, variables: Record<string, unknown> = {}) => {
  const doc = parse(query);
  return operationCost(schema, doc, opOf(doc), variables);
};

describe('cost', () => {
  it('multiplies by page size, from literals and variables, and prices BMC reads', () => {
    expect(costOf('{ me { role } }').cost).toBe(2);
    const list = 'query($n: Int) { bmcs(first: $n) { nodes { id power { state } } } }';
    const small = costOf(list, { n: 2 }).cost;
    const large = costOf(list, { n: 100 }).cost;
    expect(large).toBeGreaterThan(small * 40);
    expect(large).toBeGreaterThan(MAX_QUERY_COST);
    // Without `first`, a paged field counts at its default page size of 20.
    expect(costOf('{ bmcs { nodes { id power { state } } } }').cost).toBe(costOf(list, { n: 20 }).cost);
    // The price belongs to the schema's field, not to a name: a `power` field of another type is not a BMC read.
    expect(costOf('{ bmc(id: "x") { power { state } } }').cost).toBe(1 + 1 + 10 + 1);
  });

  it('counts aliases and fragment spreads as the selections they are', () => {
    const one = costOf('{ bmc(id: "x") { sensors { name } } }').cost;
    const ten = costOf(`{ ${Array.from({ length: 10 }, (_, i) => `b${i}: bmc(id: "x") { ...S }`).join(' ')} } fragment S on Bmc { sensors { name } }`).cost;
    expect(ten).toBe(10 * one);
  });

  it('counts introspection: one query fits, hundreds of aliased copies do not', () => {
    const full = costOf(getIntrospectionQuery()).cost;
    expect(full).toBeGreaterThan(50);
    expect(full).toBeLessThan(MAX_QUERY_COST);
    const copies = `{ ${Array.from({ length: 690 }, (_, i) => `s${i}: __schema { ...T }`).join(' ')} } fragment T on __Schema { types { name } }`;
    expect(costOf(copies).cost).toBeGreaterThan(MAX_QUERY_COST);
  });

  it('prices fleet fields per BMC selected, and counts actions per selection', () => {
    const ids = (n: number) => JSON.stringify(Array.from({ length: n }, (_, i) => `b-${i}`));
    const fleet = (n: number) => costOf(`mutation { fleetPowerAction(input: { target: { ids: ${ids(n)} }, action: OFF }) { __typename } }`);
    expect(fleet(500).cost - fleet(10).cost).toBe(490);
    expect(fleet(10).actions).toBe(1);
    const byVariable = costOf('mutation($t: FleetTargetInput!) { fleetPowerAction(input: { target: $t, action: OFF }) { __typename } }', { t: { ids: ['a', 'b', 'c'] } });
    expect(byVariable.cost).toBe(fleet(3).cost);
    const byTags = costOf('query { fleetPowerStatus(target: { tags: ["rack:1"] }) { __typename } }').cost;
    expect(byTags).toBe(1 + 1 + FLEET_BY_TAGS_ESTIMATE + 1);
    const aliased = costOf(`mutation { ${Array.from({ length: 6 }, (_, i) => `p${i}: powerAction(input: { bmcId: "x", action: ON }) { power }`).join(' ')} }`);
    expect(aliased.actions).toBe(6);
    expect(aliased.actions).toBeGreaterThan(MAX_ACTIONS_PER_REQUEST);
    expect(() => assertOperationCost(schema, parse('mutation { a: identify(input: { bmcId: "x", off: true }) { __typename } }'), opOf(parse('mutation { a: identify(input: { bmcId: "x", off: true }) { __typename } }')), {})).not.toThrow();
  });

  it('has a price for every root field and every field with a resolver, and no price for a field that does not exist', () => {
    const resolverFields = Object.entries(resolvers).flatMap(([type, fields]) =>
      fields && typeof fields === 'object' && isObjectType(schema.getType(type)) ? Object.keys(fields).filter((f) => !f.startsWith('__')).map((f) => `${type}.${f}`) : [],
    );
    const rootFields = [schema.getQueryType()!, schema.getMutationType()!].flatMap((t) => Object.keys(t.getFields()).map((f) => `${t.name}.${f}`));
    const required = [...new Set([...rootFields, ...resolverFields])];
    expect(required.length).toBeGreaterThan(30);
    const unpriced = required.filter((k) => {
      const [type, field] = k.split('.') as [string, string];
      return PRICES[type]?.[field] === undefined;
    });
    expect(unpriced).toEqual([]);
    for (const [type, fields] of Object.entries(PRICES)) {
      const t = schema.getType(type);
      expect(isObjectType(t), type).toBe(true);
      for (const field of Object.keys(fields)) expect(isObjectType(t) && t.getFields()[field], `${type}.${field}`).toBeTruthy();
    }
  });
});
