/** What the `bmc-admin` commands send requests through: the local server or a deployed stack. */
export interface OperatorClient {
  call(method: string, path: string, body?: unknown): Promise<{ status: number; body: string }>;
}

/** One clear line on stderr, exit code 1. */
export class AdminCliError extends Error {
  override name = 'AdminCliError';
}
