/**
 * The failure prediction rules (docs/monitoring.md, "Predictions"): a pure function from one
 * BMC's SEL and sensor history to the components at risk. Each rule is a module a person can
 * read; this file runs them and keeps `since` from the previous assessment.
 */
import type { AssessBmc, Prediction, PredictionInput } from '../model.ts';
import type { Finding } from './finding.ts';
import { discreteFaults } from './rules/discrete-faults.ts';
import { fanDegrading } from './rules/fan-degrading.ts';
import { memoryEcc } from './rules/memory-ecc.ts';
import { thermalTrend } from './rules/thermal-trend.ts';
import { selFacts } from './sel-facts.ts';

const key = (p: Pick<Prediction, 'rule' | 'component'>) => `${p.rule}\u0000${p.component}`;

export function findings(input: PredictionInput): Finding[] {
  const now = Date.parse(input.now);
  if (Number.isNaN(now)) throw new RangeError(`now is not an ISO 8601 time: ${input.now}`);
  const facts = selFacts(input.sel);
  return [...memoryEcc(facts, now), ...fanDegrading(facts, input.sensors, now), ...discreteFaults(facts, now), ...thermalTrend(input.sensors, now)];
}

export const assessBmc: AssessBmc = (input) => {
  const since = new Map(input.previous.map((p) => [key(p), p.since]));
  return findings(input).map((f) => ({ ...f, since: since.get(key(f)) ?? input.now, evaluatedAt: input.now }));
};

/** Predictions that are new, or whose risk rose, since the previous assessment: each is a `prediction.raised` event. */
export function raisedPredictions(previous: readonly Prediction[], current: readonly Prediction[]): Prediction[] {
  const RANK = { low: 0, medium: 1, high: 2 } as const;
  const before = new Map(previous.map((p) => [key(p), p]));
  return current.filter((p) => {
    const old = before.get(key(p));
    return !old || RANK[p.risk] > RANK[old.risk];
  });
}
