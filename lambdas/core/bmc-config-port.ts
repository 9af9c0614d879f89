/**
 * BMC configuration on one BMC (issue 15), apart from BmcGateway so that the gateways that only
 * read and act stay as they are. Implementations keep the same etiquette as BmcGateway (session
 * cap, spacing of state-changing commands, kept sessions), validate every change against what
 * they read first and send nothing when it is bad (BAD_USER_INPUT), and return each change's
 * values before and after, read through the same session.
 */
import type { BmcCredentials } from './credentials.ts';
import type { BmcEndpoint, GatewayOptions } from './ports.ts';
import type {
  AlertDestinationChange,
  AlertDestinations,
  BmcResetKind,
  BmcResetResult,
  BmcUser,
  BmcUserChange,
  Changed,
  LanConfigChange,
  LanDetails,
  PefConfiguration,
  PowerLimitChange,
  PowerLimitState,
  PowerStatistics,
  RawCommandRequest,
  RawCommandResult,
  SelClock,
  SelEventInput,
  SensorThresholdChange,
  SensorThresholdConfig,
  WatchdogTimer,
} from './bmc-config-data.ts';

type Call<A extends unknown[], T> = (endpoint: BmcEndpoint, credentials: BmcCredentials, ...rest: [...A, GatewayOptions?]) => Promise<T>;

export interface BmcConfigGateway {
  users: Call<[], BmcUser[]>;
  /** Fails BAD_USER_INPUT for a user id the BMC does not have. */
  setUser: Call<[userId: number, change: BmcUserChange], Changed<BmcUser>>;
  /** Set User Password (IPMI v2.0 section 22.30), 16- or 20-byte form by length. */
  setUserPassword: Call<[userId: number, password: string], BmcUser>;
  lan: Call<[], LanDetails>;
  /** Without `confirm`, a change of addressing or VLAN of the channel in use fails BAD_USER_INPUT. */
  setLan: Call<[change: LanConfigChange, confirm: boolean], Changed<LanDetails>>;
  alertDestinations: Call<[], AlertDestinations>;
  setAlertDestination: Call<[change: AlertDestinationChange], Changed<AlertDestinations>>;
  pef: Call<[], PefConfiguration>;
  setPefEnabled: Call<[enabled: boolean], Changed<PefConfiguration>>;
  /** `sensor`: the SDR name (case-insensitive); a sensor that is not threshold-based fails BAD_USER_INPUT. */
  sensorThresholds: Call<[sensor: string], SensorThresholdConfig>;
  setSensorThresholds: Call<[sensor: string, change: SensorThresholdChange], Changed<SensorThresholdConfig>>;
  dcmiPower: Call<[], PowerStatistics>;
  powerLimit: Call<[], PowerLimitState>;
  setPowerLimit: Call<[change: PowerLimitChange], Changed<PowerLimitState>>;
  selAdd: Call<[event: SelEventInput], { recordId: number }>;
  selTime: Call<[], SelClock>;
  setSelTime: Call<[time: Date], Changed<SelClock>>;
  watchdog: Call<[], WatchdogTimer>;
  reset: Call<[kind: BmcResetKind], BmcResetResult>;
  /** Any request, spaced as a state-changing command; the answer is not judged. */
  raw: Call<[request: RawCommandRequest], RawCommandResult>;
}
