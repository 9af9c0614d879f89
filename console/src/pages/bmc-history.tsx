/**
 * The BMC page's history from scheduled collection: one sensor's readings over 1 h, 24 h or
 * 14 days with its thresholds, and power and health as a strip. Everything comes from the stored
 * history (sensorHistory, monitorHistory): opening this panel never reads the BMC itself, except
 * one cached sensor list for the names and thresholds.
 */
import { useMemo, useState } from 'react';
import { gql } from '../api.ts';
import { HealthStrip, HistoryChart, type HistoryPoint, type StripSample } from '../components/history-chart.tsx';
import type { Thresholds } from '../components/sensor-bar.tsx';
import { ErrorLine, Loading, Panel } from '../components/ui.tsx';
import { useQuery } from '../use-query.ts';

export const RANGES = [
  { label: '1 h', seconds: 3_600 },
  { label: '24 h', seconds: 86_400 },
  { label: '14 d', seconds: 14 * 86_400 },
] as const;

/** monitorHistory answers at most 100 samples a request: this many requests bound a strip. */
const MAX_STRIP_PAGES = 20;
const STRIP_PAGE = 100;
const REFRESH_MS = 15_000;

interface SensorInfo {
  name: string;
  type: string;
  unit: string | null;
  reading: number | null;
  status: string;
  thresholds: Thresholds;
}

interface History {
  points: HistoryPoint[];
  strip: StripSample[];
  /** True when the strip stopped at MAX_STRIP_PAGES before the end of the range. */
  clipped: boolean;
  from: number;
  to: number;
}

const seconds = (iso: string) => Date.parse(iso) / 1000;

async function loadHistory(id: string, sensor: string, rangeSeconds: number): Promise<History> {
  const to = new Date();
  const from = new Date(to.getTime() - rangeSeconds * 1000);
  const readings = await gql<{ bmc: { sensorHistory: { time: string; reading: number | null; status: string }[] } }>(
    'query SensorHistory($id: ID!, $name: String!, $from: DateTime, $to: DateTime) { bmc(id: $id) { sensorHistory(name: $name, from: $from, to: $to) { time reading status } } }',
    { id, name: sensor, from: from.toISOString(), to: to.toISOString() },
  );
  // Oldest first, 100 at a time: each page starts just after the last sample of the one before.
  const strip: StripSample[] = [];
  let after = from.toISOString();
  let clipped = false;
  for (let page = 0; ; page++) {
    if (page === MAX_STRIP_PAGES) {
      clipped = true;
      break;
    }
    const data = await gql<{ bmc: { monitorHistory: { time: string; power: string | null; health: string }[] } }>(
      'query MonitorHistory($id: ID!, $from: DateTime, $to: DateTime, $first: Int) { bmc(id: $id) { monitorHistory(from: $from, to: $to, first: $first) { time power health } } }',
      { id, from: after, to: to.toISOString(), first: STRIP_PAGE },
    );
    strip.push(...data.bmc.monitorHistory.map((s) => ({ t: seconds(s.time), power: s.power, health: s.health })));
    const last = data.bmc.monitorHistory[data.bmc.monitorHistory.length - 1];
    if (data.bmc.monitorHistory.length < STRIP_PAGE || !last) break;
    after = new Date(Date.parse(last.time) + 1).toISOString();
  }
  return {
    points: readings.bmc.sensorHistory.map((s) => ({ t: seconds(s.time), reading: s.reading, status: s.status })),
    strip,
    clipped,
    from: from.getTime() / 1000,
    to: to.getTime() / 1000,
  };
}

export function HistoryPanel({ id }: { id: string }) {
  const sensors = useQuery(
    () => gql<{ bmc: { sensors: SensorInfo[] | null } }>('query HistorySensors($id: ID!) { bmc(id: $id) { sensors(maxAge: 60) { name type unit reading status thresholds { lnr lcr lnc unc ucr unr } } } }', { id }),
    [id],
  );
  const numeric = useMemo(() => (sensors.data?.bmc.sensors ?? []).filter((s) => s.reading !== null), [sensors.data]);
  const [chosen, setChosen] = useState<string>();
  const [range, setRange] = useState<number>(RANGES[0].seconds);
  // Until one is chosen: the first sensor that is not OK, as that is the one worth a look.
  const sensor = numeric.find((s) => s.name === chosen) ?? numeric.find((s) => s.status !== 'OK') ?? numeric[0];
  const history = useQuery(() => (sensor ? loadHistory(id, sensor.name, range) : Promise.resolve(undefined)), [id, sensor?.name, range], REFRESH_MS);
  const h = history.data;

  return (
    <Panel
      title="History"
      id="history"
      actions={
        <div className="toolbar">
          <select aria-label="Sensor" value={sensor?.name ?? ''} onChange={(e) => setChosen(e.target.value)}>
            {numeric.map((s) => (
              <option key={s.name} value={s.name}>
                {s.name} ({s.type})
              </option>
            ))}
          </select>
          <div className="segmented" role="group" aria-label="Range">
            {RANGES.map((r) => (
              <button type="button" key={r.label} aria-pressed={range === r.seconds} onClick={() => setRange(r.seconds)}>
                {r.label}
              </button>
            ))}
          </div>
        </div>
      }
    >
      <ErrorLine error={sensors.error ?? history.error} />
      <Loading when={(sensors.loading && !sensors.data) || (history.loading && !h)} />
      {sensors.data && numeric.length === 0 && <p className="muted">This BMC reports no sensor with a reading.</p>}
      {sensor && h && (
        <>
          {h.points.every((p) => p.reading === null) ? (
            <p className="muted" data-testid="no-history">
              No stored readings of {sensor.name} in this range yet: scheduled collection stores one per cycle.
            </p>
          ) : (
            <HistoryChart title={sensor.name} unit={sensor.unit ?? ''} points={h.points} thresholds={sensor.thresholds} from={h.from} to={h.to} />
          )}
          {h.strip.length > 0 ? <HealthStrip samples={h.strip} from={h.from} to={h.to} /> : <p className="muted">No power or health collected in this range yet.</p>}
          {h.clipped && <p className="muted small">The strip shows the first {h.strip.length} collections of the range.</p>}
          <p className="legend small">
            <span className="dot ok" /> ok <span className="dot warn" /> non-critical <span className="dot bad" /> critical <span className="line warn" /> non-critical threshold{' '}
            <span className="line bad" /> critical threshold
          </p>
        </>
      )}
    </Panel>
  );
}
