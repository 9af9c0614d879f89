/**
 * Errors with stable codes (docs/architecture.md section 3). The API layer maps `code` to
 * `extensions.code` / HTTP status; messages are safe to show and never hold secrets.
 */

export const ERROR_CODES = [
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'BAD_USER_INPUT',
  /** The object changed or is busy (e.g. a BMC during credential rotation). */
  'CONFLICT',
  'BMC_UNREACHABLE',
  'BMC_AUTH_FAILED',
  'BMC_COMMAND_FAILED',
  /**
   * The BMC has no session free or is busy (its own answer, or its slots and turn to act stayed
   * taken by other requests until the caller's deadline). Nothing was done; retryable after a wait
   * (`retryAfterSeconds` when known).
   */
  'BMC_BUSY',
  /**
   * The caller's key was refused too often in the current window (a limit on denied attempts per
   * key, across processes); nothing was done. Retryable after `retryAfterSeconds`.
   */
  'RATE_LIMITED',
  /**
   * Too many failed logins to this BMC (or to any) by the caller's tenant in the current window
   * (bmc-auth-guard.ts); nothing was sent. Retryable after `retryAfterSeconds`.
   */
  'BMC_AUTH_LOCKED',
  'TIMEOUT',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface DomainErrorOptions {
  cause?: unknown;
  /** IPMI completion code, with BMC_COMMAND_FAILED (IPMI v2.0 section 5.2 Table 5-2). */
  completionCode?: number;
  /** Field that failed validation, with BAD_USER_INPUT. */
  field?: string;
  /** With BMC_BUSY and RATE_LIMITED: when a retry is worth trying, in whole seconds. */
  retryAfterSeconds?: number;
}

export class DomainError extends Error {
  readonly completionCode: number | undefined;
  readonly field: string | undefined;
  readonly retryAfterSeconds: number | undefined;
  constructor(
    readonly code: ErrorCode,
    message: string,
    options: DomainErrorOptions = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'DomainError';
    this.completionCode = options.completionCode;
    this.field = options.field;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }

  /** Whether the same request may succeed if sent again later, unchanged. */
  get retryable(): boolean {
    return RETRYABLE.has(this.code);
  }
}

const RETRYABLE: ReadonlySet<ErrorCode> = new Set(['BMC_BUSY', 'BMC_UNREACHABLE', 'TIMEOUT', 'RATE_LIMITED', 'BMC_AUTH_LOCKED']);

export const unauthenticated = (message = 'missing or invalid credentials') => new DomainError('UNAUTHENTICATED', message);
export const forbidden = (message: string) => new DomainError('FORBIDDEN', message);
export const notFound = (what: string, id: string) => new DomainError('NOT_FOUND', `${what} ${id} not found`);
export const badInput = (field: string, message: string) =>
  new DomainError('BAD_USER_INPUT', `${field}: ${message}`, { field });
export const conflict = (message: string) => new DomainError('CONFLICT', message);
export const internal = (message: string, cause?: unknown) => new DomainError('INTERNAL', message, { cause });
/** An Idempotency-Key used before by another request or another caller: one message for both, so nothing leaks. */
export const idempotencyKeyUsed = () => badInput('Idempotency-Key', 'already used with a different request');
/** An Idempotency-Key whose first request has not answered yet. */
export const idempotencyKeyRunning = () => conflict('a request with this Idempotency-Key is still running');
export const bmcBusy = (message: string, retryAfterSeconds: number) => new DomainError('BMC_BUSY', message, { retryAfterSeconds });
export const rateLimited = (message: string, retryAfterSeconds: number) => new DomainError('RATE_LIMITED', message, { retryAfterSeconds });

export function isDomainError(e: unknown): e is DomainError {
  return e instanceof DomainError;
}

/** Any thrown value as a DomainError; unknown errors become INTERNAL (their text is not exposed). */
export function toDomainError(e: unknown): DomainError {
  if (e instanceof DomainError) return e;
  return internal('internal error', e);
}

/** A plain, serialisable form for per-BMC results and audit records. */
export interface ErrorInfo {
  readonly code: ErrorCode;
  readonly message: string;
  readonly completionCode?: number;
}

export function errorInfo(e: unknown): ErrorInfo {
  const d = toDomainError(e);
  const info: ErrorInfo = { code: d.code, message: d.code === 'INTERNAL' ? 'internal error' : d.message };
  return d.completionCode === undefined ? info : { ...info, completionCode: d.completionCode };
}
