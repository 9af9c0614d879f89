/**
 * Rules on sensor-specific states (event/reading type 6Fh, IPMI v2.0 Table 42-3) that hold
 * until the BMC deasserts them: a power supply, drive slot or processor that says it failed,
 * or is about to, is at risk until it says otherwise.
 */
import type { PredictionRisk } from '../../model.ts';
import { DAY_MS, type Finding } from '../finding.ts';
import { assertedNow, groupBy, sensorLabel, type SelFact } from '../sel-facts.ts';

interface StateRule {
  readonly rule: string;
  readonly sensorType: number;
  readonly typeName: string;
  /** Offset -> what it means and how risky it is. */
  readonly offsets: ReadonlyMap<number, { readonly words: string; readonly risk: PredictionRisk }>;
  /** Assertions older than this no longer count (an event that is never deasserted by design); none: until deasserted. */
  readonly maxAgeMs?: number;
}

const RANK: Record<PredictionRisk, number> = { low: 0, medium: 1, high: 2 };

export const STATE_RULES: readonly StateRule[] = [
  {
    // Power Supply (08h): 01h failure detected, 02h predictive failure, 03h input lost (AC/DC).
    rule: 'psu.failure',
    sensorType: 0x08,
    typeName: 'Power Supply',
    offsets: new Map([
      [0x01, { words: 'failure detected', risk: 'high' }],
      [0x02, { words: 'predictive failure', risk: 'medium' }],
      [0x03, { words: 'AC input lost', risk: 'medium' }],
    ]),
  },
  {
    // Drive Slot (0Dh): 01h drive fault, 02h predictive failure (SMART trip reported by the backplane).
    rule: 'drive.predictive-failure',
    sensorType: 0x0d,
    typeName: 'Drive Slot / Bay',
    offsets: new Map([
      [0x01, { words: 'drive fault', risk: 'high' }],
      [0x02, { words: 'predictive failure', risk: 'medium' }],
    ]),
  },
  {
    // Processor (07h): 00h IERR, 01h thermal trip. BMCs rarely deassert them, so they count for 7 days.
    rule: 'processor.fault',
    sensorType: 0x07,
    typeName: 'Processor',
    offsets: new Map([
      [0x00, { words: 'internal error (IERR)', risk: 'high' }],
      [0x01, { words: 'thermal trip', risk: 'high' }],
    ]),
    maxAgeMs: 7 * DAY_MS,
  },
];

function apply(r: StateRule, facts: readonly SelFact[], now: number): Finding[] {
  const held = assertedNow(facts, r.sensorType, [...r.offsets.keys()]).filter(
    (f) => r.maxAgeMs === undefined || (f.time !== null && f.time >= now - r.maxAgeMs),
  );
  const out: Finding[] = [];
  for (const [, list] of groupBy(held, (f) => String(f.sensorNumber))) {
    list.sort((a, b) => a.id - b.id);
    const states = list.map((f) => r.offsets.get(f.offset)!);
    const risk = states.reduce<PredictionRisk>((top, s) => (RANK[s.risk] > RANK[top] ? s.risk : top), 'low');
    out.push({
      rule: r.rule,
      component: sensorLabel(r.typeName, list[0]!.sensorNumber),
      risk,
      reason: `${r.typeName} reports ${states.map((s) => s.words).join(', ')} (asserted, not deasserted since)`,
      evidence: list.map((f) => f.ref),
    });
  }
  return out;
}

export function discreteFaults(facts: readonly SelFact[], now: number): Finding[] {
  return STATE_RULES.flatMap((r) => apply(r, facts, now));
}
