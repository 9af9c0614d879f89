/**
 * Relay connections (first/after) over the core's pages (limit/cursor). The core hands out one
 * opaque cursor per page; Relay wants one per edge. An edge cursor here is the page's start
 * cursor plus how many items to skip after it, so resuming from any edge is one repository read;
 * the last edge of a full page uses the repository's next cursor directly.
 */
import { badInput } from '../core/errors.ts';
import type { Page, PageRequest } from '../core/types.ts';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;
/** The core refuses pages larger than this (lambdas/core/validation.ts MAX_PAGE). */
const CORE_MAX_LIMIT = 500;
/** Longest cursor accepted; real ones are far shorter. */
const MAX_CURSOR_LENGTH = 4096;

export interface ConnectionArgs {
  readonly first?: number | null | undefined;
  readonly after?: string | null | undefined;
}

export interface Connection<T> {
  readonly edges: readonly { readonly cursor: string; readonly node: T }[];
  readonly nodes: readonly T[];
  readonly pageInfo: {
    readonly hasNextPage: boolean;
    readonly hasPreviousPage: boolean;
    readonly startCursor: string | null;
    readonly endCursor: string | null;
  };
}

interface CursorState {
  /** Cursor of the core page this position is relative to; null for the first page. */
  readonly c: string | null;
  /** Items to skip after it. */
  readonly s: number;
}

export function encodeCursor(state: CursorState): string {
  return Buffer.from(JSON.stringify(state), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string, field = 'after'): CursorState {
  const invalid = () => badInput(field, 'not a cursor returned by this API');
  if (cursor.length === 0 || cursor.length > MAX_CURSOR_LENGTH || !/^[A-Za-z0-9_-]+$/.test(cursor)) throw invalid();
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (typeof value !== 'object' || value === null) throw invalid();
  const { c, s } = value as Record<string, unknown>;
  if (!(c === null || typeof c === 'string') || typeof s !== 'number' || !Number.isInteger(s) || s < 0 || s > 1_000_000) {
    throw invalid();
  }
  return { c, s };
}

export function pageSize(first: number | null | undefined, field = 'first'): number {
  if (first === null || first === undefined) return DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw badInput(field, `must be an integer from 1 to ${MAX_PAGE_SIZE}`);
  }
  return first;
}

function connection<T>(nodes: readonly T[], cursors: readonly string[], hasNextPage: boolean): Connection<T> {
  return {
    edges: nodes.map((node, i) => ({ node, cursor: cursors[i] ?? '' })),
    nodes,
    pageInfo: {
      hasNextPage,
      hasPreviousPage: false,
      startCursor: cursors[0] ?? null,
      endCursor: cursors[cursors.length - 1] ?? null,
    },
  };
}

/** A connection over a core listing that pages with limit/cursor. */
export async function paginate<T>(args: ConnectionArgs, fetch: (page: PageRequest) => Promise<Page<T>>): Promise<Connection<T>> {
  const size = pageSize(args.first);
  const start = args.after ? decodeCursor(args.after) : { c: null, s: 0 };
  if (start.s + size > CORE_MAX_LIMIT) throw badInput('after', 'cursor is too far from its page; continue from pageInfo.endCursor');
  const page = await fetch({ limit: start.s + size, cursor: start.c });
  const nodes = page.items.slice(start.s, start.s + size);
  const hasNextPage = page.nextCursor !== null || page.items.length > start.s + size;
  const cursors = nodes.map((_, i) =>
    i === nodes.length - 1 && page.nextCursor !== null && start.s + size >= page.items.length
      ? encodeCursor({ c: page.nextCursor, s: 0 })
      : encodeCursor({ c: start.c, s: start.s + i + 1 }),
  );
  return connection(nodes, cursors, hasNextPage);
}

/** A connection over a list already in memory (e.g. a SEL read in full). */
export function sliceConnection<T>(items: readonly T[], args: ConnectionArgs): Connection<T> {
  const size = pageSize(args.first);
  const start = args.after ? decodeCursor(args.after) : { c: null, s: 0 };
  if (start.c !== null) throw badInput('after', 'not a cursor returned by this API');
  const nodes = items.slice(start.s, start.s + size);
  const cursors = nodes.map((_, i) => encodeCursor({ c: null, s: start.s + i + 1 }));
  return connection(nodes, cursors, start.s + size < items.length);
}
