/** Human output in ipmitool's style: "Label   : value" blocks and "a | b | c" tables. */

export type KeyValueRow = readonly [label: string, value: string | readonly string[]];

/** Labels padded to the longest; list values go on indented lines below their label. */
export function keyValue(rows: readonly KeyValueRow[]): string {
  const width = Math.max(0, ...rows.map(([label]) => label.length));
  const lines: string[] = [];
  for (const [label, value] of rows) {
    if (typeof value === 'string') {
      lines.push(`${label.padEnd(width)} : ${value}`);
    } else {
      lines.push(`${label.padEnd(width)} :`);
      for (const item of value) lines.push(`    ${item}`);
    }
  }
  return lines.join('\n') + '\n';
}

/** Columns padded to their widest cell, separated by " | ", with a header line. */
export function table(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    widths
      .map((w, i) => (cells[i] ?? '').padEnd(w))
      .join(' | ')
      .trimEnd();
  return [line(headers), ...rows.map(line)].join('\n') + '\n';
}

export function json(value: unknown): string {
  return JSON.stringify(value) + '\n';
}

export const yesNo = (b: boolean): string => (b ? 'yes' : 'no');
