/** Prices of the BMC configuration fields (schema/bmc-config.graphql), spread into prices.ts. */
import type { Price } from './prices.ts';

const ACTION: Price = { base: 50, action: true };

export const BMC_CONFIG_MUTATION_PRICES = {
  setBmcUser: ACTION,
  setBmcUserPassword: ACTION,
  setLanConfig: ACTION,
  setAlertDestination: ACTION,
  setPefEnabled: ACTION,
  setSensorThresholds: ACTION,
  setPowerLimit: ACTION,
  addSelEntry: ACTION,
  setSelTime: ACTION,
  resetBmc: ACTION,
  rawBmcCommand: ACTION,
} as const satisfies Record<string, Price>;

/** Live reads: a user list is two commands per user slot, PEF one per filter and policy. */
export const BMC_CONFIG_FIELD_PRICES = {
  users: { base: 20 },
  lanConfig: { base: 10 },
  alertDestinations: { base: 10 },
  pef: { base: 20 },
  sensorThresholds: { base: 20 },
  dcmiPower: { base: 10 },
  powerLimit: { base: 10 },
  watchdog: { base: 10 },
  selTime: { base: 10 },
} as const satisfies Record<string, Price>;
