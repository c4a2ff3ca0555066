import { TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { db } from '../../shared/runtime/db';
import { logger } from '../../shared/runtime/logger';

export type TransactItems = NonNullable<TransactWriteCommandInput['TransactItems']>;

/** Why a transaction was cancelled, per item ('None' for the items that were fine). */
export function cancellationCodes(error: unknown): string[] | undefined {
  if (!(error instanceof Error) || error.name !== 'TransactionCanceledException') return undefined;
  const reasons = (error as Error & { CancellationReasons?: Array<{ Code?: string }> }).CancellationReasons ?? [];
  return reasons.map((reason) => reason.Code ?? 'None');
}

export interface RetryOptions {
  attempts?: number;
  baseDelayMs?: number;
  send?: (items: TransactItems) => Promise<unknown>;
  sleep?: (ms: number) => Promise<void>;
}

const defaultSend = (items: TransactItems) => db().send(new TransactWriteCommand({ TransactItems: items }));
const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Runs a transaction, retrying with jittered backoff when DynamoDB cancels it for a conflict with another
 * transaction on the same item (`TransactionConflict`, frequent on hot counters in real DynamoDB; DynamoDB
 * Local serialises instead). A cancellation for a failed condition is final and rethrown at once.
 */
export async function transactWithRetry(items: TransactItems, options: RetryOptions = {}): Promise<unknown> {
  const { attempts = 5, baseDelayMs = 25, send = defaultSend, sleep = defaultSleep } = options;
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await send(items);
    } catch (error) {
      const codes = cancellationCodes(error);
      const conflict = codes?.includes('TransactionConflict') && !codes.includes('ConditionalCheckFailed');
      if (!conflict || attempt >= attempts) throw error;
      const delay = baseDelayMs * 2 ** (attempt - 1);
      logger.info('transaction conflict, retrying', { attempt });
      await sleep(delay / 2 + Math.random() * delay);
    }
  }
}
