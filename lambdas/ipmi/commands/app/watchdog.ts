/**
 * Get Watchdog Timer, IPMI v2.0 section 27.7 Table 27-7 (NetFn App, cmd 25h).
 * Response: 1 timer use ([7] don't log, [6] running, [2:0] use); 2 timer actions ([6:4]
 * pre-timeout interrupt, [2:0] timeout action); 3 pre-timeout interval (s); 4 timer use
 * expiration flags; 5-6 initial countdown and 7-8 present countdown (100 ms units).
 */
import { ByteReader, ByteWriter } from '../../codec/bytes.ts';
import { EMPTY, NetFn, type Command } from '../command.ts';

export const TIMER_USES = ['reserved', 'bios-frb2', 'bios-post', 'os-load', 'sms-os', 'oem', 'reserved-6', 'reserved-7'] as const;
export const TIMEOUT_ACTIONS = ['none', 'hard-reset', 'power-down', 'power-cycle'] as const;
export const PRETIMEOUT_INTERRUPTS = ['none', 'smi', 'nmi', 'messaging'] as const;

export interface WatchdogTimer {
  readonly use: (typeof TIMER_USES)[number];
  readonly running: boolean;
  readonly dontLog: boolean;
  readonly action: (typeof TIMEOUT_ACTIONS)[number] | 'reserved';
  readonly preTimeoutInterrupt: (typeof PRETIMEOUT_INTERRUPTS)[number] | 'reserved';
  readonly preTimeoutSeconds: number;
  readonly expirationFlags: number;
  /** Seconds (the wire carries 100 ms counts). */
  readonly initialCountdown: number;
  readonly presentCountdown: number;
}

export const GetWatchdogTimer: Command<void, WatchdogTimer> & { encodeResponse(w: WatchdogTimer): Uint8Array } = {
  name: 'Get Watchdog Timer',
  netFn: NetFn.app,
  cmd: 0x25,
  encode: () => EMPTY,
  decode(data) {
    const r = new ByteReader(data, 'Get Watchdog Timer response');
    const use = r.u8('timer use');
    const actions = r.u8('timer actions');
    return {
      use: TIMER_USES[use & 0x07]!,
      running: (use & 0x40) !== 0,
      dontLog: (use & 0x80) !== 0,
      action: TIMEOUT_ACTIONS[actions & 0x07] ?? 'reserved',
      preTimeoutInterrupt: PRETIMEOUT_INTERRUPTS[(actions >> 4) & 0x07] ?? 'reserved',
      preTimeoutSeconds: r.u8('pre-timeout interval'),
      expirationFlags: r.u8('timer use expiration flags'),
      initialCountdown: r.u16le('initial countdown') / 10,
      presentCountdown: r.u16le('present countdown') / 10,
    };
  },
  encodeResponse(w) {
    const use = (w.dontLog ? 0x80 : 0) | (w.running ? 0x40 : 0) | TIMER_USES.indexOf(w.use);
    const action = Math.max(0, TIMEOUT_ACTIONS.indexOf(w.action as (typeof TIMEOUT_ACTIONS)[number]));
    const pre = Math.max(0, PRETIMEOUT_INTERRUPTS.indexOf(w.preTimeoutInterrupt as (typeof PRETIMEOUT_INTERRUPTS)[number]));
    return new ByteWriter(8)
      .u8(use)
      .u8((pre << 4) | action)
      .u8(w.preTimeoutSeconds)
      .u8(w.expirationFlags)
      .u16le(Math.round(w.initialCountdown * 10))
      .u16le(Math.round(w.presentCountdown * 10))
      .finish();
  },
};
