import { logger } from '../../shared/runtime/logger';
import { type Notice, sendNotice, wecomNoticeSender } from '../../shared/runtime/outbound';

/** WeCom allows 30 characters in a content item's value. */
export const clip = (text: string, max = 30) => [...text].slice(0, max).join('');

/**
 * Queues a notice in the outbox (once per key) and tries to deliver it. A notice that cannot even be queued is
 * logged, never a failed request: the change it announces is stored; delivery is retried by the job.
 */
export async function notify(notice: Notice, now = new Date()): Promise<void> {
  try {
    await sendNotice(notice, wecomNoticeSender(), now);
  } catch (error) {
    logger.error('notice not queued', { key: notice.key, reason: error instanceof Error ? error.message : String(error) });
  }
}
