/**
 * Predicted failures (Bmc.predictions): a badge of the highest risk for the fleet table, with the
 * component and the reason as its tooltip, and a table with the evidence for the BMC page.
 */
import { Badge, Time } from './ui.tsx';

export interface Prediction {
  component: string;
  /** PredictionRisk as the API names it: LOW, MEDIUM or HIGH. */
  risk: string;
  reason: string;
  evidence: string[];
  since: string;
}

export const PREDICTION_FIELDS = 'component risk reason evidence since';

const RANK: Readonly<Record<string, number>> = { HIGH: 3, MEDIUM: 2, LOW: 1 };
const RISK_BADGE: Readonly<Record<string, string>> = { HIGH: 'CRITICAL', MEDIUM: 'WARNING', LOW: 'LOW' };

/** The riskiest first; equal risks by component, so the order is stable between refreshes. */
export function byRisk(predictions: readonly Prediction[]): Prediction[] {
  return [...predictions].sort((a, b) => (RANK[b.risk] ?? 0) - (RANK[a.risk] ?? 0) || a.component.localeCompare(b.component));
}

export function RiskBadge({ risk }: { risk: string }) {
  return (
    <span data-risk={risk}>
      <Badge value={RISK_BADGE[risk] ?? risk} />
    </span>
  );
}

/** The fleet table's cell: the highest risk and its component; every prediction in the tooltip. */
export function PredictionSummary({ predictions }: { predictions: readonly Prediction[] }) {
  const sorted = byRisk(predictions);
  const top = sorted[0];
  if (!top) return <span className="muted">—</span>;
  const tip = sorted.map((p) => `${p.risk.toLowerCase()} · ${p.component}: ${p.reason}`).join('\n');
  return (
    <span className="prediction" title={tip} data-testid="prediction">
      <RiskBadge risk={top.risk} /> {top.component}
      {sorted.length > 1 && <span className="muted small"> +{sorted.length - 1}</span>}
    </span>
  );
}

export function PredictionTable({ predictions }: { predictions: readonly Prediction[] }) {
  if (predictions.length === 0) return <p className="muted">No component at risk.</p>;
  return (
    <table className="grid" aria-label="Predictions">
      <thead>
        <tr>
          <th>Component</th>
          <th>Risk</th>
          <th>Reason</th>
          <th>Evidence</th>
          <th>Since</th>
        </tr>
      </thead>
      <tbody>
        {byRisk(predictions).map((p) => (
          <tr key={`${p.component}\u0000${p.reason}`}>
            <td>{p.component}</td>
            <td>
              <RiskBadge risk={p.risk} />
            </td>
            <td>{p.reason}</td>
            <td>
              <ul className="evidence">
                {p.evidence.map((e, i) => (
                  <li key={i}>{e}</li>
                ))}
              </ul>
            </td>
            <td>
              <Time iso={p.since} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
