/**
 * Jobs: the list, newest first, and a job's page with a live progress bar and per-BMC task
 * results, refreshed until the job is final; operators may cancel a live job.
 */
import { useState } from 'react';
import { gql } from '../api.ts';
import { Badge, ConfirmDialog, ErrorLine, Loading, Pager, Panel, Time, useCursorPages, type ConfirmRequest } from '../components/ui.tsx';
import { can, type Me } from '../roles.ts';
import { href } from '../route.ts';
import { useQuery } from '../use-query.ts';

interface Progress {
  total: number;
  done: number;
  succeeded: number;
  failed: number;
}
interface JobSummary {
  id: string;
  kind: string;
  state: string;
  action: string | null;
  startedBy: string;
  createdAt: string;
  updatedAt: string;
  progress: Progress;
}
export interface Task {
  index: number;
  bmcId: string;
  bmc: { name: string } | null;
  state: string;
  attempts: number;
  finishedAt: string | null;
  error: { code: string; message: string } | null;
  result: {
    __typename: string;
    state?: string;
    power?: string;
    confirmed?: boolean;
    output?: string;
    truncated?: boolean;
    bytes?: number;
    sensors?: { name: string }[];
    username?: string;
  } | null;
}
export interface JobDetail extends JobSummary {
  cancelledAt: string | null;
  cancelledBy: string | null;
  tasks: { nodes: Task[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
}

const LIVE = new Set(['QUEUED', 'RUNNING']);
const POLL_MS = 1_000;
/** Tasks per page of a job's page: the API's query cost limit allows about this many with their results. */
const TASKS_PER_PAGE = 25;

const JOB_FIELDS = 'id kind state action startedBy createdAt updatedAt progress { total done succeeded failed }';
const JOB_QUERY = `query Job($id: ID!, $first: Int, $after: String) { job(id: $id) { ${JOB_FIELDS} cancelledAt cancelledBy
  tasks(first: $first, after: $after) { nodes { index bmcId bmc { name } state attempts finishedAt error { code message }
    result { __typename ... on PowerStatus { state } ... on PowerActionResult { power confirmed }
      ... on SolCaptureResult { output truncated bytes } ... on SensorList { sensors { name } } ... on CredentialRotationResult { username } } }
    pageInfo { hasNextPage endCursor } } } }`;

export function fetchJob(id: string, after: string | null = null): Promise<JobDetail> {
  return gql<{ job: JobDetail }>(JOB_QUERY, { id, first: TASKS_PER_PAGE, after }).then((d) => d.job);
}

/** Polls a job until it is final (for one-task jobs started from a BMC's page). */
export async function waitForJob(id: string, onUpdate: (job: JobDetail) => void): Promise<JobDetail> {
  for (;;) {
    const job = await fetchJob(id);
    onUpdate(job);
    if (!LIVE.has(job.state)) return job;
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}

export function ProgressBar({ progress }: { progress: Progress }) {
  const pct = progress.total === 0 ? 100 : Math.round((progress.done / progress.total) * 100);
  return (
    <div className="progress" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct} aria-label="Job progress">
      <div className="progress-fill" style={{ width: `${pct}%` }} />
      <span className="progress-text">
        {pct} % · {progress.done}/{progress.total} done · {progress.succeeded} succeeded · {progress.failed} failed
      </span>
    </div>
  );
}

export function TaskResult({ task }: { task: Task }) {
  const r = task.result;
  if (task.error) return <span className="error" title={task.error.message}>{`${task.error.code}: ${task.error.message}`}</span>;
  if (!r) return <span className="muted">—</span>;
  switch (r.__typename) {
    case 'PowerStatus':
      return <Badge value={r.state ?? 'UNKNOWN'} />;
    case 'PowerActionResult':
      return (
        <span>
          <Badge value={r.power ?? 'UNKNOWN'} /> {r.confirmed ? 'confirmed' : 'not confirmed'}
        </span>
      );
    case 'SolCaptureResult':
      return (
        <div>
          <pre className="terminal" aria-label="Console output">
            {r.output || '(no output)'}
          </pre>
          <p className="muted small">
            {r.bytes} bytes{r.truncated ? ', truncated' : ''}
          </p>
        </div>
      );
    case 'SensorList':
      return <span>{r.sensors?.length ?? 0} sensors read</span>;
    default:
      return <span>{r.username ? `rotated for ${r.username}` : r.__typename}</span>;
  }
}

export function JobsPage() {
  const pages = useCursorPages();
  const jobs = useQuery(
    () => gql<{ jobs: { nodes: JobSummary[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } }>(`query Jobs($after: String) { jobs(first: 25, after: $after) { nodes { ${JOB_FIELDS} } pageInfo { hasNextPage endCursor } } }`, { after: pages.after }),
    [pages.after],
    (d) => (d?.jobs.nodes.some((j) => LIVE.has(j.state)) ? 2_000 : undefined),
  );
  return (
    <Panel title="Jobs">
      <ErrorLine error={jobs.error} />
      <Loading when={jobs.loading && !jobs.data} />
      <table className="grid">
        <thead>
          <tr>
            <th>Job</th>
            <th>Kind</th>
            <th>State</th>
            <th>Progress</th>
            <th>Started by</th>
            <th>Created</th>
          </tr>
        </thead>
        <tbody>
          {(jobs.data?.jobs.nodes ?? []).map((j) => (
            <tr key={j.id}>
              <td className="mono">
                <a href={href('jobs', j.id)}>{j.id}</a>
              </td>
              <td>
                {j.kind}
                {j.action ? ` ${j.action.toLowerCase()}` : ''}
              </td>
              <td>
                <Badge value={j.state} />
              </td>
              <td>
                {j.progress.done}/{j.progress.total}
              </td>
              <td className="mono">{j.startedBy}</td>
              <td>
                <Time iso={j.createdAt} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <Pager page={pages.page} hasNext={jobs.data?.jobs.pageInfo.hasNextPage ?? false} onPrev={pages.prev} onNext={() => pages.next(jobs.data?.jobs.pageInfo.endCursor ?? null)} />
    </Panel>
  );
}

export function JobPage({ id, me }: { id: string; me: Me }) {
  const [confirm, setConfirm] = useState<ConfirmRequest>();
  const pages = useCursorPages();
  const job = useQuery(() => fetchJob(id, pages.after), [id, pages.after], (d) => (d && !LIVE.has(d.state) ? undefined : POLL_MS));
  const j = job.data;
  return (
    <>
      <p className="crumbs">
        <a href={href('jobs')}>Jobs</a> ›
      </p>
      <h1 className="mono">{id}</h1>
      <ErrorLine error={job.error} />
      {j && (
        <Panel
          title={`${j.kind}${j.action ? ` ${j.action.toLowerCase()}` : ''}`}
          actions={
            can.act(me.role) &&
            LIVE.has(j.state) && (
              <button
                type="button"
                className="danger"
                onClick={() =>
                  setConfirm({
                    title: 'Cancel this job?',
                    detail: 'Tasks not started yet are cancelled; tasks already running finish.',
                    confirmLabel: 'Cancel job',
                    run: async () => {
                      await gql('mutation Cancel($id: ID!) { cancelJob(id: $id) { id state } }', { id });
                      job.reload();
                    },
                  })
                }
              >
                Cancel job
              </button>
            )
          }
        >
          <p>
            <Badge value={j.state} /> started by <span className="mono">{j.startedBy}</span> at <Time iso={j.createdAt} />
            {j.cancelledBy && (
              <>
                {' '}
                · cancelled by <span className="mono">{j.cancelledBy}</span>
              </>
            )}
          </p>
          <ProgressBar progress={j.progress} />
          <table className="grid" aria-label="Tasks">
            <thead>
              <tr>
                <th>#</th>
                <th>BMC</th>
                <th>State</th>
                <th>Result</th>
                <th>Attempts</th>
                <th>Finished</th>
              </tr>
            </thead>
            <tbody>
              {j.tasks.nodes.map((t) => (
                <tr key={t.index}>
                  <td className="num">{t.index}</td>
                  <td>
                    <a href={href('bmc', t.bmcId)}>{t.bmc?.name ?? t.bmcId}</a>
                  </td>
                  <td>
                    <Badge value={t.state} />
                  </td>
                  <td>
                    <TaskResult task={t} />
                  </td>
                  <td className="num">{t.attempts}</td>
                  <td>
                    <Time iso={t.finishedAt} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <Pager page={pages.page} hasNext={j.tasks.pageInfo.hasNextPage} onPrev={pages.prev} onNext={() => pages.next(j.tasks.pageInfo.endCursor)} />
        </Panel>
      )}
      <ConfirmDialog request={confirm} onClose={() => setConfirm(undefined)} />
    </>
  );
}
