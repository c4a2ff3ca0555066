import { logger } from '../../shared/runtime/logger';
import { deliver, deliverDueNotices, wecomNoticeSender } from '../../shared/runtime/outbound';

/**
 * Tries at once to deliver notices already queued in the outbox with the change they announce. A failure
 * never undoes the change or fails the member's request: the record stays pending and the scheduled
 * `deliverNotices` job retries it with backoff.
 */
export async function deliverQueued(keys: string[]): Promise<void> {
  for (const key of keys) {
    try {
      await deliver(key, wecomNoticeSender());
    } catch (error) {
      logger.warn('notice left for the retry job', { key, reason: error instanceof Error ? error.message : String(error) });
    }
  }
}

/** The scheduled retry of pending notices. */
export async function deliverPendingNotices(): Promise<Record<string, number>> {
  return deliverDueNotices(wecomNoticeSender());
}
