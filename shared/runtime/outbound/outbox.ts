import { randomUUID } from 'node:crypto';
import { AppError } from '../app-error';
import { config } from '../config';
import { logger } from '../logger';
import { NOTICE_DELIVERY_FAILED_MESSAGE } from '../log-messages';
import { recipientBatches, type Notice } from './notice';
import {
  claimRecord,
  completeRecord,
  dueNoticeKeys,
  failedRecords,
  getOutboxRecord,
  putNoticeIfAbsent,
  recordFailure,
  recordProgress,
  renewLease,
  reopenFailed,
  type LeaseCheck,
  type OutboxRecord,
  type OutboxStatus,
} from './outbox-store';
import type { NoticeSender } from './sender';

/**
 * How long a claim holds a notice. A lease is renewed before every WeCom call, so each call starts with a whole
 * lease ahead of it; WeCom calls time out after WECOM_TIMEOUT_MS (5 s), far inside it, so a call that returns
 * always returns while the lease still holds and nobody else can have taken the notice meanwhile.
 */
export const LEASE_MS = 60_000;
const backoffMs = (attempts: number) => Math.min(60 * 60_000, 30_000 * 2 ** (attempts - 1));

/** How a delivery went: 'busy' when another copy holds it or it is not due, 'lease-lost' when this copy stopped. */
export type DeliveryOutcome = OutboxStatus | 'busy' | 'lease-lost';

export interface DeliveryOptions {
  /** The instant notices must be due by (defaults to the clock's now). */
  due?: Date;
  /** Milliseconds since the epoch; read at every claim and every write, never fixed at the job's start. */
  clock?: () => number;
  leaseMs?: number;
  /** This copy's identity as a lease holder (a fresh one per delivery unless given). */
  owner?: string;
}

/**
 * Records a notice in the outbox once per key. Returns false when the key was already there (a retry
 * of the same push): nothing new is queued and the earlier record stands.
 */
export async function enqueueNotice(notice: Notice, now = new Date()): Promise<boolean> {
  return putNoticeIfAbsent(notice, now);
}

/**
 * Delivers one notice from where it stopped, under a lease taken when it is claimed. Every write after the
 * claim (renewal before each WeCom call, progress after it, completion, failure) is conditional on still holding
 * the lease; the first one that finds it lost stops this copy at once: it sends nothing further. Failures are
 * counted and retried with backoff, then kept as failed for the admins.
 */
export async function deliver(key: string, sender: NoticeSender, options: DeliveryOptions = {}): Promise<DeliveryOutcome> {
  const clock = options.clock ?? Date.now;
  const leaseMs = options.leaseMs ?? LEASE_MS;
  const owner = options.owner ?? randomUUID();
  const lease = (): LeaseCheck => ({ owner, now: clock() });
  const claimedAt = lease();
  const record = await claimRecord(key, claimedAt, leaseMs, options.due ?? new Date(claimedAt.now));
  if (!record) return 'busy';
  const batches = recipientBatches(record.notice.toUsers);
  let sent = record.batchesSent;
  const invalid = [...record.invalidUsers];
  try {
    for (; sent < batches.length; sent += 1) {
      if (!(await renewLease(key, lease(), leaseMs))) return lostLease(key, owner, sent);
      const result = await sender.send(record.notice, batches[sent]!);
      invalid.push(...result.invalidUsers);
      if (!(await recordProgress(key, lease(), sent + 1, invalid))) return lostLease(key, owner, sent + 1);
    }
    return (await completeRecord(key, lease())) ? 'sent' : lostLease(key, owner, sent);
  } catch (error) {
    const attempts = record.attempts + 1;
    const failed = attempts >= config().OUTBOX_MAX_ATTEMPTS;
    const checkedAt = lease();
    const reason = error instanceof Error ? error.message : String(error);
    logger.warn(NOTICE_DELIVERY_FAILED_MESSAGE, { key, attempts, failed, reason });
    // Backoff counts from the instant the notices were due by (the job's view of now), so a job run for a given
    // instant (a test, a late resume) retries relative to it.
    const retryAt = (options.due?.getTime() ?? checkedAt.now) + backoffMs(attempts);
    const attempt = { attempts, failed, reason, batchesSent: sent, invalidUsers: invalid, nextAttemptAt: new Date(retryAt).toISOString() };
    if (!(await recordFailure(key, checkedAt, attempt))) return lostLease(key, owner, sent);
    return failed ? 'failed' : 'pending';
  }
}

function lostLease(key: string, owner: string, batchesSent: number): 'lease-lost' {
  logger.warn('outbox lease lost: stopped delivering', { key, owner, batchesSent });
  return 'lease-lost';
}

/** Queues a notice and tries to deliver it at once; if that fails, the outbox job retries it later. */
export async function sendNotice(notice: Notice, sender: NoticeSender, now = new Date()): Promise<DeliveryOutcome | 'duplicate'> {
  if (!(await enqueueNotice(notice, now))) return 'duplicate';
  return deliver(notice.key, sender, { due: now });
}

/**
 * The scheduled retry: delivers the pending notices that are due, from every shard of the pending index. A lost
 * lease means this copy runs late (another has taken over its work): it stops at once and sends nothing further.
 */
export async function deliverDueNotices(sender: NoticeSender, options: DeliveryOptions & { limit?: number } = {}): Promise<Record<string, number>> {
  const clock = options.clock ?? Date.now;
  const owner = options.owner ?? randomUUID();
  const counts: Record<string, number> = {};
  for (const key of await dueNoticeKeys(options.due ?? new Date(clock()), options.limit ?? 200)) {
    const outcome = await deliver(key, sender, { ...options, clock, owner });
    counts[outcome] = (counts[outcome] ?? 0) + 1;
    if (outcome === 'lease-lost') break;
  }
  return counts;
}

/** Notices that exhausted their retries: listed for admins, never dropped silently. */
export async function failedNotices(limit = 100): Promise<OutboxRecord[]> {
  return failedRecords(limit);
}

/**
 * An admin's re-drive of a failed notice: queued again with fresh attempts and delivered at once (batches it
 * already delivered are not sent again). 404 for an unknown key, 409 for a notice that is not failed.
 */
export async function redriveNotice(key: string, by: string, sender: NoticeSender, now = new Date()): Promise<DeliveryOutcome> {
  if (!(await reopenFailed(key, now, by))) {
    const record = await getOutboxRecord(key);
    if (!record) throw new AppError(404, 'NOTICE_NOT_FOUND');
    throw new AppError(409, 'NOTICE_NOT_FAILED');
  }
  logger.info('outbox notice re-driven', { key, by });
  return deliver(key, sender, { due: now });
}

export { getOutboxRecord, outboxPut, type OutboxRecord, type OutboxStatus } from './outbox-store';
