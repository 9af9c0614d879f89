import { createHmac, randomBytes } from 'node:crypto';
import { SessionError } from '../errors.ts';
import { openSession, type SessionOptions } from '../session/open-session.ts';
import type { Session } from '../session/session.ts';

export interface SessionPoolOptions {
  /** Close a session unused for this long (ms). BMCs drop idle sessions after 30-60 s; stay below. */
  idleMs?: number;
  /** Sessions open at once to one BMC (BMCs hold few; default 1). */
  sessionsPerBmc?: number;
}

interface Entry {
  idle: Session[];
  /** Wall-clock time each idle session was last released (timers do not run while a Lambda is frozen). */
  lastUsed: Map<Session, number>;
  open: number;
  waiters: (() => void)[];
  timers: Map<Session, ReturnType<typeof setTimeout>>;
}

/**
 * Keeps authenticated sessions open between uses (a warm Lambda, repeated sweeps), at most
 * `sessionsPerBmc` per BMC, and closes them when idle. A session that failed a call is not
 * returned to the pool: the next use opens a fresh one.
 */
export class SessionPool {
  private readonly entries = new Map<string, Entry>();
  private readonly idleMs: number;
  private readonly perBmc: number;
  private closed = false;
  /** Process-local salt: pool keys bind a session to its credentials without holding them. */
  private readonly salt = randomBytes(16);

  constructor(options: SessionPoolOptions = {}) {
    this.idleMs = options.idleMs ?? 20_000;
    this.perBmc = Math.max(1, options.sessionsPerBmc ?? 1);
  }

  private entry(key: string): Entry {
    let e = this.entries.get(key);
    if (!e) this.entries.set(key, (e = { idle: [], lastUsed: new Map(), open: 0, waiters: [], timers: new Map() }));
    return e;
  }

  /** Runs `fn` on a pooled session to the BMC of `opts`, opening one when needed. */
  async use<T>(opts: SessionOptions, fn: (s: Session) => Promise<T>): Promise<T> {
    if (this.closed) throw new SessionError('session pool is closed');
    const key = this.keyOf(opts);
    const e = this.entry(key);
    const session = await this.acquire(e, opts);
    let healthy = false;
    try {
      const out = await fn(session);
      healthy = true;
      return out;
    } finally {
      this.release(e, session, healthy && !session.isClosed);
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

  private async acquire(e: Entry, opts: SessionOptions): Promise<Session> {
    for (;;) {
      const s = e.idle.pop();
      if (s) {
        clearTimeout(e.timers.get(s));
        e.timers.delete(s);
        const idleFor = Date.now() - (e.lastUsed.get(s) ?? 0);
        e.lastUsed.delete(s);
        if (!s.isClosed && idleFor < this.idleMs) return s;
        // Idle past its time (e.g. the Lambda was frozen): the BMC may have dropped it.
        e.open--;
        void s.close();
        continue;
      }
      if (e.open < this.perBmc) {
        e.open++;
        try {
          return await openSession(opts);
        } catch (err) {
          e.open--;
          e.waiters.shift()?.();
          throw err;
        }
      }
      await new Promise<void>((resolve) => e.waiters.push(resolve));
    }
  }

  private release(e: Entry, s: Session, keep: boolean): void {
    if (keep && !this.closed) {
      e.idle.push(s);
      e.lastUsed.set(s, Date.now());
      const t = setTimeout(() => {
        const i = e.idle.indexOf(s);
        if (i >= 0) e.idle.splice(i, 1);
        e.timers.delete(s);
        e.lastUsed.delete(s);
        e.open--;
        void s.close();
      }, this.idleMs);
      t.unref();
      e.timers.set(s, t);
    } else {
      e.open--;
      void s.close();
    }
    e.waiters.shift()?.();
  }

  get openSessions(): number {
    let n = 0;
    for (const e of this.entries.values()) n += e.open;
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
        e.open--;
        all.push(s.close());
      }
    }
    await Promise.all(all);
  }

  /** Closes every idle session; sessions in use close when released. */
  async close(): Promise<void> {
    this.closed = true;
    const all: Promise<void>[] = [];
    for (const e of this.entries.values()) {
      for (const t of e.timers.values()) clearTimeout(t);
      e.timers.clear();
      e.lastUsed.clear();
      for (const s of e.idle.splice(0)) {
        e.open--;
        all.push(s.close());
      }
    }
    await Promise.all(all);
  }
}
