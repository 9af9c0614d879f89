/**
 * How the simulator's command handlers are registered: one entry per NetFn/command with the
 * privilege it needs (IPMI v2.0 Appendix G lists each command's privilege) and a handler that
 * turns request data into a completion code and response data. Anything not registered
 * answers C1h (invalid command), as a real BMC does.
 */
import type { Command } from '../../ipmi/protocol.ts';
import { CompletionCode } from '../../ipmi/index.ts';
import type { Bmc } from '../bmc/bmc.ts';
import type { SimSession, SessionTable } from '../rmcp/sim-session.ts';

export interface Reply {
  cc: number;
  data?: Uint8Array;
  /** Runs after the response went out (Close Session closes after answering). */
  after?: () => void;
}

/** What a handler may ask of the server it runs in (sessions, SOL, its own address). */
export interface ServerControls {
  readonly sessions: SessionTable;
  readonly address: string;
  readonly port: number;
  readonly sessionLimit: number;
  closeSession(s: SimSession): void;
  startSol(s: SimSession): void;
  stopSol(): void;
  /** True while some session has SOL active. */
  readonly solBusy: boolean;
}

export interface CommandContext {
  bmc: Bmc;
  /** Undefined for pre-session (IPMI v1.5, auth type none) requests. */
  session: SimSession | undefined;
  server: ServerControls;
}

export type Handler = (ctx: CommandContext, data: Uint8Array) => Reply;

/** Privilege levels, section 6.8. */
export const Priv = { callback: 1, user: 2, operator: 3, admin: 4 } as const;

export interface CommandEntry {
  name: string;
  privilege: number;
  /** Answered outside a session too (Get Channel Authentication Capabilities, Get Channel Cipher Suites). */
  preSession?: boolean;
  handler: Handler;
}

/** The library's table of generic completion codes (Table 5-2), by a short name. */
export const CC = CompletionCode;

export const ok = (data?: Uint8Array): Reply => (data ? { cc: CC.ok, data } : { cc: CC.ok });
export const fail = (cc: number): Reply => ({ cc });

export function commandKey(netFn: number, cmd: number): number {
  return ((netFn & 0x3e) << 8) | cmd;
}

export type CommandTable = Map<number, CommandEntry>;

export function register(table: CommandTable, netFn: number, cmd: number, entry: CommandEntry): void {
  table.set(commandKey(netFn, cmd), entry);
}

/**
 * Registers the handler of a command the library defines, under the library's own NetFn,
 * command number and name, so that client and simulator cannot disagree on them.
 */
export function registerCommand(table: CommandTable, command: Pick<Command<never, unknown>, 'name' | 'netFn' | 'cmd'>, entry: Omit<CommandEntry, 'name'>): void {
  register(table, command.netFn, command.cmd, { name: command.name, ...entry });
}
