import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from '../../../shared/runtime/db';
import type { Item } from '../../../shared/runtime/db-helpers';

export { batchGet, cancellationReasons, isConditionFailure, queryAll, transactWrite, type Item } from '../../../shared/runtime/db-helpers';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Unconditional puts (model parts, demo history) in batches of 25, retrying what DynamoDB hands back. */
export async function batchPut(items: Item[]): Promise<void> {
  for (let start = 0; start < items.length; start += 25) {
    let request: Record<string, Array<{ PutRequest: { Item: Item } }>> | undefined = {
      [tableName()]: items.slice(start, start + 25).map((item) => ({ PutRequest: { Item: item } })),
    };
    for (let attempt = 0; request && Object.keys(request).length > 0; attempt += 1) {
      if (attempt > 0) await pause(50 * 2 ** Math.min(attempt, 6));
      const reply = await db().send(new BatchWriteCommand({ RequestItems: request }));
      request = reply.UnprocessedItems as typeof request;
    }
  }
}

/** Runs `work` over `items` with at most `limit` at once, answers in the items' order. */
export async function inParallel<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const index = next;
      next += 1;
      results[index] = await work(items[index]!);
    }
  });
  await Promise.all(workers);
  return results;
}
