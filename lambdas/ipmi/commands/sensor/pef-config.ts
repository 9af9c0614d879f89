/**
 * Platform Event Filtering, IPMI v2.0 section 30 (NetFn Sensor/Event): Get PEF Capabilities
 * (30.1, cmd 10h), Set/Get PEF Configuration Parameters (30.3-30.4, cmds 12h/13h), Alert
 * Immediate (30.7, cmd 16h), and the parameters of Table 30-6 operators use.
 */
import { ByteReader, ByteWriter } from '../../codec/bytes.ts';
import { InvalidArgumentError } from '../../errors.ts';
import { EMPTY, NetFn, type Command } from '../command.ts';
import { CONFIG_PARAMETER_CODES, type ConfigResponse } from '../transport/lan-config.ts';

export interface PefCapabilities {
  /** Byte 1: PEF version, BCD (51h = 1.5). */
  readonly version: number;
  /** Byte 2 action support: [5] diagnostic interrupt, [4] OEM, [3] power cycle, [2] reset, [1] power down, [0] alert. */
  readonly actions: number;
  /** Byte 3: number of event filter table entries. */
  readonly filterCount: number;
}

export const GetPefCapabilities: Command<void, PefCapabilities> & { encodeResponse(c: PefCapabilities): Uint8Array } = {
  name: 'Get PEF Capabilities',
  netFn: NetFn.sensorEvent,
  cmd: 0x10,
  encode: () => EMPTY,
  decode(data) {
    const r = new ByteReader(data, 'Get PEF Capabilities response');
    return { version: r.u8('PEF version'), actions: r.u8('action support'), filterCount: r.u8('event filter table entries') };
  },
  encodeResponse: (c) => Uint8Array.of(c.version, c.actions, c.filterCount),
};

export interface GetPefConfigRequest {
  readonly parameter: number;
  readonly setSelector?: number;
  readonly blockSelector?: number;
}

/** Get PEF Configuration Parameters, 30.4: [7] revision only, [6:0] parameter; set; block. */
export const GetPefConfig: Command<GetPefConfigRequest, ConfigResponse> & {
  decodeRequest(data: Uint8Array): Required<GetPefConfigRequest> & { revisionOnly: boolean };
  encodeResponse(res: ConfigResponse): Uint8Array;
} = {
  name: 'Get PEF Configuration Parameters',
  netFn: NetFn.sensorEvent,
  cmd: 0x13,
  completionCodes: CONFIG_PARAMETER_CODES,
  encode: ({ parameter, setSelector = 0, blockSelector = 0 }) => Uint8Array.of(parameter & 0x7f, setSelector & 0xff, blockSelector & 0xff),
  decode(data) {
    const r = new ByteReader(data, 'Get PEF Configuration Parameters response');
    return { revision: r.u8('parameter revision'), data: r.rest().slice() };
  },
  decodeRequest(data) {
    const r = new ByteReader(data, 'Get PEF Configuration Parameters request');
    const b1 = r.u8('parameter selector');
    return { revisionOnly: (b1 & 0x80) !== 0, parameter: b1 & 0x7f, setSelector: r.u8('set selector'), blockSelector: r.u8('block selector') };
  },
  encodeResponse: ({ revision, data }) => new ByteWriter(1 + data.length).u8(revision).bytes(data).finish(),
};

/** Set PEF Configuration Parameters, 30.3: [6:0] parameter, then its data. */
export const SetPefConfig: Command<{ parameter: number; data: Uint8Array }, void> & { decodeRequest(data: Uint8Array): { parameter: number; data: Uint8Array } } = {
  name: 'Set PEF Configuration Parameters',
  netFn: NetFn.sensorEvent,
  cmd: 0x12,
  completionCodes: CONFIG_PARAMETER_CODES,
  encode: ({ parameter, data }) => new ByteWriter(1 + data.length).u8(parameter & 0x7f).bytes(data).finish(),
  decode() {},
  decodeRequest(data) {
    const r = new ByteReader(data, 'Set PEF Configuration Parameters request');
    return { parameter: r.u8('parameter selector') & 0x7f, data: r.rest().slice() };
  },
};

/** PEF Control, parameter 1: [3] PEF alert startup delay, [2] PEF startup delay, [1] event messages for PEF actions, [0] enable PEF. */
export interface PefControl {
  readonly enabled: boolean;
  readonly eventMessages: boolean;
  readonly startupDelay: boolean;
  readonly alertStartupDelay: boolean;
}

export const PefParam = {
  control: {
    id: 1,
    decode(d: Uint8Array): PefControl {
      const b = new ByteReader(d, 'PEF control').u8('control');
      return { enabled: (b & 1) !== 0, eventMessages: (b & 2) !== 0, startupDelay: (b & 4) !== 0, alertStartupDelay: (b & 8) !== 0 };
    },
    encode: (c: PefControl) => Uint8Array.of((c.enabled ? 1 : 0) | (c.eventMessages ? 2 : 0) | (c.startupDelay ? 4 : 0) | (c.alertStartupDelay ? 8 : 0)),
  },
  /** Parameter 2, action global control: which filter actions are allowed at all (same bits as PefCapabilities.actions). */
  actionControl: { id: 2, decode: (d: Uint8Array) => new ByteReader(d, 'PEF action global control').u8('actions') & 0x3f, encode: (v: number) => Uint8Array.of(v & 0x3f) },
  /** Parameter 5 [6:0] (read only). */
  filterCount: { id: 5, decode: (d: Uint8Array) => new ByteReader(d, 'number of event filters').u8('count') & 0x7f, encode: (v: number) => Uint8Array.of(v & 0x7f) },
  /** Parameter 8 [6:0] (read only). */
  policyCount: { id: 8, decode: (d: Uint8Array) => new ByteReader(d, 'number of alert policy entries').u8('count') & 0x7f, encode: (v: number) => Uint8Array.of(v & 0x7f) },
  eventFilter: 6,
  alertPolicy: 9,
} as const;

/** Event filter table entry, Table 30-2 (parameter 6 is the set selector then these 20 bytes). */
export interface EventFilter {
  readonly id: number;
  readonly enabled: boolean;
  /** Byte 1 [6:5]: 10b manufacturer pre-configured, 00b software configurable. */
  readonly preconfigured: boolean;
  /** Byte 2 action bits (as PefCapabilities.actions, [6] group control). */
  readonly actions: number;
  /** Byte 3 [3:0]. */
  readonly policyNumber: number;
  /** Byte 4. */
  readonly severity: number;
  readonly generatorId: number;
  readonly generatorChannelLun: number;
  /** Byte 7, FFh = any. */
  readonly sensorType: number;
  /** Byte 8, FFh = any. */
  readonly sensorNumber: number;
  /** Byte 9, FFh = any. */
  readonly eventTrigger: number;
  /** Bytes 10-11. */
  readonly offsetMask: number;
  /** Bytes 12-20: AND mask, compare 1, compare 2 for event data 1-3. */
  readonly eventData: Uint8Array;
}

export function decodeEventFilter(data: Uint8Array): EventFilter {
  const r = new ByteReader(data, 'event filter table entry');
  const id = r.u8('filter number') & 0x7f;
  const config = r.u8('filter configuration');
  return {
    id,
    enabled: (config & 0x80) !== 0,
    preconfigured: ((config >> 5) & 0x03) === 0x02,
    actions: r.u8('event filter action') & 0x7f,
    policyNumber: r.u8('alert policy number') & 0x0f,
    severity: r.u8('event severity'),
    generatorId: r.u8('generator ID 1'),
    generatorChannelLun: r.u8('generator ID 2'),
    sensorType: r.u8('sensor type'),
    sensorNumber: r.u8('sensor number'),
    eventTrigger: r.u8('event trigger'),
    offsetMask: r.u16le('event data 1 offset mask'),
    eventData: r.bytes(9, 'event data masks').slice(),
  };
}

export function encodeEventFilter(f: EventFilter): Uint8Array {
  if (f.eventData.length !== 9) throw new InvalidArgumentError('event filter: event data masks must be 9 bytes');
  return new ByteWriter(21)
    .u8(f.id & 0x7f)
    .u8((f.enabled ? 0x80 : 0) | (f.preconfigured ? 0x40 : 0))
    .u8(f.actions & 0x7f)
    .u8(f.policyNumber & 0x0f)
    .u8(f.severity)
    .u8(f.generatorId)
    .u8(f.generatorChannelLun)
    .u8(f.sensorType)
    .u8(f.sensorNumber)
    .u8(f.eventTrigger)
    .u16le(f.offsetMask)
    .bytes(f.eventData)
    .finish();
}

/** Alert policy table entry, Table 30-9 (parameter 9: set selector, then these 3 bytes). */
export interface AlertPolicy {
  readonly id: number;
  /** Byte 1 [7:4]. */
  readonly policyNumber: number;
  /** Byte 1 [3]. */
  readonly enabled: boolean;
  /** Byte 1 [2:0]: 0 always send to this destination, 1 proceed to next on success, ... */
  readonly policy: number;
  /** Byte 2 [7:4]. */
  readonly channel: number;
  /** Byte 2 [3:0]: the LAN alert destination. */
  readonly destination: number;
  /** Byte 3. */
  readonly alertStringKey: number;
}

export function decodeAlertPolicy(data: Uint8Array): AlertPolicy {
  const r = new ByteReader(data, 'alert policy table entry');
  const id = r.u8('policy entry') & 0x7f;
  const b1 = r.u8('policy');
  const b2 = r.u8('destination');
  return { id, policyNumber: b1 >> 4, enabled: (b1 & 0x08) !== 0, policy: b1 & 0x07, channel: b2 >> 4, destination: b2 & 0x0f, alertStringKey: r.u8('alert string key') };
}

export function encodeAlertPolicy(p: AlertPolicy): Uint8Array {
  return Uint8Array.of(p.id & 0x7f, ((p.policyNumber & 0x0f) << 4) | (p.enabled ? 0x08 : 0) | (p.policy & 0x07), ((p.channel & 0x0f) << 4) | (p.destination & 0x0f), p.alertStringKey & 0xff);
}

export interface AlertImmediateRequest {
  readonly channel: number;
  readonly destination: number;
  /** Byte 2 [7:6]: 00b initiate, 01b get status, 10b clear status. */
  readonly operation?: 'initiate' | 'status' | 'clear';
}

const ALERT_OPERATIONS = ['initiate', 'status', 'clear'] as const;

/**
 * Alert Immediate, 30.7: sends an alert to one destination now, which is how a test alert
 * reaches a trap receiver. The response carries a status byte only for "get status".
 */
export const AlertImmediate: Command<AlertImmediateRequest, number | undefined> & { decodeRequest(data: Uint8Array): Required<AlertImmediateRequest> } = {
  name: 'Alert Immediate',
  netFn: NetFn.sensorEvent,
  cmd: 0x16,
  completionCodes: { 0x81: 'alert already in progress', 0x82: 'IPMI messaging session active on this channel', 0x83: 'platform event parameters not supported' },
  encode({ channel, destination, operation = 'initiate' }) {
    return Uint8Array.of(channel & 0x0f, (ALERT_OPERATIONS.indexOf(operation) << 6) | (destination & 0x0f));
  },
  decode: (data) => (data.length > 0 ? data[0] : undefined),
  decodeRequest(data) {
    const r = new ByteReader(data, 'Alert Immediate request');
    const channel = r.u8('channel') & 0x0f;
    const b2 = r.u8('destination');
    return { channel, destination: b2 & 0x0f, operation: ALERT_OPERATIONS[b2 >> 6] ?? 'initiate' };
  },
};

/** Get Last Processed Event ID, 30.5 (cmd 15h): where PEF and software are in the SEL. */
export interface LastProcessedEvent {
  /** Bytes 1-4: most recent addition timestamp (SEL seconds). */
  readonly lastAddTimestamp: number;
  /** Bytes 5-6: record ID of the last SEL record, FFFFh when the SEL is empty. */
  readonly lastRecordId: number;
  /** Bytes 7-8: last event software processed. */
  readonly lastSoftwareProcessedId: number;
  /** Bytes 9-10: last event the BMC processed, 0000h when none. */
  readonly lastBmcProcessedId: number;
}

export const GetLastProcessedEventId: Command<void, LastProcessedEvent> & { encodeResponse(e: LastProcessedEvent): Uint8Array } = {
  name: 'Get Last Processed Event ID',
  netFn: NetFn.sensorEvent,
  cmd: 0x15,
  completionCodes: { 0x81: 'cannot execute command, SEL erase in progress' },
  encode: () => EMPTY,
  decode(data) {
    const r = new ByteReader(data, 'Get Last Processed Event ID response');
    return {
      lastAddTimestamp: r.u32le('most recent addition timestamp'),
      lastRecordId: r.u16le('last SEL record ID'),
      lastSoftwareProcessedId: r.u16le('last software processed event ID'),
      lastBmcProcessedId: r.u16le('last BMC processed event ID'),
    };
  },
  encodeResponse: (e) => new ByteWriter(10).u32le(e.lastAddTimestamp).u16le(e.lastRecordId).u16le(e.lastSoftwareProcessedId).u16le(e.lastBmcProcessedId).finish(),
};
