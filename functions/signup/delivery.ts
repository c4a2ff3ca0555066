import { logger } from '../../shared/runtime/logger';
import { deliver, deliverDueNotices, WecomNoticeSender, type NoticeSender } from '../../shared/runtime/outbound';

let sender: NoticeSender | undefined;
// One sender per Lambda copy, so its WeCom access token is fetched once and reused.
const noticeSender = () => (sender ??= WecomNoticeSender.fromConfig());

/**
 * Tries at once to deliver notices already queued in the outbox with the change they announce. A failure
 * never undoes the change or fails the member's request: the record stays pending and the scheduled
 * `deliverNotices` job retries it with backoff.
 */
export async function deliverQueued(keys: string[]): Promise<void> {
  for (const key of keys) {
    try {
      await deliver(key, noticeSender());
    } catch (error) {
      logger.warn('notice left for the retry job', { key, reason: error instanceof Error ? error.message : String(error) });
    }
  }
}

/** The scheduled retry of pending notices. */
export async function deliverPendingNotices(): Promise<Record<string, number>> {
  return deliverDueNotices(noticeSender());
}

/** Tests point delivery at a fake WeCom by changing the configuration; this forgets the cached sender. */
export function resetNoticeSenderForTests(): void {
  sender = undefined;
}
