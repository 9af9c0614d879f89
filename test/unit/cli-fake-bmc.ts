/**
 * A small in-memory BMC behind the IpmiRequester interface, for unit tests of ops and the
 * CLI. It answers from raw bytes (so the real command encoders and decoders run on both
 * sides) and records every request. Real-peer behaviour is covered by the integration tests.
 */
import type { CallOptions, Command, IpmiRequester } from '../../lambdas/ipmi/commands/command.ts';
import { CompletionCodeError } from '../../lambdas/ipmi/errors.ts';

export interface RawResponse {
  completionCode: number;
  data: Uint8Array;
}

export type Handler = (data: Uint8Array) => RawResponse | number[];

export interface RecordedRequest {
  netFn: number;
  cmd: number;
  data: number[];
}

export class FakeBmc implements IpmiRequester {
  readonly requests: RecordedRequest[] = [];
  private readonly handlers = new Map<string, Handler>();
  closed = false;

  on(netFn: number, cmd: number, handler: Handler): this {
    this.handlers.set(`${netFn}:${cmd}`, handler);
    return this;
  }

  async raw(netFn: number, cmd: number, data: Uint8Array, _options?: CallOptions): Promise<RawResponse> {
    this.requests.push({ netFn, cmd, data: [...data] });
    const handler = this.handlers.get(`${netFn}:${cmd}`);
    if (!handler) return { completionCode: 0xc1, data: new Uint8Array() };
    const out = handler(data);
    return Array.isArray(out) ? { completionCode: 0, data: Uint8Array.from(out) } : out;
  }

  async call<Req, Res>(command: Command<Req, Res>, req: Req, options?: CallOptions): Promise<Res> {
    const res = await this.raw(command.netFn, command.cmd, command.encode(req), options);
    if (res.completionCode !== 0) throw new CompletionCodeError(command.name, res.completionCode, command.completionCodes);
    return command.decode(res.data);
  }

  async close(): Promise<void> {
    this.closed = true;
  }

  sent(netFn: number, cmd: number): number[][] {
    return this.requests.filter((r) => r.netFn === netFn && r.cmd === cmd).map((r) => r.data);
  }
}

export const cc = (completionCode: number): RawResponse => ({ completionCode, data: new Uint8Array() });

/** A simulated chassis: power with an optional lag, boot flags, identify; as a real BMC keeps them. */
export interface ChassisModel {
  power: boolean;
  /** Status reads that still show the old state after a power change. */
  lagReads: number;
  bootFlags: number[];
  identify: number[][];
  setInProgressSupported: boolean;
}

export function chassisBmc(model: Partial<ChassisModel> = {}): { bmc: FakeBmc; state: ChassisModel } {
  const state: ChassisModel = {
    power: false,
    lagReads: 0,
    bootFlags: [0, 0, 0, 0, 0],
    identify: [],
    setInProgressSupported: true,
    ...model,
  };
  let pending: boolean | null = null;
  let lag = 0;
  const bmc = new FakeBmc();
  // Get Device ID (20.1): device 0x20, rev 1 with SDRs, fw 2.16, IPMI 2.0, MontaVista, product 0x0f02, aux.
  bmc.on(0x06, 0x01, () => [0x20, 0x81, 0x02, 0x16, 0x02, 0x9f, 0x91, 0x12, 0x00, 0x02, 0x0f, 1, 2, 3, 4]);
  bmc.on(0x06, 0x08, () => cc(0xc1));
  // System GUID in SMBIOS order, version 4 (random).
  bmc.on(0x06, 0x37, () => [0x33, 0x22, 0x11, 0x00, 0x55, 0x44, 0x77, 0x46, 0x88, 0x99, 0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff]);
  bmc.on(0x00, 0x01, () => {
    if (pending !== null) {
      if (lag > 0) lag--;
      else {
        state.power = pending;
        pending = null;
      }
    }
    return [state.power ? 0x01 : 0x00, 0x10, 0x00];
  });
  bmc.on(0x00, 0x02, (d) => {
    const action = d[0]! & 0x0f;
    const target = action === 0 || action === 5 ? false : action === 4 ? state.power : true;
    if (action > 5) return cc(0xcc);
    pending = target;
    lag = state.lagReads;
    return [];
  });
  bmc.on(0x00, 0x04, (d) => {
    state.identify.push([...d]);
    return [];
  });
  bmc.on(0x00, 0x08, (d) => {
    const param = d[0]! & 0x7f;
    if (param === 0) return state.setInProgressSupported ? [] : cc(0xcc);
    if (param === 4) return [];
    if (param === 5) {
      if (d.length !== 6) return cc(0xc7);
      state.bootFlags = [...d.subarray(1)];
      return [];
    }
    return cc(0x80);
  });
  bmc.on(0x00, 0x09, (d) => {
    const param = d[0]! & 0x7f;
    if (param === 5) return [0x01, 0x05, ...state.bootFlags];
    return cc(0x80);
  });
  return { bmc, state };
}
