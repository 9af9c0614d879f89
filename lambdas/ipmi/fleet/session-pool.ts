import { createHmac, randomBytes } from 'node:crypto';
import { InvalidArgumentError, SessionError } from '../errors.ts';
import { closeOrReport, openSessionWithin, operationBudget, type SessionOptions } from '../session/open-session.ts';
import type { Session } from '../session/session.ts';
import { sharedTransport, type UdpTransport } from '../transport/udp-transport.ts';
import { bmcLimiter, DEFAULT_SESSIONS_PER_BMC } from './bmc-slots.ts';
import type { Semaphore } from './semaphore.ts';

export interface SessionPoolOptions {
  /** Close a session unused for this long (ms). BMCs drop idle sessions after 30-60 s; stay below. */
  idleMs?: number;
  /** Sessions open at once to one BMC (BMCs hold few; default 2, lower while a BMC answered 01h). */
  sessionsPerBmc?: number;
  /** Socket the pool's sessions use when a caller passes none (default: the process-wide one). */
  transport?: UdpTransport;
}

interface Entry {
  idle: Session[];
  /** Wall-clock time each idle session was last released (timers do not run while a Lambda is frozen). */
  lastUsed: Map<Session, number>;
  timers: Map<Session, ReturnType<typeof setTimeout>>;
  /** Sessions in use; idle ones only ever come from these, so idle + in use stays within the limit. */
  inUse: Semaphore;
}

/**
 * Keeps authenticated sessions open between uses (a warm Lambda, repeated sweeps), at most
 * `sessionsPerBmc` per BMC, and closes them when idle. A session that failed a call is closed,
 * not returned to the pool: the next use opens a fresh one. The pool's sessions outlive any
 * one run, so they live on the pool's transport unless a caller brings its own.
 */
export class SessionPool {
  readonly transport: UdpTransport;
  private readonly entries = new Map<string, Entry>();
  private readonly idleMs: number;
  private readonly perBmc: number;
  private closed = false;
  /** Process-local salt: pool keys bind a session to its credentials without holding them. */
  private readonly salt = randomBytes(16);

  constructor(options: SessionPoolOptions = {}) {
    this.idleMs = options.idleMs ?? 20_000;
    const perBmc = options.sessionsPerBmc ?? DEFAULT_SESSIONS_PER_BMC;
    if (!Number.isInteger(perBmc) || perBmc < 1) throw new InvalidArgumentError(`sessionsPerBmc: expected a whole number of at least 1, got ${String(perBmc)}`);
    this.perBmc = perBmc;
    this.transport = options.transport ?? sharedTransport();
  }

  private entry(key: string, opts: SessionOptions): Entry {
    let e = this.entries.get(key);
    if (!e) this.entries.set(key, (e = { idle: [], lastUsed: new Map(), timers: new Map(), inUse: bmcLimiter(opts.host, opts.port ?? 623, this.perBmc) }));
    return e;
  }

  /**
   * Runs `fn` on a pooled session to the BMC of `opts`, opening one when needed, within the
   * operation's budget (`opts.signal`, `opts.deadlineMs`; waiting for a slot included).
   */
  async use<T>(opts: SessionOptions, fn: (s: Session) => Promise<T>): Promise<T> {
    if (this.closed) throw new SessionError('session pool is closed');
    const budget = operationBudget(opts);
    const e = this.entry(this.keyOf(opts), opts);
    const release = await e.inUse.acquire(budget.signal);
    let session: Session;
    try {
      session = this.takeIdle(e) ?? (await openSessionWithin({ ...opts, transport: opts.transport ?? this.transport }, budget));
    } catch (err) {
      release();
      throw err;
    }
    const unbind = session.bind(budget);
    let healthy = false;
    let failure: unknown;
    try {
      const out = await fn(session);
      healthy = true;
      return out;
    } catch (err) {
      failure = err;
      throw err;
    } finally {
      unbind();
      if (healthy && !session.isClosed && !this.closed) this.keepIdle(e, session);
      else await closeOrReport(session, failure, opts);
      release();
    }
  }

  /**
   * One pool slot per BMC, user, privilege and credentials: a session is never handed to a
   * caller holding other credentials (two tenants registering the same BMC, a rotation).
   */
  private keyOf(opts: SessionOptions): string {
    const h = createHmac('sha256', this.salt);
    h.update(typeof opts.password === 'string' ? opts.password : Buffer.from(opts.password));
    h.update('\0');
    if (opts.kg) h.update(opts.kg);
    return `${opts.host}|${opts.port ?? 623}|${opts.username}|${opts.privilege ?? 'admin'}|${opts.cipherSuite ?? 'auto'}|${h.digest('base64')}`;
  }

  /** An idle session still worth using, if any; stale ones are closed on the way. */
  private takeIdle(e: Entry): Session | undefined {
    for (;;) {
      const s = e.idle.pop();
      if (!s) return undefined;
      clearTimeout(e.timers.get(s));
      e.timers.delete(s);
      const idleFor = Date.now() - (e.lastUsed.get(s) ?? 0);
      e.lastUsed.delete(s);
      if (!s.isClosed && idleFor < this.idleMs) return s;
      // Idle past its time (e.g. the Lambda was frozen): the BMC may have dropped it.
      void s.close();
    }
  }

  private keepIdle(e: Entry, s: Session): void {
    e.idle.push(s);
    e.lastUsed.set(s, Date.now());
    const t = setTimeout(() => {
      const i = e.idle.indexOf(s);
      if (i >= 0) e.idle.splice(i, 1);
      e.timers.delete(s);
      e.lastUsed.delete(s);
      void s.close();
    }, this.idleMs);
    t.unref();
    e.timers.set(s, t);
  }

  /** Sessions open now, idle or in use. */
  get openSessions(): number {
    let n = 0;
    for (const e of this.entries.values()) n += e.idle.length + e.inUse.held;
    return n;
  }

  /**
   * Closes sessions idle for at least `minIdleMs` now (a Lambda handler calls this when it has
   * time left, so sessions are not left to time out at the BMC while the function is frozen).
   */
  async closeIdle(minIdleMs = 0): Promise<void> {
    const now = Date.now();
    const all: Promise<void>[] = [];
    for (const e of this.entries.values()) {
      for (const s of [...e.idle]) {
        if (now - (e.lastUsed.get(s) ?? 0) < minIdleMs) continue;
        e.idle.splice(e.idle.indexOf(s), 1);
        clearTimeout(e.timers.get(s));
        e.timers.delete(s);
        e.lastUsed.delete(s);
        all.push(s.close());
      }
    }
    await Promise.all(all);
  }

  /** Closes every idle session; sessions in use close when released. */
  async close(): Promise<void> {
    this.closed = true;
    await this.closeIdle();
  }
}
