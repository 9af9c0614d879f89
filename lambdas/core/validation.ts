/**
 * Input checks shared by the services. Each failure is a BAD_USER_INPUT naming the field,
 * raised before anything is changed.
 */
import { badInput } from './errors.ts';
import type { PageRequest } from './types.ts';

export const MAX_PAGE = 500;
export const DEFAULT_PAGE = 50;

export function pageLimit(page: PageRequest): number {
  const limit = page.limit ?? DEFAULT_PAGE;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE) throw badInput('limit', `must be an integer from 1 to ${MAX_PAGE}`);
  return limit;
}

export function normalisePage(page: PageRequest = {}): PageRequest {
  const limit = pageLimit(page);
  if (page.cursor !== undefined && page.cursor !== null && (typeof page.cursor !== 'string' || page.cursor.length > 2048)) {
    throw badInput('cursor', 'not a valid cursor');
  }
  return { limit, cursor: page.cursor ?? null };
}

export function isoTime(field: string, value: unknown): string {
  const t = typeof value === 'string' ? Date.parse(value) : Number.NaN;
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}T/.test(value) || Number.isNaN(t)) {
    throw badInput(field, 'must be an ISO 8601 date-time, e.g. 2025-01-31T12:00:00Z');
  }
  return new Date(t).toISOString();
}

export function nonEmpty(field: string, value: unknown, max = 256): string {
  if (typeof value !== 'string') throw badInput(field, 'must be a string');
  const s = value.trim();
  if (s.length === 0) throw badInput(field, 'must not be empty');
  if (s.length > max) throw badInput(field, `must be at most ${max} characters`);
  // Control characters in names end up in logs and CSV exports.
  if ([...s].some((ch) => ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f)) throw badInput(field, 'must not contain control characters');
  return s;
}

export function integerIn(field: string, value: unknown, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw badInput(field, `must be an integer from ${min} to ${max}`);
  }
  return value;
}

export function oneOf<T extends string>(field: string, value: unknown, allowed: readonly T[]): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw badInput(field, `must be one of ${allowed.join(', ')}`);
  }
  return value as T;
}
