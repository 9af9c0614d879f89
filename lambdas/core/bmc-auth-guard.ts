/**
 * Keeps the API from serving as a password oracle: authentication failures against BMCs are
 * counted per tenant and BMC address (address and port, so re-registering the same BMC under a
 * new id counts on) and per tenant, in fixed windows, across processes (a WindowCounter on the
 * coordination table). Once a count passes its limit the tenant's next attempts on that BMC
 * (or on any BMC) fail with BMC_AUTH_LOCKED until the window ends: nothing is sent, no session
 * slot or lease is taken, so the BMC's session table and its own lockout policy are spared.
 *
 * The counts are per tenant: one tenant's failures never lock another tenant out of a BMC. A
 * failed handshake holds no slot either: the IPMI library abandons a half-open session at once
 * (RAKP 3 with an error status, IPMI v2.0 section 13.22).
 *
 * Memory remembers only what the counter answered (this process saw a count over the limit): a
 * process that has not seen the lock yet sends one more attempt, whose failure tells it, so
 * across N processes at most limit + N attempts are made per window.
 */
import type { BmcEndpoint, BmcGateway } from './ports.ts';
import { DomainError } from './errors.ts';
import type { WindowCounter } from './window-counter.ts';

export interface BmcAuthLimits {
  /** Failures per tenant and BMC address per window, default 5. */
  readonly perBmc?: number;
  /** Failures per tenant over all its BMCs per window, default 50. */
  readonly perTenant?: number;
  /** Window length, default 5 minutes. */
  readonly windowMs?: number;
  readonly now?: () => number;
}

/** Subjects name no secret and no key; the address is the tenant's own registration. */
export function bmcSubject(endpoint: Pick<BmcEndpoint, 'tenantId' | 'address' | 'port'>): string {
  return `bmcauth#${endpoint.tenantId}#${endpoint.address.toLowerCase()}#${endpoint.port}`;
}
export function tenantSubject(tenantId: string): string {
  return `bmcauth#${tenantId}`;
}

export class BmcAuthLockedError extends DomainError {
  constructor(scope: 'bmc' | 'tenant', retryAfterSeconds: number) {
    super(
      'BMC_AUTH_LOCKED',
      scope === 'bmc'
        ? `too many failed logins to this BMC; nothing was sent; retry after ${retryAfterSeconds} s`
        : `too many failed BMC logins by this tenant; nothing was sent; retry after ${retryAfterSeconds} s`,
      { retryAfterSeconds },
    );
    this.name = 'BmcAuthLockedError';
  }
}

const MAX_REMEMBERED = 10_000;

export class BmcAuthGuard {
  readonly perBmc: number;
  readonly perTenant: number;
  readonly windowMs: number;
  private readonly now: () => number;
  private readonly lockedUntil = new Map<string, number>();

  constructor(
    private readonly counter: WindowCounter,
    limits: BmcAuthLimits = {},
  ) {
    this.perBmc = limits.perBmc ?? 5;
    this.perTenant = limits.perTenant ?? 50;
    this.windowMs = limits.windowMs ?? 300_000;
    this.now = limits.now ?? Date.now;
    for (const [name, v] of [['perBmc', this.perBmc], ['perTenant', this.perTenant]] as const) {
      if (!Number.isInteger(v) || v < 1) throw new RangeError(`BMC auth limit ${name}: a positive integer`);
    }
    if (!Number.isInteger(this.windowMs) || this.windowMs < 1000) throw new RangeError('BMC auth window: at least 1000 ms');
  }

  /** Throws BMC_AUTH_LOCKED when this tenant is known to be locked out of this BMC (or of all). */
  check(endpoint: BmcEndpoint): void {
    const now = this.now();
    for (const [subject, scope] of [[tenantSubject(endpoint.tenantId), 'tenant'], [bmcSubject(endpoint), 'bmc']] as const) {
      const until = this.lockedUntil.get(subject);
      if (until !== undefined && until > now) throw new BmcAuthLockedError(scope, Math.ceil((until - now) / 1000));
    }
  }

  /** Counts one failed login; from the limit on, this process refuses further attempts. */
  async failed(endpoint: BmcEndpoint): Promise<void> {
    const now = this.now();
    const window = Math.floor(now / this.windowMs);
    const windowEnd = (window + 1) * this.windowMs;
    const expires = Math.ceil(windowEnd / 1000) + 60;
    const [bmc, tenant] = await Promise.all([
      this.counter.increment(bmcSubject(endpoint), window, expires),
      this.counter.increment(tenantSubject(endpoint.tenantId), window, expires),
    ]);
    if (this.lockedUntil.size > MAX_REMEMBERED) for (const [k, until] of this.lockedUntil) if (until <= now) this.lockedUntil.delete(k);
    if (bmc >= this.perBmc) this.lockedUntil.set(bmcSubject(endpoint), windowEnd);
    if (tenant >= this.perTenant) this.lockedUntil.set(tenantSubject(endpoint.tenantId), windowEnd);
  }
}

/**
 * The gateway behind the guard: every call is refused up front while its tenant is locked out
 * of the BMC, and every authentication failure is counted. The callers in the core audit both:
 * the failure (BMC_AUTH_FAILED) and each refusal (BMC_AUTH_LOCKED), as failed attempts.
 */
export function guardedGateway(gateway: BmcGateway, guard: BmcAuthGuard): BmcGateway {
  // Looked up at each call, not bound once, so the gateway's own methods stay replaceable.
  const wrap = <K extends keyof BmcGateway>(name: K): BmcGateway[K] =>
    (async (endpoint: BmcEndpoint, ...rest: unknown[]) => {
      guard.check(endpoint);
      try {
        return await (gateway[name] as (endpoint: BmcEndpoint, ...rest: unknown[]) => Promise<unknown>).call(gateway, endpoint, ...rest);
      } catch (e) {
        // A counter that cannot be written must not hide the BMC's own answer.
        if (e instanceof DomainError && e.code === 'BMC_AUTH_FAILED') await guard.failed(endpoint).catch(() => undefined);
        throw e;
      }
    }) as BmcGateway[K];
  const names: (keyof BmcGateway)[] = ['verifyCredentials', 'changePassword', 'powerStatus', 'powerAction', 'chassisStatus', 'deviceInfo', 'sensors', 'selInfo', 'selList', 'selClear', 'fru', 'bootDevice', 'setBootDevice', 'identify', 'solCapture'];
  // Optional methods are wrapped only where the gateway has them, so callers still see them missing.
  const optional: (keyof BmcGateway)[] = (['selListAfter'] as const).filter((name) => typeof gateway[name] === 'function');
  return Object.fromEntries([...names, ...optional].map((name) => [name, wrap(name)])) as unknown as BmcGateway;
}
