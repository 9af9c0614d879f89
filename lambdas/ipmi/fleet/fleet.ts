import type { IpmiRequester } from '../commands/command.ts';
import { InvalidArgumentError, IpmiError } from '../errors.ts';
import type { SessionOptions } from '../session/open-session.ts';
import { withSession } from '../session/open-session.ts';
import type { Session } from '../session/session.ts';
import { UdpTransport } from '../transport/udp-transport.ts';
import type { SessionPool } from './session-pool.ts';
import { bmcLimiter, DEFAULT_SESSIONS_PER_BMC } from './bmc-slots.ts';
import type { Semaphore } from './semaphore.ts';
import { completeWithin } from './window.ts';

export interface FleetTarget {
  host: string;
  port?: number;
}

/**
 * The session options every target shares (host and port come from the target), plus how the
 * fleet runs. One shape from the CLI's global options down to each session: nothing is copied
 * field by field, and the password stays as given (string or bytes).
 */
export type FleetOptions = Omit<SessionOptions, 'host' | 'port'> & {
  /** BMCs worked on at once across the fleet (default 256). */
  concurrency?: number;
  /**
   * Sessions held at once to one BMC (default 2, lower while a BMC answered 01h): targets that
   * name the same BMC wait for each other. With a pool, the pool's own limit applies.
   */
  sessionsPerBmc?: number;
  /**
   * Shared socket; by default the fleet opens one and closes it at the end (with a pool, the
   * pool's socket: pooled sessions outlive the run).
   */
  transport?: UdpTransport;
  /** Reuse sessions across runs (and cap sessions per BMC); by default each target opens and closes one. */
  pool?: SessionPool;
};

/** A session opened by the caller's own `connect` (see runFleetConnected); the fleet closes it. */
export type ClosableRequester = IpmiRequester & { close(): Promise<void> };

/** Opens a session to one target with the options the fleet built for it (its shared socket included). */
export type FleetConnect<S extends ClosableRequester> = (options: SessionOptions) => Promise<S>;

export type FleetResult<T> =
  | { target: FleetTarget; ok: true; value: T; ms: number }
  | { target: FleetTarget; ok: false; error: Error; ms: number };

/** Runs `fn` on a session described by `opts` and closes it, within the fleet's per-BMC limit. */
type SessionRunner<S> = <R>(opts: SessionOptions, fn: (s: S) => Promise<R>) => Promise<R>;

/** Large fleets answer in bursts; a bigger receive buffer keeps the kernel from dropping them. */
const FLEET_RECEIVE_BUFFER = 8 * 1024 * 1024;

/**
 * Runs `work` on a session to every target, at most `concurrency` at a time, all over one
 * UDP socket, and yields each result as it completes (not in input order). A BMC that
 * fails is a result with its error; only an abort ends the iteration early.
 */
export function runFleet<T>(targets: readonly FleetTarget[], work: (s: Session, t: FleetTarget) => Promise<T>, opts: FleetOptions): AsyncGenerator<FleetResult<T>> {
  const pool = opts.pool;
  return fleet(targets, work, opts, (limiter) => (o, fn) => (pool ? pool.use(o, fn) : limitedSession(limiter(o), o, () => withSession(o, fn))));
}

/**
 * runFleet over sessions the caller opens with `connect` (the CLI's seam: its tests sweep an
 * in-memory BMC). Each is opened within the per-BMC limit and always closed after `work`; the
 * operation's budget bounds what `connect` does, as with the CLI's other commands.
 */
export function runFleetConnected<T, S extends ClosableRequester>(
  targets: readonly FleetTarget[],
  connect: FleetConnect<S>,
  work: (s: S, t: FleetTarget) => Promise<T>,
  opts: Omit<FleetOptions, 'pool'>,
): AsyncGenerator<FleetResult<T>> {
  const run: SessionRunner<S> = async (o, fn) => {
    const s = await connect(o);
    try {
      return await fn(s);
    } finally {
      await s.close().catch(() => undefined);
    }
  };
  return fleet(targets, work, opts, (limiter) => (o, fn) => limitedSession(limiter(o), o, () => run(o, fn)));
}

async function* fleet<T, S>(
  targets: readonly FleetTarget[],
  work: (s: S, t: FleetTarget) => Promise<T>,
  opts: FleetOptions,
  runnerFor: (limiter: (o: SessionOptions) => Semaphore) => SessionRunner<S>,
): AsyncGenerator<FleetResult<T>> {
  const { concurrency = 256, sessionsPerBmc: perBmc = DEFAULT_SESSIONS_PER_BMC, pool, transport: given, ...session } = opts;
  if (!Number.isInteger(perBmc) || perBmc < 1) throw new InvalidArgumentError(`sessionsPerBmc: expected a whole number of at least 1, got ${String(perBmc)}`);
  const ownTransport = !given && !pool;
  const transport = given ?? pool?.transport ?? new UdpTransport({ receiveBufferSize: FLEET_RECEIVE_BUFFER });
  const limiters = new Map<string, Semaphore>();
  const run = runnerFor((o) => {
    const key = `${o.host}|${o.port}`;
    let l = limiters.get(key);
    if (!l) limiters.set(key, (l = bmcLimiter(o.host, o.port!, perBmc)));
    return l;
  });

  const one = async (t: FleetTarget): Promise<FleetResult<T>> => {
    const started = performance.now();
    const sessionOpts: SessionOptions = { ...session, host: t.host, port: t.port ?? 623, transport };
    try {
      const value = await run(sessionOpts, (s) => work(s, t));
      return { target: t, ok: true, value, ms: performance.now() - started };
    } catch (e) {
      return { target: t, ok: false, error: e instanceof Error ? e : new Error(String(e)), ms: performance.now() - started };
    }
  };

  try {
    // The window waits for in-flight work (and its Close Session) before it returns.
    for await (const done of completeWithin(targets, concurrency, one, opts.signal)) yield done.value;
  } finally {
    if (ownTransport) await transport.close();
  }
}

/** Runs `fn` once the BMC has a slot free (the slot is held until its session is closed). */
async function limitedSession<T>(limiter: Semaphore, opts: SessionOptions, fn: () => Promise<T>): Promise<T> {
  const release = await limiter.acquire(opts.signal);
  try {
    return await fn();
  } finally {
    release();
  }
}

/** Collects a fleet run into an array (in completion order). */
export async function collectFleet<T>(it: AsyncIterable<FleetResult<T>>): Promise<FleetResult<T>[]> {
  const out: FleetResult<T>[] = [];
  for await (const r of it) out.push(r);
  return out;
}

export function isIpmiError(e: Error): e is IpmiError {
  return e instanceof IpmiError;
}
