/**
 * The SEL a server has after a month in a rack, so that a fresh simulator does not show an
 * empty log: the log cleared at installation, maintenance power-offs with the lid opened, a
 * warm afternoon that touched the exhaust threshold, now and then one corrected memory error.
 * Deterministic from the fleet seed and the BMC's index; harmless by design (no prediction
 * rule fires on it: one corrected error and one threshold touch are not trends).
 */
import type { Bmc } from '../bmc/bmc.ts';
import { SENSOR } from '../bmc/profile.ts';
import { SensorBank } from '../bmc/sensor-bank.ts';
import { toRaw } from '../bmc/sensor-catalog.ts';
import type { SystemEvent } from '../bmc/sel-log.ts';
import type { Rng } from '../rng.ts';
import { correctableEcc } from './ecc-storm.ts';
import { analogSensor } from './fan-degrading.ts';
import { selSecondsAt } from './sel-time.ts';

const MIN = 60_000;
const DAY = 24 * 60 * MIN;

const discrete = (sensorType: number, sensorNumber: number, offset: number, deassertion: boolean): SystemEvent => ({
  sensorType,
  sensorNumber,
  eventType: 0x6f,
  deassertion,
  data: [offset, 0xff, 0xff],
});

function exhaustTouch(bmc: Bmc): [SystemEvent, SystemEvent] | null {
  const s = analogSensor(bmc, 'Exhaust Temp');
  const unc = s.rawThresholds.unc;
  if (unc === undefined) return null;
  // Upper non-critical going high (Table 42-2 offset 07h), with trigger reading and threshold.
  const e = { sensorType: s.def.sensorType, sensorNumber: s.def.number, eventType: 0x01, data: [0x57, toRaw(SensorBank.beyond(s, 'unc'), s.def.factors), unc] as const };
  return [{ ...e, deassertion: false }, { ...e, deassertion: true }];
}

/** Writes the history into the BMC's (empty) SEL, every entry in the last 30 days, oldest first. */
export function seedSelHistory(bmc: Bmc, rng: Rng, now = Date.now()): void {
  const at = (daysAgo: number) => now - daysAgo * DAY + Math.floor(rng() * 6 * 60) * MIN;
  const events: { t: number; e: SystemEvent }[] = [];
  // Event Logging Disabled (10h) offset 02h: log area reset/cleared, at installation.
  events.push({ t: now - 30 * DAY, e: discrete(0x10, SENSOR.selStatus, 0x02, false) });
  const maintenance = 1 + Math.floor(rng() * 2);
  for (let i = 0; i < maintenance; i++) {
    const t = at(25 - i * 9 - Math.floor(rng() * 4));
    events.push({ t, e: discrete(0x09, SENSOR.powerUnit, 0x00, false) });
    events.push({ t: t + 2 * MIN, e: discrete(0x05, SENSOR.intrusion, 0x00, false) });
    events.push({ t: t + 14 * MIN, e: discrete(0x05, SENSOR.intrusion, 0x00, true) });
    events.push({ t: t + 16 * MIN, e: discrete(0x09, SENSOR.powerUnit, 0x00, true) });
  }
  const touch = rng() < 0.5 ? exhaustTouch(bmc) : null;
  if (touch) {
    const t = at(3 + Math.floor(rng() * 10));
    events.push({ t, e: touch[0] }, { t: t + 20 * MIN, e: touch[1] });
  }
  if (rng() < 0.4) events.push({ t: at(8 + Math.floor(rng() * 15)), e: correctableEcc(1 + Math.floor(rng() * 8)) });
  events.sort((a, b) => a.t - b.t);
  for (const { t, e } of events) bmc.sel.addAt(e, selSecondsAt(bmc, t));
}
