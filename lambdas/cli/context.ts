import { LAN_VERSIONS, openLanSession, V15_AUTH_TYPES, type IpmiRequester, type LanSessionOptions, type LanVersion, type V15AuthName } from '../ipmi/index.ts';
import { UsageError } from './errors.ts';
import { expandHostRange, type HostTarget } from './host-range.ts';

/** A session as the CLI uses it: commands plus an always-awaited close. */
export type BmcSession = IpmiRequester & { close(): Promise<void> };

export type Connect = (options: LanSessionOptions) => Promise<BmcSession>;

/** The controlling terminal, for interactive commands (`sol activate`). */
export interface Terminal {
  stdin: NodeJS.ReadableStream;
  /** Raw mode where stdin is a TTY; absent otherwise. Returns something when it was set. */
  setRawMode?: (raw: boolean) => unknown;
  /** Console bytes, as they arrive (not text: the host's terminal decodes them). */
  write(bytes: Uint8Array): void;
}

/** Everything the CLI touches outside itself; injected in tests. */
export interface CliIo {
  terminal?: Terminal;
  stdout(text: string): void;
  stderr(text: string): void;
  env: Readonly<Record<string, string | undefined>>;
  connect: Connect;
  readFile(path: string): Promise<string>;
}

export type Privilege = 'user' | 'operator' | 'admin';

/** Global options as commander hands them over (strings, before validation). */
export interface RawGlobalOptions {
  host?: string;
  port: string;
  user: string;
  passwordEnv: string;
  /** ipmitool's -E: the password is in IPMI_PASSWORD (also the default of --password-env). */
  E?: boolean;
  passwordFile?: string;
  cipherSuite?: string;
  privilege: string;
  lan: string;
  /** ipmitool's -I: lan (IPMI v1.5) or lanplus (RMCP+). */
  interface?: string;
  auth?: string;
  timeout?: string;
  retries?: string;
  json?: boolean;
}

export interface GlobalOptions {
  json: boolean;
  /** Session options without the host/port, shared by every BMC of a sweep or host range. */
  session: Omit<LanSessionOptions, 'host' | 'port'>;
  /** The first (often only) BMC named by --host. */
  host: string;
  port: number;
  /** Every BMC --host names (a host range names many). */
  targets: HostTarget[];
}

function integer(name: string, text: string, min: number, max: number): number {
  if (!/^\d+$/.test(text.trim())) throw new UsageError(`${name}: expected an integer, got "${text}"`);
  const n = Number(text);
  if (n < min || n > max) throw new UsageError(`${name}: must be ${min}-${max}, got ${n}`);
  return n;
}

export function parsePort(text: string, what = '--port'): number {
  return integer(what, text, 1, 65535);
}

const PRIVILEGES: readonly Privilege[] = ['user', 'operator', 'admin'];

/** -L as ipmitool users type it (ADMINISTRATOR, OPERATOR, USER) or as --privilege takes it. */
function privilegeOf(text: string): Privilege {
  const p = text.toLowerCase() === 'administrator' ? 'admin' : text.toLowerCase();
  if (!PRIVILEGES.includes(p as Privilege)) throw new UsageError(`--privilege: must be one of ${PRIVILEGES.join(', ')}, got "${text}"`);
  return p as Privilege;
}

/** --lan, or ipmitool's -I lan|lanplus. */
function lanOf(raw: RawGlobalOptions): LanVersion {
  if (raw.interface !== undefined) {
    const byInterface: Readonly<Record<string, LanVersion>> = { lan: '1.5', lanplus: '2.0' };
    const lan = byInterface[raw.interface.toLowerCase()];
    if (!lan) throw new UsageError(`-I: expected lan or lanplus, got "${raw.interface}"`);
    return lan;
  }
  if (!LAN_VERSIONS.includes(raw.lan as LanVersion)) throw new UsageError(`--lan: expected ${LAN_VERSIONS.join(', ')}, got "${raw.lan}"`);
  return raw.lan as LanVersion;
}

function authOf(text: string | undefined, lan: LanVersion): { auth?: V15AuthName } {
  if (text === undefined) return {};
  const auth = text.toLowerCase();
  if (!(auth in V15_AUTH_TYPES)) throw new UsageError(`--auth: expected none, password or md5, got "${text}"`);
  if (lan === '2.0') throw new UsageError('--auth: applies to IPMI v1.5 sessions (--lan 1.5), not RMCP+');
  return { auth: auth as V15AuthName };
}

/**
 * Validates the global options. The password comes from the file named by -f/--password-file
 * (`filePassword`, read before this) or the environment variable named by --password-env; never
 * from argv: argv is visible to every local user. --host is checked where a BMC is needed
 * (`sweep` takes its hosts from a file).
 */
export function resolveGlobalOptions(raw: RawGlobalOptions, env: CliIo['env'], filePassword?: string): GlobalOptions {
  const privilege = privilegeOf(raw.privilege);
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(raw.passwordEnv)) {
    throw new UsageError(`--password-env: "${raw.passwordEnv}" is not an environment variable name`);
  }
  const password = filePassword ?? env[raw.passwordEnv];
  if (password === undefined) {
    throw new UsageError(`password: environment variable ${raw.passwordEnv} is not set (set it, or name another with --password-env, or give a file with -f)`);
  }
  const port = parsePort(raw.port);
  const targets = raw.host === undefined ? [] : expandHostRange(raw.host, port);
  const lan = lanOf(raw);
  return {
    json: raw.json === true,
    host: targets[0]?.host ?? '',
    port: targets[0]?.port ?? port,
    targets,
    session: {
      username: raw.user,
      password,
      privilege,
      lan,
      ...authOf(raw.auth, lan),
      ...(raw.cipherSuite !== undefined && { cipherSuite: integer('--cipher-suite', raw.cipherSuite, 0, 255) }),
      ...(raw.timeout !== undefined && { timeoutMs: integer('--timeout', raw.timeout, 1, 600_000) }),
      ...(raw.retries !== undefined && { retries: integer('--retries', raw.retries, 0, 20) }),
    },
  };
}

/** The one-line error when a command needs a BMC and none was named. */
export const HOST_REQUIRED = '--host is required: name the BMC with -H HOST (or a range, e.g. -H 10.0.0.[1-4])';

/** The password in a -f file: its first line, as ipmitool reads it. */
export function passwordFromFile(text: string): string {
  return text.split(/\r?\n/)[0]!;
}

/** Opens a session, runs `fn`, and always closes the session (BMCs hold only a few). */
export async function withBmc<T>(io: CliIo, target: { host: string; port: number }, opts: GlobalOptions, fn: (s: BmcSession) => Promise<T>): Promise<T> {
  const s = await io.connect({ ...opts.session, host: target.host, port: target.port });
  try {
    return await fn(s);
  } finally {
    await s.close().catch(() => undefined);
  }
}

export const defaultConnect: Connect = (options) => openLanSession(options);

/** What every subcommand gets: IO, the validated global options, and a one-call session runner. */
export interface CommandContext {
  io: CliIo;
  /** Reads what the options name outside argv (the -f password file); run before every action. */
  prepare(): Promise<void>;
  /** Validated on first use, so `--help` works without a password. */
  globals(): GlobalOptions;
  /** Every BMC --host names; a usage error when it names none. */
  targets(): HostTarget[];
  /** Runs `fn` against the one BMC named by --host/--port. */
  bmc<T>(fn: (s: BmcSession) => Promise<T>): Promise<T>;
  /** Prints the JSON form with --json, the human form otherwise. */
  emit(human: () => string, machine: () => unknown): void;
}

export function commandContext(io: CliIo, rawGlobals: () => RawGlobalOptions): CommandContext {
  let resolved: GlobalOptions | undefined;
  let filePassword: string | undefined;
  const globals = () => (resolved ??= resolveGlobalOptions(rawGlobals(), io.env, filePassword));
  const targets = () => {
    const t = globals().targets;
    if (t.length === 0) throw new UsageError(HOST_REQUIRED);
    return t;
  };
  return {
    io,
    prepare: async () => {
      const file = rawGlobals().passwordFile;
      if (file === undefined) return;
      try {
        filePassword = passwordFromFile(await io.readFile(file));
      } catch (err) {
        throw new UsageError(`--password-file: cannot read ${file}: ${(err as Error).message}`);
      }
    },
    globals,
    targets,
    bmc: (fn) => {
      const all = targets();
      if (all.length > 1) throw new UsageError(`--host names ${all.length} hosts; this command takes one (power status and sensors take ranges)`);
      const g = globals();
      return withBmc(io, all[0]!, g, fn);
    },
    emit: (human, machine) => io.stdout(globals().json ? JSON.stringify(machine()) + '\n' : human()),
  };
}
