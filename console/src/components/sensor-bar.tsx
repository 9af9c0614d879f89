/**
 * One threshold sensor as a horizontal bar: the scale spans its thresholds and reading, the
 * critical and non-critical zones are shaded, and a marker shows the reading.
 */
export interface Thresholds {
  readonly lnr: number | null;
  readonly lcr: number | null;
  readonly lnc: number | null;
  readonly unc: number | null;
  readonly ucr: number | null;
  readonly unr: number | null;
}

export function SensorBar({ reading, thresholds, unit }: { reading: number | null; thresholds: Thresholds; unit: string | null }) {
  const known = [thresholds.lnr, thresholds.lcr, thresholds.lnc, thresholds.unc, thresholds.ucr, thresholds.unr, reading].filter((v): v is number => v !== null);
  if (known.length < 2) return null;
  // Without lower thresholds (temperatures, fans) the bar starts at zero, so the reading's place means something.
  const hasLower = thresholds.lnr !== null || thresholds.lcr !== null || thresholds.lnc !== null;
  let lo = hasLower ? Math.min(...known) : Math.min(0, ...known);
  let hi = Math.max(...known);
  const pad = (hi - lo) * 0.1 || Math.abs(hi) * 0.1 || 1;
  if (hasLower) lo -= pad;
  hi += pad;
  const at = (v: number) => `${(((v - lo) / (hi - lo)) * 100).toFixed(2)}%`;
  const zone = (from: number | null, to: number | null, kind: string, key: string) => {
    const a = from ?? lo;
    const b = to ?? hi;
    if (b <= a) return null;
    return <div key={key} className={`zone ${kind}`} style={{ left: at(a), width: `${(((b - a) / (hi - lo)) * 100).toFixed(2)}%` }} />;
  };
  const lowerCritical = thresholds.lcr ?? thresholds.lnr;
  const upperCritical = thresholds.ucr ?? thresholds.unr;
  const label = (name: string, v: number | null) => (v === null ? null : `${name} ${v}`);
  const title = [label('lnr', thresholds.lnr), label('lcr', thresholds.lcr), label('lnc', thresholds.lnc), label('unc', thresholds.unc), label('ucr', thresholds.ucr), label('unr', thresholds.unr)].filter(Boolean).join(', ');
  return (
    <div className="sensor-bar" title={`${title}${unit ? ` (${unit})` : ''}`} role="img" aria-label={`thresholds: ${title}`}>
      {lowerCritical !== null && zone(null, lowerCritical, 'critical', 'lc')}
      {thresholds.lnc !== null && zone(lowerCritical, thresholds.lnc, 'warning', 'ln')}
      {thresholds.unc !== null && zone(thresholds.unc, upperCritical, 'warning', 'un')}
      {upperCritical !== null && zone(upperCritical, null, 'critical', 'uc')}
      {[thresholds.lnc, thresholds.unc, lowerCritical, upperCritical].map((v, i) => (v === null ? null : <div key={`t${i}`} className="tick" style={{ left: at(v) }} />))}
      {reading !== null && <div className="marker" style={{ left: at(reading) }} />}
    </div>
  );
}
