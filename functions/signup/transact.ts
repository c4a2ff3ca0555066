import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { AppError } from '../../shared/runtime/app-error';
import { db } from '../../shared/runtime/db';
import { logger } from '../../shared/runtime/logger';
import { signupSettings } from './settings';

export type TransactItems = NonNullable<TransactWriteCommandInput['TransactItems']>;

/**
 * A committed transaction, or the items whose conditions failed (by their index in the request). An empty
 * list means the token was already used by a twin request with other values: read back and decide.
 */
export type TransactOutcome = { committed: true } | { committed: false; failedConditions: number[] };

/**
 * Test seam: returns an error to throw instead of sending a given attempt (DynamoDB Local mostly serialises
 * transactions, so the TransactionConflict that real DynamoDB reports under contention is injected).
 */
export type TransactionFault = (attempt: number, items: TransactItems) => Error | undefined;
let fault: TransactionFault | undefined;

export function injectTransactionFault(next: TransactionFault | undefined): void {
  fault = next;
}

const BASE_DELAY_MS = 20;
const MAX_DELAY_MS = 1000;
/** Full jitter (AWS architecture blog): a random wait up to an exponentially growing cap. */
const backoffMs = (attempt: number) => Math.random() * Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** attempt);
const sleep = (millis: number) => new Promise((resolve) => setTimeout(resolve, millis));

function reasonsOf(error: unknown): string[] | undefined {
  if (error instanceof TransactionCanceledException || (error as Error | undefined)?.name === 'TransactionCanceledException') {
    return ((error as TransactionCanceledException).CancellationReasons ?? []).map((reason) => reason.Code ?? 'None');
  }
  return undefined;
}

/** Another transaction was working on the same item, or the same token is still in flight: worth another try. */
function isRetryable(error: unknown, reasons: string[] | undefined): boolean {
  if (reasons) return reasons.includes('TransactionConflict') && !reasons.includes('ConditionalCheckFailed');
  return (error as Error | undefined)?.name === 'TransactionInProgressException';
}

/**
 * Runs one TransactWriteItems. A cancellation for TransactionConflict is retried with jittered backoff up to
 * SIGNUP_TRANSACTION_ATTEMPTS times (then 503 SIGNUP_BUSY: the member's retry is safe, their clientRequestId
 * makes it idempotent); a cancellation for ConditionalCheckFailed is an answer, returned to the caller.
 * The ClientRequestToken makes the SDK's own resend of the same attempt harmless.
 */
export async function transact(items: TransactItems, clientRequestToken?: string): Promise<TransactOutcome> {
  const attempts = signupSettings().SIGNUP_TRANSACTION_ATTEMPTS;
  for (let attempt = 1; ; attempt += 1) {
    try {
      const injected = fault?.(attempt, items);
      if (injected) throw injected;
      await db().send(
        new TransactWriteCommand({
          TransactItems: items,
          ...(clientRequestToken ? { ClientRequestToken: `${clientRequestToken.slice(0, 32)}-${attempt}` } : {}),
        }),
      );
      return { committed: true };
    } catch (error) {
      const reasons = reasonsOf(error);
      if ((error as Error).name === 'IdempotentParameterMismatchException') return { committed: false, failedConditions: [] };
      if (reasons?.includes('ConditionalCheckFailed')) {
        return {
          committed: false,
          failedConditions: reasons.flatMap((code, index) => (code === 'ConditionalCheckFailed' ? [index] : [])),
        };
      }
      if (!isRetryable(error, reasons)) throw error;
      if (attempt >= attempts) {
        logger.warn('transaction kept conflicting', { attempts });
        throw new AppError(503, 'SIGNUP_BUSY');
      }
      await sleep(backoffMs(attempt));
    }
  }
}
