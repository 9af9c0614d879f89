/**
 * Relay connections (first/after) over the core's pages (limit/cursor). The core hands out one
 * opaque, signed cursor per page; Relay wants one per edge. An edge cursor here is the page's start
 * cursor plus how many items to skip after it, so resuming from any edge is one repository read;
 * the last edge of a full page uses the repository's next cursor directly.
 */
import { badInput } from '../core/errors.ts';
import type { CursorCodec } from '../core/cursor-codec.ts';
import type { Caller, Page, PageRequest } from '../core/types.ts';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;
/** The core refuses pages larger than this (lambdas/core/validation.ts MAX_PAGE). */
const CORE_MAX_LIMIT = 500;

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

/** Who edge cursors are issued to and the codec that signs them (lambdas/core/cursor-codec.ts). */
export interface CursorContext {
  readonly caller: Caller;
  readonly services: { readonly cursors: CursorCodec };
}

/** Signed and bound to the caller's tenant, as the core's cursors are: an edited skip is refused too. */
export function encodeCursor(context: CursorContext, state: CursorState): string {
  return context.services.cursors.encode(context.caller.principal.tenantId, state.c === null ? { s: state.s } : { c: state.c, s: state.s });
}

export function decodeCursor(context: CursorContext, cursor: string, field = 'after'): CursorState {
  const position = context.services.cursors.decode(context.caller.principal.tenantId, cursor, field);
  const c = position?.['c'] ?? null;
  const s = position?.['s'];
  // Signed by this API, so only a codec shared with another kind of cursor could get here.
  if (!(c === null || typeof c === 'string') || typeof s !== 'number' || !Number.isInteger(s) || s < 0) throw badInput(field, 'not a cursor returned by this API');
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
export async function paginate<T>(context: CursorContext, args: ConnectionArgs, fetch: (page: PageRequest) => Promise<Page<T>>): Promise<Connection<T>> {
  const size = pageSize(args.first);
  const start = args.after ? decodeCursor(context, args.after) : { c: null, s: 0 };
  if (start.s + size > CORE_MAX_LIMIT) throw badInput('after', 'cursor is too far from its page; continue from pageInfo.endCursor');
  const page = await fetch({ limit: start.s + size, cursor: start.c });
  const nodes = page.items.slice(start.s, start.s + size);
  const hasNextPage = page.nextCursor !== null || page.items.length > start.s + size;
  const cursors = nodes.map((_, i) =>
    i === nodes.length - 1 && page.nextCursor !== null && start.s + size >= page.items.length
      ? encodeCursor(context, { c: page.nextCursor, s: 0 })
      : encodeCursor(context, { c: start.c, s: start.s + i + 1 }),
  );
  return connection(nodes, cursors, hasNextPage);
}

/** A connection over a list already in memory (e.g. a SEL read in full). */
export function sliceConnection<T>(context: CursorContext, items: readonly T[], args: ConnectionArgs): Connection<T> {
  const size = pageSize(args.first);
  const start = args.after ? decodeCursor(context, args.after) : { c: null, s: 0 };
  if (start.c !== null) throw badInput('after', 'not a cursor returned by this API');
  const nodes = items.slice(start.s, start.s + size);
  const cursors = nodes.map((_, i) => encodeCursor(context, { c: null, s: start.s + i + 1 }));
  return connection(nodes, cursors, start.s + size < items.length);
}
