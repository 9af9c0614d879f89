/**
 * Idempotency-Key for GraphQL action mutations (the REST routes have the same, see
 * ../idempotency.ts). A mutation document made only of BMC actions may carry the header; its
 * first answer without errors is replayed to a retry with the same document and variables.
 */
import { Kind, parse, type OperationDefinitionNode } from 'graphql';
import { badInput } from '../../core/errors.ts';
import type { Principal } from '../../core/types.ts';
import type { ApiResponse } from '../http/types.ts';
import {
  IDEMPOTENCY_HEADER,
  idempotencyScope,
  REPLAYED_HEADER,
  requestFingerprint,
  validIdempotencyKey,
  type IdempotencyStore,
} from '../idempotency.ts';

/** Root mutation fields that act on BMCs; the only ones a retry could repeat physically. */
export const ACTION_MUTATIONS: ReadonlySet<string> = new Set(['powerAction', 'setBootDevice', 'identify', 'clearSel', 'solCapture', 'fleetPowerAction', 'startFleetIdentify']);

interface GraphQLBody {
  readonly query?: unknown;
  readonly variables?: unknown;
  readonly operationName?: unknown;
}

function selectedOperation(body: GraphQLBody): OperationDefinitionNode | undefined {
  if (typeof body.query !== 'string') return undefined;
  let document;
  try {
    document = parse(body.query, { maxTokens: 5000 });
  } catch {
    return undefined; // Apollo reports the syntax error itself.
  }
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  return typeof body.operationName === 'string' ? operations.find((o) => o.name?.value === body.operationName) : operations.length === 1 ? operations[0] : undefined;
}

/** True when a GraphQL answer is worth replaying: HTTP 200 and no errors at all. */
function succeeded(response: ApiResponse): boolean {
  if (response.status !== 200) return false;
  try {
    return !('errors' in (JSON.parse(response.body) as object));
  } catch {
    return false;
  }
}

export async function withGraphQLIdempotency(
  store: IdempotencyStore,
  principal: Principal,
  headers: Readonly<Record<string, string>>,
  body: unknown,
  run: () => Promise<ApiResponse>,
): Promise<ApiResponse> {
  const header = headers[IDEMPOTENCY_HEADER];
  if (header === undefined) return run();
  const key = validIdempotencyKey(header);
  const parsed = (typeof body === 'object' && body !== null ? body : {}) as GraphQLBody;
  const operation = selectedOperation(parsed);
  if (!operation || operation.operation !== 'mutation') throw badInput('Idempotency-Key', 'applies to mutations only');
  for (const selection of operation.selectionSet.selections) {
    if (selection.kind !== Kind.FIELD || !ACTION_MUTATIONS.has(selection.name.value)) {
      throw badInput('Idempotency-Key', `applies to action mutations only (${[...ACTION_MUTATIONS].join(', ')})`);
    }
  }
  const scope = idempotencyScope(principal);
  const claim = await store.claim(scope, key, requestFingerprint('POST', '/graphql', [parsed.query, parsed.variables ?? null, parsed.operationName ?? null]));
  if (claim.kind === 'replay') return { ...claim.response, headers: { ...claim.response.headers, [REPLAYED_HEADER]: 'true' } };
  let response: ApiResponse;
  try {
    response = await run();
  } catch (e) {
    await store.release(scope, key);
    throw e;
  }
  if (succeeded(response)) await store.complete(scope, key, response);
  else await store.release(scope, key);
  return response;
}
