import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from '../db';
import { isConditionFailure } from '../db-helpers';
import { TTL_ATTRIBUTE } from '../table';
import { outboxKeys, PENDING_SHARDS, SENT_RETENTION_DAYS } from './keys';
import { noticeProblems, type Notice } from './notice';

export type OutboxStatus = 'pending' | 'sent' | 'failed';

export interface OutboxRecord {
  key: string;
  notice: Notice;
  status: OutboxStatus;
  /** Batches already delivered: a crash mid-notice resumes from the next batch, never resends one. */
  batchesSent: number;
  attempts: number;
  nextAttemptAt: string;
  invalidUsers: string[];
  lastError?: string;
  createdAt: string;
  sentAt?: string;
  failedAt?: string;
  redrivenAt?: string;
  redrivenBy?: string;
  /** The copy delivering the notice now, and until when (ISO instant) its lease holds. */
  leaseOwner?: string;
  leaseUntil?: string;
}

/** A lease on one record: who holds it and the clock instant (ms) it is checked against. */
export interface LeaseCheck {
  owner: string;
  now: number;
}

const iso = (ms: number) => new Date(ms).toISOString();
/** The condition of every write made under a lease: this copy holds it and it has not run out. */
const HOLDS_LEASE = 'leaseOwner = :owner AND leaseUntil > :now';
const leaseValues = (lease: LeaseCheck) => ({ ':owner': lease.owner, ':now': iso(lease.now) });

/** Runs a conditional write: false when its condition failed, any other error thrown. */
async function conditional(command: UpdateCommand | PutCommand): Promise<boolean> {
  try {
    if (command instanceof PutCommand) await db().send(command);
    else await db().send(command);
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

/**
 * The outbox record of a notice as a conditional Put (once per key), for a capability that queues a notice in
 * the same transaction as the change it announces: the change and its notice are written together or not at all.
 */
export function outboxPut(notice: Notice, now = new Date()) {
  const problems = noticeProblems(notice);
  if (problems.length > 0) throw new Error(`invalid notice ${notice.key}: ${problems.join('; ')}`);
  const record: OutboxRecord = {
    key: notice.key,
    notice,
    status: 'pending',
    batchesSent: 0,
    attempts: 0,
    nextAttemptAt: now.toISOString(),
    invalidUsers: [],
    createdAt: now.toISOString(),
  };
  return {
    TableName: tableName(),
    Item: { ...outboxKeys.record(notice.key), type: 'outbox', ...outboxKeys.pendingIndex(notice.key, record.nextAttemptAt), ...record },
    ConditionExpression: 'attribute_not_exists(pk)',
  };
}

/** Records a notice once per key; false when the key was already there (the earlier record stands). */
export async function putNoticeIfAbsent(notice: Notice, now: Date): Promise<boolean> {
  return conditional(new PutCommand(outboxPut(notice, now)));
}

export async function getOutboxRecord(key: string): Promise<OutboxRecord | undefined> {
  const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: outboxKeys.record(key), ConsistentRead: true }));
  return Item as OutboxRecord | undefined;
}

/**
 * Takes the lease on a due record, from the moment of the claim (`lease.now`) for `leaseMs`: a conditional
 * update that succeeds for one copy only, while nobody else holds an unexpired lease.
 */
export async function claimRecord(key: string, lease: LeaseCheck, leaseMs: number, due: Date): Promise<OutboxRecord | undefined> {
  try {
    const { Attributes } = await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: outboxKeys.record(key),
        UpdateExpression: 'SET leaseOwner = :owner, leaseUntil = :until',
        ConditionExpression: '#status = :pending AND nextAttemptAt <= :due AND (attribute_not_exists(leaseUntil) OR leaseUntil <= :now)',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ...leaseValues(lease), ':until': iso(lease.now + leaseMs), ':pending': 'pending', ':due': due.toISOString() },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return Attributes as OutboxRecord;
  } catch (error) {
    if (isConditionFailure(error)) return undefined;
    throw error;
  }
}

/** Extends a lease this copy still holds, so the next WeCom call runs with a whole lease ahead; false once lost. */
export async function renewLease(key: string, lease: LeaseCheck, leaseMs: number): Promise<boolean> {
  return conditional(
    new UpdateCommand({
      TableName: tableName(),
      Key: outboxKeys.record(key),
      UpdateExpression: 'SET leaseUntil = :until',
      ConditionExpression: HOLDS_LEASE,
      ExpressionAttributeValues: { ...leaseValues(lease), ':until': iso(lease.now + leaseMs) },
    }),
  );
}

/** Records a delivered batch, only while the lease holds; false once lost. */
export async function recordProgress(key: string, lease: LeaseCheck, batchesSent: number, invalidUsers: string[]): Promise<boolean> {
  return conditional(
    new UpdateCommand({
      TableName: tableName(),
      Key: outboxKeys.record(key),
      UpdateExpression: 'SET batchesSent = :sent, invalidUsers = :invalid',
      ConditionExpression: HOLDS_LEASE,
      ExpressionAttributeValues: { ...leaseValues(lease), ':sent': batchesSent, ':invalid': invalidUsers },
    }),
  );
}

/** Marks the notice sent (it leaves the pending index and expires after SENT_RETENTION_DAYS), only under the lease. */
export async function completeRecord(key: string, lease: LeaseCheck): Promise<boolean> {
  const expiresAt = Math.floor(lease.now / 1000) + SENT_RETENTION_DAYS * 86_400;
  return conditional(
    new UpdateCommand({
      TableName: tableName(),
      Key: outboxKeys.record(key),
      UpdateExpression: 'SET #status = :sent, sentAt = :now, #ttl = :ttl REMOVE leaseOwner, leaseUntil, gsi1pk, gsi1sk',
      ConditionExpression: HOLDS_LEASE,
      ExpressionAttributeNames: { '#status': 'status', '#ttl': TTL_ATTRIBUTE },
      ExpressionAttributeValues: { ...leaseValues(lease), ':sent': 'sent', ':ttl': expiresAt },
    }),
  );
}

export interface FailedAttempt {
  attempts: number;
  /** Given up for good: listed for admins under OUTBOX#failed. Otherwise retried at `nextAttemptAt`. */
  failed: boolean;
  nextAttemptAt: string;
  reason: string;
  batchesSent: number;
  invalidUsers: string[];
}

/** Records a failed attempt and gives up the lease, only while this copy holds it; false once lost. */
export async function recordFailure(key: string, lease: LeaseCheck, attempt: FailedAttempt): Promise<boolean> {
  const index = attempt.failed ? outboxKeys.failedIndex(iso(lease.now)) : outboxKeys.pendingIndex(key, attempt.nextAttemptAt);
  return conditional(
    new UpdateCommand({
      TableName: tableName(),
      Key: outboxKeys.record(key),
      UpdateExpression: `SET #status = :status, attempts = :attempts, nextAttemptAt = :next, lastError = :reason, batchesSent = :sent, invalidUsers = :invalid, gsi1pk = :gpk, gsi1sk = :gsk${attempt.failed ? ', failedAt = :now' : ''} REMOVE leaseOwner, leaseUntil`,
      ConditionExpression: HOLDS_LEASE,
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: {
        ...leaseValues(lease),
        ':status': attempt.failed ? 'failed' : 'pending',
        ':attempts': attempt.attempts,
        ':next': attempt.nextAttemptAt,
        ':reason': attempt.reason.slice(0, 500),
        ':sent': attempt.batchesSent,
        ':invalid': attempt.invalidUsers,
        ':gpk': index.gsi1pk,
        ':gsk': index.gsi1sk,
      },
    }),
  );
}

/** Keys of the notices due on one pending partition, oldest first. */
async function dueOn(partition: string, due: Date, limit: number): Promise<string[]> {
  const { Items } = await db().send(
    new QueryCommand({
      TableName: tableName(),
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pending AND gsi1sk <= :due',
      ExpressionAttributeValues: { ':pending': partition, ':due': due.toISOString() },
      ProjectionExpression: '#key',
      ExpressionAttributeNames: { '#key': 'key' },
      Limit: limit,
    }),
  );
  return (Items ?? []).map((item) => String(item.key));
}

/** Keys of due notices from every shard (and the pre-sharding partition), at most `limit`, taken in turn from each. */
export async function dueNoticeKeys(due: Date, limit: number): Promise<string[]> {
  const perShard = Math.max(1, Math.ceil(limit / PENDING_SHARDS));
  const partitions = [...Array.from({ length: PENDING_SHARDS }, (_, shard) => outboxKeys.pendingPartition(shard)), outboxKeys.legacyPendingPartition()];
  const shards = await Promise.all(partitions.map((partition) => dueOn(partition, due, perShard)));
  const keys: string[] = [];
  for (let round = 0; round < perShard; round += 1) for (const shard of shards) if (shard[round] !== undefined) keys.push(shard[round]!);
  return keys.slice(0, limit);
}

/** Notices that exhausted their retries, newest first. */
export async function failedRecords(limit: number): Promise<OutboxRecord[]> {
  const { Items } = await db().send(
    new QueryCommand({
      TableName: tableName(),
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :failed',
      ExpressionAttributeValues: { ':failed': outboxKeys.failedPartition() },
      ScanIndexForward: false,
      Limit: limit,
    }),
  );
  return (Items ?? []) as OutboxRecord[];
}

/**
 * Puts a failed notice back in the queue, due now with a fresh count of attempts; batches it already delivered
 * stay delivered. False when the notice is not (or no longer) failed: two admins re-driving it queue it once.
 */
export async function reopenFailed(key: string, now: Date, by: string): Promise<boolean> {
  const index = outboxKeys.pendingIndex(key, now.toISOString());
  return conditional(
    new UpdateCommand({
      TableName: tableName(),
      Key: outboxKeys.record(key),
      UpdateExpression: 'SET #status = :pending, attempts = :zero, nextAttemptAt = :now, gsi1pk = :gpk, gsi1sk = :now, redrivenAt = :now, redrivenBy = :by REMOVE failedAt',
      ConditionExpression: '#status = :failed',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':pending': 'pending', ':failed': 'failed', ':zero': 0, ':now': now.toISOString(), ':gpk': index.gsi1pk, ':by': by },
    }),
  );
}
