/**
 * Explicit public views of domain objects: each field sent is named here, so a field added to
 * a domain type later (or a secret-bearing one) never reaches clients by accident.
 */
import type { ApiKeyInfo, AuditEvent, Bmc, Principal } from '../../core/types.ts';
import { jobState, type Job, type JobTask } from '../../core/jobs/types.ts';
import type { RestResult } from './route.ts';

export const bmcView = (b: Bmc) => ({
  id: b.id,
  name: b.name,
  address: b.address,
  port: b.port,
  cipherSuite: b.cipherSuite,
  privilege: b.privilege,
  tags: b.tags,
  health: b.health,
  credentialState: b.credentialState,
  credentialsUpdatedAt: b.credentialsUpdatedAt,
  createdAt: b.createdAt,
  updatedAt: b.updatedAt,
});

export const apiKeyView = (k: ApiKeyInfo) => ({
  id: k.id,
  name: k.name,
  role: k.role,
  createdAt: k.createdAt,
  createdBy: k.createdBy,
  expiresAt: k.expiresAt,
  revokedAt: k.revokedAt,
  lastUsedAt: k.lastUsedAt,
  scope: k.scope ? { tags: k.scope.tags ? [...k.scope.tags] : null, operations: k.scope.operations ? [...k.scope.operations] : null } : null,
});

export const auditEventView = (e: AuditEvent) => ({
  id: e.id,
  time: e.time,
  actor: e.actor,
  role: e.role,
  action: e.action,
  target: e.target,
  parameters: e.parameters,
  outcome: e.outcome,
  errorCode: e.errorCode,
  requestId: e.requestId,
  source: e.source,
  chain: e.chain,
  seq: e.seq,
  prevHash: e.prevHash,
  hash: e.hash,
});

export const principalView = (p: Principal) => ({ tenantId: p.tenantId, role: p.role, actor: p.actor, keyId: p.keyId ?? null });

/** A job as REST shows it: `state` in lower case, `progress` with total, done, succeeded, failed. */
export const jobView = (j: Job) => ({
  id: j.id,
  kind: j.kind,
  state: jobState(j),
  progress: { total: j.progress.total, done: j.progress.done, succeeded: j.progress.succeeded, failed: j.progress.failed },
  action: j.operation.kind === 'fleet.power' ? j.operation.action : null,
  startedBy: j.startedBy.actor,
  startedByRole: j.startedBy.role,
  createdAt: j.createdAt,
  updatedAt: j.updatedAt,
  cancelledAt: j.cancelledAt,
  cancelledBy: j.cancelledBy,
});

/** A task without its lease and recovery bookkeeping. */
export const jobTaskView = (t: JobTask) => ({
  index: t.index,
  bmcId: t.bmcId,
  state: t.state,
  result: t.result,
  error: t.error,
  attempts: t.attempts,
  createdAt: t.createdAt,
  startedAt: t.startedAt,
  finishedAt: t.finishedAt,
});

/** 202 Accepted: the work runs in workers; the job's URL is where to follow it. */
export function acceptedJob(job: Job): RestResult {
  return { status: 202, body: jobView(job), headers: { location: `/v1/jobs/${encodeURIComponent(job.id)}` } };
}

/** The 202 answer of a route that starts a job, for the OpenAPI document. */
export const JOB_ACCEPTED_DESCRIPTION = 'The queued job; `Location` is its URL.';
