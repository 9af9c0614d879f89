/**
 * memory.ecc-rate: correctable ECC errors counted per DIMM over sliding windows.
 * Memory (0Ch) sensor-specific offsets, IPMI v2.0 Table 42-3: 00h correctable ECC, 01h
 * uncorrectable ECC, 05h correctable ECC logging limit reached. Event data 3 names the memory
 * module when event data 1 bits 5:4 are 11b. A single corrected error is normal (a particle
 * strike); a rising rate on one DIMM is the best known early sign that it will fail uncorrectably.
 */
import type { PredictionRisk } from '../../model.ts';
import { DAY_MS, HOUR_MS, type Finding } from '../finding.ts';
import { groupBy, sensorLabel, within, type SelFact } from '../sel-facts.ts';

const MEMORY = 0x0c;
const CORRECTABLE = 0x00;
const UNCORRECTABLE = 0x01;
const LOGGING_LIMIT = 0x05;

/** Checked in order; the first window whose count is reached decides the risk. */
export const ECC_WINDOWS: readonly { readonly windowMs: number; readonly count: number; readonly risk: PredictionRisk; readonly label: string }[] = [
  { windowMs: HOUR_MS, count: 10, risk: 'high', label: 'hour' },
  { windowMs: DAY_MS, count: 4, risk: 'medium', label: '24 hours' },
  { windowMs: 7 * DAY_MS, count: 3, risk: 'low', label: '7 days' },
];

const MAX_EVIDENCE = 20;

function dimmOf(f: SelFact): string {
  const sensor = sensorLabel('Memory', f.sensorNumber);
  return f.data3Kind === 0x03 ? `DIMM ${f.data[2]} (${sensor})` : sensor;
}

function assessDimm(component: string, facts: readonly SelFact[], now: number): Finding | null {
  const severe = within(facts, now, DAY_MS).filter((f) => f.offset === UNCORRECTABLE || f.offset === LOGGING_LIMIT);
  if (severe.length > 0) {
    const uncorrectable = severe.some((f) => f.offset === UNCORRECTABLE);
    return {
      rule: 'memory.ecc-rate',
      component,
      risk: 'high',
      reason: uncorrectable
        ? 'an uncorrectable ECC error was logged in the last 24 hours'
        : 'the BMC stopped logging correctable ECC errors (logging limit reached) in the last 24 hours',
      evidence: severe.slice(-MAX_EVIDENCE).map((f) => f.ref),
    };
  }
  const corrected = facts.filter((f) => f.offset === CORRECTABLE);
  for (const w of ECC_WINDOWS) {
    const hits = within(corrected, now, w.windowMs);
    if (hits.length < w.count) continue;
    return {
      rule: 'memory.ecc-rate',
      component,
      risk: w.risk,
      reason: `${hits.length} correctable ECC errors in the last ${w.label} (threshold ${w.count})`,
      evidence: hits.slice(-MAX_EVIDENCE).map((f) => f.ref),
    };
  }
  return null;
}

export function memoryEcc(facts: readonly SelFact[], now: number): Finding[] {
  const memory = facts.filter((f) => f.sensorType === MEMORY && f.eventType === 0x6f && f.asserted);
  const out: Finding[] = [];
  for (const [component, list] of groupBy(memory, dimmOf)) {
    const finding = assessDimm(component, list, now);
    if (finding) out.push(finding);
  }
  return out;
}
