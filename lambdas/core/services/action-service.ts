/**
 * Reads and actions on one BMC through the gateway, each authorized per object and
 * audited. Reads are one event (the credentials were used). Actions change the physical
 * world and cannot be rolled back, so a `started` event is written before anything is sent
 * (no audit, no action), and the outcome after.
 */
import { noTelemetry, type BmcGateway, type BmcRepository, type Clock, type CredentialStore, type GatewayOptions, type BmcEndpoint, type Telemetry } from '../ports.ts';
import type { Bmc, BmcHealth, Caller, JsonValue } from '../types.ts';
import type { BmcCredentials } from '../credentials.ts';
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
import { badInput, conflict, DomainError, notFound, toDomainError } from '../errors.ts';
import { validateBmcId } from '../bmc-input.ts';
import { integerIn, oneOf } from '../validation.ts';
import type { AuditService } from './audit-service.ts';
import { isRotating } from './bmc-service.ts';

interface OperationSpec {
  readonly permission: Permission;
  readonly action: string;
  /** `action` ops get a `started` event before the BMC is touched. */
  readonly kind: 'read' | 'action';
  readonly parameters?: { readonly [key: string]: JsonValue };
}

type GatewayCall<T> = (endpoint: BmcEndpoint, credentials: BmcCredentials, options: GatewayOptions) => Promise<T>;

export const MAX_SOL_SECONDS = 300;

/** Health from sensor states, as ipmi_exporter reports value and state together. */
export function healthFromSensors(sensors: readonly SensorReading[]): BmcHealth {
  if (sensors.some((s) => s.status === 'cr' || s.status === 'nr')) return 'critical';
  if (sensors.some((s) => s.status === 'nc')) return 'warning';
  return 'ok';
}

export class ActionService {
  constructor(
    private readonly bmcs: BmcRepository,
    private readonly credentials: CredentialStore,
    private readonly gateway: BmcGateway,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly telemetry: Telemetry = noTelemetry,
  ) {}

  async powerStatus(caller: Caller, id: string, signal?: AbortSignal): Promise<PowerState> {
    return this.run(caller, id, { permission: 'bmc:read', action: 'bmc.power.read', kind: 'read' }, signal, (e, c, o) => this.gateway.powerStatus(e, c, o));
  }

  async power(caller: Caller, id: string, action: PowerAction, signal?: AbortSignal): Promise<PowerActionResult> {
    const a = oneOf('action', action, POWER_ACTIONS);
    return this.run(caller, id, { permission: 'bmc:power', action: 'bmc.power.set', kind: 'action', parameters: { action: a } }, signal, (e, c, o) =>
      this.gateway.powerAction(e, c, a, o),
    );
  }

  async chassisStatus(caller: Caller, id: string, signal?: AbortSignal): Promise<ChassisStatus> {
    return this.run(caller, id, { permission: 'bmc:read', action: 'bmc.chassis.read', kind: 'read' }, signal, (e, c, o) => this.gateway.chassisStatus(e, c, o));
  }

  async deviceInfo(caller: Caller, id: string, signal?: AbortSignal): Promise<DeviceInfo> {
    return this.run(caller, id, { permission: 'bmc:read', action: 'bmc.device.read', kind: 'read' }, signal, (e, c, o) => this.gateway.deviceInfo(e, c, o));
  }

  async sensors(caller: Caller, id: string, signal?: AbortSignal): Promise<SensorReading[]> {
    return this.run(
      caller,
      id,
      { permission: 'bmc:read', action: 'bmc.sensors.read', kind: 'read' },
      signal,
      (e, c, o) => this.gateway.sensors(e, c, o),
      healthFromSensors,
    );
  }

  async selInfo(caller: Caller, id: string, signal?: AbortSignal): Promise<SelInfo> {
    return this.run(caller, id, { permission: 'bmc:read', action: 'bmc.sel.info', kind: 'read' }, signal, (e, c, o) => this.gateway.selInfo(e, c, o));
  }

  async selList(caller: Caller, id: string, signal?: AbortSignal): Promise<SelEntry[]> {
    return this.run(caller, id, { permission: 'bmc:read', action: 'bmc.sel.read', kind: 'read' }, signal, (e, c, o) => this.gateway.selList(e, c, o));
  }

  async selClear(caller: Caller, id: string, signal?: AbortSignal): Promise<void> {
    return this.run(caller, id, { permission: 'bmc:sel-clear', action: 'bmc.sel.clear', kind: 'action' }, signal, (e, c, o) => this.gateway.selClear(e, c, o));
  }

  async fru(caller: Caller, id: string, fruId = 0, signal?: AbortSignal): Promise<FruInventory> {
    // FRU device id 0xFF is reserved (IPMI v2.0 section 34.1).
    const n = integerIn('fruId', fruId, 0, 254);
    return this.run(caller, id, { permission: 'bmc:read', action: 'bmc.fru.read', kind: 'read', parameters: { fruId: n } }, signal, (e, c, o) =>
      this.gateway.fru(e, c, n, o),
    );
  }

  async bootDevice(caller: Caller, id: string, signal?: AbortSignal): Promise<BootOptions> {
    return this.run(caller, id, { permission: 'bmc:read', action: 'bmc.boot.read', kind: 'read' }, signal, (e, c, o) => this.gateway.bootDevice(e, c, o));
  }

  async setBootDevice(caller: Caller, id: string, boot: BootOptions, signal?: AbortSignal): Promise<void> {
    const valid = validateBoot(boot);
    return this.run(caller, id, { permission: 'bmc:boot', action: 'bmc.boot.set', kind: 'action', parameters: { ...valid } }, signal, (e, c, o) =>
      this.gateway.setBootDevice(e, c, valid, o),
    );
  }

  async identify(caller: Caller, id: string, request: IdentifyRequest, signal?: AbortSignal): Promise<void> {
    const valid = validateIdentify(request);
    return this.run(caller, id, { permission: 'bmc:identify', action: 'bmc.identify', kind: 'action', parameters: { ...valid } }, signal, (e, c, o) =>
      this.gateway.identify(e, c, valid, o),
    );
  }

  async solCapture(caller: Caller, id: string, seconds: number, signal?: AbortSignal): Promise<SolCapture> {
    const s = integerIn('seconds', seconds, 1, MAX_SOL_SECONDS);
    return this.run(caller, id, { permission: 'bmc:sol', action: 'bmc.sol.capture', kind: 'action', parameters: { seconds: s } }, signal, (e, c, o) =>
      this.gateway.solCapture(e, c, s, o),
    );
  }

  private async run<T>(
    caller: Caller,
    id: string,
    spec: OperationSpec,
    signal: AbortSignal | undefined,
    call: GatewayCall<T>,
    healthOf?: (value: T) => BmcHealth,
  ): Promise<T> {
    const bmcId = validateBmcId(id);
    const subject = { action: spec.action, target: `bmc:${bmcId}`, parameters: spec.parameters ?? {} };
    await this.audit.authorize(caller, spec.permission, subject);
    const bmc = await this.bmcs.get(caller.principal.tenantId, bmcId);
    // Another tenant's BMC and a missing one are the same refusal, on record in the caller's log.
    if (!bmc) throw await this.audit.deny(caller, subject, notFound('BMC', bmcId));
    if (isRotating(bmc, this.clock.now())) throw conflict(`BMC ${bmcId} is rotating credentials; try again shortly`);
    if (spec.kind === 'action') await this.audit.record(caller, { ...subject, outcome: 'started' });

    let value: T;
    try {
      value = await this.withCredentials(bmc, (credentials) => call(bmc, credentials, { requestId: caller.requestId, ...(signal && { signal }) }));
    } catch (e) {
      const error = toDomainError(e);
      // Counted here, once per BMC and operation, so a fleet request counts each BMC that did not answer.
      if (error.code === 'BMC_UNREACHABLE') this.telemetry.bmcUnreachable();
      if (error.code === 'BMC_UNREACHABLE' || error.code === 'TIMEOUT') await this.setHealth(bmc, 'unreachable');
      await this.audit.record(caller, {
        ...subject,
        parameters: error.completionCode === undefined ? subject.parameters : { ...subject.parameters, completionCode: error.completionCode },
        outcome: 'failed',
        errorCode: error.code,
      });
      throw error;
    }
    const health = healthOf ? healthOf(value) : bmc.health === 'unreachable' ? 'unknown' : bmc.health;
    await this.setHealth(bmc, health);
    await this.audit.record(caller, { ...subject, outcome: 'succeeded' });
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
