import { BatchGetCommand, PutCommand, QueryCommand, TransactWriteCommand, type QueryCommandInput, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from './db';

/** DynamoDB plumbing every store needs: reading all pages, batched gets, and what a failed write means. */
export type Item = Record<string, unknown>;

/** Every item of a query, page after page (for partitions known to be small: an item's history, admin edits). */
export async function queryAll(input: Omit<QueryCommandInput, 'TableName' | 'ExclusiveStartKey'>): Promise<Item[]> {
  const items: Item[] = [];
  let start: Item | undefined;
  do {
    const reply = await db().send(new QueryCommand({ ...input, TableName: tableName(), ExclusiveStartKey: start }));
    items.push(...(reply.Items ?? []));
    start = reply.LastEvaluatedKey;
  } while (start);
  return items;
}

/** The items found for the keys (in no particular order), 100 keys a request, retrying unprocessed keys. */
export async function batchGet(keys: Item[]): Promise<Item[]> {
  const found: Item[] = [];
  for (let start = 0; start < keys.length; start += 100) {
    let request: Record<string, { Keys: Item[] }> | undefined = { [tableName()]: { Keys: keys.slice(start, start + 100) } };
    while (request && Object.keys(request).length > 0) {
      const reply = await db().send(new BatchGetCommand({ RequestItems: request }));
      found.push(...(reply.Responses?.[tableName()] ?? []));
      request = reply.UnprocessedKeys as typeof request;
    }
  }
  return found;
}

/** Puts an item unless one with its key exists: true when this call wrote it. */
export async function putIfAbsent(item: Item): Promise<boolean> {
  try {
    await db().send(new PutCommand({ TableName: tableName(), Item: item, ConditionExpression: 'attribute_not_exists(pk)' }));
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

export const isConditionFailure = (error: unknown) => error instanceof Error && error.name === 'ConditionalCheckFailedException';

/** Why each action of a cancelled transaction failed ('None' where it did not), or undefined for other errors. */
export function cancellationReasons(error: unknown): string[] | undefined {
  if (!(error instanceof Error) || error.name !== 'TransactionCanceledException') return undefined;
  const reasons = (error as Error & { CancellationReasons?: Array<{ Code?: string }> }).CancellationReasons ?? [];
  return reasons.map((reason) => reason.Code ?? 'None');
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs a transaction, retrying when DynamoDB cancels it for a conflict with a concurrent transaction on the
 * same items (TransactionConflict: retryable, unlike a failed condition) with jittered backoff, a few times.
 */
export async function transactWrite(items: NonNullable<TransactWriteCommandInput['TransactItems']>, attempts = 4): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      await db().send(new TransactWriteCommand({ TransactItems: items }));
      return;
    } catch (error) {
      const reasons = cancellationReasons(error);
      const conflict = reasons?.includes('TransactionConflict') && !reasons.includes('ConditionalCheckFailed');
      if (!conflict || attempt >= attempts) throw error;
      await pause(20 * 2 ** attempt * (0.5 + Math.random()));
    }
  }
}
