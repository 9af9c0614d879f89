import { openSession, type IpmiRequester, type SessionOptions } from '../ipmi/index.ts';
import { UsageError } from './errors.ts';

/** A session as the CLI uses it: commands plus an always-awaited close. */
export type BmcSession = IpmiRequester & { close(): Promise<void> };

export type Connect = (options: SessionOptions) => Promise<BmcSession>;

/** Everything the CLI touches outside itself; injected in tests. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  env: Readonly<Record<string, string | undefined>>;
  connect: Connect;
  readFile(path: string): Promise<string>;
}

export type Privilege = 'user' | 'operator' | 'admin';

/** Global options as commander hands them over (strings, before validation). */
export interface RawGlobalOptions {
  host: string;
  port: string;
  user: string;
  passwordEnv: string;
  cipherSuite?: string;
  privilege: string;
  timeout?: string;
  retries?: string;
  json?: boolean;
}

export interface GlobalOptions {
  json: boolean;
  /** Session options without the host/port, shared by every BMC of a sweep. */
  session: Omit<SessionOptions, 'host' | 'port'>;
  host: string;
  port: number;
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

/**
 * Validates the global options and reads the password from the environment variable named by
 * --password-env. The password never comes from argv: argv is visible to every local user.
 */
export function resolveGlobalOptions(raw: RawGlobalOptions, env: CliIo['env']): GlobalOptions {
  if (!PRIVILEGES.includes(raw.privilege as Privilege)) {
    throw new UsageError(`--privilege: must be one of ${PRIVILEGES.join(', ')}, got "${raw.privilege}"`);
  }
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(raw.passwordEnv)) {
    throw new UsageError(`--password-env: "${raw.passwordEnv}" is not an environment variable name`);
  }
  const password = env[raw.passwordEnv];
  if (password === undefined) {
    throw new UsageError(`password: environment variable ${raw.passwordEnv} is not set (set it, or name another with --password-env)`);
  }
  if (raw.host.trim() === '') throw new UsageError('--host: empty');
  return {
    json: raw.json === true,
    host: raw.host,
    port: parsePort(raw.port),
    session: {
      username: raw.user,
      password,
      privilege: raw.privilege as Privilege,
      ...(raw.cipherSuite !== undefined && { cipherSuite: integer('--cipher-suite', raw.cipherSuite, 0, 255) }),
      ...(raw.timeout !== undefined && { timeoutMs: integer('--timeout', raw.timeout, 1, 600_000) }),
      ...(raw.retries !== undefined && { retries: integer('--retries', raw.retries, 0, 20) }),
    },
  };
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

export const defaultConnect: Connect = (options) => openSession(options);

/** What every subcommand gets: IO, the validated global options, and a one-call session runner. */
export interface CommandContext {
  io: CliIo;
  /** Validated on first use, so `--help` works without a password. */
  globals(): GlobalOptions;
  /** Runs `fn` against the BMC named by --host/--port. */
  bmc<T>(fn: (s: BmcSession) => Promise<T>): Promise<T>;
  /** Prints the JSON form with --json, the human form otherwise. */
  emit(human: () => string, machine: () => unknown): void;
}

export function commandContext(io: CliIo, rawGlobals: () => RawGlobalOptions): CommandContext {
  let resolved: GlobalOptions | undefined;
  const globals = () => (resolved ??= resolveGlobalOptions(rawGlobals(), io.env));
  return {
    io,
    globals,
    bmc: (fn) => {
      const g = globals();
      return withBmc(io, g, g, fn);
    },
    emit: (human, machine) => io.stdout(globals().json ? JSON.stringify(machine()) + '\n' : human()),
  };
}
