/**
 * BmcGateway on the project's IPMI v2.0 LAN+ library, with the etiquette BMCs need: at most
 * `maxSessionsPerBmc` sessions per BMC, a minimum gap between state-changing commands, one SOL
 * console at a time, and power actions confirmed by re-reading the state. The first three are
 * leases (bmc-leases.ts) in the store given as `leases`: a DynamoDB table in Lambda and for
 * `npm start`, so they hold across processes; memory otherwise (one process). A call that cannot
 * get its slot or its turn before `leaseWaitMs` fails with BMC_BUSY, having sent nothing.
 */
import type { BmcEndpoint, BmcGateway, GatewayOptions } from '../../core/ports.ts';
import type { BmcCredentials } from '../../core/credentials.ts';
import type {
  BootOptions,
  ChassisStatus,
  DeviceInfo,
  FruInventory,
  IdentifyRequest,
  PowerAction,
  PowerActionResult,
  PowerState,
  SelEntry,
  SelInfo,
  SensorReading,
  SolCapture,
} from '../../core/bmc-data.ts';
import { MAX_SOL_CAPTURE_BYTES } from '../../core/bmc-data.ts';
import { DomainError } from '../../core/errors.ts';
import type { IpmiRequester, Session, SessionOptions } from '../../ipmi/index.ts';
import { getSdrs, SdrCache, type SdrCacheStore } from '../../ipmi/sdr-cache/index.ts';
import { fromHex } from '../../ipmi/codec/bytes.ts';
import { GetChassisStatus } from '../../ipmi/commands/chassis/get-chassis-status.ts';
import { CURRENT_CHANNEL, GetUserAccess, GetUserName, SetUserPassword } from '../../ipmi/commands/app/user-accounts.ts';
import { getBootDevice, setBootDevice } from '../../ipmi/ops/boot.ts';
import { getDeviceInfo } from '../../ipmi/ops/device.ts';
import { fruToJson, readFru } from '../../ipmi/ops/fru.ts';
import { identify } from '../../ipmi/ops/identify.ts';
import { powerAction, powerStatus } from '../../ipmi/ops/power.ts';
import { selClear, selInfo, selList, selListAfter } from '../../ipmi/ops/sel.ts';
import { readSensors } from '../../ipmi/ops/sensors.ts';
import { solCaptureBounded } from '../../ipmi/sol/sol-console.ts';
import { solCaptureResult } from './sol-result.ts';
import { MemoryLeaseStore, type LeaseStore } from '../coordination/lease-store.ts';
import { BmcLeases, type Deadline } from './bmc-leases.ts';
import { chassisStatusOf, deviceInfoOf, reportedBootDevice } from './domain-mapping.ts';
import { toGatewayError } from './error-mapping.ts';
import { SessionSlots } from './session-slots.ts';
import { SpacedRequester } from './spaced-requester.ts';
import { IpmiConfigGateway } from './config-gateway.ts';
import type { BmcConfigGateway } from '../../core/bmc-config-port.ts';

export interface IpmiGatewayOptions {
  /** Per-request timeout in ms (library default when absent). */
  readonly timeoutMs?: number;
  readonly retries?: number;
  /** Concurrent sessions per BMC; BMCs hold only a few (default 2). */
  readonly maxSessionsPerBmc?: number;
  /** Minimum gap between state-changing commands to one BMC (default 1000 ms; Ironic uses 5 s). */
  readonly minActionIntervalMs?: number;
  /** How long a call waits for a session slot or its turn to act before BMC_BUSY (default 10 s). */
  readonly leaseWaitMs?: number;
  /** A lease its holder stopped renewing (the process died) is taken over after this long (default 15 s). */
  readonly leaseMs?: number;
  /** Where the leases live (default: this process's memory; give the coordination table to share them). */
  readonly leases?: LeaseStore;
  /** Re-read schedule after a power action (library default: about 30 s in all). */
  readonly powerVerifyDelaysMs?: readonly number[];
  /** Upper bound on power verification (default 20 s, inside API Gateway's 29 s). */
  readonly powerVerifyMaxWaitMs?: number;
  /** Named BMC quirks passed to every session (e.g. `opensesspriv` for ipmi_sim). */
  readonly quirks?: SessionOptions['quirks'];
  /**
   * Keep sessions open between calls (the local server, calls within one invocation), each in
   * its slot lease, closed when idle `idleMs`; false opens and closes a session per call.
   * Default: kept 20 s.
   */
  readonly sessionPool?: { readonly idleMs: number } | false;
  /**
   * Decoded SDRs kept between calls, keyed by BMC firmware and repository timestamps (a changed
   * repository is read again). Default: defaultSdrCache(), in memory only.
   */
  readonly sdrCache?: SdrCache | false;
}

/**
 * The gateway's SDR cache: 64 decoded repositories in memory for 10 minutes, over `store` when
 * given (the Lambdas pass the DynamoDB table, so a fresh execution environment reuses what
 * another one read).
 */
export function defaultSdrCache(store?: SdrCacheStore): SdrCache {
  return new SdrCache({ memory: { maxEntries: 64, ttlMs: 600_000 }, ...(store && { store }) });
}

/** `raw`: an action whose every command is spaced, its effect being unknown. */
type CallKind = 'read' | 'action' | 'raw';

export class IpmiGateway implements BmcGateway {
  private readonly leases: BmcLeases;
  private readonly sessions: SessionSlots;
  private readonly sdrCache: SdrCache | undefined;
  /** BMC configuration (config-gateway.ts) on the same sessions, slots and spacing. */
  readonly config: BmcConfigGateway;

  constructor(private readonly options: IpmiGatewayOptions = {}) {
    this.leases = new BmcLeases(options.leases ?? new MemoryLeaseStore(), {
      slots: options.maxSessionsPerBmc ?? 2,
      gapMs: options.minActionIntervalMs ?? 1000,
      leaseMs: options.leaseMs ?? 15_000,
    });
    this.sessions = new SessionSlots(this.leases, options.sessionPool === false ? false : (options.sessionPool?.idleMs ?? 20_000));
    this.sdrCache = options.sdrCache === false ? undefined : (options.sdrCache ?? defaultSdrCache());
    this.config = new IpmiConfigGateway((e, c, o, what, kind, fn) => this.session(e, c, o, what, (s) => fn(s), kind), this.sdrCache);
  }

  /** Closes kept sessions idle at least `minIdleMs` (handlers call this before the function idles). */
  async closeIdleSessions(minIdleMs = 0): Promise<void> {
    await this.sessions.closeIdle(minIdleMs);
  }

  /** Closes every kept session (shutdown). */
  async close(): Promise<void> {
    await this.sessions.closeIdle(0);
  }

  private sessionOptions(endpoint: BmcEndpoint, credentials: BmcCredentials, signal: AbortSignal | undefined): SessionOptions {
    const secret = credentials.reveal();
    return {
      host: endpoint.address,
      port: endpoint.port,
      username: secret.username,
      password: secret.password,
      privilege: endpoint.privilege,
      ...(secret.kg !== undefined && { kg: /^[0-9a-f]{40}$/i.test(secret.kg) ? fromHex(secret.kg) : new TextEncoder().encode(secret.kg) }),
      ...(endpoint.cipherSuite !== 'auto' && { cipherSuite: endpoint.cipherSuite }),
      ...(this.options.quirks && { quirks: this.options.quirks }),
      ...(this.options.timeoutMs !== undefined && { timeoutMs: this.options.timeoutMs }),
      ...(this.options.retries !== undefined && { retries: this.options.retries }),
      ...(signal && { signal }),
    };
  }

  private deadline(options: GatewayOptions | undefined): Deadline {
    return { deadlineMs: Date.now() + (this.options.leaseWaitMs ?? 10_000), ...(options?.signal && { signal: options.signal }) };
  }

  /**
   * Runs `fn` on a session in one of the BMC's slots; an action's state-changing commands are
   * sent in their turn. Errors become stable codes.
   */
  private async session<T>(
    endpoint: BmcEndpoint,
    credentials: BmcCredentials,
    options: GatewayOptions | undefined,
    what: string,
    fn: (s: IpmiRequester, session: Session) => Promise<T>,
    kind: CallKind = 'read',
    /** A fresh session, never a kept one: proving credentials must really authenticate. */
    fresh = false,
  ): Promise<T> {
    const bmc = `${endpoint.address}:${endpoint.port}`;
    const deadline = this.deadline(options);
    const action = kind === 'read' ? undefined : this.leases.newHolder();
    let connected = false;
    try {
      return await this.sessions.use(bmc, this.sessionOptions(endpoint, credentials, options?.signal), { ...deadline, fresh }, (s) => {
        connected = true;
        return fn(action ? new SpacedRequester(s, this.leases, bmc, action, deadline, kind === 'raw') : s, s);
      });
    } catch (e) {
      throw toGatewayError(e, `${what} at ${bmc}`, connected ? 'command' : 'connect');
    }
  }

  async verifyCredentials(e: BmcEndpoint, c: BmcCredentials, o?: GatewayOptions) {
    // RAKP 2/4 prove the password both ways; an open session is the verification.
    await this.session(e, c, o, 'verify credentials', async () => undefined, 'read', true);
  }

  async changePassword(e: BmcEndpoint, c: BmcCredentials, newPassword: string, o?: GatewayOptions) {
    const username = c.username;
    await this.session(
      e,
      c,
      o,
      'change password',
      async (s) => {
        // The user id is the slot whose name matches (user ids start at 1, section 22.27).
        const { maxUserIds } = await s.call(GetUserAccess, { channel: CURRENT_CHANNEL, userId: 1 });
        for (let id = 1; id <= maxUserIds; id++) {
          const name = await s.call(GetUserName, id).catch(() => null);
          if (name === username) return s.call(SetUserPassword, { userId: id, password: newPassword });
        }
        throw new DomainError('BMC_COMMAND_FAILED', `user ${username} not found among ${maxUserIds} user ids`);
      },
      'action',
      true,
    );
  }

  powerStatus(e: BmcEndpoint, c: BmcCredentials, o?: GatewayOptions): Promise<PowerState> {
    return this.session(e, c, o, 'power status', (s) => powerStatus(s));
  }

  powerAction(e: BmcEndpoint, c: BmcCredentials, action: PowerAction, o?: GatewayOptions): Promise<PowerActionResult> {
    return this.session(
      e,
      c,
      o,
      `power ${action}`,
      async (s) => {
        const r = await powerAction(s, action, {
          maxWaitMs: this.options.powerVerifyMaxWaitMs ?? 20_000,
          ...(this.options.powerVerifyDelaysMs && { delaysMs: this.options.powerVerifyDelaysMs }),
          ...(o?.signal && { signal: o.signal }),
        });
        return { action, power: r.state, confirmed: r.verified };
      },
      'action',
    );
  }

  chassisStatus(e: BmcEndpoint, c: BmcCredentials, o?: GatewayOptions): Promise<ChassisStatus> {
    return this.session(e, c, o, 'chassis status', async (s) => chassisStatusOf(await s.call(GetChassisStatus, undefined)));
  }

  deviceInfo(e: BmcEndpoint, c: BmcCredentials, o?: GatewayOptions): Promise<DeviceInfo> {
    return this.session(e, c, o, 'device info', async (s) => deviceInfoOf(await getDeviceInfo(s)));
  }

  sensors(e: BmcEndpoint, c: BmcCredentials, o?: GatewayOptions): Promise<SensorReading[]> {
    return this.session(e, c, o, 'sensors', async (s) => {
      const signal = o?.signal ? { signal: o.signal } : {};
      // SDRs come from the BMC: a copy decoded for one tenant is never handed to another.
      const sdrs = this.sdrCache ? await getSdrs(s, this.sdrCache, { ...signal, scope: e.tenantId }) : undefined;
      return readSensors(s, { ...signal, hysteresis: true, ...(sdrs ? { sdrs } : {}) });
    });
  }

  selInfo(e: BmcEndpoint, c: BmcCredentials, o?: GatewayOptions): Promise<SelInfo> {
    return this.session(e, c, o, 'SEL info', async (s) => {
      const i = await selInfo(s, o?.signal ? { signal: o.signal } : {});
      return { version: i.version, entries: i.entries, freeBytes: i.freeBytes, lastAddition: i.lastAddition, lastErase: i.lastErase };
    });
  }

  selList(e: BmcEndpoint, c: BmcCredentials, o?: GatewayOptions): Promise<SelEntry[]> {
    return this.session(e, c, o, 'SEL list', (s) => selList(s, o?.signal ? { signal: o.signal } : {}));
  }

  selListAfter(e: BmcEndpoint, c: BmcCredentials, mark: { readonly id: number; readonly raw: string }, o?: GatewayOptions): Promise<SelEntry[] | null> {
    return this.session(e, c, o, 'SEL list', (s) => selListAfter(s, mark, o?.signal ? { signal: o.signal } : {}));
  }

  async selClear(e: BmcEndpoint, c: BmcCredentials, o?: GatewayOptions): Promise<void> {
    await this.session(e, c, o, 'SEL clear', (s) => selClear(s, o?.signal ? { signal: o.signal } : {}), 'action');
  }

  fru(e: BmcEndpoint, c: BmcCredentials, fruId: number, o?: GatewayOptions): Promise<FruInventory> {
    return this.session(e, c, o, `FRU ${fruId}`, async (s) => {
      const j = fruToJson(await readFru(s, { id: fruId, ...(o?.signal && { signal: o.signal }) }));
      return { chassis: j.chassis, board: j.board, product: j.product };
    });
  }

  bootDevice(e: BmcEndpoint, c: BmcCredentials, o?: GatewayOptions): Promise<BootOptions> {
    return this.session(e, c, o, 'boot device', async (s) => {
      const f = await getBootDevice(s);
      return { device: reportedBootDevice(f.device), persistent: f.persistent, efi: f.efi };
    });
  }

  async setBootDevice(e: BmcEndpoint, c: BmcCredentials, boot: BootOptions, o?: GatewayOptions): Promise<void> {
    await this.session(e, c, o, `boot device ${boot.device}`, (s) => setBootDevice(s, boot.device, { persistent: boot.persistent, efi: boot.efi }), 'action');
  }

  async identify(e: BmcEndpoint, c: BmcCredentials, request: IdentifyRequest, o?: GatewayOptions): Promise<void> {
    await this.session(e, c, o, 'identify', (s) => identify(s, request), 'action');
  }

  async solCapture(e: BmcEndpoint, c: BmcCredentials, seconds: number, o?: GatewayOptions): Promise<SolCapture> {
    const bmc = `${e.address}:${e.port}`;
    // One console per BMC across every process; the BMC itself would refuse a second (80h).
    const console = await this.leases.sol(bmc, this.deadline(o)).catch((err: unknown) => {
      throw toGatewayError(err, `SOL capture at ${bmc}`, 'connect');
    });
    const renewal = setInterval(() => void this.leases.renew(console).catch(() => undefined), Math.max(10, Math.floor(this.leases.settings.leaseMs / 3)));
    renewal.unref();
    try {
      return await this.session(
        e,
        c,
        o,
        'SOL capture',
        async (_s, session) => {
          const capture = await solCaptureBounded(session, { seconds, maxBytes: MAX_SOL_CAPTURE_BYTES, ...(o?.signal && { signal: o.signal }) });
          return solCaptureResult(capture, seconds);
        },
        'action',
      );
    } finally {
      clearInterval(renewal);
      await this.leases.release(console);
    }
  }
}
