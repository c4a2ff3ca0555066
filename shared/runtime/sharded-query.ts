import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from './db';
import type { Item } from './db-helpers';

/** Reading sharded index partitions (write-shards.ts) back as one, in sort-key order. */

/** A page never asks DynamoDB for more than this many items of one partition. */
const LARGEST_CHUNK = 100;

/**
 * One partition of an index, read forward starting after a sort key: first `chunk` items, then twice as many
 * each time (up to 100), so a short page reads little and a long filtered walk few requests.
 */
class PartitionReader {
  private buffer: Item[] = [];
  private startKey: Item | undefined;
  private finished = false;
  private chunk: number;

  constructor(
    private readonly index: string,
    private readonly partition: string,
    private readonly after: string | undefined,
    firstChunk: number,
  ) {
    this.chunk = Math.max(1, Math.min(LARGEST_CHUNK, firstChunk));
  }

  /** The partition's next item without taking it; undefined when it has no more. */
  async peek(): Promise<Item | undefined> {
    while (this.buffer.length === 0 && !this.finished) await this.fill();
    return this.buffer[0];
  }

  take(): Item | undefined {
    return this.buffer.shift();
  }

  private async fill(): Promise<void> {
    const pk = `${this.index}pk`;
    const sk = `${this.index}sk`;
    const reply = await db().send(
      new QueryCommand({
        TableName: tableName(),
        IndexName: this.index,
        KeyConditionExpression: this.after === undefined ? '#pk = :pk' : '#pk = :pk AND #sk > :after',
        ExpressionAttributeNames: { '#pk': pk, ...(this.after === undefined ? {} : { '#sk': sk }) },
        ExpressionAttributeValues: { ':pk': this.partition, ...(this.after === undefined ? {} : { ':after': this.after }) },
        Limit: this.chunk,
        ExclusiveStartKey: this.startKey,
      }),
    );
    this.chunk = Math.min(LARGEST_CHUNK, this.chunk * 2);
    this.buffer.push(...(reply.Items ?? []));
    this.startKey = reply.LastEvaluatedKey;
    if (!this.startKey) this.finished = true;
  }
}

/**
 * The items of several partitions of one index in one sort-key order (a k-way merge), starting after the sort
 * key `after`: the sharded partitions read as if they were one. Each partition is read lazily `chunk` items at a
 * time (growing), so a page of n items costs about n / partitions items per partition, not n each. Sort keys must be
 * unique across the partitions (they are: each names its item), so the last sort key handed out is a complete
 * position to resume from.
 */
export async function* mergedByIndexSortKey(options: { index: 'gsi1' | 'gsi2'; partitions: readonly string[]; after?: string; chunk: number }): AsyncGenerator<Item> {
  const sortKey = `${options.index}sk`;
  const readers = options.partitions.map((partition) => new PartitionReader(options.index, partition, options.after, options.chunk));
  for (;;) {
    const heads = await Promise.all(readers.map((reader) => reader.peek()));
    let first = -1;
    heads.forEach((head, position) => {
      if (head === undefined) return;
      if (first < 0 || String(head[sortKey]) < String(heads[first]![sortKey])) first = position;
    });
    if (first < 0) return;
    yield readers[first]!.take()!;
  }
}
