import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { config } from '../config';
import { db, tableName } from '../db';
import { logger } from '../logger';
import { NOTICE_DELIVERY_FAILED_MESSAGE } from '../log-messages';
import { keys } from '../table';
import { noticeProblems, recipientBatches, type Notice } from './notice';
import type { NoticeSender } from './sender';

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
}

const LEASE_MS = 60_000;
const backoffMs = (attempts: number) => Math.min(60 * 60_000, 30_000 * 2 ** (attempts - 1));

function indexKeys(status: OutboxStatus, nextAttemptAt: string) {
  return { gsi1pk: `OUTBOX#${status}`, gsi1sk: nextAttemptAt };
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
    Item: { ...keys.outbox(notice.key), type: 'outbox', ...indexKeys('pending', record.nextAttemptAt), ...record },
    ConditionExpression: 'attribute_not_exists(pk)',
  };
}

/**
 * Records a notice in the outbox once per key. Returns false when the key was already there (a retry
 * of the same push): nothing new is queued and the earlier record stands.
 */
export async function enqueueNotice(notice: Notice, now = new Date()): Promise<boolean> {
  try {
    await db().send(new PutCommand(outboxPut(notice, now)));
    return true;
  } catch (error) {
    if ((error as Error).name === 'ConditionalCheckFailedException') return false;
    throw error;
  }
}

export async function getOutboxRecord(key: string): Promise<OutboxRecord | undefined> {
  const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: keys.outbox(key), ConsistentRead: true }));
  return Item as OutboxRecord | undefined;
}

/** Takes a lease on a due record so two copies of a job never deliver the same notice at once. */
async function claim(key: string, now: Date): Promise<OutboxRecord | undefined> {
  try {
    const { Attributes } = await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keys.outbox(key),
        UpdateExpression: 'SET leaseUntil = :lease',
        ConditionExpression: '#status = :pending AND nextAttemptAt <= :now AND (attribute_not_exists(leaseUntil) OR leaseUntil < :now)',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':lease': new Date(now.getTime() + LEASE_MS).toISOString(), ':pending': 'pending', ':now': now.toISOString() },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return Attributes as OutboxRecord;
  } catch (error) {
    if ((error as Error).name === 'ConditionalCheckFailedException') return undefined;
    throw error;
  }
}

/** Delivers one notice from where it stopped; failures are counted and retried with backoff, then kept as failed. */
export async function deliver(key: string, sender: NoticeSender, now = new Date()): Promise<OutboxStatus | 'busy'> {
  const record = await claim(key, now);
  if (!record) return 'busy';
  const batches = recipientBatches(record.notice.toUsers);
  let sent = record.batchesSent;
  const invalid = [...record.invalidUsers];
  try {
    for (; sent < batches.length; sent += 1) {
      const result = await sender.send(record.notice, batches[sent]!);
      invalid.push(...result.invalidUsers);
      await db().send(
        new UpdateCommand({
          TableName: tableName(),
          Key: keys.outbox(key),
          UpdateExpression: 'SET batchesSent = :sent, invalidUsers = :invalid',
          ExpressionAttributeValues: { ':sent': sent + 1, ':invalid': invalid },
        }),
      );
    }
    const sentAt = new Date().toISOString();
    await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keys.outbox(key),
        UpdateExpression: 'SET #status = :sent, sentAt = :at, gsi1pk = :gpk, gsi1sk = :at REMOVE leaseUntil',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':sent': 'sent', ':at': sentAt, ':gpk': 'OUTBOX#sent' },
      }),
    );
    return 'sent';
  } catch (error) {
    const attempts = record.attempts + 1;
    const failed = attempts >= config().OUTBOX_MAX_ATTEMPTS;
    const status: OutboxStatus = failed ? 'failed' : 'pending';
    const nextAttemptAt = new Date(now.getTime() + backoffMs(attempts)).toISOString();
    const reason = error instanceof Error ? error.message : String(error);
    logger.warn(NOTICE_DELIVERY_FAILED_MESSAGE, { key, attempts, failed, reason });
    await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keys.outbox(key),
        UpdateExpression:
          'SET #status = :status, attempts = :attempts, nextAttemptAt = :next, lastError = :reason, batchesSent = :sent, invalidUsers = :invalid, gsi1pk = :gpk, gsi1sk = :next REMOVE leaseUntil',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':status': status,
          ':attempts': attempts,
          ':next': nextAttemptAt,
          ':reason': reason.slice(0, 500),
          ':sent': sent,
          ':invalid': invalid,
          ':gpk': `OUTBOX#${status}`,
        },
      }),
    );
    return status;
  }
}

/** Queues a notice and tries to deliver it at once; if that fails, the outbox job retries it later. */
export async function sendNotice(notice: Notice, sender: NoticeSender, now = new Date()): Promise<OutboxStatus | 'busy' | 'duplicate'> {
  if (!(await enqueueNotice(notice, now))) return 'duplicate';
  return deliver(notice.key, sender, now);
}

/** The scheduled retry: delivers every pending notice that is due, oldest first. */
export async function deliverDueNotices(sender: NoticeSender, now = new Date(), limit = 200): Promise<Record<string, number>> {
  const { Items } = await db().send(
    new QueryCommand({
      TableName: tableName(),
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pending AND gsi1sk <= :now',
      ExpressionAttributeValues: { ':pending': 'OUTBOX#pending', ':now': now.toISOString() },
      Limit: limit,
    }),
  );
  const counts: Record<string, number> = {};
  for (const item of Items ?? []) {
    const outcome = await deliver(String(item.key), sender, now);
    counts[outcome] = (counts[outcome] ?? 0) + 1;
  }
  return counts;
}

/** Notices that exhausted their retries: listed for admins, never dropped silently. */
export async function failedNotices(limit = 100): Promise<OutboxRecord[]> {
  const { Items } = await db().send(
    new QueryCommand({
      TableName: tableName(),
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :failed',
      ExpressionAttributeValues: { ':failed': 'OUTBOX#failed' },
      ScanIndexForward: false,
      Limit: limit,
    }),
  );
  return (Items ?? []) as OutboxRecord[];
}
