/**
 * BmcGateway on the project's IPMI v2.0 LAN+ library: one RMCP+ session per call, always
 * closed, with the etiquette BMCs need (DESIGN.md section 9): a cap on concurrent sessions
 * per BMC, a minimum interval between state-changing commands to one BMC, one SOL session
 * at a time, and power actions confirmed by re-reading the state.
 */
import type { BmcEndpoint, BmcGateway, GatewayOptions } from '../core/ports.ts';
import type { BmcCredentials } from '../core/credentials.ts';
import type {
  BootDevice,
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
} from '../core/bmc-data.ts';
import { DomainError } from '../core/errors.ts';
import { SessionPool, withSession, type Session, type SessionOptions } from '../ipmi/index.ts';
import { getSdrs, SdrCache, type SdrCacheStore } from '../ipmi/sdr-cache/index.ts';
import { fromHex } from '../ipmi/codec/bytes.ts';
import { GetChassisStatus } from '../ipmi/commands/chassis/get-chassis-status.ts';
import { getBootDevice, setBootDevice } from '../ipmi/ops/boot.ts';
import { getDeviceInfo } from '../ipmi/ops/device.ts';
import { fruToJson, readFru } from '../ipmi/ops/fru.ts';
import { identify } from '../ipmi/ops/identify.ts';
import { powerAction, powerStatus } from '../ipmi/ops/power.ts';
import { selClear, selInfo, selList } from '../ipmi/ops/sel.ts';
import { readSensors } from '../ipmi/ops/sensors.ts';
import { solCapture } from '../ipmi/sol/sol-console.ts';
import { toGatewayError } from './ipmi/error-mapping.ts';
import { CURRENT_CHANNEL, GetUserAccess, GetUserName, SetUserPassword } from '../ipmi/commands/app/user-accounts.ts';

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
  /** Re-read schedule after a power action (library default: about 30 s in all). */
  readonly powerVerifyDelaysMs?: readonly number[];
  /** Upper bound on power verification (default 20 s, inside API Gateway's 29 s). */
  readonly powerVerifyMaxWaitMs?: number;
  /** Named BMC quirks passed to every session (e.g. `opensesspriv` for ipmi_sim). */
  readonly quirks?: SessionOptions['quirks'];
  /**
   * Keep sessions open between calls (warm Lambda invocations, the local server): a pool, or
   * false to open and close a session per call. Default: a pool closing sessions idle 20 s.
   */
  readonly sessionPool?: SessionPool | false;
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

/** A counting semaphore per BMC: callers beyond the cap wait their turn. */
class PerBmcLimiter {
  private readonly active = new Map<string, number>();
  private readonly waiting = new Map<string, (() => void)[]>();
  constructor(private readonly cap: number) {}

  async run<T>(key: string, fn: () => Promise<T>): Promise<T> {
    if ((this.active.get(key) ?? 0) >= this.cap) {
      await new Promise<void>((resolve) => this.waiting.set(key, [...(this.waiting.get(key) ?? []), resolve]));
    } else {
      this.active.set(key, (this.active.get(key) ?? 0) + 1);
    }
    try {
      return await fn();
    } finally {
      const queue = this.waiting.get(key);
      const next = queue?.shift();
      if (next) next(); // hand the slot over without releasing it
      else {
        this.active.set(key, (this.active.get(key) ?? 1) - 1);
        if (this.active.get(key) === 0) this.active.delete(key);
      }
      if (queue && queue.length === 0) this.waiting.delete(key);
    }
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The boot device the BMC reports, in the API's vocabulary. The selector is reported whether
 * or not the valid bit (Table 28-14 byte 1 bit 7) is set, as ipmitool does: ipmi_sim never
 * sets it. Remote and special devices map to the medium they boot from (the API offers the
 * five devices of DESIGN.md section 3).
 */
function reportedBootDevice(device: string): BootDevice {
  switch (device) {
    case 'pxe':
    case 'disk':
    case 'cdrom':
    case 'bios':
    case 'none':
      return device;
    case 'remote-cdrom':
      return 'cdrom';
    case 'safe':
    case 'diag':
    case 'remote-disk':
    case 'remote-primary':
      return 'disk';
    default:
      return 'none';
  }
}

export class IpmiGateway implements BmcGateway {
  private readonly limiter: PerBmcLimiter;
  private readonly lastAction = new Map<string, number>();
  private readonly solActive = new Set<string>();

  private readonly pool: SessionPool | undefined;
  private readonly sdrCache: SdrCache | undefined;

  constructor(private readonly options: IpmiGatewayOptions = {}) {
    this.limiter = new PerBmcLimiter(options.maxSessionsPerBmc ?? 2);
    this.pool = options.sessionPool === false ? undefined : (options.sessionPool ?? new SessionPool({ idleMs: 20_000, sessionsPerBmc: options.maxSessionsPerBmc ?? 2 }));
    this.sdrCache = options.sdrCache === false ? undefined : (options.sdrCache ?? defaultSdrCache());
  }

  /** Closes pooled sessions idle at least `minIdleMs` (handlers call this before the function idles). */
  async closeIdleSessions(minIdleMs = 0): Promise<void> {
    await this.pool?.closeIdle(minIdleMs);
  }

  /** Closes every pooled session (shutdown). */
  async close(): Promise<void> {
    await this.pool?.close();
  }

  /** Opens a session with the credentials, runs `fn`, closes; errors become stable codes. */
  private async session<T>(
    endpoint: BmcEndpoint,
    credentials: BmcCredentials,
    options: GatewayOptions | undefined,
    what: string,
    fn: (s: Session) => Promise<T>,
    kind: 'read' | 'action' = 'read',
    /** A fresh session, never a pooled one: proving credentials must really authenticate. */
    fresh = false,
  ): Promise<T> {
    const key = `${endpoint.address}:${endpoint.port}`;
    return this.limiter.run(key, async () => {
      if (kind === 'action') await this.spaceActions(key);
      const secret = credentials.reveal();
      const sessionOptions: SessionOptions = {
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
        ...(options?.signal && { signal: options.signal }),
      };
      let connected = false;
      try {
        const run = (s: Session) => {
          connected = true;
          return fn(s);
        };
        return await (this.pool && !fresh ? this.pool.use(sessionOptions, run) : withSession(sessionOptions, run));
      } catch (e) {
        throw toGatewayError(e, `${what} at ${key}`, connected ? 'command' : 'connect');
      } finally {
        if (kind === 'action') this.lastAction.set(key, Date.now());
      }
    });
  }

  private async spaceActions(key: string): Promise<void> {
    const gap = this.options.minActionIntervalMs ?? 1000;
    const wait = (this.lastAction.get(key) ?? 0) + gap - Date.now();
    if (wait > 0) await sleep(wait);
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
    return this.session(e, c, o, 'chassis status', async (s) => {
      const st = await s.call(GetChassisStatus, undefined);
      const last = st.lastPowerEvent;
      // Byte 3 of Table 28-3, named as the spec names the bits.
      const lastPowerEvent = [
        last.acFailed && 'ac-failed',
        last.overload && 'overload',
        last.interlock && 'interlock',
        last.fault && 'fault',
        last.command && 'command',
      ].filter((x): x is string => typeof x === 'string');
      return {
        power: st.powerOn ? 'on' : 'off',
        powerOverload: st.powerOverload,
        powerInterlock: st.interlock,
        powerFault: st.powerFault,
        powerControlFault: st.powerControlFault,
        restorePolicy: st.restorePolicy,
        lastPowerEvent,
        intrusion: st.intrusion,
        frontPanelLockout: st.frontPanelLockout,
        driveFault: st.driveFault,
        coolingFault: st.coolingFault,
        identify: st.identifyState === null || st.identifyState === 'reserved' ? 'unsupported' : st.identifyState,
      };
    });
  }

  deviceInfo(e: BmcEndpoint, c: BmcCredentials, o?: GatewayOptions): Promise<DeviceInfo> {
    return this.session(e, c, o, 'device info', async (s) => {
      const d = await getDeviceInfo(s);
      return {
        deviceId: d.deviceId,
        deviceRevision: d.deviceRevision,
        firmwareVersion: d.firmwareRevision,
        ipmiVersion: d.ipmiVersion,
        manufacturerId: d.manufacturerId,
        manufacturer: d.manufacturerName,
        productId: d.productId,
        guid: d.guid,
      };
    });
  }

  sensors(e: BmcEndpoint, c: BmcCredentials, o?: GatewayOptions): Promise<SensorReading[]> {
    return this.session(e, c, o, 'sensors', async (s) => {
      const signal = o?.signal ? { signal: o.signal } : {};
      // SDRs come from the BMC: a copy decoded for one tenant is never handed to another.
      const sdrs = this.sdrCache ? await getSdrs(s, this.sdrCache, { ...signal, scope: e.tenantId }) : undefined;
      return readSensors(s, { ...signal, ...(sdrs ? { sdrs } : {}) });
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
    const key = `${e.address}:${e.port}`;
    // One console per BMC from this process; the BMC itself refuses a second (80h) across processes.
    if (this.solActive.has(key)) throw new DomainError('CONFLICT', `SOL capture already running at ${key}`);
    this.solActive.add(key);
    try {
      return await this.session(
        e,
        c,
        o,
        'SOL capture',
        async (s) => {
          const bytes = await solCapture(s, { seconds, ...(o?.signal && { signal: o.signal }) });
          return { output: new TextDecoder('utf-8', { fatal: false }).decode(bytes), bytes: bytes.length, seconds };
        },
        'action',
      );
    } finally {
      this.solActive.delete(key);
    }
  }
}
