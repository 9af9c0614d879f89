/**
 * One sensor's stored history (uPlot): the readings as a line, each sample a dot in its status
 * colour, and the sensor's thresholds as horizontal lines (amber non-critical, red critical and
 * non-recoverable). The y scale always spans the thresholds, so a reading's distance to them shows.
 */
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { Thresholds } from './sensor-bar.tsx';

export interface HistoryPoint {
  /** Unix time in seconds. */
  readonly t: number;
  readonly reading: number | null;
  /** SensorStatus as the API names it (OK, NON_CRITICAL, ...). */
  readonly status: string;
}

export const STATUS_COLOR: Readonly<Record<string, string>> = {
  OK: '#16a34a',
  NON_CRITICAL: '#d97706',
  CRITICAL: '#dc2626',
  NON_RECOVERABLE: '#7f1d1d',
  NOT_AVAILABLE: '#9ca3af',
};

const THRESHOLD_LINES: readonly { key: keyof Thresholds; color: string }[] = [
  { key: 'lnr', color: '#7f1d1d' },
  { key: 'lcr', color: '#dc2626' },
  { key: 'lnc', color: '#d97706' },
  { key: 'unc', color: '#d97706' },
  { key: 'ucr', color: '#dc2626' },
  { key: 'unr', color: '#7f1d1d' },
];

const HEIGHT = 200;

/** Draws the threshold lines and the status dots over the plot area (device pixels). */
function overlay(points: readonly HistoryPoint[], thresholds: Thresholds) {
  return (u: uPlot) => {
    const { ctx, bbox } = u;
    ctx.save();
    ctx.lineWidth = Math.max(1, devicePixelRatio);
    ctx.setLineDash([6 * devicePixelRatio, 4 * devicePixelRatio]);
    for (const { key, color } of THRESHOLD_LINES) {
      const v = thresholds[key];
      if (v === null) continue;
      const y = u.valToPos(v, 'y', true);
      ctx.strokeStyle = color;
      ctx.beginPath();
      ctx.moveTo(bbox.left, y);
      ctx.lineTo(bbox.left + bbox.width, y);
      ctx.stroke();
      ctx.fillStyle = color;
      ctx.font = `${11 * devicePixelRatio}px sans-serif`;
      ctx.fillText(key, bbox.left + 4 * devicePixelRatio, y - 3 * devicePixelRatio);
    }
    ctx.setLineDash([]);
    const r = 3 * devicePixelRatio;
    for (const p of points) {
      if (p.reading === null) continue;
      ctx.fillStyle = STATUS_COLOR[p.status] ?? '#4b5563';
      ctx.beginPath();
      ctx.arc(u.valToPos(p.t, 'x', true), u.valToPos(p.reading, 'y', true), r, 0, 2 * Math.PI);
      ctx.fill();
    }
    ctx.restore();
  };
}

export function HistoryChart({ title, unit, points, thresholds, from, to }: { title: string; unit: string; points: readonly HistoryPoint[]; thresholds: Thresholds; from: number; to: number }) {
  const host = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const limits = THRESHOLD_LINES.map(({ key }) => thresholds[key]).filter((v): v is number => v !== null);
    const opts: uPlot.Options = {
      title,
      width: Math.max(280, el.clientWidth),
      height: HEIGHT,
      scales: {
        // The chosen range, not the samples' own span: an hour with two samples still reads as an hour.
        x: { time: true, range: () => [from, to] },
        y: {
          range: (_u, lo, hi) => {
            const all = [...limits, ...(Number.isFinite(lo) ? [lo] : []), ...(Number.isFinite(hi) ? [hi] : [])];
            if (all.length === 0) return [0, 1];
            const min = Math.min(...all);
            const max = Math.max(...all);
            const pad = (max - min) * 0.08 || Math.abs(max) * 0.1 || 1;
            return [min - pad, max + pad];
          },
        },
      },
      axes: [{}, { label: unit, size: 56 }],
      series: [{}, { label: title, stroke: '#2563eb', width: 1.5, spanGaps: false, points: { show: false } }],
      legend: { show: false },
      hooks: { draw: [overlay(points, thresholds)] },
    };
    const data: uPlot.AlignedData = [points.map((p) => p.t), points.map((p) => p.reading)];
    const plot = new uPlot(opts, data, el);
    const resize = new ResizeObserver(() => plot.setSize({ width: Math.max(280, el.clientWidth), height: HEIGHT }));
    resize.observe(el);
    return () => {
      resize.disconnect();
      plot.destroy();
    };
  }, [title, unit, points, thresholds, from, to]);

  return <div className="chart history" ref={host} data-points={points.filter((p) => p.reading !== null).length} />;
}

export interface StripSample {
  /** Unix time in seconds. */
  readonly t: number;
  /** PowerState as the API names it, or null when it was not read. */
  readonly power: string | null;
  /** BmcHealth as the API names it. */
  readonly health: string;
}

/**
 * Power and health over the range as two rows of segments: each sample holds until the next
 * one (the last until `to`, at most one collection gap), and spans no sample covers are blank.
 */
export function HealthStrip({ samples, from, to }: { samples: readonly StripSample[]; from: number; to: number }) {
  const span = Math.max(1, to - from);
  const gap = samples.length > 1 ? Math.max(...samples.slice(1).map((s, i) => s.t - (samples[i]?.t ?? s.t))) : 0;
  const segments = samples.map((s, i) => {
    const end = Math.min(to, samples[i + 1]?.t ?? Math.min(to, s.t + (gap || span / 100)));
    const left = ((Math.max(from, s.t) - from) / span) * 100;
    const width = Math.max(0.2, ((end - Math.max(from, s.t)) / span) * 100);
    return { s, left: `${left.toFixed(3)}%`, width: `${width.toFixed(3)}%` };
  });
  const row = (label: string, value: (s: StripSample) => string) => (
    <div className="strip-row">
      <span className="strip-label">{label}</span>
      <div className="strip" role="img" aria-label={`${label} over the range`}>
        {segments.map(({ s, left, width }) => (
          <div key={s.t} className={`seg ${value(s).toLowerCase()}`} style={{ left, width }} title={`${new Date(s.t * 1000).toLocaleString()}: ${value(s).toLowerCase()}`} />
        ))}
      </div>
    </div>
  );
  return (
    <div className="health-strip" data-samples={samples.length}>
      {row('Power', (s) => s.power ?? 'UNKNOWN')}
      {row('Health', (s) => s.health)}
    </div>
  );
}
