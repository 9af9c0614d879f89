/** Sensor/Event NetFn (04h) commands, IPMI v2.0 section 35. */
import {
  ByteWriter,
  GetSensorHysteresis,
  GetSensorReading,
  GetSensorReadingFactors,
  GetSensorThresholds,
  NetFn,
  THRESHOLD_BITS,
} from '../../ipmi/protocol.ts';
import type { AnalogSensor, DiscreteSensor } from '../bmc/sensor-catalog.ts';
import { encodeFactors } from '../bmc/sdr-records.ts';
import { CC, fail, ok, Priv, register, registerCommand, type CommandContext, type CommandTable, type Reply } from './registry.ts';

function lookup(ctx: CommandContext, data: Uint8Array): AnalogSensor | DiscreteSensor | number {
  if (data.length < 1) return CC.requestLength;
  return ctx.bmc.catalog.byNumber.get(data[0]!) ?? CC.notPresent;
}

const isAnalog = (s: AnalogSensor | DiscreteSensor): s is AnalogSensor => 'rawThresholds' in s;

/**
 * Get Sensor Reading, 35.14. Byte 2: [7] event messages enabled, [6] scanning enabled,
 * [5] reading unavailable. Byte 3: threshold status ([7:6] reserved, returned as 1b) or
 * discrete states 0-7; byte 4 (discrete only): states 8-14, [7] returned as 1b.
 */
function getSensorReading(ctx: CommandContext, data: Uint8Array): Reply {
  const s = lookup(ctx, data);
  if (typeof s === 'number') return fail(s);
  if (isAnalog(s)) {
    const r = ctx.bmc.sensors.readAnalog(s, ctx.bmc.poweredOn);
    return ok(Uint8Array.of(r.raw, 0xc0 | (r.available ? 0 : 0x20), r.available ? 0xc0 | r.status : 0xc0));
  }
  const states = ctx.bmc.sensors.readDiscrete(s);
  return ok(Uint8Array.of(0x00, 0xc0, states & 0xff, 0x80 | ((states >> 8) & 0x7f)));
}

/** Get Sensor Thresholds, 35.9: readable mask, then LNC, LCR, LNR, UNC, UCR, UNR. */
function getSensorThresholds(ctx: CommandContext, data: Uint8Array): Reply {
  const s = lookup(ctx, data);
  if (typeof s === 'number') return fail(s);
  if (!isAnalog(s)) return fail(CC.illegalForSensor);
  const w = new ByteWriter(7).u8(s.readableMask);
  const thresholds = ctx.bmc.sensors.thresholdsOf(s);
  for (const name of THRESHOLD_BITS) w.u8(thresholds[name] ?? 0);
  return ok(w.finish());
}

/** Get Sensor Hysteresis, 35.7: positive-going, negative-going (raw counts). */
function getSensorHysteresis(ctx: CommandContext, data: Uint8Array): Reply {
  if (data.length < 2) return fail(CC.requestLength);
  const s = lookup(ctx, data);
  if (typeof s === 'number') return fail(s);
  if (!isAnalog(s)) return fail(CC.illegalForSensor);
  return ok(Uint8Array.of(...ctx.bmc.sensors.hysteresisOf(s)));
}

/** Get Sensor Reading Factors, 35.5: linear sensors have one set of factors for every reading. */
function getSensorReadingFactors(ctx: CommandContext, data: Uint8Array): Reply {
  if (data.length < 2) return fail(CC.requestLength);
  const s = lookup(ctx, data);
  if (typeof s === 'number') return fail(s);
  if (!isAnalog(s)) return fail(CC.illegalForSensor);
  return ok(new ByteWriter(7).u8(0xff).bytes(encodeFactors(s.def.factors, 0x01)).finish());
}

/** Get Sensor Event Enable, 35.11: all events and scanning enabled, per the SDR masks. */
function getSensorEventEnable(ctx: CommandContext, data: Uint8Array): Reply {
  const s = lookup(ctx, data);
  if (typeof s === 'number') return fail(s);
  return ok(Uint8Array.of(0xc0, 0x00, 0x00, 0x00, 0x00));
}

export function registerSensorCommands(t: CommandTable): void {
  const se = NetFn.sensorEvent;
  registerCommand(t, GetSensorReadingFactors, { privilege: Priv.user, handler: getSensorReadingFactors });
  registerCommand(t, GetSensorHysteresis, { privilege: Priv.user, handler: getSensorHysteresis });
  registerCommand(t, GetSensorThresholds, { privilege: Priv.user, handler: getSensorThresholds });
  register(t, se, 0x29, { name: 'Get Sensor Event Enable', privilege: Priv.user, handler: getSensorEventEnable });
  registerCommand(t, GetSensorReading, { privilege: Priv.user, handler: getSensorReading });
}
