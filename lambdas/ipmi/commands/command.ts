/**
 * One IPMI command: its NetFn/command number, a name for errors, and the codecs of its
 * request data and response data (the bytes after the completion code). Command files
 * under commands/<netfn>/ export one of these each; the session sends them.
 */
export interface Command<Req, Res> {
  readonly name: string;
  readonly netFn: number;
  readonly cmd: number;
  /** Command-specific completion code names (spec tables per command), if any. */
  readonly completionCodes?: Readonly<Record<number, string>>;
  encode(req: Req): Uint8Array;
  /** Decodes response data (completion code already stripped and checked to be 0). */
  decode(data: Uint8Array): Res;
}

export interface CallOptions {
  signal?: AbortSignal;
  /** Per-call timeout override in ms (first attempt; retransmissions back off). */
  timeoutMs?: number;
  /** Per-call retransmission count override. */
  retries?: number;
  /** Target LUN (default 0). */
  lun?: number;
}

/**
 * Anything that can send a command and return the response data: an RMCP+ session in
 * the library, a fake in pure unit tests of higher layers. Throws CompletionCodeError
 * when the completion code is not 0.
 */
export interface IpmiRequester {
  call<Req, Res>(command: Command<Req, Res>, req: Req, options?: CallOptions): Promise<Res>;
  /**
   * Independent requests worth issuing at once (a session's pipeline depth); absent means
   * one at a time. Extra requests are queued by the requester, never refused.
   */
  readonly pipelineDepth?: number | undefined;
  /** Raw request; returns completion code and data without throwing on a non-zero code. */
  raw(netFn: number, cmd: number, data: Uint8Array, options?: CallOptions): Promise<{ completionCode: number; data: Uint8Array }>;
}

/** NetFn codes, IPMI v2.0 section 5.1 Table 5-1 (request values; responses are +1). */
export const NetFn = {
  chassis: 0x00,
  sensorEvent: 0x04,
  app: 0x06,
  firmware: 0x08,
  storage: 0x0a,
  transport: 0x0c,
} as const;

export const EMPTY = new Uint8Array(0);
