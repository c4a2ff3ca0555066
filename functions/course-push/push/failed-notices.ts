import type { FailedNotice, RedriveResult } from '../../../shared/api/notices';
import { failedNotices, redriveNotice, type NoticeSender, type OutboxRecord } from '../../../shared/runtime/outbound';

const LISTED = 100;

const toFailedNotice = (record: OutboxRecord): FailedNotice => ({
  key: record.key,
  title: record.notice.title,
  description: record.notice.description,
  recipients: record.notice.toUsers.length,
  attempts: record.attempts,
  createdAt: record.createdAt,
  ...(record.lastError ? { lastError: record.lastError } : {}),
  ...(record.failedAt ? { failedAt: record.failedAt } : {}),
});

/** Every capability's notices the outbox gave up on, newest first, for the admins' page. */
export async function listFailedNotices(): Promise<{ notices: FailedNotice[] }> {
  return { notices: (await failedNotices(LISTED)).map(toFailedNotice) };
}

/** An admin sends a failed notice again: it is queued once more and delivered at once. */
export async function redriveFailedNotice(key: string, adminId: string, sender: NoticeSender): Promise<RedriveResult> {
  return { key, outcome: await redriveNotice(key, adminId, sender) };
}
