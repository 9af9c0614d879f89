/** Request decoding for handlers that use the library's request decoders. */
import { MalformedError, TruncatedError } from '../../ipmi/index.ts';
import { CC, fail, type Reply } from './registry.ts';

/** Runs a request decoder; a short or malformed request is answered C7h (request data length invalid). */
export function decoded<T>(decode: () => T): T | Reply {
  try {
    return decode();
  } catch (e) {
    if (e instanceof TruncatedError || e instanceof MalformedError) return fail(CC.requestLength);
    throw e;
  }
}

export const isReply = (v: unknown): v is Reply => typeof v === 'object' && v !== null && 'cc' in v && !(v instanceof Uint8Array);
