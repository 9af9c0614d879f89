import { ByteReader, ByteWriter } from '../../codec/bytes.ts';
import { NetFn, type Command } from '../command.ts';

/** Get Session Challenge, IPMI v2.0 section 22.16: the first step of a v1.5 session. */
export interface SessionChallengeRequest {
  authType: number;
  /** The user name, at most 16 bytes; empty for the null user. */
  username: Uint8Array;
}

export interface SessionChallenge {
  /** Temporary session ID, used for Activate Session only. */
  temporarySessionId: number;
  /** 16 bytes, returned in Activate Session. */
  challenge: Uint8Array;
}

/** Both sides of the command: the simulator decodes requests and encodes answers with it. */
export const GetSessionChallenge: Command<SessionChallengeRequest, SessionChallenge> & {
  decodeRequest(data: Uint8Array): SessionChallengeRequest;
  encodeResponse(c: SessionChallenge): Uint8Array;
} = {
  name: 'Get Session Challenge',
  netFn: NetFn.app,
  cmd: 0x39,
  completionCodes: { 0x81: 'Invalid user name', 0x82: 'Null user name (user 1) not enabled' },
  encode(req) {
    return new ByteWriter(17).u8(req.authType & 0x0f).bytes(req.username).zeros(16 - req.username.length).finish();
  },
  decode(data) {
    const r = new ByteReader(data, 'Get Session Challenge response');
    r.need(20, 'temporary session ID and challenge string');
    return { temporarySessionId: r.u32le('temporary session ID'), challenge: r.bytes(16, 'challenge string') };
  },
  /** Byte 1 [3:0] auth type; bytes 2-17 the user name, NUL padded (the padding is dropped). */
  decodeRequest(data) {
    const r = new ByteReader(data, 'Get Session Challenge request');
    const authType = r.u8('auth type') & 0x0f;
    const name = r.bytes(16, 'user name');
    const end = name.indexOf(0);
    return { authType, username: name.slice(0, end < 0 ? 16 : end) };
  },
  encodeResponse: (c) => new ByteWriter(20).u32le(c.temporarySessionId).bytes(c.challenge).finish(),
};
