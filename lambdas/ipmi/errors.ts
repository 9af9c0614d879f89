/**
 * Typed errors of the IPMI library. Every error a caller can see is one of these;
 * the API maps them to stable codes (see lambdas/api). Messages never contain secrets.
 */

export type IpmiErrorKind =
  | 'completion-code'
  | 'truncated'
  | 'malformed'
  | 'timeout'
  | 'aborted'
  | 'rakp'
  | 'auth-failed'
  | 'integrity'
  | 'unsupported-cipher-suite'
  | 'insufficient-privilege'
  | 'session'
  | 'transport'
  | 'invalid-argument'
  | 'bmc-busy';

export abstract class IpmiError extends Error {
  abstract readonly kind: IpmiErrorKind;
  /**
   * Set when the failed operation may have left a session at the BMC: its Close Session went
   * unanswered, so the BMC holds the session until its own idle timeout reclaims it.
   */
  sessionLeftOpen?: boolean;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/**
 * The generic completion codes that the library and the simulator act on, by name (IPMI v2.0
 * section 5.2 Table 5-2): the one place their numbers are written.
 */
export const CompletionCode = {
  ok: 0x00,
  nodeBusy: 0xc0,
  invalidCommand: 0xc1,
  reservationCancelled: 0xc5,
  requestLength: 0xc7,
  fieldLengthExceeded: 0xc8,
  outOfRange: 0xc9,
  cannotReturnBytes: 0xca,
  notPresent: 0xcb,
  invalidField: 0xcc,
  illegalForSensor: 0xcd,
  insufficientPrivilege: 0xd4,
  notInPresentState: 0xd5,
  unspecified: 0xff,
} as const;

/** Generic completion codes, IPMI v2.0 section 5.2 Table 5-2. */
export const COMPLETION_CODES: Readonly<Record<number, string>> = {
  0x00: 'Command completed normally',
  0xc0: 'Node busy',
  0xc1: 'Invalid command',
  0xc2: 'Command invalid for given LUN',
  0xc3: 'Timeout while processing command',
  0xc4: 'Out of space',
  0xc5: 'Reservation canceled or invalid reservation ID',
  0xc6: 'Request data truncated',
  0xc7: 'Request data length invalid',
  0xc8: 'Request data field length limit exceeded',
  0xc9: 'Parameter out of range',
  0xca: 'Cannot return number of requested data bytes',
  0xcb: 'Requested sensor, data, or record not present',
  0xcc: 'Invalid data field in request',
  0xcd: 'Command illegal for specified sensor or record type',
  0xce: 'Command response could not be provided',
  0xcf: 'Cannot execute duplicated request',
  0xd0: 'SDR repository in update mode',
  0xd1: 'Device in firmware update mode',
  0xd2: 'BMC initialization in progress',
  0xd3: 'Destination unavailable',
  0xd4: 'Insufficient privilege level',
  0xd5: 'Command not supported in present state',
  0xd6: 'Command sub-function has been disabled or is unavailable',
  0xff: 'Unspecified error',
};

export function completionCodeText(code: number, specific?: Readonly<Record<number, string>>): string {
  const s = specific?.[code] ?? COMPLETION_CODES[code];
  if (s) return s;
  if (code >= 0x01 && code <= 0x7e) return 'Device-specific (OEM) completion code';
  if (code >= 0x80 && code <= 0xbe) return 'Command-specific completion code';
  return 'Unknown completion code';
}

const hex2 = (n: number) => '0x' + n.toString(16).padStart(2, '0');

/** A BMC answered with a non-zero completion code. */
export class CompletionCodeError extends IpmiError {
  readonly kind = 'completion-code' as const;
  constructor(
    readonly command: string,
    readonly code: number,
    specific?: Readonly<Record<number, string>>,
  ) {
    super(`${command}: ${completionCodeText(code, specific)} (completion code ${hex2(code)})`);
  }
}

/** A packet or record ended before a field it must hold. */
export class TruncatedError extends IpmiError {
  readonly kind = 'truncated' as const;
  constructor(
    readonly what: string,
    readonly field: string,
    readonly expected: number,
    readonly actual: number,
  ) {
    super(`${what}: truncated at ${field} (need ${expected} bytes, have ${actual})`);
  }
}

/** A packet or record whose contents are not valid for its type. */
export class MalformedError extends IpmiError {
  readonly kind = 'malformed' as const;
  constructor(
    readonly what: string,
    detail: string,
  ) {
    super(`${what}: ${detail}`);
  }
}

export class TimeoutError extends IpmiError {
  readonly kind = 'timeout' as const;
  constructor(
    readonly command: string,
    readonly host: string,
    readonly timeoutMs: number,
    readonly attempts: number,
    /** Why waiting stopped, when not the retry count (e.g. the operation's deadline). */
    readonly reason?: string,
  ) {
    super(`${command}: no response from ${host} after ${attempts} attempt(s) in ${timeoutMs} ms${reason ? ` (${reason})` : ''}`);
  }
}

export class AbortedError extends IpmiError {
  readonly kind = 'aborted' as const;
  constructor(readonly command: string, options?: { cause?: unknown }) {
    super(`${command}: aborted`, options);
  }
}

/** RMCP+ status codes, IPMI v2.0 section 13.24 Table 13-15. */
export const RMCP_PLUS_STATUS: Readonly<Record<number, string>> = {
  0x00: 'No errors',
  0x01: 'Insufficient resources to create a session',
  0x02: 'Invalid session ID',
  0x03: 'Invalid payload type',
  0x04: 'Invalid authentication algorithm',
  0x05: 'Invalid integrity algorithm',
  0x06: 'No matching authentication payload',
  0x07: 'No matching integrity payload',
  0x08: 'Inactive session ID',
  0x09: 'Invalid role',
  0x0a: 'Unauthorized role or privilege level requested',
  0x0b: 'Insufficient resources to create a session at the requested role',
  0x0c: 'Invalid name length',
  0x0d: 'Unauthorized name',
  0x0e: 'Unauthorized GUID',
  0x0f: 'Invalid integrity check value',
  0x10: 'Invalid confidentiality algorithm',
  0x11: 'No cipher suite match with proposed security algorithms',
  0x12: 'Illegal or unrecognized parameter',
};

/** An RMCP+ Open Session or RAKP message came back with a non-zero status. */
export class RakpError extends IpmiError {
  readonly kind = 'rakp' as const;
  constructor(
    readonly stage: 'open-session' | 'rakp2' | 'rakp4',
    readonly status: number,
  ) {
    super(`${stage}: ${RMCP_PLUS_STATUS[status] ?? 'Unknown status'} (status ${hex2(status)})`);
  }
}

/**
 * Bad credentials. The BMC either refused the user name in RAKP 2 or its RAKP 2 HMAC did
 * not verify with our password, which for a correctly implemented BMC means the password is wrong.
 */
export class AuthenticationError extends IpmiError {
  readonly kind = 'auth-failed' as const;
  constructor(
    readonly host: string,
    detail: string,
  ) {
    super(`authentication failed at ${host}: ${detail}`);
  }
}

/** An inbound packet's integrity check value did not verify. */
export class IntegrityError extends IpmiError {
  readonly kind = 'integrity' as const;
  constructor(detail: string) {
    super(`integrity check failed: ${detail}`);
  }
}

export class UnsupportedCipherSuiteError extends IpmiError {
  readonly kind = 'unsupported-cipher-suite' as const;
  constructor(
    readonly host: string,
    readonly tried: readonly number[],
    options?: { cause?: unknown },
  ) {
    super(`${host}: no usable cipher suite (tried ${tried.join(', ') || 'none'})`, options);
  }
}

export class InsufficientPrivilegeError extends IpmiError {
  readonly kind = 'insufficient-privilege' as const;
  constructor(
    readonly command: string,
    readonly requested: string,
    options?: { cause?: unknown },
  ) {
    super(`${command}: insufficient privilege (session privilege ${requested})`, options);
  }
}

/** Session-level failures: closed session, protocol state errors. */
export class SessionError extends IpmiError {
  readonly kind = 'session' as const;
}

/** Socket failures (bind, send). */
export class TransportError extends IpmiError {
  readonly kind = 'transport' as const;
}

/** A caller passed something the library cannot send. */
export class InvalidArgumentError extends IpmiError {
  readonly kind = 'invalid-argument' as const;
}

/**
 * The BMC has no room for another session (Open Session status 01h or 0Bh, IPMI v2.0 section
 * 13.24 Table 13-15) or is busy, and stayed so for as long as the caller allowed (the
 * library waited with backoff in between). Retryable: try again later.
 */
export class BmcBusyError extends IpmiError {
  readonly kind = 'bmc-busy' as const;
  readonly retryable = true as const;
  constructor(
    readonly host: string,
    readonly attempts: number,
    options?: { cause?: unknown },
  ) {
    super(`${host}: the BMC's session table stayed full (${attempts} Open Session attempt(s)); retry later`, options);
  }
}

/** The count and size bounds a read applies to what a BMC sends (see ops/read-bounds.ts). */
export type ReadBound = 'sdrRecords' | 'selEntries' | 'fruBytes' | 'readRequests';

/**
 * A BMC's repository or inventory went past a bound the caller set (or the default): more
 * records, entries, bytes or requests than real hardware needs. The read stops there, so a
 * hostile or broken BMC cannot set the amount of work. A malformed answer to the API.
 */
export class BoundExceededError extends MalformedError {
  constructor(
    what: string,
    readonly bound: ReadBound,
    readonly limit: number,
  ) {
    super(what, `exceeds the ${bound} bound of ${limit}`);
  }
}

/** A record chain (SDR or SEL next-record IDs) that leads back to a record already read. */
export class RecordLoopError extends MalformedError {
  constructor(
    what: string,
    readonly recordId: number,
  ) {
    super(what, `record chain loops back to record 0x${recordId.toString(16).padStart(4, '0')}`);
  }
}
