import { UsageError } from './errors.ts';

/** Most hosts one -H may name: a typo such as [1-100000] must not start a hundred thousand sessions. */
export const MAX_HOSTS = 1024;

export interface HostTarget {
  host: string;
  port: number;
  /** host[:port] as expanded, used as the "host" of fleet results. */
  label: string;
}

/**
 * One `host[:port]`, IPv6 as `[addr]` or `[addr]:port`. Shared by -H and hosts files.
 * `where` names the source in errors.
 */
export function parseHostPort(text: string, defaultPort: number, where: string): HostTarget {
  const m = /^\[([^\]]+)\](?::(\d+))?$/.exec(text) ?? /^([^:\s[\]]+)(?::(\d+))?$/.exec(text) ?? /^([0-9a-fA-F]*:[0-9a-fA-F:.]+)()$/.exec(text);
  if (!m || m[1] === '') throw new UsageError(`${where}: expected host[:port], got "${text}"`);
  const port = m[2] === undefined || m[2] === '' ? defaultPort : Number(m[2]);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new UsageError(`${where} port: must be 1-65535, got ${m[2]}`);
  return { host: m[1]!, port, label: text };
}

/** Splits on commas outside brackets: `a[1-2],b` is two items. */
function splitTopLevel(text: string): string[] {
  const items: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '[') depth++;
    else if (c === ']') depth--;
    else if (c === ',' && depth === 0) {
      items.push(text.slice(start, i));
      start = i + 1;
    }
  }
  items.push(text.slice(start));
  return items;
}

/** The numbers of one bracket body such as `01-40,45`, zero padded to the width of a padded lower bound. */
function rangeValues(body: string, where: string, room: number, max: number): string[] {
  const out: string[] = [];
  for (const part of body.split(',')) {
    const m = /^(\d+)(?:-(\d+))?$/.exec(part);
    if (!m) throw new UsageError(`${where}: malformed range "[${body}]" (expected numbers and a-b ranges, e.g. [01-40,45])`);
    const lo = Number(m[1]);
    const hi = m[2] === undefined ? lo : Number(m[2]);
    if (hi < lo) throw new UsageError(`${where}: range ${part} runs backwards`);
    if (out.length + (hi - lo + 1) > room) throw new UsageError(`${where}: names more than ${max} hosts`);
    const width = m[1]!.length > 1 && m[1]!.startsWith('0') ? m[1]!.length : 0;
    for (let n = lo; n <= hi; n++) out.push(String(n).padStart(width, '0'));
  }
  return out;
}

/** Expands every numeric bracket group of one item (several groups multiply); IPv6 brackets stay. */
function expandItem(item: string, where: string, room: number, max: number): string[] {
  let results = [''];
  let rest = item;
  for (;;) {
    const open = rest.indexOf('[');
    if (open < 0) break;
    const close = rest.indexOf(']', open);
    if (close < 0) throw new UsageError(`${where}: unclosed "[" in "${item}"`);
    const body = rest.slice(open + 1, close);
    if (body.includes('[')) throw new UsageError(`${where}: nested "[" in "${item}"`);
    const literal = body.includes(':') || body.includes('.');
    const values = literal ? [`[${body}]`] : rangeValues(body, where, Math.floor(room / results.length), max);
    const prefix = rest.slice(0, open);
    results = results.flatMap((r) => values.map((v) => r + prefix + v));
    rest = rest.slice(close + 1);
  }
  if (rest.includes(']')) throw new UsageError(`${where}: unmatched "]" in "${item}"`);
  return results.map((r) => r + rest);
}

/**
 * FreeIPMI-style host ranges (hostrange): comma-separated items, each with optional bracket
 * groups of numbers and ranges, e.g. `rack1-bmc[01-40]`, `10.0.0.[1-40]`, `127.0.0.1:[6230-6233]`,
 * `a,b[1,3]`. A lower bound written with a leading zero pads every number to its width.
 * Duplicates are dropped; more than `max` hosts is a usage error, checked before expanding.
 */
export function expandHostRange(text: string, defaultPort: number, max = MAX_HOSTS, where = '--host'): HostTarget[] {
  const trimmed = text.trim();
  if (trimmed === '') throw new UsageError(`${where}: empty`);
  const seen = new Set<string>();
  const targets: HostTarget[] = [];
  for (const item of splitTopLevel(trimmed)) {
    if (item.trim() === '') throw new UsageError(`${where}: empty item in "${trimmed}"`);
    for (const name of expandItem(item.trim(), where, max - targets.length, max)) {
      if (seen.has(name)) continue;
      seen.add(name);
      if (targets.length >= max) throw new UsageError(`${where}: names more than ${max} hosts`);
      targets.push(parseHostPort(name, defaultPort, where));
    }
  }
  return targets;
}
