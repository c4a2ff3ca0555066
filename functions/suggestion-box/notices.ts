import { logger } from '../../shared/runtime/logger';
import { type Notice, sendNotice, wecomNoticeSender } from '../../shared/runtime/outbound';

/**
 * Queues a notice in the outbox and tries to deliver it. A notice that cannot even be queued is logged,
 * never a failed request: the change it announces is already stored; delivery failures are retried by the
 * deliver-notices job.
 */
export async function notify(notice: Notice, now = new Date()): Promise<void> {
  try {
    await sendNotice(notice, wecomNoticeSender(), now);
  } catch (error) {
    logger.error('notice not queued', { key: notice.key, reason: error instanceof Error ? error.message : String(error) });
  }
}
