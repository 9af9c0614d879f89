/**
 * The events one collection produces, built from the state before and after. Each is a fact a
 * person can read in one line; BMC text (sensor names, SEL descriptions) stays data.
 */
import { randomBytes } from 'node:crypto';
import type { SelEntry, SensorReading, SensorStatus } from '../bmc-data.ts';
import type { JsonValue, TenantId } from '../types.ts';
import type { EventSeverity, MonitorEvent, MonitorEventKind, Prediction } from './model.ts';
import { severityRank, thresholdCrossed } from './sensor-status.ts';

/** Sortable by time, unique by its random tail: `<ISO time>#<12 hex>`. */
export function eventId(time: string): string {
  return `${time}#${randomBytes(6).toString('hex')}`;
}

export class EventBuilder {
  readonly events: MonitorEvent[] = [];

  constructor(
    private readonly tenantId: TenantId,
    private readonly bmcId: string,
    private readonly time: string,
  ) {}

  add(kind: MonitorEventKind, severity: EventSeverity, message: string, detail: { [key: string]: JsonValue }): void {
    this.events.push({ id: eventId(this.time), tenantId: this.tenantId, time: this.time, kind, severity, message, bmcId: this.bmcId, detail });
  }

  power(from: string, to: string): void {
    this.add('power.changed', 'info', `power ${from} -> ${to}`, { from, to });
  }

  sensor(sensor: SensorReading, from: SensorStatus | null, to: SensorStatus): void {
    const worse = from === null || severityRank(to) > severityRank(from);
    const crossed = thresholdCrossed(sensor.reading, sensor.thresholds, worse ? to : (from ?? to));
    const reading = sensor.reading === null ? 'no reading' : `${sensor.reading}${sensor.unit ? ` ${sensor.unit}` : ''}`;
    const at = crossed ? `, threshold ${crossed.name} ${crossed.value}` : '';
    this.add('sensor.status.changed', statusSeverity(to), `sensor ${JSON.stringify(sensor.name)} ${from ?? 'new'} -> ${to} (${reading}${at})`, {
      sensor: sensor.name,
      type: sensor.type,
      from,
      to,
      reading: sensor.reading,
      unit: sensor.unit,
      threshold: crossed ? { name: crossed.name, value: crossed.value } : null,
    });
  }

  sel(entry: SelEntry): void {
    this.add('sel.entry', 'info', `SEL ${hexId(entry.id)}: ${entry.sensorType} ${entry.event} ${entry.direction}`, {
      id: entry.id,
      timestamp: entry.timestamp,
      sensorType: entry.sensorType,
      sensorNumber: entry.sensorNumber,
      event: entry.event,
      direction: entry.direction,
      raw: entry.raw,
    });
  }

  prediction(p: Prediction, previousRisk: string | null): void {
    const severity: EventSeverity = p.risk === 'high' ? 'critical' : p.risk === 'medium' ? 'warning' : 'info';
    this.add('prediction.raised', severity, `${p.component} at ${p.risk} risk: ${p.reason}`, {
      rule: p.rule,
      component: p.component,
      risk: p.risk,
      previousRisk,
      reason: p.reason,
      evidence: [...p.evidence],
      since: p.since,
    });
  }
}

function statusSeverity(status: SensorStatus): EventSeverity {
  if (status === 'cr' || status === 'nr') return 'critical';
  if (status === 'nc') return 'warning';
  return 'info';
}

function hexId(id: number): string {
  return `0x${id.toString(16).padStart(4, '0')}`;
}
