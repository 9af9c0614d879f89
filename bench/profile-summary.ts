/**
 * Summarises a V8 .cpuprofile (node --cpu-prof): self time per function and per file, the
 * biggest first, so a profile of the 1,000-BMC sweep can be read in a terminal.
 *
 *   node --import tsx bench/profile-summary.ts PROFILE.cpuprofile [TOP]
 */
import { readFile } from 'node:fs/promises';
import { relative } from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

export interface ProfileLine {
  name: string;
  selfMs: number;
  share: number;
}

export interface ProfileSummary {
  totalMs: number;
  idleMs: number;
  byFunction: ProfileLine[];
  byFile: ProfileLine[];
}

const ROOT = new URL('..', import.meta.url).pathname;

function where(url: string): string {
  if (url === '') return '(native)';
  const path = url.startsWith('file://') ? new URL(url).pathname : url;
  return path.startsWith(ROOT) ? relative(ROOT, path) : path;
}

export function summarise(profile: CpuProfile, top = 25): ProfileSummary {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const fn = new Map<string, number>();
  const file = new Map<string, number>();
  let idle = 0;
  let total = 0;
  for (const [id, us] of selfUs) {
    const n = byId.get(id);
    if (!n) continue;
    total += us;
    const { functionName, url, lineNumber } = n.callFrame;
    if (functionName === '(idle)') {
      idle += us;
      continue;
    }
    const w = where(url);
    const name = `${functionName || '(anonymous)'} ${w}${url ? `:${lineNumber + 1}` : ''}`;
    fn.set(name, (fn.get(name) ?? 0) + us);
    const f = w.startsWith('node:') ? w : w.replace(/^(node_modules\/(?:@[^/]+\/)?[^/]+).*$/, '$1');
    file.set(f, (file.get(f) ?? 0) + us);
  }
  const busy = total - idle;
  const lines = (m: Map<string, number>) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, us]) => ({ name, selfMs: us / 1000, share: busy > 0 ? us / busy : 0 }));
  return { totalMs: total / 1000, idleMs: idle / 1000, byFunction: lines(fn), byFile: lines(file) };
}

export async function summariseFile(path: string, top = 25): Promise<ProfileSummary> {
  return summarise(JSON.parse(await readFile(path, 'utf8')) as CpuProfile, top);
}

export function formatSummary(s: ProfileSummary): string {
  const pct = (x: number) => `${(x * 100).toFixed(1).padStart(5)}%`;
  const rows = (ls: ProfileLine[]) => ls.map((l) => `  ${pct(l.share)} ${l.selfMs.toFixed(0).padStart(7)} ms  ${l.name}`).join('\n');
  return [
    `sampled ${s.totalMs.toFixed(0)} ms, idle ${s.idleMs.toFixed(0)} ms (shares are of the busy time)`,
    'self time by file:',
    rows(s.byFile),
    'self time by function:',
    rows(s.byFunction),
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [path, top] = process.argv.slice(2);
  if (!path) {
    process.stderr.write('usage: profile-summary.ts PROFILE.cpuprofile [TOP]\n');
    process.exit(2);
  }
  process.stdout.write(formatSummary(await summariseFile(path, Number(top ?? 25))) + '\n');
}
