import { createHash } from 'node:crypto';

/**
 * Write sharding: a partition everyone writes to (all members in one index partition, a popular feature's
 * rollups, a month's learning log) becomes a fixed number of partitions `<base>#<shard>`, the shard chosen by
 * a stable hash of something every writer knows (a member's id, a branch's id). Readers gather the shards
 * back — and the unsharded `<base>` partition too, where items written before sharding still live, so both
 * layouts read as one while the old items age out or are rewritten.
 */

/** The shard of `value` among `count`: stable across processes and releases (a hash, never a counter or random). */
export function shardOf(value: string, count: number): number {
  if (!Number.isInteger(count) || count < 1) throw new Error(`shard count must be a positive integer, got ${count}`);
  return createHash('sha256').update(String(value)).digest().readUInt32BE(0) % count;
}

/** The sharded partition key that `value`'s writes go to. */
export const shardKey = (base: string, value: string, count: number) => `${base}#${shardOf(value, count)}`;

/** Every partition a reader gathers: the unsharded (pre-sharding) one first, then each shard. */
export function shardedPartitions(base: string, count: number): string[] {
  return [base, ...Array.from({ length: count }, (_, shard) => `${base}#${shard}`)];
}
