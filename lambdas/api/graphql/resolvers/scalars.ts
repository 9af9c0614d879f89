/**
 * Custom scalars. DateTime travels as an ISO 8601 string and is normalised to UTC on input;
 * JSONObject is output-only in practice (audit parameters) but accepts plain objects.
 */
import { GraphQLError, GraphQLScalarType, Kind, type ValueNode } from 'graphql';

const ISO_8601 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

function invalid(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } });
}

function parseDateTime(value: unknown): string {
  if (typeof value !== 'string' || !ISO_8601.test(value) || Number.isNaN(Date.parse(value))) {
    throw invalid('DateTime must be an ISO 8601 date-time with a time zone, e.g. 2025-01-31T12:00:00Z');
  }
  return new Date(value).toISOString();
}

export const DateTime = new GraphQLScalarType<string, string>({
  name: 'DateTime',
  description: 'An instant as an ISO 8601 string in UTC.',
  serialize(value) {
    if (typeof value === 'string') return value;
    if (value instanceof Date) return value.toISOString();
    throw new GraphQLError('DateTime cannot represent this value');
  },
  parseValue: parseDateTime,
  parseLiteral(ast: ValueNode) {
    if (ast.kind !== Kind.STRING) throw invalid('DateTime must be a string');
    return parseDateTime(ast.value);
  },
});

function isPlainObject(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export const JSONObject = new GraphQLScalarType<Readonly<Record<string, unknown>>, Readonly<Record<string, unknown>>>({
  name: 'JSONObject',
  description: 'A JSON object.',
  serialize(value) {
    if (!isPlainObject(value)) throw new GraphQLError('JSONObject cannot represent a non-object value');
    return value;
  },
  parseValue(value) {
    if (!isPlainObject(value)) throw invalid('JSONObject must be an object');
    return value;
  },
  parseLiteral() {
    throw invalid('JSONObject is not accepted as a literal; pass it in a variable');
  },
});
