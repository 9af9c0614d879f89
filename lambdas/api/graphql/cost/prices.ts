/**
 * The price of every field that does work beyond reading a loaded object: each root field, and
 * each field with a resolver of its own. The table is typed by the generated resolver types, so
 * a new root field without a price does not compile, and test/unit/api-limits.test.ts checks it
 * against the schema (a new field with a resolver and no price fails the tests).
 *
 * Prices are in cost units against MAX_QUERY_COST; a plain field costs 1 on top.
 */
import type {
  BmcResolvers,
  FleetPowerStatusResultResolvers,
  FleetSensorsResultResolvers,
  JobResolvers,
  JobTaskResolvers,
  MutationResolvers,
  QueryResolvers,
} from '../../generated/graphql.ts';
import { BMC_CONFIG_FIELD_PRICES, BMC_CONFIG_MUTATION_PRICES } from './bmc-config-prices.ts';

export interface Price {
  /** Units per selection of the field (aliases are separate selections). */
  readonly base: number;
  /** Units per BMC the field selects (fleet fields, counted from `ids`, estimated for `tags`). */
  readonly perBmc?: number;
  /** The field changes something on a BMC: it counts against the per-request action cap. */
  readonly action?: boolean;
}

type PriceTable<R> = { readonly [K in Exclude<keyof R, `__${string}`>]-?: Price };

const READ: Price = { base: 0 };
/** A live read turns into IPMI traffic to a device that falls over under load. */
const bmcRead = (base: number): Price => ({ base });
/** A synchronous action on one BMC: expensive, and capped per request. */
const ACTION: Price = { base: 50, action: true };

export const QUERY_PRICES: PriceTable<QueryResolvers> = {
  me: READ,
  bmc: READ,
  bmcs: READ,
  fleetPowerStatus: { base: 1, perBmc: 1 },
  // Stored monitoring data: page reads, no IPMI traffic.
  events: { base: 1 },
  healthChanges: { base: 1 },
  monitoringPolicy: READ,
  fleetSensors: { base: 1, perBmc: 2 },
  auditEvents: READ,
  verifyAuditChain: { base: 50 },
  apiKeys: READ,
  tenantSettings: READ,
  accessLog: READ,
  job: READ,
  jobs: READ,
  webhooks: READ,
  webhookDeliveries: { base: 1 },
};

export const MUTATION_PRICES: PriceTable<MutationResolvers> = {
  // Registration opens a session to prove the credentials.
  registerBmc: { base: 20 },
  updateBmc: { base: 20 },
  removeBmc: { base: 5 },
  powerAction: ACTION,
  setBootDevice: ACTION,
  identify: ACTION,
  clearSel: ACTION,
  // Jobs: the request writes one task per BMC and queues it; workers do the IPMI work later,
  // under the per-BMC protection, so the price is the writes, and a power action is still capped.
  fleetPowerAction: { base: 10, perBmc: 1, action: true },
  startFleetIdentify: { base: 10, perBmc: 1, action: true },
  // One task each; a capture holds the BMC's only console and a rotation changes its password.
  solCapture: { base: 10, action: true },
  rotateBmcCredentials: { base: 10, action: true },
  startFleetReadJob: { base: 10, perBmc: 1 },
  cancelJob: { base: 5 },
  createApiKey: { base: 5 },
  revokeApiKey: { base: 5 },
  setMonitoringPolicy: { base: 20 },
  updateTenantSettings: { base: 5 },
  // Creation resolves the URL's host; a test and a re-drive each send one HTTP request now.
  createWebhook: { base: 5 },
  deleteWebhook: { base: 5 },
  testWebhook: { base: 10 },
  redriveWebhookDelivery: { base: 10 },
  ...BMC_CONFIG_MUTATION_PRICES,
};

/** Bmc's fields: the live ones reach the BMC. */
export const BMC_PRICES: PriceTable<BmcResolvers> = {
  id: READ,
  name: READ,
  address: READ,
  port: READ,
  cipherSuite: READ,
  privilege: READ,
  tags: READ,
  health: READ,
  credentialState: READ,
  credentialsUpdatedAt: READ,
  createdAt: READ,
  updatedAt: READ,
  power: bmcRead(10),
  chassisStatus: bmcRead(10),
  deviceInfo: bmcRead(10),
  sensors: bmcRead(20),
  // Stored monitoring data: DynamoDB reads, no IPMI traffic.
  sensorHistory: { base: 2 },
  monitorHistory: { base: 2 },
  predictions: { base: 1 },
  lastSeen: { base: 1 },
  selInfo: bmcRead(10),
  sel: bmcRead(20),
  fru: bmcRead(20),
  bootDevice: bmcRead(10),
  ...BMC_CONFIG_FIELD_PRICES,
};

/** One result of a fleet field: `bmc` looks the BMC up in the registry (the fleet field's per-BMC price covers the IPMI work). */
const FLEET_RESULT = { bmcId: READ, bmc: { base: 1 }, outcome: READ } as const;
export const FLEET_POWER_STATUS_RESULT_PRICES: PriceTable<FleetPowerStatusResultResolvers> = FLEET_RESULT;
export const FLEET_SENSORS_RESULT_PRICES: PriceTable<FleetSensorsResultResolvers> = FLEET_RESULT;

/** A job's fields come with the job item; `tasks` is a page read (multiplied by `first`). */
export const JOB_PRICES: PriceTable<JobResolvers> = {
  id: READ,
  kind: READ,
  state: READ,
  progress: READ,
  tasks: { base: 1 },
  action: READ,
  startedBy: READ,
  startedByRole: READ,
  createdAt: READ,
  updatedAt: READ,
  cancelledAt: READ,
  cancelledBy: READ,
};
/** A task's `bmc` looks the BMC up in the registry; the rest comes with the task item. */
export const JOB_TASK_PRICES: PriceTable<JobTaskResolvers> = {
  index: READ,
  bmcId: READ,
  bmc: { base: 1 },
  state: READ,
  result: READ,
  error: READ,
  attempts: READ,
  createdAt: READ,
  startedAt: READ,
  finishedAt: READ,
};

/** Types whose every field is priced here; fields of other types cost 1 each. */
export const PRICES: Readonly<Record<string, Readonly<Record<string, Price>>>> = {
  Query: QUERY_PRICES,
  Mutation: MUTATION_PRICES,
  Bmc: BMC_PRICES,
  FleetPowerStatusResult: FLEET_POWER_STATUS_RESULT_PRICES,
  FleetSensorsResult: FLEET_SENSORS_RESULT_PRICES,
  Job: JOB_PRICES,
  JobTask: JOB_TASK_PRICES,
  // `bmc` looks the BMC up in the registry, as a task's does.
  Event: { bmc: { base: 1 } },
  BmcHealthChange: { bmc: { base: 1 }, changedAt: READ },
};
