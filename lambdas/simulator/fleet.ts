/**
 * A fleet of simulated BMCs in one process: on consecutive ports of one address, or on
 * several 127.0.0.0/8 addresses sharing one port. Each BMC has its own identity, state,
 * sessions and faults; the profile's SDR repository is shared. One timer drives the whole
 * fleet's housekeeping, so idle BMCs cost memory only.
 */
import { Bmc, compileUsers, type BmcUser } from './bmc/bmc.ts';
import { makeIdentity } from './bmc/identity.ts';
import { DEFAULT_PROFILE, type Profile } from './bmc/profile.ts';
import { BmcHandle } from './bmc-handle.ts';
import { FaultyEndpoint } from './net/faulty-endpoint.ts';
import { DEFAULT_TIMING, type Faults, type Timing, type UserSpec } from './options.ts';
import { mixSeed, seededRng } from './rng.ts';
import { BmcServer } from './rmcp/bmc-server.ts';
import { seedSelHistory, type ScenarioSpec } from './scenarios/index.ts';

export interface FleetOptions {
  /** Number of BMCs (default 1, or the number of hosts). */
  count?: number;
  /** Address of every BMC when `hosts` is not given (default 127.0.0.1). */
  host?: string;
  /** First port; BMC i listens on basePort + i (or every host on basePort). Default or 0: free ports. */
  basePort?: number;
  /** One address per BMC, all on the same port. */
  hosts?: readonly string[];
  /** Password of the default `admin` user (ignored when `users` is given). */
  password?: string;
  users?: readonly UserSpec[];
  profile?: Profile;
  /** Faults every BMC starts with (change later with fleet.inject). */
  faults?: Faults;
  timing?: Partial<Timing>;
  /** Chassis power at start (default on). */
  poweredOn?: boolean;
  /** Seed of identities and fault decisions (default 1). */
  seed?: number;
  /** Start each BMC with a month of plausible SEL history, deterministic from the seed (default: an empty SEL). */
  selHistory?: boolean;
  /** Failure scenarios to start, by BMC index. */
  scenarios?: Readonly<Record<number, readonly ScenarioSpec[]>>;
}

export class Fleet {
  private tickTimer: ReturnType<typeof setInterval> | undefined;
  private stopped = false;

  constructor(
    readonly bmcs: readonly BmcHandle[],
    private readonly endpoints: readonly FaultyEndpoint[],
    private readonly servers: readonly BmcServer[],
    tickMs: number,
  ) {
    this.tickTimer = setInterval(() => this.tick(), tickMs);
    this.tickTimer.unref?.();
  }

  get size(): number {
    return this.bmcs.length;
  }

  bmc(i: number): BmcHandle {
    const b = this.bmcs[i];
    if (!b) throw new RangeError(`no BMC ${i} in a fleet of ${this.bmcs.length}`);
    return b;
  }

  /** Merges `faults` into the faults of BMC i (or of every BMC); quirks merge too. */
  inject(target: number | 'all', faults: Faults): void {
    const targets = target === 'all' ? this.bmcs : [this.bmc(target)];
    for (const b of targets) b.inject(faults);
  }

  /** Removes every fault and quirk from BMC i (or every BMC). */
  heal(target: number | 'all'): void {
    const targets = target === 'all' ? this.bmcs : [this.bmc(target)];
    for (const b of targets) b.heal();
  }

  tick(now = Date.now()): void {
    for (const b of this.bmcs) b.tickScenarios(now);
    for (const s of this.servers) s.tick(now);
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    if (this.tickTimer) clearInterval(this.tickTimer);
    this.tickTimer = undefined;
    for (const b of this.bmcs) b.stopScenarios();
    for (const s of this.servers) s.stop();
    await Promise.all(this.endpoints.map((e) => e.close()));
  }
}

function defaultUsers(password: string | undefined): UserSpec[] {
  return [{ name: 'admin', password: password ?? 'admin', privilege: 'admin' }];
}

async function startOne(
  index: number,
  address: string,
  port: number,
  o: { users: readonly BmcUser[]; profile: Profile; timing: Timing; faults: Faults; poweredOn: boolean; seed: number; selHistory: boolean },
): Promise<{ handle: BmcHandle; endpoint: FaultyEndpoint; server: BmcServer }> {
  const bmc = new Bmc({
    identity: makeIdentity(o.seed, index),
    profile: o.profile,
    users: o.users,
    timing: o.timing,
    faults: structuredClone(o.faults),
    poweredOn: o.poweredOn,
  });
  if (o.selHistory) seedSelHistory(bmc, seededRng(mixSeed(o.seed ^ 0x5e1, index)));
  const rng = seededRng(mixSeed(o.seed ^ 0x5eed, index));
  const endpoint = new FaultyEndpoint(address, () => bmc.faults, rng);
  const server = new BmcServer(bmc, address, port, (packet, peer) => endpoint.send(packet, peer), rng);
  try {
    server.port = await endpoint.listen(port, (packet, peer) => server.receive(packet, peer));
  } catch (e) {
    await endpoint.close();
    throw new Error(`BMC ${index}: cannot listen on ${address}:${port}: ${(e as Error).message}`, { cause: e });
  }
  return { handle: new BmcHandle(index, address, server, endpoint), endpoint, server };
}

/** Starts the fleet; resolves once every BMC listens. Failing binds stop what started and reject. */
export async function startFleet(options: FleetOptions = {}): Promise<Fleet> {
  const hosts = options.hosts;
  const count = hosts ? hosts.length : (options.count ?? 1);
  if (!Number.isInteger(count) || count < 1) throw new RangeError(`count must be a positive integer, got ${String(options.count)}`);
  if (hosts && options.count !== undefined && options.count !== hosts.length) {
    throw new RangeError(`count ${options.count} does not match the ${hosts.length} hosts given`);
  }
  const basePort = options.basePort;
  if (basePort !== undefined && (!Number.isInteger(basePort) || basePort < 0 || basePort + (hosts ? 0 : count - 1) > 65535)) {
    throw new RangeError(`basePort ${basePort} with ${count} BMCs does not fit in 0-65535`);
  }
  const shared = {
    users: compileUsers(options.users ?? defaultUsers(options.password)),
    profile: options.profile ?? DEFAULT_PROFILE,
    timing: { ...DEFAULT_TIMING, ...options.timing },
    faults: options.faults ?? {},
    poweredOn: options.poweredOn ?? true,
    seed: options.seed ?? 1,
    selHistory: options.selHistory ?? false,
  };
  const started: Awaited<ReturnType<typeof startOne>>[] = [];
  try {
    // Hosts share one port: the first bind picks it when none was given.
    let hostPort = basePort ?? 0;
    for (let i = 0; i < count; i++) {
      const address = hosts ? hosts[i]! : (options.host ?? '127.0.0.1');
      const port = hosts ? hostPort : !basePort ? 0 : basePort + i;
      const one = await startOne(i, address, port, shared);
      if (hosts && i === 0) hostPort = one.server.port;
      started.push(one);
    }
    for (const [index, specs] of Object.entries(options.scenarios ?? {})) {
      const handle = started[Number(index)]?.handle;
      if (!handle) throw new RangeError(`scenario for BMC ${index} in a fleet of ${count}`);
      for (const spec of specs) handle.startScenario(spec);
    }
  } catch (e) {
    for (const s of started) s.server.stop();
    await Promise.all(started.map((s) => s.endpoint.close()));
    throw e;
  }
  return new Fleet(
    started.map((s) => s.handle),
    started.map((s) => s.endpoint),
    started.map((s) => s.server),
    shared.timing.tickMs,
  );
}

/** Expands "127.0.1.1-127.0.1.20" (last octet range) or a comma-separated list into addresses. */
export function expandHosts(spec: string): string[] {
  const out: string[] = [];
  for (const part of spec.split(',').map((p) => p.trim()).filter(Boolean)) {
    const m = /^(\d+\.\d+\.\d+\.)(\d+)-(?:(\d+\.\d+\.\d+\.))?(\d+)$/.exec(part);
    if (!m) {
      if (!/^\d+\.\d+\.\d+\.\d+$/.test(part)) throw new RangeError(`not an IPv4 address or range: ${part}`);
      out.push(part);
      continue;
    }
    const [, prefix, from, prefix2, to] = m;
    if (prefix2 && prefix2 !== prefix) throw new RangeError(`range must vary only the last octet: ${part}`);
    const a = Number(from);
    const b = Number(to);
    if (a > b || b > 255) throw new RangeError(`bad address range: ${part}`);
    for (let i = a; i <= b; i++) out.push(`${prefix}${i}`);
  }
  return out;
}
