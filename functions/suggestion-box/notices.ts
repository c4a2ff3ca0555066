import { logger } from '../../shared/runtime/logger';
import { sendNotice, WecomNoticeSender, type Notice, type NoticeSender } from '../../shared/runtime/outbound';

let sender: NoticeSender | undefined;

/** One WeCom sender per Lambda copy, so its cached access token serves every notice of that copy. */
export const noticeSender = () => (sender ??= WecomNoticeSender.fromConfig());

/**
 * Queues a notice in the outbox and tries to deliver it. A notice that cannot even be queued is logged,
 * never a failed request: the change it announces is already stored; delivery failures are retried by the
 * deliver-notices job.
 */
export async function notify(notice: Notice, now = new Date()): Promise<void> {
  try {
    await sendNotice(notice, noticeSender(), now);
  } catch (error) {
    logger.error('notice not queued', { key: notice.key, reason: error instanceof Error ? error.message : String(error) });
  }
}
