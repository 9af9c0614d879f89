/**
 * IPMI library errors (lambdas/ipmi/errors.ts, by `kind`) to the control plane's stable
 * codes. `phase` tells a BMC that never answered (unreachable) from one that stopped
 * answering mid-command (timeout).
 */
import { DomainError } from '../../core/errors.ts';
import { CompletionCodeError, IpmiError, RakpError } from '../../ipmi/errors.ts';
import { SolBusyError } from '../../ipmi/sol/sol-console.ts';

/** RMCP+ statuses that mean "these credentials are not accepted" (IPMI v2.0 section 13.24 Table 13-15). */
const CREDENTIAL_STATUSES = new Set([0x09, 0x0a, 0x0d, 0x0e, 0x0f]);

/** RMCP+ statuses that mean "no session free now" (Table 13-15: 01h, 0Bh): retryable. */
const BUSY_STATUSES = new Set([0x01, 0x0b]);

/** Completion codes of a BMC too busy to take the command now (Table 5-2: C0h node busy): retryable. */
const BUSY_COMPLETION_CODES = new Set([0xc0]);

export function toGatewayError(e: unknown, where: string, phase: 'connect' | 'command'): DomainError {
  if (e instanceof DomainError) return e;
  if (e instanceof SolBusyError) return new DomainError('CONFLICT', `${where}: ${e.message}`, { cause: e });
  if (!(e instanceof IpmiError)) return new DomainError('INTERNAL', `${where}: unexpected failure`, { cause: e });
  const message = `${where}: ${e.message}`;
  switch (e.kind) {
    case 'completion-code': {
      const code = (e as CompletionCodeError).code;
      return new DomainError(BUSY_COMPLETION_CODES.has(code) ? 'BMC_BUSY' : 'BMC_COMMAND_FAILED', message, { cause: e, completionCode: code });
    }
    case 'bmc-busy':
      return new DomainError('BMC_BUSY', message, { cause: e });
    case 'auth-failed':
    case 'insufficient-privilege':
      return new DomainError('BMC_AUTH_FAILED', message, { cause: e });
    case 'rakp': {
      const { status } = e as RakpError;
      return new DomainError(CREDENTIAL_STATUSES.has(status) ? 'BMC_AUTH_FAILED' : BUSY_STATUSES.has(status) ? 'BMC_BUSY' : 'BMC_COMMAND_FAILED', message, { cause: e });
    }
    case 'timeout':
      return new DomainError(phase === 'connect' ? 'BMC_UNREACHABLE' : 'TIMEOUT', message, { cause: e });
    case 'aborted':
      return new DomainError('TIMEOUT', message, { cause: e });
    case 'transport':
      return new DomainError('BMC_UNREACHABLE', message, { cause: e });
    case 'invalid-argument':
      return new DomainError('BAD_USER_INPUT', message, { cause: e });
    case 'truncated':
    case 'malformed':
    case 'integrity':
    case 'unsupported-cipher-suite':
    case 'session':
      return new DomainError('BMC_COMMAND_FAILED', message, { cause: e });
  }
}
