/**
 * The console's only way to the API: GraphQL and REST on the same origin as the page (the CSP
 * allows no other), with the tab's key in the `x-api-key` header.
 */
import { storedKey } from './session.ts';

export class ApiError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

interface GraphQLAnswer<T> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

function keyHeader(): Record<string, string> {
  const key = storedKey();
  if (!key) throw new ApiError('not signed in', 'UNAUTHENTICATED');
  return { 'x-api-key': key };
}

/** Runs one GraphQL operation; any error in the answer is thrown with its stable code. */
export async function gql<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const response = await fetch('graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...keyHeader() },
    body: JSON.stringify({ query, variables }),
  });
  let answer: GraphQLAnswer<T>;
  try {
    answer = (await response.json()) as GraphQLAnswer<T>;
  } catch {
    throw new ApiError(`the API answered ${response.status} without JSON`, 'INTERNAL');
  }
  const first = answer.errors?.[0];
  if (first) throw new ApiError(answer.errors?.map((e) => e.message).join('; ') ?? first.message, first.extensions?.code ?? 'INTERNAL');
  if (!answer.data) throw new ApiError(`the API answered ${response.status} without data`, 'INTERNAL');
  return answer.data;
}

/** GETs a REST resource as text (exports), throwing the API's error shape as an ApiError. */
export async function restText(path: string, params: Record<string, string>): Promise<string> {
  const query = new URLSearchParams(params).toString();
  const response = await fetch(`v1/${path}${query ? `?${query}` : ''}`, { headers: keyHeader() });
  const text = await response.text();
  if (!response.ok) {
    let error: { code?: string; message?: string } = {};
    try {
      error = (JSON.parse(text) as { error?: typeof error }).error ?? {};
    } catch {
      // not the API's JSON error shape: the status says enough
    }
    throw new ApiError(error.message ?? `HTTP ${response.status}`, error.code ?? 'INTERNAL');
  }
  return text;
}

export function errorText(e: unknown): string {
  if (e instanceof ApiError) return `${e.code}: ${e.message}`;
  return e instanceof Error ? e.message : String(e);
}
