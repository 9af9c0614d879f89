import { ByteReader, ByteWriter } from '../../codec/bytes.ts';
import { NetFn, type Command } from '../command.ts';

/** Activate Payload, IPMI v2.0 section 24.1, Tables 24-2/24-3 (used for SOL, payload type 1). */
export interface ActivatePayloadRequest {
  payloadType: number;
  instance: number;
  encrypt: boolean;
  authenticate: boolean;
}

export interface ActivatePayloadResponse {
  /** Largest payload the BMC accepts from us / sends to us. */
  inboundPayloadSize: number;
  outboundPayloadSize: number;
  /** UDP port for the payload (623 or another port the BMC names). */
  port: number;
  vlan: number;
}

export const ACTIVATE_PAYLOAD_CODES = {
  0x80: 'Payload already active on another session',
  0x81: 'Payload type is disabled',
  0x82: 'Payload activation limit reached',
  0x83: 'Cannot activate payload with encryption',
  0x84: 'Cannot activate payload without encryption',
} as const;

export const ActivatePayload: Command<ActivatePayloadRequest, ActivatePayloadResponse> = {
  name: 'Activate Payload',
  netFn: NetFn.app,
  cmd: 0x48,
  completionCodes: ACTIVATE_PAYLOAD_CODES,
  encode(req) {
    // Aux byte 1: bit 7 encrypt, bit 6 authenticate, bits 5:4 = 11b serial/modem alerts deferred.
    const aux = (req.encrypt ? 0x80 : 0) | (req.authenticate ? 0x40 : 0) | 0x02 << 4;
    return new ByteWriter(6).u8(req.payloadType & 0x3f).u8(req.instance & 0x0f).u8(aux).zeros(3).finish();
  },
  decode(data) {
    const r = new ByteReader(data, 'Activate Payload response');
    r.skip(4, 'auxiliary data');
    return { inboundPayloadSize: r.u16le('inbound payload size'), outboundPayloadSize: r.u16le('outbound payload size'), port: r.u16le('payload port'), vlan: r.u16le('payload VLAN') };
  },
};

export function encodeActivatePayloadResponse(res: ActivatePayloadResponse): Uint8Array {
  return new ByteWriter(12).zeros(4).u16le(res.inboundPayloadSize).u16le(res.outboundPayloadSize).u16le(res.port).u16le(res.vlan).finish();
}

export function decodeActivatePayloadRequest(data: Uint8Array): ActivatePayloadRequest {
  const r = new ByteReader(data, 'Activate Payload request');
  const payloadType = r.u8('payload type') & 0x3f;
  const instance = r.u8('payload instance') & 0x0f;
  const aux = r.u8('auxiliary data');
  return { payloadType, instance, encrypt: (aux & 0x80) !== 0, authenticate: (aux & 0x40) !== 0 };
}

/** Deactivate Payload, section 24.2. */
export const DeactivatePayload: Command<{ payloadType: number; instance: number }, void> = {
  name: 'Deactivate Payload',
  netFn: NetFn.app,
  cmd: 0x49,
  completionCodes: { 0x80: 'Payload already deactivated', 0x81: 'Payload type is disabled' },
  encode(req) {
    return new ByteWriter(6).u8(req.payloadType & 0x3f).u8(req.instance & 0x0f).zeros(4).finish();
  },
  decode() {
    return undefined;
  },
};
