/**
 * JobStore on the `jobs` table (tables.ts): one partition per job, `<tenant>#<jobId>`, holding
 * the job item (sk `job`), its tasks (sk `task#<6-digit index>`, so they sort and page in order)
 * and the job's worker slots (sk `slot#<n>`); a tenant's worker slots sit in `<tenant>#!workers`
 * ('!' never occurs in a job id). A sparse GSI over job items lists a tenant's jobs newest first.
 *
 * Every state change is a conditional write. A task's terminal transition is conditional on the
 * worker's lease, so each task ends exactly once; the job's counters then count it once (see
 * `count`), and `reconcile` counts a task whose worker died between the two writes.
 */
import {
  BatchWriteCommand,
  DeleteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  ScanCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import type { JobFilter, JobStore, SlotScope, TaskOutcome } from '../../core/jobs/ports.ts';
import { progressBucket, TERMINAL_TASK_STATES, type Job, type JobState, type JobTask } from '../../core/jobs/types.ts';
import type { Page, PageRequest } from '../../core/types.ts';
import { assertKeyPart, isConditionalCheckFailed } from './errors.ts';
import { queryPage, type Item } from './paging.ts';
import { processCursorCodec, type CursorCodec } from '../../core/cursor-codec.ts';
import { JOB_INDEX } from './tables.ts';

const JOB_SK = 'job';
const TASK_PREFIX = 'task#';
const SLOT_PREFIX = 'slot#';
const TENANT_WORKERS = '!workers';

const taskSk = (index: number) => `${TASK_PREFIX}${String(index).padStart(6, '0')}`;

/** DynamoDB's reserved words among the attribute names, always passed through #names. */
const N = { '#state': 'storedState', '#total': 'total', '#done': 'done', '#succeeded': 'succeeded', '#failed': 'failed' };

/**
 * Each reported state as a filter over the stored counters: the same derivation as jobState in
 * lambdas/core/jobs/types.ts, evaluated by DynamoDB so that filtered pages stay full.
 */
const STATE_FILTER: Readonly<Record<JobState, { expression: string; values: Item }>> = {
  queued: { expression: '#state = :queued AND #done = :zero AND #done < #total', values: { ':queued': 'queued', ':zero': 0 } },
  running: { expression: '#state <> :cancelled AND #done < #total AND NOT (#state = :queued AND #done = :zero)', values: { ':cancelled': 'cancelled', ':queued': 'queued', ':zero': 0 } },
  succeeded: { expression: '#state <> :cancelled AND #succeeded = #total', values: { ':cancelled': 'cancelled' } },
  partially_succeeded: { expression: '#state <> :cancelled AND #done = #total AND #succeeded > :zero AND #succeeded < #total', values: { ':cancelled': 'cancelled', ':zero': 0 } },
  failed: { expression: '#state <> :cancelled AND #done = #total AND #succeeded = :zero AND #failed > :zero', values: { ':cancelled': 'cancelled', ':zero': 0 } },
  cancelled: { expression: '#state = :cancelled', values: { ':cancelled': 'cancelled' } },
};

function jobItem(job: Job): Item {
  const { progress, storedState, cancelledTasks, ...rest } = job;
  return {
    pk: jobPk(job.tenantId, job.id),
    sk: JOB_SK,
    jobTenant: job.tenantId,
    createdKey: `${job.createdAt}#${job.id}`,
    ...rest,
    storedState,
    total: progress.total,
    done: progress.done,
    succeeded: progress.succeeded,
    failed: progress.failed,
    cancelled: cancelledTasks,
  };
}

/** A job item as stored: the job's fields with its counters flat, optional ones possibly absent. */
type StoredJob = Omit<Job, 'progress' | 'cancelledTasks' | 'cancelledAt' | 'cancelledBy'> & {
  readonly total: number;
  readonly done: number;
  readonly succeeded: number;
  readonly failed: number;
  readonly cancelled?: number;
  readonly cancelledAt?: string | null;
  readonly cancelledBy?: string | null;
};

function toJob(item: Item): Job {
  const i = item as unknown as StoredJob;
  return {
    tenantId: i.tenantId,
    id: i.id,
    kind: i.kind,
    operation: i.operation,
    startedBy: i.startedBy,
    requestId: i.requestId,
    source: i.source,
    storedState: i.storedState,
    progress: { total: Number(i.total), done: Number(i.done), succeeded: Number(i.succeeded), failed: Number(i.failed) },
    cancelledTasks: Number(i.cancelled ?? 0),
    createdAt: i.createdAt,
    updatedAt: i.updatedAt,
    cancelledAt: i.cancelledAt ?? null,
    cancelledBy: i.cancelledBy ?? null,
    expiresAt: Number(i.expiresAt),
  };
}

/** Null fields are left out, so `if_not_exists` and `attribute_not_exists` see them as absent. */
function taskItem(task: JobTask, expiresAt: number): Item {
  const present = Object.entries(task).filter(([, v]) => v !== null);
  return { pk: jobPk(task.tenantId, task.jobId), sk: taskSk(task.index), ...Object.fromEntries(present), expiresAt };
}

/** A task item as stored: fields that are null in the domain may be absent. */
type StoredTask = { readonly [K in keyof JobTask]: JobTask[K] | (null extends JobTask[K] ? undefined : never) };

function toTask(item: Item): JobTask {
  const i = item as unknown as StoredTask;
  return {
    tenantId: i.tenantId,
    jobId: i.jobId,
    index: Number(i.index),
    bmcId: i.bmcId,
    state: i.state,
    attempts: Number(i.attempts ?? 0),
    result: i.result ?? null,
    error: i.error ?? null,
    createdAt: i.createdAt,
    startedAt: i.startedAt ?? null,
    finishedAt: i.finishedAt ?? null,
    leaseOwner: i.leaseOwner ?? null,
    leaseExpiresAt: i.leaseExpiresAt === undefined || i.leaseExpiresAt === null ? null : Number(i.leaseExpiresAt),
    actionRequestId: i.actionRequestId ?? null,
  };
}

function jobPk(tenantId: string, jobId: string): string {
  return `${assertKeyPart('tenant id', tenantId)}#${jobId}`;
}

function slotPk(scope: SlotScope): string {
  return scope.jobId === undefined ? `${assertKeyPart('tenant id', scope.tenantId)}#${TENANT_WORKERS}` : jobPk(scope.tenantId, scope.jobId);
}

export class DynamoJobStore implements JobStore {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
    /** Signs the cursors this store hands out (cursor-codec.ts); one key across processes. */
    private readonly cursors: CursorCodec = processCursorCodec(),
  ) {}

  async create(job: Job, tasks: readonly JobTask[]): Promise<void> {
    for (let i = 0; i < tasks.length; i += 25) {
      let requests: Record<string, unknown>[] = tasks.slice(i, i + 25).map((t) => ({ PutRequest: { Item: taskItem(t, job.expiresAt) } }));
      for (let attempt = 0; requests.length > 0; attempt++) {
        if (attempt > 8) throw new Error('BatchWriteItem kept returning unprocessed items');
        if (attempt > 0) await new Promise((r) => setTimeout(r, Math.min(1000, 25 * 2 ** attempt)));
        const out = await this.doc.send(new BatchWriteCommand({ RequestItems: { [this.tableName]: requests } }));
        requests = (out.UnprocessedItems?.[this.tableName] ?? []) as Record<string, unknown>[];
      }
    }
    // Tasks created finished (ids the tenant does not own) are in the job's counters already.
    const counted = tasks.filter((t) => TERMINAL_TASK_STATES.has(t.state)).map((t) => t.index);
    const item = { ...jobItem(job), ...(counted.length > 0 && { counted: new Set(counted) }) };
    await this.doc.send(new PutCommand({ TableName: this.tableName, Item: item, ConditionExpression: 'attribute_not_exists(pk)' }));
  }

  async get(tenantId: string, jobId: string): Promise<Job | undefined> {
    const { Item: item } = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: { pk: jobPk(tenantId, jobId), sk: JOB_SK }, ConsistentRead: true }));
    return item && item['tenantId'] === tenantId ? toJob(item) : undefined;
  }

  async list(tenantId: string, filter: JobFilter, page: PageRequest): Promise<Page<Job>> {
    const parts: { expression: string; values: Item }[] = [];
    if (filter.state) parts.push(STATE_FILTER[filter.state]);
    if (filter.kind) parts.push({ expression: '#kind = :kind', values: { ':kind': filter.kind } });
    const expression = parts.map((p) => `(${p.expression})`).join(' AND ');
    // DynamoDB refuses names the expression does not use.
    const names = Object.fromEntries(Object.entries({ ...N, '#kind': 'kind' }).filter(([name]) => expression.includes(name)));
    const result = await queryPage(this.doc, this.cursors, tenantId, {
      tableName: this.tableName,
      indexName: JOB_INDEX.byTenant,
      partition: { name: 'jobTenant', value: assertKeyPart('tenant id', tenantId) },
      keyAttributes: ['pk', 'sk', 'jobTenant', 'createdKey'],
      newestFirst: true,
      ...(parts.length > 0 && {
        filter: {
          expression,
          names,
          values: Object.assign({}, ...parts.map((p) => p.values)) as Item,
        },
      }),
    }, page);
    return { items: result.items.map(toJob), nextCursor: result.nextCursor };
  }

  async listTasks(tenantId: string, jobId: string, page: PageRequest): Promise<Page<JobTask>> {
    const result = await queryPage(this.doc, this.cursors, tenantId, {
      tableName: this.tableName,
      partition: { name: 'pk', value: jobPk(tenantId, jobId) },
      sortCondition: { name: 'sk', expression: 'begins_with(#sk, :task)', values: { ':task': TASK_PREFIX } },
      keyAttributes: ['pk', 'sk'],
    }, page);
    return { items: result.items.map(toTask), nextCursor: result.nextCursor };
  }

  async tasksInRange(tenantId: string, jobId: string, first: number, count: number): Promise<JobTask[]> {
    const out: JobTask[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.doc.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk AND sk BETWEEN :lo AND :hi',
          ExpressionAttributeValues: { ':pk': jobPk(tenantId, jobId), ':lo': taskSk(first), ':hi': taskSk(first + count - 1) },
          ConsistentRead: true,
          ...(start && { ExclusiveStartKey: start }),
        }),
      );
      out.push(...(page.Items ?? []).map(toTask));
      start = page.LastEvaluatedKey;
    } while (start);
    return out;
  }

  async markRunning(tenantId: string, jobId: string, now: string): Promise<void> {
    await this.conditional(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { pk: jobPk(tenantId, jobId), sk: JOB_SK },
        UpdateExpression: 'SET #state = :running, updatedAt = :now',
        ConditionExpression: '#state = :queued',
        ExpressionAttributeNames: { '#state': 'storedState' },
        ExpressionAttributeValues: { ':running': 'running', ':queued': 'queued', ':now': now },
      }),
    );
  }

  async markFinished(tenantId: string, jobId: string, now: string): Promise<boolean> {
    return this.conditional(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { pk: jobPk(tenantId, jobId), sk: JOB_SK },
        UpdateExpression: 'SET finishedAt = :now',
        ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(finishedAt)',
        ExpressionAttributeValues: { ':now': now },
      }),
    );
  }

  async cancel(tenantId: string, jobId: string, actor: string, now: string): Promise<Job | undefined> {
    try {
      const out = await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { pk: jobPk(tenantId, jobId), sk: JOB_SK },
          UpdateExpression: 'SET #state = :cancelled, cancelledAt = :now, cancelledBy = :actor, updatedAt = :now',
          ConditionExpression: '#state IN (:queued, :running) AND #done < #total',
          ExpressionAttributeNames: { '#state': 'storedState', '#done': 'done', '#total': 'total' },
          ExpressionAttributeValues: { ':cancelled': 'cancelled', ':queued': 'queued', ':running': 'running', ':now': now, ':actor': actor },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return out.Attributes ? toJob(out.Attributes) : undefined;
    } catch (e) {
      if (isConditionalCheckFailed(e)) return undefined;
      throw e;
    }
  }

  async claimTask(tenantId: string, jobId: string, index: number, owner: string, leaseUntil: number, now: string): Promise<JobTask | undefined> {
    try {
      const out = await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { pk: jobPk(tenantId, jobId), sk: taskSk(index) },
          UpdateExpression: 'SET #state = :running, leaseOwner = :owner, leaseExpiresAt = :until, startedAt = if_not_exists(startedAt, :now) ADD attempts :one',
          ConditionExpression: '#state = :queued OR (#state = :running AND leaseExpiresAt < :nowMs)',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: { ':running': 'running', ':queued': 'queued', ':owner': owner, ':until': leaseUntil, ':now': now, ':nowMs': Date.parse(now), ':one': 1 },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return out.Attributes ? toTask(out.Attributes) : undefined;
    } catch (e) {
      if (isConditionalCheckFailed(e)) return undefined;
      throw e;
    }
  }

  async markActionStarted(tenantId: string, jobId: string, index: number, owner: string, requestId: string): Promise<boolean> {
    return this.conditional(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { pk: jobPk(tenantId, jobId), sk: taskSk(index) },
        UpdateExpression: 'SET actionRequestId = :request',
        ConditionExpression: '#state = :running AND leaseOwner = :owner',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: { ':running': 'running', ':owner': owner, ':request': requestId },
      }),
    );
  }

  async finishTask(tenantId: string, jobId: string, index: number, owner: string | null, outcome: TaskOutcome, now: string): Promise<boolean> {
    const held = owner === null ? '#state = :queued' : '#state = :running AND leaseOwner = :owner';
    const finished = await this.conditional(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { pk: jobPk(tenantId, jobId), sk: taskSk(index) },
        UpdateExpression: 'SET #state = :state, #result = :result, #error = :error, finishedAt = :now REMOVE leaseOwner, leaseExpiresAt',
        ConditionExpression: held,
        ExpressionAttributeNames: { '#state': 'state', '#result': 'result', '#error': 'error' },
        ExpressionAttributeValues: {
          ':state': outcome.state,
          ':result': outcome.result ?? null,
          ':error': outcome.error ?? null,
          ':now': now,
          ...(owner === null ? { ':queued': 'queued' } : { ':running': 'running', ':owner': owner }),
        },
      }),
    );
    if (finished) await this.count(tenantId, jobId, index, outcome.state, now);
    return finished;
  }

  async reconcile(tenantId: string, jobId: string, first: number, count: number, now: string): Promise<number> {
    const [job, tasks] = await Promise.all([
      this.doc.send(new GetCommand({ TableName: this.tableName, Key: { pk: jobPk(tenantId, jobId), sk: JOB_SK }, ConsistentRead: true, ProjectionExpression: 'counted' })),
      this.tasksInRange(tenantId, jobId, first, count),
    ]);
    const counted = (job.Item?.['counted'] as Set<number> | undefined) ?? new Set<number>();
    let unfinished = 0;
    for (const t of tasks) {
      if (!TERMINAL_TASK_STATES.has(t.state)) unfinished++;
      else if (!counted.has(t.index)) await this.count(tenantId, jobId, t.index, t.state, now);
    }
    return unfinished;
  }

  /**
   * Adds a finished task to the job's counters once: the job item keeps the set of counted task
   * indexes, and the increment is conditional on the index not being in it. (dynalite, the local
   * engine, has no transactions; this holds on both and costs one write per task.)
   */
  private async count(tenantId: string, jobId: string, index: number, state: JobTask['state'], now: string): Promise<void> {
    await this.conditional(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { pk: jobPk(tenantId, jobId), sk: JOB_SK },
        UpdateExpression: 'SET updatedAt = :now ADD #done :one, #bucket :one, counted :index',
        ConditionExpression: 'attribute_exists(pk) AND NOT contains(counted, :n)',
        ExpressionAttributeNames: { '#done': 'done', '#bucket': progressBucket(state) },
        ExpressionAttributeValues: { ':now': now, ':one': 1, ':index': new Set([index]), ':n': index },
      }),
    );
  }

  async acquireSlot(scope: SlotScope, limit: number, owner: string, leaseUntil: number, now: number, slot?: number): Promise<number | undefined> {
    const pk = slotPk(scope);
    const order = slot !== undefined ? [slot] : rotated(limit);
    for (const n of order) {
      const put = new PutCommand({
        TableName: this.tableName,
        Item: { pk, sk: `${SLOT_PREFIX}${n}`, owner, leaseUntil, expiresAt: Math.ceil(leaseUntil / 1000) + 3600 },
        ConditionExpression: slot !== undefined ? '#owner = :owner' : 'attribute_not_exists(pk) OR leaseUntil < :now OR #owner = :owner',
        ExpressionAttributeNames: { '#owner': 'owner' },
        ExpressionAttributeValues: { ':owner': owner, ...(slot === undefined && { ':now': now }) },
      });
      if (await this.conditional(put)) return n;
    }
    return undefined;
  }

  async releaseSlot(scope: SlotScope, slot: number, owner: string): Promise<void> {
    await this.conditional(
      new DeleteCommand({
        TableName: this.tableName,
        Key: { pk: slotPk(scope), sk: `${SLOT_PREFIX}${slot}` },
        ConditionExpression: '#owner = :owner',
        ExpressionAttributeNames: { '#owner': 'owner' },
        ExpressionAttributeValues: { ':owner': owner },
      }),
    );
  }

  async unfinishedJobs(): Promise<Job[]> {
    const out: Job[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      // The sparse index holds job items only: tasks and slots are never read.
      const page = await this.doc.send(
        new ScanCommand({
          TableName: this.tableName,
          IndexName: JOB_INDEX.byTenant,
          FilterExpression: '#done < #total',
          ExpressionAttributeNames: { '#done': 'done', '#total': 'total' },
          ...(start && { ExclusiveStartKey: start }),
        }),
      );
      out.push(...(page.Items ?? []).map(toJob));
      start = page.LastEvaluatedKey;
    } while (start);
    return out;
  }

  async releaseTaskLeases(tenantId: string, jobId: string): Promise<number> {
    let released = 0;
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.doc.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :task)',
          FilterExpression: '#state = :running',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: { ':pk': jobPk(tenantId, jobId), ':task': TASK_PREFIX, ':running': 'running' },
          ConsistentRead: true,
          ...(start && { ExclusiveStartKey: start }),
        }),
      );
      for (const item of page.Items ?? []) {
        const task = toTask(item);
        // Only the lease as read: a lease taken meanwhile is someone's, and stays.
        const freed = await this.conditional(
          new UpdateCommand({
            TableName: this.tableName,
            Key: { pk: item['pk'], sk: item['sk'] },
            UpdateExpression: 'SET leaseExpiresAt = :lapsed',
            ConditionExpression: '#state = :running AND leaseOwner = :owner AND leaseExpiresAt = :until',
            ExpressionAttributeNames: { '#state': 'state' },
            ExpressionAttributeValues: { ':running': 'running', ':owner': task.leaseOwner, ':until': task.leaseExpiresAt, ':lapsed': 0 },
          }),
        );
        if (freed) released++;
      }
      start = page.LastEvaluatedKey;
    } while (start);
    return released;
  }

  async releaseSlots(scope: SlotScope): Promise<void> {
    const page = await this.doc.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :slot)',
        ExpressionAttributeValues: { ':pk': slotPk(scope), ':slot': SLOT_PREFIX },
        ConsistentRead: true,
      }),
    );
    for (const item of page.Items ?? []) await this.releaseSlot(scope, Number(String(item['sk']).slice(SLOT_PREFIX.length)), String(item['owner']));
  }

  /** Sends a conditional write; false when its condition failed. */
  private async conditional(command: UpdateCommand | PutCommand | DeleteCommand): Promise<boolean> {
    try {
      await this.doc.send(command as UpdateCommand);
      return true;
    } catch (e) {
      if (isConditionalCheckFailed(e)) return false;
      throw e;
    }
  }
}

/** 0..limit-1 from a random start, so workers spread over the slots instead of all trying slot 0. */
function rotated(limit: number): number[] {
  const start = Math.floor(Math.random() * limit);
  return Array.from({ length: limit }, (_, i) => (start + i) % limit);
}
