import { ChassisIdentify, type ChassisIdentifyRequest } from '../commands/chassis/chassis-identify.ts';
import type { IpmiRequester } from '../commands/command.ts';
import { CompletionCodeError, InvalidArgumentError } from '../errors.ts';

export type IdentifyRequest = { seconds: number } | { force: true } | { off: true } | Record<string, never>;

export interface IdentifyResult {
  /** 'default' = the BMC's default interval (15 s per section 28.5). */
  mode: 'default' | 'interval' | 'force' | 'off';
  seconds: number | null;
}

/** Raised when a BMC refuses the optional Force Identify On byte (section 28.5, byte 2). */
export class ForceIdentifyUnsupportedError extends CompletionCodeError {
  constructor(code: number) {
    super('Chassis Identify (force on)', code);
    this.message = `${this.message}; this BMC may not support Force Identify On, use --seconds instead`;
  }
}

function toRequest(req: IdentifyRequest): ChassisIdentifyRequest {
  if ('force' in req && req.force) return { kind: 'force' };
  if ('off' in req && req.off) return { kind: 'interval', seconds: 0 };
  if ('seconds' in req) {
    if (!Number.isInteger(req.seconds) || req.seconds < 0 || req.seconds > 255) {
      throw new InvalidArgumentError(`identify: seconds must be an integer 0-255, got ${String(req.seconds)}`);
    }
    return { kind: 'interval', seconds: req.seconds };
  }
  return { kind: 'default' };
}

/** Chassis Identify (section 28.5): blink the chassis identify light. */
export async function identify(s: IpmiRequester, req: IdentifyRequest = {}): Promise<IdentifyResult> {
  const request = toRequest(req);
  try {
    await s.call(ChassisIdentify, request);
  } catch (err) {
    // C7h (request data length invalid) and CCh are how BMCs without byte 2 say no (ipmitool notes the same).
    if (request.kind === 'force' && err instanceof CompletionCodeError && (err.code === 0xc7 || err.code === 0xcc)) {
      throw new ForceIdentifyUnsupportedError(err.code);
    }
    throw err;
  }
  switch (request.kind) {
    case 'default':
      return { mode: 'default', seconds: 15 };
    case 'force':
      return { mode: 'force', seconds: null };
    case 'interval':
      return request.seconds === 0 ? { mode: 'off', seconds: 0 } : { mode: 'interval', seconds: request.seconds };
  }
}
