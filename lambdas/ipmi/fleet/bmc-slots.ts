import { learnedSessionLimit } from '../session/bmc-hints.ts';
import { Semaphore } from './semaphore.ts';

/** Sessions held at once to one BMC unless told otherwise: real BMCs hold 4-5 for all their clients. */
export const DEFAULT_SESSIONS_PER_BMC = 2;

/** A per-BMC session limit: `configured`, or lower while the BMC has taught a lower one (01h). */
export function bmcLimiter(host: string, port: number, configured: number): Semaphore {
  return new Semaphore(() => Math.min(configured, learnedSessionLimit(host, port) ?? configured));
}
