import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from '../db';
import { cancellationReasons, isConditionFailure, queryAll, transactWrite } from '../db-helpers';
import { RUN_RETENTION_DAYS, runKeys } from './keys';
import type { UnitOutcome } from './work-unit';

export type RunStatus = 'running' | 'finished' | 'finished-with-failures';

export interface JobRun {
  runId: string;
  job: string;
  input: Record<string, unknown>;
  total: number;
  done: number;
  failed: number;
  counts: Record<string, number>;
  /** True once every unit was handed to the queue; a planner retried before that hands them all again. */
  dispatched: boolean;
  startedAt: string;
  status: RunStatus;
}

export interface UnitRecord {
  unit: string;
  outcome: 'done' | 'failed';
  counts: Record<string, number>;
  listed: string[];
  error?: string;
  at: string;
}

const expiresAt = (now: Date) => Math.floor(now.getTime() / 1000) + RUN_RETENTION_DAYS * 86_400;

function statusOf(total: number, done: number, failed: number): RunStatus {
  if (done + failed < total) return 'running';
  return failed > 0 ? 'finished-with-failures' : 'finished';
}

function runFrom(item: Record<string, unknown>): JobRun {
  const total = Number(item.total);
  const done = Number(item.done ?? 0);
  const failed = Number(item.failed ?? 0);
  return {
    runId: String(item.runId),
    job: String(item.job),
    input: (item.input as Record<string, unknown>) ?? {},
    total,
    done,
    failed,
    counts: (item.counts as Record<string, number>) ?? {},
    dispatched: item.dispatched === true,
    startedAt: String(item.startedAt),
    status: statusOf(total, done, failed),
  };
}

/**
 * Records a run before any of its units is sent. Runs are named by their planner (e.g. one a day for the bills
 * job), so a schedule delivered twice finds its run and starts nothing new: `created` is false then.
 */
export async function startRun(run: { runId: string; job: string; input: Record<string, unknown>; total: number }, now = new Date()): Promise<{ created: boolean; run: JobRun }> {
  const item = { ...runKeys.run(run.runId), ...run, done: 0, failed: 0, counts: {}, dispatched: false, startedAt: now.toISOString(), ttl: expiresAt(now) };
  try {
    await db().send(new PutCommand({ TableName: tableName(), Item: item, ConditionExpression: 'attribute_not_exists(pk)' }));
    return { created: true, run: runFrom(item) };
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    const existing = await readRun(run.runId);
    if (!existing) throw error;
    return { created: false, run: existing };
  }
}

export async function markDispatched(runId: string): Promise<void> {
  await db().send(new UpdateCommand({ TableName: tableName(), Key: runKeys.run(runId), UpdateExpression: 'SET dispatched = :yes', ExpressionAttributeValues: { ':yes': true } }));
}

export async function readRun(runId: string): Promise<JobRun | undefined> {
  const reply = await db().send(new GetCommand({ TableName: tableName(), Key: runKeys.run(runId), ConsistentRead: true }));
  return reply.Item ? runFrom(reply.Item) : undefined;
}

export async function unitRecord(runId: string, unit: string): Promise<UnitRecord | undefined> {
  const reply = await db().send(new GetCommand({ TableName: tableName(), Key: runKeys.unit(runId, unit), ConsistentRead: true }));
  return reply.Item ? (reply.Item as unknown as UnitRecord) : undefined;
}

/** Every unit's record of a run (hundreds at most: units are groups of branches or of recipients). */
export async function unitRecords(runId: string): Promise<UnitRecord[]> {
  const items = await queryAll({ KeyConditionExpression: 'pk = :pk AND begins_with(sk, :unit)', ExpressionAttributeValues: { ':pk': runKeys.run(runId).pk, ':unit': 'UNIT#' } });
  return items as unknown as UnitRecord[];
}

const MAX_LISTED = 500;

/**
 * A unit's outcome and its run's totals in one transaction, exactly once: a unit delivered again after it was
 * recorded changes nothing. A unit that had failed (its message went to the dead-letter queue) and then succeeds
 * when re-driven moves from the run's failed to its done count.
 */
export async function recordUnitDone(runId: string, unit: string, outcome: UnitOutcome, now = new Date()): Promise<void> {
  const counts = Object.entries(outcome.counts ?? {});
  const names = Object.fromEntries(counts.map(([name], i) => [`#c${i}`, name]));
  const values = Object.fromEntries(counts.map(([, value], i) => [`:c${i}`, value]));
  const record = { ...runKeys.unit(runId, unit), unit, outcome: 'done', counts: outcome.counts ?? {}, listed: (outcome.listed ?? []).slice(0, MAX_LISTED), at: now.toISOString(), ttl: expiresAt(now) };
  const addCounts = counts.map((_, i) => `counts.#c${i} :c${i}`).join(', ');
  const update = (fromFailed: boolean) => ({
    Update: {
      TableName: tableName(),
      Key: runKeys.run(runId),
      UpdateExpression: `ADD done :one${fromFailed ? ', failed :minusOne' : ''}${addCounts ? `, ${addCounts}` : ''}`,
      ExpressionAttributeValues: { ':one': 1, ...(fromFailed ? { ':minusOne': -1 } : {}), ...values },
      ...(counts.length > 0 ? { ExpressionAttributeNames: names } : {}),
      ConditionExpression: 'attribute_exists(pk)',
    },
  });
  try {
    await transactWrite([{ Put: { TableName: tableName(), Item: record, ConditionExpression: 'attribute_not_exists(sk)' } }, update(false)]);
  } catch (error) {
    if (!cancellationReasons(error)?.includes('ConditionalCheckFailed')) throw error;
    const existing = await unitRecord(runId, unit);
    if (existing?.outcome !== 'failed') return;
    try {
      await transactWrite([
        { Put: { TableName: tableName(), Item: record, ConditionExpression: 'outcome = :failed', ExpressionAttributeValues: { ':failed': 'failed' } } },
        update(true),
      ]);
    } catch (retryError) {
      if (!cancellationReasons(retryError)?.includes('ConditionalCheckFailed')) throw retryError;
    }
  }
}

/** A unit's last attempt failed: counted once on its run, so the run reads as finished with failures. */
export async function recordUnitFailed(runId: string, unit: string, error: string, now = new Date()): Promise<void> {
  try {
    await transactWrite([
      { Put: { TableName: tableName(), Item: { ...runKeys.unit(runId, unit), unit, outcome: 'failed', counts: {}, listed: [], error: error.slice(0, 500), at: now.toISOString(), ttl: expiresAt(now) }, ConditionExpression: 'attribute_not_exists(sk)' } },
      { Update: { TableName: tableName(), Key: runKeys.run(runId), UpdateExpression: 'ADD failed :one', ExpressionAttributeValues: { ':one': 1 }, ConditionExpression: 'attribute_exists(pk)' } },
    ]);
  } catch (failure) {
    if (!cancellationReasons(failure)?.includes('ConditionalCheckFailed')) throw failure;
  }
}
