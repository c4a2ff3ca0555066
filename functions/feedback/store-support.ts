import { QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from '../../shared/runtime/db';
import { logger } from '../../shared/runtime/logger';
import { decodeCursor, encodeCursor } from '../../shared/runtime/page-cursor';

/** Helpers of the feedback function's store modules (the only modules that know DynamoDB). */

export type Item = Record<string, unknown>;
export const epoch = (date: Date) => Math.floor(date.getTime() / 1000);

/** Parses stored items with the contract's schema; a malformed item is logged and skipped, never served. */
export function parseAll<T>(items: Item[] | undefined, schema: { safeParse(input: unknown): { success: true; data: T } | { success: false } }): T[] {
  const parsed: T[] = [];
  for (const item of items ?? []) {
    const result = schema.safeParse(item);
    if (result.success) parsed.push(result.data);
    else logger.warn('skipping a malformed feedback item', { pk: String(item.pk) });
  }
  return parsed;
}

// ── paging ──────────────────────────────────────────────────────────────────────────────────────

export interface Page<T> {
  items: T[];
  nextCursor?: string;
}

export async function queryPage<T>(
  input: { index?: 'gsi1'; pk: string; pkName: string; limit: number; cursor?: string },
  schema: Parameters<typeof parseAll<T>>[1],
): Promise<Page<T>> {
  const reply = await db().send(
    new QueryCommand({
      TableName: tableName(),
      ...(input.index ? { IndexName: input.index } : {}),
      KeyConditionExpression: `${input.pkName} = :pk`,
      ExpressionAttributeValues: { ':pk': input.pk },
      ScanIndexForward: false,
      Limit: input.limit,
      ExclusiveStartKey: decodeCursor(input.cursor),
    }),
  );
  return { items: parseAll(reply.Items, schema), nextCursor: encodeCursor(reply.LastEvaluatedKey) };
}

/** Every item a query matches, page after page (jobs and small partitions only). */
export async function queryAll(input: Omit<QueryCommandInput, 'TableName' | 'ExclusiveStartKey'>): Promise<Item[]> {
  const items: Item[] = [];
  let start: Item | undefined;
  do {
    const reply = await db().send(new QueryCommand({ TableName: tableName(), ...input, ExclusiveStartKey: start }));
    items.push(...(reply.Items ?? []));
    start = reply.LastEvaluatedKey;
  } while (start);
  return items;
}
