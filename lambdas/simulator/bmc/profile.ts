/**
 * The server model every simulated BMC presents: controller identity (Get Device ID),
 * sensors with their SDR conversion factors and thresholds, and the FRU texts. A profile
 * is immutable and shared by all BMCs of a fleet; per-BMC differences (serials, GUIDs,
 * MACs, live values) live in BmcIdentity and BmcState.
 */
import type { ThresholdName } from '../../ipmi/protocol.ts';
import type { HostileStorage } from './hostile-storage.ts';
import type { FactorBytes } from './sdr-records.ts';

export interface AnalogSensorDef {
  kind: 'analog';
  number: number;
  name: string;
  sensorType: number;
  entityId: number;
  entityInstance: number;
  /** Base unit code (Table 43-15): 1 degrees C, 4 Volts, 5 Amps, 6 Watts, 18 RPM. */
  baseUnit: number;
  factors: FactorBytes;
  /** Value in units while the server runs. */
  nominal: number;
  /** The value drifts nominal +- amplitude over one period. */
  driftAmplitude: number;
  driftPeriodS: number;
  /** Value while the chassis is off; null: the reading is unavailable then (entity not powered). */
  offValue: number | null;
  thresholds: Partial<Record<ThresholdName, number>>;
  hysteresis: number;
}

export interface DiscreteSensorDef {
  kind: 'discrete';
  number: number;
  name: string;
  sensorType: number;
  /** 6Fh: sensor-specific offsets (section 42.2 Table 42-3). */
  eventReadingType: number;
  entityId: number;
  entityInstance: number;
  statesMask: number;
  /** States asserted at start (bit n = offset n). */
  initialStates: number;
}

export interface EventOnlyDef {
  kind: 'event-only';
  number: number;
  name: string;
  sensorType: number;
  eventReadingType: number;
  entityId: number;
  entityInstance: number;
}

export type SensorDef = AnalogSensorDef | DiscreteSensorDef | EventOnlyDef;

export interface DeviceProfile {
  deviceId: number;
  deviceRevision: number;
  firmwareMajor: number;
  /** BCD, e.g. 0x41 for x.41. */
  firmwareMinorBcd: number;
  /** IANA enterprise number (20 bits). */
  manufacturerId: number;
  productId: number;
  auxFirmware: Uint8Array;
}

export interface FruTexts {
  chassisType: number;
  chassisPartNumber: string;
  boardManufacturer: string;
  boardProduct: string;
  boardPartNumber: string;
  /** Board manufacturing date, minutes since 1996-01-01 00:00 UTC (FRU spec 11). */
  boardMfgMinutes: number;
  productManufacturer: string;
  productName: string;
  productPartNumber: string;
  productVersion: string;
}

export interface Profile {
  name: string;
  device: DeviceProfile;
  sensors: readonly SensorDef[];
  fru: FruTexts;
  /** Largest Get SDR read the BMC serves (bytes); larger reads get CAh, as on small BMCs. */
  maxSdrReadBytes: number;
  selCapacity: number;
  /** Storage that tries to run a client away (hostile-storage.ts); absent on a well-behaved BMC. */
  hostile?: HostileStorage;
}

/** 32473 is the IANA enterprise number reserved for documentation (RFC 5612): no vendor's OEM paths trigger. */
export const EXAMPLE_IANA = 32473;

const temp = (number: number, name: string, entityId: number, instance: number, nominal: number, drift: number, upper: [number, number, number], offValue: number | null): AnalogSensorDef => ({
  kind: 'analog',
  number,
  name,
  sensorType: 0x01,
  entityId,
  entityInstance: instance,
  baseUnit: 1,
  // 0.5 degree steps from -10 to 117.5: y = (5x + (-10) * 10^1) * 10^-1.
  factors: { m: 5, b: -10, bExp: 1, rExp: -1, tolerance: 2, accuracy: 100, accuracyExp: 0 },
  nominal,
  driftAmplitude: drift,
  driftPeriodS: 90 + number * 7,
  offValue,
  thresholds: { unc: upper[0], ucr: upper[1], unr: upper[2] },
  hysteresis: 2,
});

const volt = (number: number, name: string, entityId: number, instance: number, m: number, nominal: number, range: [number, number, number, number], offValue: number | null): AnalogSensorDef => ({
  kind: 'analog',
  number,
  name,
  sensorType: 0x02,
  entityId,
  entityInstance: instance,
  baseUnit: 4,
  factors: { m, b: 0, bExp: 0, rExp: -3, tolerance: 1, accuracy: 50, accuracyExp: 0 },
  nominal,
  driftAmplitude: nominal * 0.006,
  driftPeriodS: 60 + number,
  offValue,
  thresholds: { lcr: range[0], lnc: range[1], unc: range[2], ucr: range[3] },
  hysteresis: (m * 2) / 1000,
});

const fan = (number: number, name: string, instance: number, nominal: number): AnalogSensorDef => ({
  kind: 'analog',
  number,
  name,
  sensorType: 0x04,
  entityId: 0x1d,
  entityInstance: instance,
  baseUnit: 18,
  factors: { m: 56, b: 0, bExp: 0, rExp: 0, tolerance: 4, accuracy: 200, accuracyExp: 0 },
  nominal,
  driftAmplitude: 280,
  driftPeriodS: 45 + instance * 5,
  offValue: null,
  thresholds: { lnr: 560, lcr: 1008, lnc: 1512 },
  hysteresis: 112,
});

const discrete = (number: number, name: string, sensorType: number, entityId: number, instance: number, statesMask: number, initialStates: number): DiscreteSensorDef => ({
  kind: 'discrete',
  number,
  name,
  sensorType,
  eventReadingType: 0x6f,
  entityId,
  entityInstance: instance,
  statesMask,
  initialStates,
});

/** Sensor numbers the chassis logic drives directly. */
export const SENSOR = {
  psu1: 0x40,
  psu2: 0x41,
  intrusion: 0x50,
  powerUnit: 0x51,
  selStatus: 0x60,
  memory: 0x70,
  driveBay: 0x80,
} as const;

/** A 1U two-socket rack server. */
export const DEFAULT_PROFILE: Profile = {
  name: 'sim-1u-2s',
  device: {
    deviceId: 0x20,
    deviceRevision: 0x01,
    firmwareMajor: 2,
    firmwareMinorBcd: 0x41,
    manufacturerId: EXAMPLE_IANA,
    productId: 0x0b51,
    auxFirmware: Uint8Array.of(0x00, 0x07, 0x02, 0x19),
  },
  sensors: [
    temp(0x01, 'Inlet Temp', 0x37, 1, 23, 1.5, [40, 45, 50], 22),
    temp(0x02, 'Exhaust Temp', 0x07, 1, 36, 2, [60, 70, 75], 24),
    temp(0x03, 'CPU1 Temp', 0x03, 1, 52, 4, [85, 95, 100], null),
    temp(0x04, 'CPU2 Temp', 0x03, 2, 49, 4, [85, 95, 100], null),
    temp(0x05, 'DIMM Temp', 0x20, 1, 41, 2, [80, 85, 90], null),
    volt(0x10, 'P12V', 0x07, 1, 63, 12.1, [10.8, 11.4, 12.6, 13.2], null),
    volt(0x11, 'P5V', 0x07, 2, 26, 5.02, [4.5, 4.75, 5.25, 5.5], null),
    volt(0x12, 'P3V3 STBY', 0x07, 3, 17, 3.31, [2.97, 3.14, 3.47, 3.63], 3.3),
    volt(0x13, 'CPU1 Vcore', 0x03, 1, 6, 1.1, [0.93, 0.99, 1.21, 1.27], null),
    volt(0x14, 'VBAT', 0x07, 4, 16, 3.05, [2.6, 2.8, 3.4, 3.6], 3.05),
    fan(0x20, 'FAN1', 1, 7840),
    fan(0x21, 'FAN2', 2, 7700),
    fan(0x22, 'FAN3', 3, 7950),
    fan(0x23, 'FAN4', 4, 7600),
    {
      kind: 'analog',
      number: 0x30,
      name: 'Total Power',
      sensorType: 0x0b,
      entityId: 0x13,
      entityInstance: 1,
      baseUnit: 6,
      factors: { m: 4, b: 0, bExp: 0, rExp: 0, tolerance: 2, accuracy: 100, accuracyExp: 0 },
      nominal: 312,
      driftAmplitude: 36,
      driftPeriodS: 75,
      offValue: 12,
      thresholds: { unc: 800, ucr: 900 },
      hysteresis: 8,
    },
    {
      kind: 'analog',
      number: 0x31,
      name: 'PSU1 Current',
      sensorType: 0x03,
      entityId: 0x0a,
      entityInstance: 1,
      baseUnit: 5,
      factors: { m: 2, b: 0, bExp: 0, rExp: -2, tolerance: 1, accuracy: 100, accuracyExp: 0 },
      nominal: 1.42,
      driftAmplitude: 0.16,
      driftPeriodS: 75,
      offValue: 0.06,
      thresholds: { unc: 4, ucr: 4.8 },
      hysteresis: 0.1,
    },
    // Power Supply (08h): 0 presence detected, 1 failure, 2 predictive failure, 3 input lost.
    discrete(SENSOR.psu1, 'PSU1 Status', 0x08, 0x0a, 1, 0x000f, 0x0001),
    discrete(SENSOR.psu2, 'PSU2 Status', 0x08, 0x0a, 2, 0x000f, 0x0001),
    // Physical Security (05h): 0 general chassis intrusion.
    discrete(SENSOR.intrusion, 'Chassis Intru', 0x05, 0x17, 1, 0x0001, 0x0000),
    // Power Unit (09h): 0 power off/down, 1 power cycle, 4 AC lost.
    discrete(SENSOR.powerUnit, 'Power Unit', 0x09, 0x13, 1, 0x0013, 0x0000),
    {
      kind: 'event-only',
      number: SENSOR.selStatus,
      name: 'SEL Status',
      sensorType: 0x10,
      eventReadingType: 0x6f,
      entityId: 0x06,
      entityInstance: 1,
    },
    // Memory (0Ch): correctable and uncorrectable ECC, event data 3 naming the DIMM (Table 42-3).
    { kind: 'event-only', number: SENSOR.memory, name: 'Memory ECC', sensorType: 0x0c, eventReadingType: 0x6f, entityId: 0x20, entityInstance: 1 },
    // Drive Slot (0Dh): drive fault, predictive failure, as a backplane reports them.
    { kind: 'event-only', number: SENSOR.driveBay, name: 'Drive Bay 0', sensorType: 0x0d, eventReadingType: 0x6f, entityId: 0x04, entityInstance: 1 },
  ],
  fru: {
    chassisType: 0x17,
    chassisPartNumber: 'CSE-819U-R1K02',
    boardManufacturer: 'Simulated Systems',
    boardProduct: 'SIM-X12DPU',
    boardPartNumber: 'BRD-0X12-0200',
    // 2024-03-18 09:30 UTC.
    boardMfgMinutes: Math.floor((Date.UTC(2024, 2, 18, 9, 30) - Date.UTC(1996, 0, 1)) / 60_000),
    productManufacturer: 'Simulated Systems',
    productName: 'SimServer 1029U',
    productPartNumber: 'SYS-1029U-SIM',
    productVersion: '1.02',
  },
  maxSdrReadBytes: 32,
  selCapacity: 512,
};

/** The default server with hostile storage (see hostile-storage.ts). */
export function hostileProfile(hostile: HostileStorage): Profile {
  return { ...DEFAULT_PROFILE, name: 'sim-hostile', hostile };
}
