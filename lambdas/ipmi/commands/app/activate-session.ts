import { ByteReader, ByteWriter } from '../../codec/bytes.ts';
import { NetFn, type Command } from '../command.ts';

/** Activate Session, IPMI v2.0 section 22.17. */
export interface ActivateSessionRequest {
  authType: number;
  /** Highest privilege the session may be raised to. */
  maxPrivilege: number;
  /** The 16-byte challenge from Get Session Challenge. */
  challenge: Uint8Array;
  /** The first sequence number the BMC will use for its packets to us (non-zero). */
  initialOutboundSequence: number;
}

export interface ActivatedSession {
  /** Auth type for the rest of the session. */
  authType: number;
  sessionId: number;
  /** The first sequence number we must use for our packets to the BMC. */
  initialInboundSequence: number;
  maxPrivilege: number;
}

/** Both sides of the command: the simulator decodes requests and encodes answers with it. */
export const ActivateSession: Command<ActivateSessionRequest, ActivatedSession> & {
  decodeRequest(data: Uint8Array): ActivateSessionRequest;
  encodeResponse(a: ActivatedSession): Uint8Array;
} = {
  name: 'Activate Session',
  netFn: NetFn.app,
  cmd: 0x3a,
  completionCodes: {
    0x81: 'No session slot available',
    0x82: 'No slot available for given user',
    0x83: 'No slot available to support user due to maximum privilege capability',
    0x84: 'Session sequence number out-of-range',
    0x85: 'Invalid session ID in request',
    0x86: 'Requested maximum privilege level exceeds user and/or channel privilege limit',
  },
  encode(req) {
    return new ByteWriter(22).u8(req.authType & 0x0f).u8(req.maxPrivilege & 0x0f).bytes(req.challenge).u32le(req.initialOutboundSequence).finish();
  },
  decode(data) {
    const r = new ByteReader(data, 'Activate Session response');
    r.need(10, 'auth type, session ID, sequence number and privilege');
    return { authType: r.u8('auth type') & 0x0f, sessionId: r.u32le('session ID'), initialInboundSequence: r.u32le('initial inbound sequence number'), maxPrivilege: r.u8('maximum privilege') & 0x0f };
  },
  decodeRequest(data) {
    const r = new ByteReader(data, 'Activate Session request');
    return { authType: r.u8('auth type') & 0x0f, maxPrivilege: r.u8('maximum privilege') & 0x0f, challenge: r.bytes(16, 'challenge string').slice(), initialOutboundSequence: r.u32le('initial outbound sequence number') };
  },
  encodeResponse: (a) => new ByteWriter(10).u8(a.authType & 0x0f).u32le(a.sessionId).u32le(a.initialInboundSequence).u8(a.maxPrivilege & 0x0f).finish(),
};
