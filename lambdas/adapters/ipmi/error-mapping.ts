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

export function toGatewayError(e: unknown, where: string, phase: 'connect' | 'command'): DomainError {
  if (e instanceof DomainError) return e;
  if (e instanceof SolBusyError) return new DomainError('CONFLICT', `${where}: ${e.message}`, { cause: e });
  if (!(e instanceof IpmiError)) return new DomainError('INTERNAL', `${where}: unexpected failure`, { cause: e });
  const message = `${where}: ${e.message}`;
  switch (e.kind) {
    case 'completion-code':
      return new DomainError('BMC_COMMAND_FAILED', message, { cause: e, ...(e instanceof CompletionCodeError && { completionCode: e.code }) });
    case 'auth-failed':
    case 'insufficient-privilege':
      return new DomainError('BMC_AUTH_FAILED', message, { cause: e });
    case 'rakp':
      return new DomainError(CREDENTIAL_STATUSES.has((e as RakpError).status) ? 'BMC_AUTH_FAILED' : 'BMC_COMMAND_FAILED', message, { cause: e });
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
