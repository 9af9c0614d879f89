/**
 * Small helpers for GraphQL input objects, where a field may be absent (undefined) or an
 * explicit null, and the core wants absent for "not given".
 */
import { badInput } from '../../../core/errors.ts';

/** Absent stays absent; explicit null is refused for fields that cannot be cleared. */
export function notNull<T>(field: string, value: T | null | undefined): T | undefined {
  if (value === null) throw badInput(field, 'must not be null');
  return value;
}

/** Absent and null both mean "use the default". */
export function orDefault<T>(value: T | null | undefined): T | undefined {
  return value ?? undefined;
}
