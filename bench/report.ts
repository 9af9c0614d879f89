/** Result rows of the bench, printed as a table and written as Markdown. */

export interface Row {
  scenario: string;
  client: string;
  /** Wall time or another figure, as printed. */
  value: string;
  /** Our figure divided by the reference's, when the row compares with one. */
  ratio?: string;
  /** The goal and whether it was met. */
  goal?: string;
  notes?: string;
}

export const ms = (x: number) => (x >= 10_000 ? `${(x / 1000).toFixed(1)} s` : x >= 1000 ? `${(x / 1000).toFixed(2)} s` : `${x.toFixed(0)} ms`);
export const us = (x: number) => `${x.toFixed(0)} µs`;
export const mb = (x: number) => `${x.toFixed(0)} MB`;

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export function goal(met: boolean, text: string): string {
  return `${met ? 'met' : 'MISSED'}: ${text}`;
}

const COLUMNS: readonly (keyof Row)[] = ['scenario', 'client', 'value', 'ratio', 'goal', 'notes'];
const HEADERS = ['Scenario', 'Client', 'Result', 'Ratio (ours / peer)', 'Goal', 'Notes'];

export function textTable(rows: readonly Row[]): string {
  const cells = [HEADERS, ...rows.map((r) => COLUMNS.map((c) => r[c] ?? ''))];
  const widths = HEADERS.map((_, i) => Math.min(60, Math.max(...cells.map((row) => row[i]!.length))));
  return cells.map((row) => row.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd()).join('\n');
}

export function markdownTable(rows: readonly Row[]): string {
  const esc = (s: string) => s.replace(/\|/g, '\\|');
  return [
    `| ${HEADERS.join(' | ')} |`,
    `| ${HEADERS.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${COLUMNS.map((c) => esc(r[c] ?? '')).join(' | ')} |`),
  ].join('\n');
}
