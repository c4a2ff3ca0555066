import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from './db';
import type { Item } from './db-helpers';

/** Reading sharded index partitions (write-shards.ts) back as one, in sort-key order. */

/** One read of one partition never asks for more than this many items. */
const LARGEST_CHUNK = 500;
/** Each partition is asked a little more than its share of what the caller still expects, so few need a second read. */
const MARGIN = 1.2;

/** How far the caller is: how many items it expects to take in all, and how many it has taken. */
interface Progress {
  expected: number;
  taken: number;
  partitions: number;
}

/** One partition of an index, read forward from after a sort key, a chunk at a time as the merge needs it. */
class PartitionReader {
  private buffer: Item[] = [];
  private startKey: Item | undefined;
  private finished = false;
  private lastChunk = 1;

  constructor(
    private readonly index: 'gsi1' | 'gsi2',
    private readonly partition: string,
    private readonly after: string | undefined,
    private readonly progress: Progress,
  ) {}

  /** The partition's next item without taking it; undefined when it has no more. */
  async peek(): Promise<Item | undefined> {
    while (this.buffer.length === 0 && !this.finished) await this.fill();
    return this.buffer[0];
  }

  take(): Item | undefined {
    return this.buffer.shift();
  }

  /**
   * While the caller's expectation lasts, a partition's share of what remains (hashing spreads items evenly);
   * past it — a filter that keeps few — twice the last read, so a long walk takes few requests.
   */
  private chunkSize(): number {
    const remaining = this.progress.expected - this.progress.taken;
    const size = remaining > 0 ? Math.ceil((remaining / this.progress.partitions) * MARGIN) + 1 : this.lastChunk * 2;
    return Math.min(LARGEST_CHUNK, Math.max(2, size));
  }

  private async fill(): Promise<void> {
    const withStart = this.after !== undefined;
    this.lastChunk = this.chunkSize();
    const reply = await db().send(
      new QueryCommand({
        TableName: tableName(),
        IndexName: this.index,
        KeyConditionExpression: withStart ? '#pk = :pk AND #sk > :after' : '#pk = :pk',
        ExpressionAttributeNames: { '#pk': `${this.index}pk`, ...(withStart ? { '#sk': `${this.index}sk` } : {}) },
        ExpressionAttributeValues: { ':pk': this.partition, ...(withStart ? { ':after': this.after } : {}) },
        Limit: this.lastChunk,
        ExclusiveStartKey: this.startKey,
      }),
    );
    this.buffer.push(...(reply.Items ?? []));
    this.startKey = reply.LastEvaluatedKey;
    if (!this.startKey) this.finished = true;
  }
}

/**
 * The items of several partitions of one index in one sort-key order (a k-way merge), starting after the sort
 * key `after`: the sharded partitions read as if they were one. `expected` is how many items the caller means to
 * take (a page and one more, to know whether there is a next): each partition is read lazily, about its share of
 * that at a time, so a page of n items reads about 1.2 n items in all, not n per partition. Sort keys must be
 * unique across the partitions (they are: each names its item), so the last sort key handed out is a complete
 * position to resume from.
 */
export async function* mergedByIndexSortKey(options: { index: 'gsi1' | 'gsi2'; partitions: readonly string[]; after?: string; expected: number }): AsyncGenerator<Item> {
  const sortKey = `${options.index}sk`;
  const progress: Progress = { expected: options.expected, taken: 0, partitions: options.partitions.length };
  const readers = options.partitions.map((partition) => new PartitionReader(options.index, partition, options.after, progress));
  for (;;) {
    const heads = await Promise.all(readers.map((reader) => reader.peek()));
    let first = -1;
    heads.forEach((head, position) => {
      if (head === undefined) return;
      if (first < 0 || String(head[sortKey]) < String(heads[first]![sortKey])) first = position;
    });
    if (first < 0) return;
    progress.taken += 1;
    yield readers[first]!.take()!;
  }
}
