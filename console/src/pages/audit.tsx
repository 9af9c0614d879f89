/**
 * Audit review: filter by time range, actor, target, action and outcome; open an event to see
 * its chain links; verify every chain; export the current filter as CSV or JSON lines (the
 * API's own export, so the file is exactly what `GET /v1/audit-events/export` gives).
 */
import { useState } from 'react';
import { gql, restText, errorText } from '../api.ts';
import { Badge, ErrorLine, Loading, Pager, Panel, Time, useCursorPages } from '../components/ui.tsx';
import { href } from '../route.ts';
import { useQuery } from '../use-query.ts';

export interface AuditEvent {
  id: string;
  time: string;
  actor: string;
  role: string;
  action: string;
  target: string;
  parameters: Record<string, unknown>;
  outcome: string;
  errorCode: string | null;
  requestId: string;
  source: string;
  chain: string;
  seq: number;
  prevHash: string;
  hash: string;
}
export const AUDIT_FIELDS = 'id time actor role action target parameters outcome errorCode requestId source chain seq prevHash hash';

/** Events seen in this tab, so an event's page and its chain neighbours open without a query by id. */
const seen = new Map<string, AuditEvent>();
const remember = (events: AuditEvent[]) => events.forEach((e) => seen.set(e.id, e));

const OUTCOMES = ['', 'SUCCEEDED', 'FAILED', 'DENIED', 'STARTED', 'UNKNOWN'] as const;

interface Filter {
  from: string;
  to: string;
  actor: string;
  target: string;
  action: string;
  outcome: string;
}
const EMPTY: Filter = { from: '', to: '', actor: '', target: '', action: '', outcome: '' };

/** The filter as the API takes it: times as ISO instants, empty fields left out. */
function apiFilter(f: Filter): Record<string, string> {
  const out: Record<string, string> = {};
  if (f.from) out['from'] = new Date(f.from).toISOString();
  if (f.to) out['to'] = new Date(f.to).toISOString();
  for (const k of ['actor', 'target', 'action', 'outcome'] as const) if (f[k].trim()) out[k] = f[k].trim();
  return out;
}

export function AuditTable({ events }: { events: AuditEvent[] }) {
  remember(events);
  return (
    <table className="grid audit" aria-label="Audit events">
      <thead>
        <tr>
          <th>Time</th>
          <th>Actor</th>
          <th>Action</th>
          <th>Target</th>
          <th>Outcome</th>
          <th>Chain · seq</th>
        </tr>
      </thead>
      <tbody>
        {events.map((e) => (
          <tr key={e.id} data-action={e.action}>
            <td>
              <a href={href('audit', e.id)}>
                <Time iso={e.time} />
              </a>
            </td>
            <td className="mono">{e.actor}</td>
            <td className="mono">{e.action}</td>
            <td className="mono">{e.target}</td>
            <td>
              <Badge value={e.outcome} />
              {e.errorCode && <span className="muted"> {e.errorCode}</span>}
            </td>
            <td className="mono">
              {e.chain} · {e.seq}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

interface Verification {
  ok: boolean;
  checkedEvents: number;
  checkedChains: number;
  checkedCheckpoints: number;
  unanchoredEvents: number;
  problems: { chain: string; kind: string; seq: number; eventId: string | null; expectedSeq: number | null }[];
}

function VerifyPanel() {
  const [result, setResult] = useState<Verification>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const verify = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const d = await gql<{ verifyAuditChain: Verification }>('query Verify { verifyAuditChain { ok checkedEvents checkedChains checkedCheckpoints unanchoredEvents problems { chain kind seq eventId expectedSeq } } }');
      setResult(d.verifyAuditChain);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Panel
      title="Chain verification"
      actions={
        <button type="button" onClick={() => void verify()} disabled={busy}>
          {busy ? 'Verifying…' : 'Verify chains'}
        </button>
      }
    >
      <ErrorLine error={error} />
      {result && (
        <div className={`verify ${result.ok ? 'ok' : 'bad'}`} role="status" data-testid="verify-result">
          <strong>{result.ok ? 'Verified: every chain links up and every hash matches.' : `${result.problems.length} problem(s) found.`}</strong>
          <p>
            {result.checkedEvents} events in {result.checkedChains} chains checked; {result.checkedCheckpoints} signed checkpoints; {result.unanchoredEvents} events after the last checkpoint.
          </p>
          {result.problems.length > 0 && (
            <ul>
              {result.problems.map((p, i) => (
                <li key={i} className="mono">
                  {p.kind} in {p.chain} at seq {p.seq}
                  {p.expectedSeq !== null ? ` (expected ${p.expectedSeq})` : ''}
                  {p.eventId ? ` event ${p.eventId}` : ''}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </Panel>
  );
}

function save(text: string, type: string, name: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function AuditPage() {
  const [draft, setDraft] = useState<Filter>(EMPTY);
  const [filter, setFilter] = useState<Filter>(EMPTY);
  const [exportError, setExportError] = useState<string>();
  const pages = useCursorPages();
  const events = useQuery(
    () => gql<{ auditEvents: { nodes: AuditEvent[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } }>(`query Audit($filter: AuditEventFilter, $after: String) { auditEvents(filter: $filter, first: 50, after: $after) { nodes { ${AUDIT_FIELDS} } pageInfo { hasNextPage endCursor } } }`, { filter: apiFilter(filter), after: pages.after }),
    [filter, pages.after],
  );
  const field = (k: keyof Filter, label: string, type = 'text', placeholder = '') => (
    <label>
      {label}
      <input type={type} value={draft[k]} placeholder={placeholder} onChange={(e) => setDraft({ ...draft, [k]: e.target.value })} />
    </label>
  );
  const exportAs = async (format: 'csv' | 'jsonl') => {
    setExportError(undefined);
    try {
      const f = apiFilter(filter);
      if (f['outcome']) f['outcome'] = f['outcome'].toLowerCase();
      const text = await restText('audit-events/export', { ...f, format });
      save(text, format === 'csv' ? 'text/csv' : 'application/x-ndjson', `audit-events.${format}`);
    } catch (e) {
      setExportError(errorText(e));
    }
  };
  return (
    <>
      <Panel title="Audit log">
        <form
          className="filters audit-filters"
          onSubmit={(e) => {
            e.preventDefault();
            pages.reset();
            setFilter(draft);
          }}
        >
          {field('from', 'From', 'datetime-local')}
          {field('to', 'To', 'datetime-local')}
          {field('actor', 'Actor', 'text', 'apikey:…')}
          {field('target', 'Target', 'text', 'bmc:…')}
          {field('action', 'Action', 'text', 'bmc.power.set')}
          <label>
            Outcome
            <select value={draft.outcome} onChange={(e) => setDraft({ ...draft, outcome: e.target.value })}>
              {OUTCOMES.map((o) => (
                <option key={o} value={o}>
                  {o ? o.toLowerCase() : 'any'}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" className="primary">
            Apply
          </button>
          <button
            type="button"
            onClick={() => {
              setDraft(EMPTY);
              setFilter(EMPTY);
              pages.reset();
            }}
          >
            Clear
          </button>
        </form>
        <div className="toolbar">
          <span className="muted">Export this filter:</span>
          <button type="button" onClick={() => void exportAs('csv')}>
            CSV
          </button>
          <button type="button" onClick={() => void exportAs('jsonl')}>
            JSON lines
          </button>
        </div>
        <ErrorLine error={exportError} />
        <ErrorLine error={events.error} />
        <Loading when={events.loading && !events.data} />
        <AuditTable events={events.data?.auditEvents.nodes ?? []} />
        {events.data && events.data.auditEvents.nodes.length === 0 && <p className="muted">No event matches.</p>}
        <Pager page={pages.page} hasNext={events.data?.auditEvents.pageInfo.hasNextPage ?? false} onPrev={pages.prev} onNext={() => pages.next(events.data?.auditEvents.pageInfo.endCursor ?? null)} />
      </Panel>
      <VerifyPanel />
    </>
  );
}

export function AuditEventPage({ id }: { id: string }) {
  const e = seen.get(id);
  const previous = e && [...seen.values()].find((p) => p.chain === e.chain && p.seq === e.seq - 1);
  const next = e && [...seen.values()].find((n) => n.chain === e.chain && n.seq === e.seq + 1);
  return (
    <>
      <p className="crumbs">
        <a href={href('audit')}>Audit log</a> ›
      </p>
      <h1 className="mono">{id}</h1>
      {!e ? (
        <p className="muted">Open this event from the audit log.</p>
      ) : (
        <>
          <Panel title={`${e.action} on ${e.target}`}>
            <dl className="fields">
              {(
                [
                  ['Time', <Time key="t" iso={e.time} />],
                  ['Actor', `${e.actor} (${e.role.toLowerCase()})`],
                  ['Outcome', <Badge key="o" value={e.outcome} />],
                  ['Error code', e.errorCode ?? '—'],
                  ['Request id', e.requestId],
                  ['Source', e.source],
                ] as const
              ).map(([k, v]) => (
                <div key={k}>
                  <dt>{k}</dt>
                  <dd>{v}</dd>
                </div>
              ))}
            </dl>
            <h3>Parameters</h3>
            <pre className="json">{JSON.stringify(e.parameters, null, 2)}</pre>
          </Panel>
          <Panel title="Chain links">
            <dl className="fields chain">
              <div>
                <dt>Chain</dt>
                <dd className="mono">{e.chain}</dd>
              </div>
              <div>
                <dt>Sequence</dt>
                <dd className="mono">{e.seq}</dd>
              </div>
              <div>
                <dt>Previous hash</dt>
                <dd className="mono hash">{e.prevHash}</dd>
              </div>
              <div>
                <dt>Hash</dt>
                <dd className="mono hash">{e.hash}</dd>
              </div>
            </dl>
            <p>
              {previous ? (
                <a href={href('audit', previous.id)}>
                  ‹ seq {previous.seq}
                  {previous.hash === e.prevHash ? ' (links up)' : ' (DOES NOT LINK: hash differs)'}
                </a>
              ) : (
                <span className="muted">Previous event not loaded in this tab.</span>
              )}{' '}
              {next && <a href={href('audit', next.id)}>seq {next.seq} ›</a>}
            </p>
          </Panel>
        </>
      )}
    </>
  );
}
