import { InvalidArgumentError, IpmiError } from '../errors.ts';
import type { Quirks, SessionOptions } from '../session/open-session.ts';
import { withSession } from '../session/open-session.ts';
import type { PrivilegeName } from '../session/rakp-messages.ts';
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

export interface FleetOptions {
  username: string;
  password: string;
  cipherSuite?: number;
  privilege?: PrivilegeName;
  quirks?: Quirks;
  /** BMCs worked on at once across the fleet (default 256). */
  concurrency?: number;
  /**
   * Requests in flight at once on one session. Default: adaptive (Session), from one up to
   * four, falling back to one at a time on a BMC that drops pipelined requests. 1 turns
   * pipelining off; a larger number fixes the depth.
   */
  maxInFlight?: number;
  timeoutMs?: number;
  retries?: number;
  /** Budget of each target's operation (session setup and `work`), in ms; see SessionOptions.deadlineMs. */
  deadlineMs?: number;
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
  signal?: AbortSignal;
}

export type FleetResult<T> =
  | { target: FleetTarget; ok: true; value: T; ms: number }
  | { target: FleetTarget; ok: false; error: Error; ms: number };

/** Large fleets answer in bursts; a bigger receive buffer keeps the kernel from dropping them. */
const FLEET_RECEIVE_BUFFER = 8 * 1024 * 1024;

/**
 * Runs `work` on a session to every target, at most `concurrency` at a time, all over one
 * UDP socket, and yields each result as it completes (not in input order). A BMC that
 * fails is a result with its error; only an abort ends the iteration early.
 */
export async function* runFleet<T>(
  targets: readonly FleetTarget[],
  work: (s: Session, t: FleetTarget) => Promise<T>,
  opts: FleetOptions,
): AsyncGenerator<FleetResult<T>> {
  const perBmc = opts.sessionsPerBmc ?? DEFAULT_SESSIONS_PER_BMC;
  if (!Number.isInteger(perBmc) || perBmc < 1) throw new InvalidArgumentError(`sessionsPerBmc: expected a whole number of at least 1, got ${String(perBmc)}`);
  const ownTransport = !opts.transport && !opts.pool;
  const transport = opts.transport ?? opts.pool?.transport ?? new UdpTransport({ receiveBufferSize: FLEET_RECEIVE_BUFFER });
  const limiters = new Map<string, Semaphore>();
  const limiterFor = (host: string, port: number): Semaphore => {
    const key = `${host}|${port}`;
    let l = limiters.get(key);
    if (!l) limiters.set(key, (l = bmcLimiter(host, port, perBmc)));
    return l;
  };

  const one = async (t: FleetTarget): Promise<FleetResult<T>> => {
    const started = performance.now();
    const sessionOpts: SessionOptions = {
      host: t.host,
      port: t.port ?? 623,
      username: opts.username,
      password: opts.password,
      transport,
      ...(opts.cipherSuite !== undefined ? { cipherSuite: opts.cipherSuite } : {}),
      ...(opts.privilege ? { privilege: opts.privilege } : {}),
      ...(opts.quirks ? { quirks: opts.quirks } : {}),
      ...(opts.timeoutMs !== undefined ? { timeoutMs: opts.timeoutMs } : {}),
      ...(opts.retries !== undefined ? { retries: opts.retries } : {}),
      ...(opts.deadlineMs !== undefined ? { deadlineMs: opts.deadlineMs } : {}),
      ...(opts.maxInFlight !== undefined ? { maxInFlight: opts.maxInFlight } : {}),
      ...(opts.signal ? { signal: opts.signal } : {}),
    };
    try {
      const value = opts.pool ? await opts.pool.use(sessionOpts, (s) => work(s, t)) : await limitedSession(limiterFor(sessionOpts.host, sessionOpts.port!), sessionOpts, (s) => work(s, t));
      return { target: t, ok: true, value, ms: performance.now() - started };
    } catch (e) {
      return { target: t, ok: false, error: e instanceof Error ? e : new Error(String(e)), ms: performance.now() - started };
    }
  };

  try {
    // The window waits for in-flight work (and its Close Session) before it returns.
    for await (const done of completeWithin(targets, opts.concurrency ?? 256, one, opts.signal)) yield done.value;
  } finally {
    if (ownTransport) await transport.close();
  }
}

/** withSession once the BMC has a slot free (the slot is held until Close Session is done). */
async function limitedSession<T>(limiter: Semaphore, opts: SessionOptions, fn: (s: Session) => Promise<T>): Promise<T> {
  const release = await limiter.acquire(opts.signal);
  try {
    return await withSession(opts, fn);
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
