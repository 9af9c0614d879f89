/**
 * Options of the simulated fleet: users, timings, fault injection and named vendor quirks.
 * Everything has a realistic default; tests shorten the timings.
 */
import type { PrivilegeName } from '../ipmi/protocol.ts';

export interface UserSpec {
  name: string;
  /** At most 20 bytes (IPMI v2.0 passwords). */
  password: string;
  /** Highest privilege this user may take (default admin). */
  privilege?: PrivilegeName;
}

/**
 * Named deviations of real BMCs from the spec, to exercise clients' workarounds:
 * - opensesspriv: RAKP HMACs and the SIK use the Open Session privilege instead of the RAKP 1
 *   role byte (FreeIPMI's workaround of the same name; OpenIPMI's ipmi_sim does this).
 * - suite17Only / suite3Only: the BMC offers and accepts only that cipher suite.
 * - ipmi15: 'also' offers IPMI v1.5 sessions (auth types none, straight password and MD5,
 *   IPMI v2.0 22.16-22.17) beside RMCP+, as many BMCs ship; 'only' is an older BMC with v1.5
 *   sessions alone: no IPMI v2.0 data in Get Channel Authentication Capabilities, RMCP+
 *   packets ignored.
 * - oneRequestAtATime: the BMC works on one in-session request at a time (Timing.requestMs
 *   each) and silently drops requests that arrive meanwhile, as embedded BMCs with a single
 *   receive slot do. Clients that pipeline requests must notice and stop.
 */
export interface SimQuirks {
  opensesspriv?: boolean;
  suite17Only?: boolean;
  suite3Only?: boolean;
  oneRequestAtATime?: boolean;
  ipmi15?: 'also' | 'only';
}

/** Per-BMC network and session faults. Percentages are 0-100, per packet and per direction. */
export interface Faults {
  lossPercent?: number;
  /** Added to every outbound packet. */
  delayMs?: number;
  /** Uniform extra delay 0..jitterMs on top of delayMs. */
  jitterMs?: number;
  duplicatePercent?: number;
  /** Share of outbound packets held back long enough for the next one to overtake them. */
  reorderPercent?: number;
  /** Drops every packet, as a BMC that hangs or is unplugged. */
  unresponsive?: boolean;
  /** Sessions the BMC holds at once (half-open ones included); Open Session beyond gets status 01h. */
  sessionLimit?: number;
  /**
   * RAKP 3 activates the session but its RAKP 4 is never sent, as when RAKP 4 is lost on the
   * way: the client cannot tell, and must close a session it never saw confirmed.
   */
  dropRakp4?: boolean;
  /**
   * Every in-session command but Close Session is answered C0h (node busy, Table 5-2), as by a
   * BMC busy with other work; sessions still open and close.
   */
  nodeBusy?: boolean;
  quirks?: SimQuirks;
}

/** Delays of the simulated hardware, in ms. */
export interface Timing {
  powerOnMs: number;
  powerOffMs: number;
  /** ACPI soft-off: the OS shutting down. */
  softOffMs: number;
  /** Off period of a power cycle. */
  cycleOffMs: number;
  /** Between boot log lines on the SOL console. */
  bootLogLineMs: number;
  /** Idle time after which an active session is closed (spec 6.12.15 suggests 60 s). */
  sessionTimeoutMs: number;
  /** Time a half-open session (Open Session or RAKP pending) holds its slot. */
  handshakeTimeoutMs: number;
  /** Duration of a SEL erase (Clear SEL reports "in progress" meanwhile). */
  selEraseMs: number;
  /** Retransmit interval of unacknowledged SOL data. */
  solRetryMs: number;
  /** Period of the fleet's housekeeping tick (sensor events, session expiry). */
  tickMs: number;
  /** Time the BMC takes to answer an in-session request (0: at once). */
  requestMs: number;
}

export const DEFAULT_TIMING: Timing = {
  powerOnMs: 2000,
  powerOffMs: 400,
  softOffMs: 4000,
  cycleOffMs: 2000,
  bootLogLineMs: 120,
  sessionTimeoutMs: 60_000,
  handshakeTimeoutMs: 10_000,
  selEraseMs: 300,
  solRetryMs: 500,
  tickMs: 1000,
  requestMs: 0,
};

export const DEFAULT_SESSION_LIMIT = 8;

/** Whether the cipher suite `id` is offered by a BMC with these quirks. */
export function suiteAllowed(id: number, quirks: SimQuirks | undefined): boolean {
  if (quirks?.suite17Only) return id === 17;
  if (quirks?.suite3Only) return id === 3;
  return true;
}
