import { UnsupportedCipherSuiteError } from '../errors.ts';
import type { V15AuthName } from '../crypto/v15-auth-code.ts';
import { openSession, type SessionOptions } from './open-session.ts';
import { openSession15 } from './open-session15.ts';
import type { Session } from './session.ts';
import type { Session15 } from './session15.ts';

/** Which LAN session a BMC gets: RMCP+ (IPMI v2.0), v1.5, or RMCP+ unless the BMC offers none. */
export type LanVersion = '2.0' | '1.5' | 'auto';

export const LAN_VERSIONS: readonly LanVersion[] = ['auto', '2.0', '1.5'];

export interface LanSessionOptions extends SessionOptions {
  /** Default 'auto'. */
  lan?: LanVersion;
  /** v1.5 authentication type (default: the strongest the channel offers). */
  auth?: V15AuthName;
}

/**
 * Opens the session `opts.lan` asks for. 'auto' opens RMCP+ and falls back to v1.5 only when
 * Get Channel Authentication Capabilities said the channel has no IPMI v2.0 (22.13): a wrong
 * password or a dead BMC is reported as it is, never retried over a weaker protocol.
 */
export async function openLanSession(opts: LanSessionOptions): Promise<Session | Session15> {
  const { lan = 'auto', auth, ...rest } = opts;
  const v15 = () => openSession15({ ...rest, ...(auth ? { auth } : {}) });
  if (lan === '1.5') return v15();
  if (lan === '2.0' || opts.cipherSuite !== undefined) return openSession(rest);
  try {
    return await openSession(rest);
  } catch (e) {
    if (e instanceof UnsupportedCipherSuiteError && e.tried.length === 0) return v15();
    throw e;
  }
}
