/**
 * Opaque page cursors: the position and the tenant it was issued for, signed with HMAC-SHA256.
 * A cursor that was edited, forged, or issued to another tenant fails the signature or the
 * tenant check and is refused as BAD_USER_INPUT before any store sees it, so no hand-made key
 * (an empty or numeric id, another partition) ever reaches a query.
 *
 * Every process that serves the same API must hold the same key (a cursor minted by one Lambda
 * environment is presented to another): the composition roots load it from the coordination
 * table (lambdas/adapters/dynamodb/cursor-key-store.ts). Without one, a key made for this
 * process is used: enough for tests and the in-memory core, where one process mints and reads.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { badInput } from './errors.ts';

export type CursorPosition = Record<string, string | number>;

/** Bytes of key material; HMAC-SHA256 gains nothing from more. */
export const CURSOR_KEY_BYTES = 32;
/** Longest cursor looked at; real ones are far shorter. */
const MAX_CURSOR_LENGTH = 4096;
const MAC_LENGTH = 43; // 32 bytes in unpadded base64url
const SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/;

export class CursorCodec {
  private readonly key: Buffer;

  constructor(key: Uint8Array) {
    if (!(key instanceof Uint8Array)) throw new TypeError('cursor key: expected bytes');
    if (key.length !== CURSOR_KEY_BYTES) throw new RangeError(`cursor key: expected ${CURSOR_KEY_BYTES} bytes, got ${key.length}`);
    this.key = Buffer.from(key);
  }

  /** `<base64url JSON>.<base64url HMAC of it>`. */
  encode(tenantId: string, position: CursorPosition): string {
    const payload = Buffer.from(JSON.stringify({ t: tenantId, p: position }), 'utf8').toString('base64url');
    return `${payload}.${this.mac(payload)}`;
  }

  /** The position of a cursor this codec issued to `tenantId`; undefined for none; BAD_USER_INPUT otherwise. */
  decode(tenantId: string, cursor: string | null | undefined, field = 'cursor'): CursorPosition | undefined {
    if (cursor === undefined || cursor === null) return undefined;
    const invalid = () => badInput(field, 'not a cursor returned by this API');
    if (cursor.length > MAX_CURSOR_LENGTH || !SHAPE.test(cursor)) throw invalid();
    const payload = cursor.slice(0, -(MAC_LENGTH + 1));
    const presented = Buffer.from(cursor.slice(-MAC_LENGTH), 'base64url');
    if (!timingSafeEqual(presented, Buffer.from(this.mac(payload), 'base64url'))) throw invalid();
    // Signed by this API, so well formed; the tenant check keeps one tenant's cursor out of another's reads.
    const parsed = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { t: unknown; p: CursorPosition };
    if (parsed.t !== tenantId) throw invalid();
    return parsed.p;
  }

  private mac(payload: string): string {
    return createHmac('sha256', this.key).update(payload).digest('base64url');
  }
}

let processCodec: CursorCodec | undefined;

/** A codec whose key lives only in this process: every default in one process agrees, no other process does. */
export function processCursorCodec(): CursorCodec {
  return (processCodec ??= new CursorCodec(randomBytes(CURSOR_KEY_BYTES)));
}
