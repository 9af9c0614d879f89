/**
 * A time-series chart (uPlot) that grows as samples arrive. The BMC page feeds it live sensor
 * readings; the same component draws stored history when the API offers it (pass `samples`
 * from a history query instead of from polling).
 */
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export interface Sample {
  /** Unix time in seconds. */
  readonly t: number;
  /** One value per series; null where a series had no reading. */
  readonly values: readonly (number | null)[];
}

const COLORS = ['#2563eb', '#dc2626', '#16a34a', '#d97706', '#7c3aed', '#0891b2', '#db2777', '#4b5563'];

export function LiveChart({ title, unit, series, samples }: { title: string; unit: string; series: readonly string[]; samples: readonly Sample[] }) {
  const host = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | undefined>(undefined);
  const shape = series.join('\u0000');

  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const opts: uPlot.Options = {
      title,
      width: Math.max(280, el.clientWidth),
      height: 180,
      scales: { x: { time: true } },
      axes: [{}, { label: unit, size: 56 }],
      series: [{}, ...series.map((label, i) => ({ label, stroke: COLORS[i % COLORS.length] ?? '#000', width: 1.5, spanGaps: true }))],
      legend: { live: false },
    };
    plot.current = new uPlot(opts, [[], ...series.map(() => [])], el);
    const resize = new ResizeObserver(() => plot.current?.setSize({ width: Math.max(280, el.clientWidth), height: 180 }));
    resize.observe(el);
    return () => {
      resize.disconnect();
      plot.current?.destroy();
      plot.current = undefined;
    };
  }, [title, unit, shape]);

  useEffect(() => {
    const data: uPlot.AlignedData = [samples.map((s) => s.t), ...series.map((_, i) => samples.map((s) => s.values[i] ?? null))];
    plot.current?.setData(data);
  }, [samples, shape]);

  return <div className="chart" ref={host} data-samples={samples.length} />;
}
