/**
 * The fleet: the tenant's BMCs a page at a time (cursor paging, so thousands page as cheaply as
 * ten), filtered by text, tag and health, with power read live for the page shown, and health,
 * predictions and last seen (the last answer scheduled collection got) from stored monitoring.
 * Arrow keys (or j/k) move between rows, Space selects, Enter opens; many selected BMCs get one
 * power job or one identify job.
 */
import { useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { gql } from '../api.ts';
import { Badge, ConfirmDialog, ErrorLine, Loading, Pager, Panel, Time, useCursorPages, type ConfirmRequest } from '../components/ui.tsx';
import { PREDICTION_FIELDS, PredictionSummary, type Prediction } from '../components/predictions.tsx';
import { can, type Me } from '../roles.ts';
import { go, href } from '../route.ts';
import { useQuery } from '../use-query.ts';

const PAGE_SIZE = 50;
const HEALTH = ['', 'OK', 'WARNING', 'CRITICAL', 'UNREACHABLE', 'UNKNOWN'] as const;
export const POWER_ACTIONS = ['ON', 'OFF', 'CYCLE', 'RESET', 'SOFT'] as const;
const IDENTIFY_SECONDS = 30;

interface BmcRow {
  id: string;
  name: string;
  address: string;
  port: number;
  tags: string[];
  health: string;
  predictions: Prediction[];
  lastSeen: string | null;
}
interface PowerOutcome {
  __typename: 'PowerStatus' | 'BmcError';
  state?: string;
  code?: string;
  message?: string;
}

const LIST = `query Fleet($filter: BmcFilter, $first: Int, $after: String) {
  bmcs(filter: $filter, first: $first, after: $after) {
    nodes { id name address port tags health lastSeen predictions { ${PREDICTION_FIELDS} } }
    pageInfo { hasNextPage endCursor }
  }
}`;
const POWER = `query FleetPower($ids: [ID!]) {
  fleetPowerStatus(target: { ids: $ids }) {
    results { bmcId outcome { __typename ... on PowerStatus { state } ... on BmcError { code message } } }
  }
}`;

export function FleetPage({ me }: { me: Me }) {
  const [text, setText] = useState('');
  const [tag, setTag] = useState('');
  const [health, setHealth] = useState('');
  const [applied, setApplied] = useState({ text: '', tag: '', health: '' });
  const pages = useCursorPages();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [focus, setFocus] = useState(0);
  const [confirm, setConfirm] = useState<ConfirmRequest>();
  const rows = useRef<(HTMLTableRowElement | null)[]>([]);

  const filter = useMemo(() => {
    const f: Record<string, unknown> = {};
    if (applied.text) f['nameContains'] = applied.text;
    const tags = applied.tag.split(',').map((t) => t.trim()).filter(Boolean);
    if (tags.length) f['tags'] = tags;
    if (applied.health) f['health'] = applied.health;
    return f;
  }, [applied]);

  const list = useQuery(
    () => gql<{ bmcs: { nodes: BmcRow[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } }>(LIST, { filter, first: PAGE_SIZE, after: pages.after }),
    [filter, pages.after],
  );
  const ids = (list.data?.bmcs.nodes ?? []).map((b) => b.id);
  const power = useQuery(
    async () => {
      if (ids.length === 0) return new Map<string, PowerOutcome>();
      const data = await gql<{ fleetPowerStatus: { results: { bmcId: string; outcome: PowerOutcome }[] } }>(POWER, { ids });
      return new Map(data.fleetPowerStatus.results.map((r) => [r.bmcId, r.outcome]));
    },
    [ids.join(',')],
    10_000,
  );

  const nodes = list.data?.bmcs.nodes ?? [];
  const toggle = (id: string) =>
    setSelected((s) => {
      const n = new Set(s);
      if (n.has(id)) n.delete(id);
      else n.add(id);
      return n;
    });
  const moveTo = (i: number) => {
    const next = Math.max(0, Math.min(nodes.length - 1, i));
    setFocus(next);
    rows.current[next]?.focus();
  };
  const onKey = (e: KeyboardEvent<HTMLTableRowElement>, i: number, id: string) => {
    if (e.key === 'ArrowDown' || e.key === 'j') moveTo(i + 1);
    else if (e.key === 'ArrowUp' || e.key === 'k') moveTo(i - 1);
    else if (e.key === 'Home') moveTo(0);
    else if (e.key === 'End') moveTo(nodes.length - 1);
    else if (e.key === ' ') toggle(id);
    else if (e.key === 'Enter') go('bmc', id);
    else return;
    e.preventDefault();
  };

  const chosen = [...selected];
  const powerJob = (action: string) =>
    setConfirm({
      title: `Power ${action.toLowerCase()} ${chosen.length} BMC${chosen.length === 1 ? '' : 's'}?`,
      detail: `A job sends ${action} to each selected BMC; its page shows the progress.`,
      confirmLabel: `Power ${action.toLowerCase()}`,
      run: async () => {
        const data = await gql<{ fleetPowerAction: { job: { id: string } } }>(
          'mutation FleetPower($input: FleetPowerActionInput!) { fleetPowerAction(input: $input) { job { id } } }',
          { input: { target: { ids: chosen }, action } },
        );
        go('jobs', data.fleetPowerAction.job.id);
      },
    });
  const identify = () =>
    setConfirm({
      title: `Identify ${chosen.length} BMC${chosen.length === 1 ? '' : 's'}?`,
      detail: `A job lights each chassis identify LED for ${IDENTIFY_SECONDS} seconds; its page shows the progress.`,
      confirmLabel: 'Identify',
      run: async () => {
        const data = await gql<{ startFleetIdentify: { job: { id: string } } }>(
          'mutation FleetIdentify($input: StartFleetIdentifyInput!) { startFleetIdentify(input: $input) { job { id } } }',
          { input: { target: { ids: chosen }, seconds: IDENTIFY_SECONDS } },
        );
        go('jobs', data.startFleetIdentify.job.id);
      },
    });

  return (
    <>
      <Panel
        title="Fleet"
        actions={
          <form
            className="filters"
            onSubmit={(e) => {
              e.preventDefault();
              pages.reset();
              setSelected(new Set());
              setApplied({ text: text.trim(), tag: tag.trim(), health });
            }}
          >
            <input aria-label="Name contains" placeholder="Name contains" value={text} onChange={(e) => setText(e.target.value)} />
            <input aria-label="Tags" placeholder="Tags, e.g. rack:r1" value={tag} onChange={(e) => setTag(e.target.value)} />
            <select aria-label="Health" value={health} onChange={(e) => setHealth(e.target.value)}>
              {HEALTH.map((h) => (
                <option key={h} value={h}>
                  {h ? h.toLowerCase() : 'any health'}
                </option>
              ))}
            </select>
            <button type="submit">Filter</button>
          </form>
        }
      >
        {can.act(me.role) && (
          <div className="toolbar" aria-label="Fleet actions">
            <span>{chosen.length} selected</span>
            {POWER_ACTIONS.map((a) => (
              <button type="button" key={a} disabled={chosen.length === 0} onClick={() => powerJob(a)}>
                Power {a.toLowerCase()}
              </button>
            ))}
            <button type="button" disabled={chosen.length === 0} onClick={identify}>
              Identify
            </button>
          </div>
        )}
        <ErrorLine error={list.error} />
        <table className="grid fleet" aria-label="BMCs">
          <thead>
            <tr>
              <th>
                <input
                  type="checkbox"
                  aria-label="Select all on this page"
                  checked={nodes.length > 0 && nodes.every((n) => selected.has(n.id))}
                  onChange={(e) => setSelected(e.target.checked ? new Set([...selected, ...nodes.map((n) => n.id)]) : new Set([...selected].filter((id) => !nodes.some((n) => n.id === id))))}
                />
              </th>
              <th>Name</th>
              <th>Address</th>
              <th>Tags</th>
              <th>Power</th>
              <th>Health</th>
              <th>Predictions</th>
              <th>Last seen</th>
            </tr>
          </thead>
          <tbody>
            {nodes.map((b, i) => {
              const p = power.data?.get(b.id);
              return (
                <tr
                  key={b.id}
                  ref={(el) => {
                    rows.current[i] = el;
                  }}
                  tabIndex={i === focus ? 0 : -1}
                  aria-selected={selected.has(b.id)}
                  data-bmc={b.name}
                  onKeyDown={(e) => onKey(e, i, b.id)}
                  onFocus={() => setFocus(i)}
                >
                  <td>
                    <input type="checkbox" tabIndex={-1} aria-label={`Select ${b.name}`} checked={selected.has(b.id)} onChange={() => toggle(b.id)} />
                  </td>
                  <td>
                    <a href={href('bmc', b.id)} tabIndex={-1}>
                      {b.name}
                    </a>
                  </td>
                  <td className="mono">
                    {b.address}:{b.port}
                  </td>
                  <td>
                    {b.tags.map((t) => (
                      <span key={t} className="tag">
                        {t}
                      </span>
                    ))}
                  </td>
                  <td data-testid="power">{p ? p.__typename === 'PowerStatus' ? <Badge value={p.state ?? 'UNKNOWN'} /> : <span className="error" title={p.message}>{p.code}</span> : <span className="muted">…</span>}</td>
                  <td>
                    <Badge value={b.health} />
                  </td>
                  <td>
                    <PredictionSummary predictions={b.predictions} />
                  </td>
                  <td data-testid="last-seen">
                    <Time iso={b.lastSeen} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        <Loading when={list.loading && !list.data} />
        {list.data && nodes.length === 0 && <p className="muted">No BMC matches.</p>}
        <Pager page={pages.page} hasNext={list.data?.bmcs.pageInfo.hasNextPage ?? false} onPrev={pages.prev} onNext={() => pages.next(list.data?.bmcs.pageInfo.endCursor ?? null)} />
        <p className="muted small">Keys: ↑/↓ or j/k move, Space selects, Enter opens.</p>
      </Panel>
      <ConfirmDialog request={confirm} onClose={() => setConfirm(undefined)} />
    </>
  );
}
