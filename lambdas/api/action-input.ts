/**
 * Input rules for BMC actions that the API sets on top of the core's, shared by GraphQL and
 * REST so both answer the same input the same way.
 */
import type { IdentifyRequest } from '../core/bmc-data.ts';
import { badInput } from '../core/errors.ts';
import { MAX_SOL_JOB_SECONDS } from '../core/jobs/job-service.ts';

/** Seconds the identify light stays on when the caller gives no mode (ipmitool's default). */
export const DEFAULT_IDENTIFY_SECONDS = 15;
/** A capture runs as a job (JobService), so it is bounded by the worker, not by a request. */
export const MAX_SOL_CAPTURE_SECONDS = MAX_SOL_JOB_SECONDS;

export function solSeconds(seconds: number): number {
  if (!Number.isInteger(seconds) || seconds < 1 || seconds > MAX_SOL_CAPTURE_SECONDS) {
    throw badInput('seconds', `must be an integer from 1 to ${MAX_SOL_CAPTURE_SECONDS}`);
  }
  return seconds;
}

export function identifyRequest(input: { seconds?: number | null | undefined; force?: boolean | null | undefined; off?: boolean | null | undefined }): IdentifyRequest {
  const given = [input.seconds != null, input.force === true, input.off === true].filter(Boolean).length;
  if (given > 1) throw badInput('identify', 'give only one of seconds, force or off');
  if (input.force === true) return { force: true };
  if (input.off === true) return { off: true };
  return { seconds: input.seconds ?? DEFAULT_IDENTIFY_SECONDS };
}
