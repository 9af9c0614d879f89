/**
 * Get and Set LAN Configuration Parameters, IPMI v2.0 sections 23.1-23.2 (NetFn Transport,
 * cmds 01h and 02h). The parameter data is opaque here; lan-parameters.ts gives each
 * parameter of Table 23-4 its codec.
 */
import { ByteReader, ByteWriter } from '../../codec/bytes.ts';
import { NetFn, type Command } from '../command.ts';

/** Command-specific completion codes of sections 23.1-23.2. */
export const CONFIG_PARAMETER_CODES: Readonly<Record<number, string>> = {
  0x80: 'parameter not supported',
  0x81: "attempt to set 'set in progress' while not in 'set complete'",
  0x82: 'attempt to write a read-only parameter',
  0x83: 'attempt to read a write-only parameter',
};

export interface GetConfigRequest {
  readonly channel: number;
  readonly parameter: number;
  readonly setSelector?: number;
  readonly blockSelector?: number;
  /** Byte 1 [7]: ask only for the parameter revision. */
  readonly revisionOnly?: boolean;
}

export interface ConfigResponse {
  /** Parameter revision (11h for IPMI v2.0). */
  readonly revision: number;
  /** Parameter data; empty when only the revision was asked for. */
  readonly data: Uint8Array;
}

export interface SetConfigRequest {
  readonly channel: number;
  readonly parameter: number;
  readonly data: Uint8Array;
}

/** Parameter revision 1.1, what both ends send (Table 23-3 byte 2). */
export const PARAMETER_REVISION = 0x11;

export const GetLanConfig: Command<GetConfigRequest, ConfigResponse> & {
  decodeRequest(data: Uint8Array): Required<GetConfigRequest>;
  encodeResponse(res: ConfigResponse): Uint8Array;
} = {
  name: 'Get LAN Configuration Parameters',
  netFn: NetFn.transport,
  cmd: 0x02,
  completionCodes: CONFIG_PARAMETER_CODES,
  encode({ channel, parameter, setSelector = 0, blockSelector = 0, revisionOnly = false }) {
    return Uint8Array.of((revisionOnly ? 0x80 : 0) | (channel & 0x0f), parameter & 0xff, setSelector & 0xff, blockSelector & 0xff);
  },
  decode(data) {
    const r = new ByteReader(data, 'Get LAN Configuration Parameters response');
    return { revision: r.u8('parameter revision'), data: r.rest().slice() };
  },
  decodeRequest(data) {
    const r = new ByteReader(data, 'Get LAN Configuration Parameters request');
    const b1 = r.u8('channel');
    return { channel: b1 & 0x0f, revisionOnly: (b1 & 0x80) !== 0, parameter: r.u8('parameter selector'), setSelector: r.u8('set selector'), blockSelector: r.u8('block selector') };
  },
  encodeResponse({ revision, data }) {
    return new ByteWriter(1 + data.length).u8(revision).bytes(data).finish();
  },
};

export const SetLanConfig: Command<SetConfigRequest, void> & { decodeRequest(data: Uint8Array): SetConfigRequest } = {
  name: 'Set LAN Configuration Parameters',
  netFn: NetFn.transport,
  cmd: 0x01,
  completionCodes: CONFIG_PARAMETER_CODES,
  encode({ channel, parameter, data }) {
    return new ByteWriter(2 + data.length).u8(channel & 0x0f).u8(parameter).bytes(data).finish();
  },
  decode() {},
  decodeRequest(data) {
    const r = new ByteReader(data, 'Set LAN Configuration Parameters request');
    return { channel: r.u8('channel') & 0x0f, parameter: r.u8('parameter selector'), data: r.rest().slice() };
  },
};
