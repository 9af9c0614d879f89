/**
 * Reads and actions on one BMC through the gateway, each authorized per object, for every
 * request, before anything is served.
 *
 * Reads are coalesced (read-coalescer.ts): identical reads of one BMC in flight share one
 * round trip, and power, chassis status and sensors may be answered from a short cache within
 * the age the caller accepts (`maxAge`, default DEFAULT_MAX_AGE_SECONDS). A successful read
 * leaves what the tenant's read-audit setting asks for in the access log (read-audit.ts), not
 * an event in the BMC's hash chain; a round trip that fails is one `failed` event there.
 *
 * Actions change the physical world and cannot be rolled back, so a `started` event is
 * written before anything is sent (no audit, no action), and the outcome after. An action
 * forgets the BMC's cached answers before it starts and again when it ends, so no read that
 * comes after it is answered with the state from before it.
 */
import { randomUUID } from 'node:crypto';
import { noTelemetry, type BmcGateway, type BmcRepository, type Clock, type CredentialStore, type GatewayOptions, type BmcEndpoint, type Telemetry } from '../ports.ts';
import type { Bmc, BmcHealth, Caller, JsonValue } from '../types.ts';
import type { BmcCredentials } from '../credentials.ts';
import { bmcFor } from '../scoped-bmcs.ts';
import {
  BOOT_DEVICES,
  POWER_ACTIONS,
  type BootOptions,
  type ChassisStatus,
  type DeviceInfo,
  type FruInventory,
  type IdentifyRequest,
  type PowerAction,
  type PowerActionResult,
  type PowerState,
  type SelEntry,
  type SelInfo,
  type SensorReading,
  type SolCapture,
} from '../bmc-data.ts';
import type { Permission } from '../authorization.ts';
import { badInput, conflict, DomainError, internal, notFound, toDomainError } from '../errors.ts';
import { validateBmcId } from '../bmc-input.ts';
import { integerIn, oneOf } from '../validation.ts';
import type { AuditRecord, AuditService, AuditSubject } from './audit-service.ts';
import { isRotating } from './bmc-service.ts';
import type { ReadAudit } from './read-audit.ts';
import { ReadCoalescer, type Fresh } from '../read-coalescer.ts';
import { noInFlightStore, type InFlightAction, type InFlightStore } from '../recovery/ports.ts';

interface OperationSpec {
  readonly permission: Permission;
  readonly action: string;
  readonly parameters?: { readonly [key: string]: JsonValue };
}

interface ReadSpec {
  readonly action: string;
  /** What the read returns, with the arguments that change it: the coalescing key within one BMC. */
  readonly key: string;
  readonly parameters?: { readonly [key: string]: JsonValue };
}

export interface ReadOptions {
  /**
   * Oldest answer accepted, in seconds: 0 asks the BMC (joining an identical read in flight),
   * absent means DEFAULT_MAX_AGE_SECONDS. Honoured by power, chassis status and sensors; other
   * reads always ask the BMC.
   */
  readonly maxAge?: number | null | undefined;
  readonly signal?: AbortSignal;
}

/**
 * One second: dashboards and schedulers that poll every few seconds see a state at most this
 * old (and `readAt` says how old), a burst of identical polls costs the BMC one round trip per
 * second, and callers who need the state of this instant ask with maxAge 0.
 */
export const DEFAULT_MAX_AGE_SECONDS = 1;
/** Longest age a caller may accept: the cache keeps nothing longer. */
export const MAX_AGE_SECONDS = 300;

type GatewayCall<T> = (endpoint: BmcEndpoint, credentials: BmcCredentials, options: GatewayOptions) => Promise<T>;

export const MAX_SOL_SECONDS = 300;

/** Budget of the power re-read kept with a timed-out power action's outcome. */
const RECHECK_MS = 5_000;

/** How long an action holds its own in-flight marker while writing its outcome. */
const CLOSE_CLAIM_MS = 60_000;

/** Health from sensor states, as ipmi_exporter reports value and state together. */
export function healthFromSensors(sensors: readonly SensorReading[]): BmcHealth {
  if (sensors.some((s) => s.status === 'cr' || s.status === 'nr')) return 'critical';
  if (sensors.some((s) => s.status === 'nc')) return 'warning';
  return 'ok';
}

/** Validates a caller's maxAge (seconds) into milliseconds. */
export function maxAgeMs(maxAge: number | null | undefined): number {
  if (maxAge === undefined || maxAge === null) return DEFAULT_MAX_AGE_SECONDS * 1000;
  if (typeof maxAge !== 'number' || !Number.isFinite(maxAge) || maxAge < 0 || maxAge > MAX_AGE_SECONDS) {
    throw badInput('maxAge', `must be a number of seconds from 0 to ${MAX_AGE_SECONDS}`);
  }
  return Math.round(maxAge * 1000);
}

export class ActionService {
  private readonly coalescer: ReadCoalescer;

  constructor(
    private readonly bmcs: BmcRepository,
    private readonly credentials: CredentialStore,
    private readonly gateway: BmcGateway,
    private readonly audit: AuditService,
    private readonly reads: ReadAudit,
    private readonly clock: Clock,
    private readonly telemetry: Telemetry = noTelemetry,
    coalescer?: ReadCoalescer,
    private readonly inFlight: InFlightStore = noInFlightStore,
  ) {
    this.coalescer = coalescer ?? new ReadCoalescer(clock);
  }

  async powerStatus(caller: Caller, id: string, signal?: AbortSignal): Promise<PowerState> {
    return (await this.readPower(caller, id, signal && { signal })).value;
  }

  /** Power state with when it was read; see ReadOptions for the age accepted. */
  async readPower(caller: Caller, id: string, options: ReadOptions = {}): Promise<Fresh<PowerState>> {
    return this.read(caller, id, { action: 'bmc.power.read', key: 'power' }, maxAgeMs(options.maxAge), options.signal, (e, c, o) => this.gateway.powerStatus(e, c, o));
  }

  async readChassis(caller: Caller, id: string, options: ReadOptions = {}): Promise<Fresh<ChassisStatus>> {
    return this.read(caller, id, { action: 'bmc.chassis.read', key: 'chassis' }, maxAgeMs(options.maxAge), options.signal, (e, c, o) => this.gateway.chassisStatus(e, c, o));
  }

  async readSensors(caller: Caller, id: string, options: ReadOptions = {}): Promise<Fresh<SensorReading[]>> {
    return this.read(
      caller,
      id,
      { action: 'bmc.sensors.read', key: 'sensors' },
      maxAgeMs(options.maxAge),
      options.signal,
      (e, c, o) => this.gateway.sensors(e, c, o),
      healthFromSensors,
    );
  }

  async power(caller: Caller, id: string, action: PowerAction, signal?: AbortSignal): Promise<PowerActionResult> {
    const a = oneOf('action', action, POWER_ACTIONS);
    return this.run(caller, id, { permission: 'bmc:power', action: 'bmc.power.set', parameters: { action: a } }, signal, (e, c, o) =>
      this.gateway.powerAction(e, c, a, o),
    );
  }

  async chassisStatus(caller: Caller, id: string, signal?: AbortSignal): Promise<ChassisStatus> {
    return (await this.readChassis(caller, id, signal && { signal })).value;
  }

  async deviceInfo(caller: Caller, id: string, signal?: AbortSignal): Promise<DeviceInfo> {
    return this.readNow(caller, id, { action: 'bmc.device.read', key: 'device' }, signal, (e, c, o) => this.gateway.deviceInfo(e, c, o));
  }

  async sensors(caller: Caller, id: string, signal?: AbortSignal): Promise<SensorReading[]> {
    return (await this.readSensors(caller, id, signal && { signal })).value;
  }

  async selInfo(caller: Caller, id: string, signal?: AbortSignal): Promise<SelInfo> {
    return this.readNow(caller, id, { action: 'bmc.sel.info', key: 'sel-info' }, signal, (e, c, o) => this.gateway.selInfo(e, c, o));
  }

  async selList(caller: Caller, id: string, signal?: AbortSignal): Promise<SelEntry[]> {
    return this.readNow(caller, id, { action: 'bmc.sel.read', key: 'sel' }, signal, (e, c, o) => this.gateway.selList(e, c, o));
  }

  /**
   * SEL records added after `mark` (monitoring's incremental read); null when the marked record
   * is gone or changed, or the gateway cannot read from a mark: the caller reads the whole log.
   */
  async selListAfter(caller: Caller, id: string, mark: { readonly id: number; readonly raw: string }, signal?: AbortSignal): Promise<SelEntry[] | null> {
    const after = this.gateway.selListAfter?.bind(this.gateway);
    if (!after) return null;
    return this.readNow(caller, id, { action: 'bmc.sel.read', key: `sel-after:${mark.id}:${mark.raw}`, parameters: { afterId: mark.id } }, signal, (e, c, o) => after(e, c, mark, o));
  }

  async selClear(caller: Caller, id: string, signal?: AbortSignal): Promise<void> {
    return this.run(caller, id, { permission: 'bmc:sel-clear', action: 'bmc.sel.clear' }, signal, (e, c, o) => this.gateway.selClear(e, c, o));
  }

  async fru(caller: Caller, id: string, fruId = 0, signal?: AbortSignal): Promise<FruInventory> {
    // FRU device id 0xFF is reserved (IPMI v2.0 section 34.1).
    const n = integerIn('fruId', fruId, 0, 254);
    return this.readNow(caller, id, { action: 'bmc.fru.read', key: `fru:${n}`, parameters: { fruId: n } }, signal, (e, c, o) => this.gateway.fru(e, c, n, o));
  }

  async bootDevice(caller: Caller, id: string, signal?: AbortSignal): Promise<BootOptions> {
    return this.readNow(caller, id, { action: 'bmc.boot.read', key: 'boot' }, signal, (e, c, o) => this.gateway.bootDevice(e, c, o));
  }

  async setBootDevice(caller: Caller, id: string, boot: BootOptions, signal?: AbortSignal): Promise<void> {
    const valid = validateBoot(boot);
    return this.run(caller, id, { permission: 'bmc:boot', action: 'bmc.boot.set', parameters: { ...valid } }, signal, (e, c, o) =>
      this.gateway.setBootDevice(e, c, valid, o),
    );
  }

  async identify(caller: Caller, id: string, request: IdentifyRequest, signal?: AbortSignal): Promise<void> {
    const valid = validateIdentify(request);
    return this.run(caller, id, { permission: 'bmc:identify', action: 'bmc.identify', parameters: { ...valid } }, signal, (e, c, o) =>
      this.gateway.identify(e, c, valid, o),
    );
  }

  async solCapture(caller: Caller, id: string, seconds: number, signal?: AbortSignal): Promise<SolCapture> {
    const s = integerIn('seconds', seconds, 1, MAX_SOL_SECONDS);
    return this.run(caller, id, { permission: 'bmc:sol', action: 'bmc.sol.capture', parameters: { seconds: s } }, signal, (e, c, o) =>
      this.gateway.solCapture(e, c, s, o),
    );
  }

  /** Reads that always ask the BMC (still sharing a round trip already in flight). */
  private readNow<T>(caller: Caller, id: string, spec: ReadSpec, signal: AbortSignal | undefined, call: GatewayCall<T>): Promise<T> {
    return this.read(caller, id, spec, 0, signal, call).then((fresh) => fresh.value);
  }

  private async read<T>(
    caller: Caller,
    id: string,
    spec: ReadSpec,
    maxAge: number,
    signal: AbortSignal | undefined,
    call: GatewayCall<T>,
    healthOf?: (value: T) => BmcHealth,
  ): Promise<Fresh<T>> {
    const { bmc, subject } = await this.target(caller, id, { permission: 'bmc:read', ...spec });
    const key = { tenantId: bmc.tenantId, bmcId: bmc.id, kind: spec.key };
    // The round trip is shared, so it runs without any one caller's signal (bounded by the
    // gateway's time-outs); each caller stops waiting when its own signal fires.
    const shared = this.coalescer.read(key, maxAge, () => this.roundTrip(caller, bmc, subject, undefined, call, healthOf));
    const fresh = await untilAborted(shared, signal);
    await this.reads.record(caller, { bmcId: bmc.id, action: spec.action, readAt: fresh.readAt });
    return fresh;
  }

  /**
   * An in-flight marker goes before `started`; the outcome is written under a claim on it and
   * the marker removed after. A process that dies in between leaves the marker for recovery
   * (recovery/orphan-sweep.ts); a recoverer that claimed it first (this process was too slow)
   * writes the outcome instead, so a `started` event never gets two.
   */
  private async run<T>(caller: Caller, id: string, spec: OperationSpec, signal: AbortSignal | undefined, call: GatewayCall<T>): Promise<T> {
    const { bmc, subject } = await this.target(caller, id, spec, true);
    const marker: InFlightAction = { id: randomUUID(), tenantId: bmc.tenantId, bmcId: bmc.id, caller, action: subject.action, parameters: subject.parameters, startedAt: this.clock.now().toISOString() };
    await this.inFlight.add(marker).catch((e: unknown) => {
      throw internal('in-flight marker not written; the action was refused', e);
    });
    try {
      await this.audit.record(caller, { ...subject, outcome: 'started' });
    } catch (e) {
      await this.inFlight.remove(marker).catch(() => undefined);
      throw e;
    }
    this.coalescer.invalidate(bmc.tenantId, bmc.id);
    let value: T;
    try {
      value = await this.roundTrip(caller, bmc, subject, signal, call, undefined, async (failed) => this.close(marker, await this.failureOutcome(caller, bmc.id, failed)));
    } finally {
      this.coalescer.invalidate(bmc.tenantId, bmc.id);
    }
    await this.close(marker, { ...subject, outcome: 'succeeded' });
    return value;
  }

  /**
   * The outcome of an action that failed. One that ran out of time (no answer within its budget)
   * may still have reached the BMC: it is `unknown`, never a `failed` that invites a blind retry.
   * For power, the state is re-read and kept with it. Unlike the orphan sweep, which looks long
   * after the fact, a state read now cannot show that an on/off failed: it may be taking effect.
   */
  private async failureOutcome(caller: Caller, bmcId: string, failed: AuditRecord): Promise<AuditRecord> {
    if (failed.outcome !== 'failed' || failed.errorCode !== 'TIMEOUT') return failed;
    const unknown: AuditRecord = { ...failed, outcome: 'unknown' };
    if (failed.action !== 'bmc.power.set') return unknown;
    const recheck = { ...caller, requestId: `${caller.requestId}:recheck` };
    try {
      const { value } = await this.readPower(recheck, bmcId, { maxAge: 0, signal: AbortSignal.timeout(RECHECK_MS) });
      return { ...unknown, parameters: { ...failed.parameters, power: value } };
    } catch {
      // The BMC does not answer now either: nothing more to keep than the time-out.
      return unknown;
    }
  }

  /** Writes an action's outcome while holding its marker, then removes the marker. */
  private async close(marker: InFlightAction, outcome: AuditRecord): Promise<void> {
    const owner = `action:${marker.id}`;
    const now = this.clock.now().getTime();
    // A store error is no reason to drop the outcome: it is written, and the marker left for the
    // sweep, which finds the outcome in the chain and writes nothing more.
    const held = await this.inFlight.claim(marker, owner, now + CLOSE_CLAIM_MS, now).catch(() => undefined);
    if (held === false) return;
    await this.audit.record(marker.caller, outcome);
    if (held) await this.inFlight.settle(marker, owner).catch(() => undefined);
  }

  /**
   * Checks the caller may do this to this BMC of its own tenant, for every request; refusals are
   * recorded. Actions look the record up afresh (an action must see a rotation another process
   * just started); reads may use a record this process read a moment ago.
   */
  private async target(caller: Caller, id: string, spec: Pick<OperationSpec, 'permission' | 'action' | 'parameters'>, fresh = false) {
    const bmcId = validateBmcId(id);
    const subject = { action: spec.action, target: `bmc:${bmcId}`, parameters: spec.parameters ?? {} };
    await this.audit.authorize(caller, spec.permission, subject);
    let bmc = await bmcFor(this.bmcs, caller.principal, bmcId, { fresh });
    // A remembered record never causes a refusal by itself: it is read again first.
    if (!fresh && bmc && isRotating(bmc, this.clock.now())) bmc = await bmcFor(this.bmcs, caller.principal, bmcId, { fresh: true });
    // Another tenant's BMC, one outside the key's scope and a missing one are the same refusal,
    // on record in the caller's log.
    if (!bmc) throw await this.audit.deny(caller, subject, notFound('BMC', bmcId));
    if (isRotating(bmc, this.clock.now())) throw conflict(`BMC ${bmcId} is rotating credentials; try again shortly`);
    return { bmc, subject };
  }

  /** One exchange with the BMC; a failure is recorded (`failed`) once, and the BMC's health kept. */
  private async roundTrip<T>(
    caller: Caller,
    bmc: Bmc,
    subject: AuditSubject,
    signal: AbortSignal | undefined,
    call: GatewayCall<T>,
    healthOf?: (value: T) => BmcHealth,
    recordFailure: (record: AuditRecord) => Promise<void> = async (record) => void (await this.audit.record(caller, record)),
  ): Promise<T> {
    let value: T;
    try {
      value = await this.withCredentials(bmc, (credentials) => call(bmc, credentials, { requestId: caller.requestId, ...(signal && { signal }) }));
    } catch (e) {
      const error = toDomainError(e);
      // Counted here, once per BMC and operation, so a fleet request counts each BMC that did not answer.
      if (error.code === 'BMC_UNREACHABLE') this.telemetry.bmcUnreachable();
      if (error.code === 'BMC_UNREACHABLE' || error.code === 'TIMEOUT') await this.setHealth(bmc, 'unreachable');
      await recordFailure({
        ...subject,
        ...(error.completionCode !== undefined && { parameters: { ...subject.parameters, completionCode: error.completionCode } }),
        outcome: 'failed',
        errorCode: error.code,
      });
      throw error;
    }
    const health = healthOf ? healthOf(value) : bmc.health === 'unreachable' ? 'unknown' : bmc.health;
    await this.setHealth(bmc, health);
    return value;
  }

  /**
   * Runs with the current credentials; after an authentication failure the cache is
   * dropped and, if the store now holds different credentials (rotated elsewhere), the
   * call is tried once more. No command reached the BMC on an authentication failure, so
   * the retry cannot repeat an action.
   */
  private async withCredentials<T>(bmc: Bmc, fn: (credentials: BmcCredentials) => Promise<T>): Promise<T> {
    const first = await this.credentials.get(bmc.tenantId, bmc.id, 'current');
    if (!first) throw new DomainError('BMC_AUTH_FAILED', `no stored credentials for BMC ${bmc.id}`);
    try {
      return await fn(first);
    } catch (e) {
      if (!(e instanceof DomainError && e.code === 'BMC_AUTH_FAILED')) throw e;
      this.credentials.invalidate(bmc.tenantId, bmc.id);
      const fresh = await this.credentials.get(bmc.tenantId, bmc.id, 'current', { fresh: true });
      if (!fresh || fresh.equals(first)) throw e;
      return fn(fresh);
    }
  }

  private async setHealth(bmc: Bmc, health: BmcHealth): Promise<void> {
    if (health === bmc.health) return;
    // Health is a hint for listings; failing to store it must not fail the request.
    await this.bmcs.setHealth(bmc.tenantId, bmc.id, health).catch(() => undefined);
  }
}

function validateBoot(boot: BootOptions): BootOptions {
  if (!boot || typeof boot !== 'object') throw badInput('boot', 'device, persistent and efi are required');
  const device = oneOf('device', boot.device, BOOT_DEVICES);
  const persistent = boot.persistent ?? false;
  const efi = boot.efi ?? false;
  if (typeof persistent !== 'boolean') throw badInput('persistent', 'must be a boolean');
  if (typeof efi !== 'boolean') throw badInput('efi', 'must be a boolean');
  return { device, persistent, efi };
}

/** Identify interval is one byte (IPMI v2.0 section 28.5); 0 would mean off, so seconds start at 1. */
function validateIdentify(request: IdentifyRequest): IdentifyRequest {
  if (!request || typeof request !== 'object') throw badInput('identify', 'one of seconds, force or off is required');
  const given = (['seconds', 'force', 'off'] as const).filter((k) => k in request && (request as Record<string, unknown>)[k] !== undefined);
  if (given.length !== 1) throw badInput('identify', 'exactly one of seconds, force or off');
  if ('seconds' in request) return { seconds: integerIn('seconds', request.seconds, 1, 255) };
  if ('force' in request) {
    if (request.force !== true) throw badInput('force', 'must be true');
    return { force: true };
  }
  if (request.off !== true) throw badInput('off', 'must be true');
  return { off: true };
}

/** The shared answer, or a TIMEOUT for this caller alone when its own signal fires first. */
function untilAborted<T>(shared: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return shared;
  const aborted = () => new DomainError('TIMEOUT', 'the request was aborted');
  if (signal.aborted) return Promise.reject(aborted());
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(aborted());
    signal.addEventListener('abort', onAbort, { once: true });
    shared.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
