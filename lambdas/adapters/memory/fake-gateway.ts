/**
 * A BmcGateway that keeps per-BMC state in memory: for unit tests of the services and the
 * API layer where a real session adds nothing. Passwords per endpoint decide whether
 * credentials work; failures can be scripted per endpoint.
 */
import type { BmcEndpoint, BmcGateway } from '../../core/ports.ts';
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
} from '../../core/bmc-data.ts';
import { MAX_SOL_CAPTURE_BYTES } from '../../core/bmc-data.ts';
import { DomainError } from '../../core/errors.ts';
import { solCaptureResult } from '../ipmi/sol-result.ts';

interface FakeBmcState {
  username: string;
  password: string;
  power: 'on' | 'off';
  boot: BootOptions;
  identify: IdentifyRequest | null;
  sel: SelEntry[];
  sensors: SensorReading[];
  /** When set, every call to this BMC throws it. */
  failure: DomainError | null;
  /** What a console capture prints (default a short line). */
  console?: Uint8Array;
}

export class FakeBmcGateway implements BmcGateway {
  readonly bmcs = new Map<string, FakeBmcState>();
  /** Every call made, in order: `<operation> <address>:<port>`. */
  readonly calls: string[] = [];

  /** Adds a BMC at address:port that accepts the given user and password. */
  add(address: string, port: number, username: string, password: string, init: Partial<FakeBmcState> = {}): FakeBmcState {
    const state: FakeBmcState = {
      username,
      password,
      power: 'off',
      boot: { device: 'none', persistent: false, efi: false },
      identify: null,
      sel: [],
      sensors: [],
      failure: null,
      ...init,
    };
    this.bmcs.set(`${address}:${port}`, state);
    return state;
  }

  private open(op: string, endpoint: BmcEndpoint, credentials: BmcCredentials): FakeBmcState {
    const where = `${endpoint.address}:${endpoint.port}`;
    this.calls.push(`${op} ${where}`);
    const state = this.bmcs.get(where);
    if (!state) throw new DomainError('BMC_UNREACHABLE', `no response from ${where}`);
    if (state.failure) throw state.failure;
    const { username, password } = credentials.reveal();
    if (username !== state.username || password !== state.password) throw new DomainError('BMC_AUTH_FAILED', `authentication failed at ${where}`);
    return state;
  }

  async verifyCredentials(e: BmcEndpoint, c: BmcCredentials) {
    this.open('verify', e, c);
  }
  async changePassword(e: BmcEndpoint, c: BmcCredentials, newPassword: string) {
    this.open('changePassword', e, c).password = newPassword;
  }
  async powerStatus(e: BmcEndpoint, c: BmcCredentials): Promise<PowerState> {
    return this.open('powerStatus', e, c).power;
  }
  async powerAction(e: BmcEndpoint, c: BmcCredentials, action: PowerAction): Promise<PowerActionResult> {
    const s = this.open('powerAction', e, c);
    if (action === 'on' || action === 'cycle' || action === 'reset') s.power = 'on';
    if (action === 'off' || action === 'soft') s.power = 'off';
    return { action, power: s.power, confirmed: true };
  }
  async chassisStatus(e: BmcEndpoint, c: BmcCredentials): Promise<ChassisStatus> {
    const s = this.open('chassisStatus', e, c);
    return {
      power: s.power,
      powerOverload: false,
      powerInterlock: false,
      powerFault: false,
      powerControlFault: false,
      restorePolicy: 'previous',
      lastPowerEvent: [],
      intrusion: false,
      frontPanelLockout: false,
      driveFault: false,
      coolingFault: false,
      identify: s.identify === null || 'off' in s.identify ? 'off' : 'force' in s.identify ? 'indefinite' : 'temporary',
    };
  }
  async deviceInfo(e: BmcEndpoint, c: BmcCredentials): Promise<DeviceInfo> {
    this.open('deviceInfo', e, c);
    return { deviceId: 0x20, deviceRevision: 1, firmwareVersion: '1.00', ipmiVersion: '2.0', manufacturerId: 0, manufacturer: null, productId: 0, guid: null };
  }
  async sensors(e: BmcEndpoint, c: BmcCredentials): Promise<SensorReading[]> {
    return this.open('sensors', e, c).sensors;
  }
  async selInfo(e: BmcEndpoint, c: BmcCredentials): Promise<SelInfo> {
    const s = this.open('selInfo', e, c);
    return { version: '1.5', entries: s.sel.length, freeBytes: 16 * (1024 - s.sel.length), lastAddition: null, lastErase: null };
  }
  async selList(e: BmcEndpoint, c: BmcCredentials): Promise<SelEntry[]> {
    return this.open('selList', e, c).sel;
  }
  async selClear(e: BmcEndpoint, c: BmcCredentials) {
    this.open('selClear', e, c).sel = [];
  }
  async fru(e: BmcEndpoint, c: BmcCredentials): Promise<FruInventory> {
    this.open('fru', e, c);
    return { chassis: null, board: null, product: null };
  }
  async bootDevice(e: BmcEndpoint, c: BmcCredentials): Promise<BootOptions> {
    return this.open('bootDevice', e, c).boot;
  }
  async setBootDevice(e: BmcEndpoint, c: BmcCredentials, boot: BootOptions) {
    this.open('setBootDevice', e, c).boot = boot;
  }
  async identify(e: BmcEndpoint, c: BmcCredentials, request: IdentifyRequest) {
    this.open('identify', e, c).identify = request;
  }
  async solCapture(e: BmcEndpoint, c: BmcCredentials, seconds: number) {
    const bmc = this.open('solCapture', e, c);
    const printed = bmc.console ?? new TextEncoder().encode('fake console\r\n');
    const data = printed.subarray(0, MAX_SOL_CAPTURE_BYTES);
    return solCaptureResult({ data, truncated: printed.length >= MAX_SOL_CAPTURE_BYTES, droppedBytes: printed.length - data.length }, seconds);
  }
}
