import { ByteReader, ByteWriter } from '../../codec/bytes.ts';
import { NetFn, type Command } from '../command.ts';

/** Get Channel Authentication Capabilities, IPMI v2.0 section 22.13, Tables 22-14/22-15. */
export interface ChannelAuthCapabilitiesRequest {
  /** 0x0E = this channel. */
  channel?: number;
  privilege: number;
  /** Ask for the IPMI v2.0 extended data (default true); a v1.5-only BMC may refuse the bit. */
  extended?: boolean;
}

export interface ChannelAuthCapabilities {
  channel: number;
  /** Byte 2 bit 7: the channel supports IPMI v2.0 extended capabilities (RMCP+). */
  ipmiV20: boolean;
  authTypes: { none: boolean; md2: boolean; md5: boolean; password: boolean; oem: boolean };
  kgSet: boolean;
  perMessageAuthDisabled: boolean;
  userLevelAuthDisabled: boolean;
  nonNullUsers: boolean;
  nullUsers: boolean;
  anonymousLogin: boolean;
  /** Byte 4 (v2.0 extended): channel supports v1.5 / v2.0 connections. */
  supportsV15: boolean;
  supportsV20: boolean;
  oemId: number;
  oemAux: number;
}

export const GetChannelAuthCapabilities: Command<ChannelAuthCapabilitiesRequest, ChannelAuthCapabilities> = {
  name: 'Get Channel Authentication Capabilities',
  netFn: NetFn.app,
  cmd: 0x38,
  encode(req) {
    // Bit 7 asks for IPMI v2.0 extended data.
    return new ByteWriter(2).u8((req.extended === false ? 0 : 0x80) | ((req.channel ?? 0x0e) & 0x0f)).u8(req.privilege & 0x0f).finish();
  },
  decode(data) {
    const r = new ByteReader(data, 'Get Channel Authentication Capabilities response');
    const channel = r.u8('channel');
    const b2 = r.u8('authentication type support');
    const b3 = r.u8('authentication status');
    const b4 = r.u8('extended capabilities');
    const oemId = r.u24le('OEM ID');
    const oemAux = r.u8('OEM auxiliary data');
    return {
      channel,
      ipmiV20: (b2 & 0x80) !== 0,
      authTypes: { none: (b2 & 0x01) !== 0, md2: (b2 & 0x02) !== 0, md5: (b2 & 0x04) !== 0, password: (b2 & 0x10) !== 0, oem: (b2 & 0x20) !== 0 },
      kgSet: (b3 & 0x20) !== 0,
      perMessageAuthDisabled: (b3 & 0x10) !== 0,
      userLevelAuthDisabled: (b3 & 0x08) !== 0,
      nonNullUsers: (b3 & 0x04) !== 0,
      nullUsers: (b3 & 0x02) !== 0,
      anonymousLogin: (b3 & 0x01) !== 0,
      supportsV15: (b4 & 0x01) !== 0,
      supportsV20: (b4 & 0x02) !== 0,
      oemId,
      oemAux,
    };
  },
};
