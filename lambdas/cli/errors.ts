import { IpmiError } from '../ipmi/index.ts';

/** Exit codes of `bmc`. Scripts may rely on them. */
export const ExitCode = {
  ok: 0,
  /** The BMC or the network failed, or an action could not be confirmed. */
  failed: 1,
  /** The command line itself was wrong; nothing was sent. */
  usage: 2,
} as const;

/** A bad command line: reported with exit code 2 before any packet is sent. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/**
 * An operation that ran but did not reach its goal (e.g. power not confirmed). Its output has
 * already been printed; the message is the one stderr line.
 */
export class OutcomeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OutcomeError';
  }
}

/** One line for stderr. Library errors carry their own context; nothing here can hold a secret. */
export function describeError(err: unknown): { line: string; code: number } {
  if (err instanceof UsageError) return { line: err.message, code: ExitCode.usage };
  if (err instanceof IpmiError && err.kind === 'invalid-argument') return { line: err.message, code: ExitCode.usage };
  if (err instanceof Error) return { line: err.message.split('\n')[0] ?? err.name, code: ExitCode.failed };
  return { line: String(err), code: ExitCode.failed };
}
