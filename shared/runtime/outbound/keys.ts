/**
 * Items of the outbound-message outbox (shared/runtime/outbound) in the one table.
 *
 * | item            | pk            | sk     | gsi1pk / gsi1sk                                   | ttl                  |
 * |-----------------|---------------|--------|---------------------------------------------------|----------------------|
 * | pending notice  | OUTBOX#<key>  | OUTBOX | OUTBOX#pending#<shard 0..15> / <nextAttemptAt>    | –                    |
 * | failed notice   | OUTBOX#<key>  | OUTBOX | OUTBOX#failed / <failedAt>                        | –                    |
 * | sent notice     | OUTBOX#<key>  | OUTBOX | – (leaves the index)                              | sentAt + 30 days     |
 *
 * Access patterns:
 * - queue a notice once per idempotency key: conditional PutItem OUTBOX#<key>
 * - notices due for (re)delivery: Query gsi1 OUTBOX#pending#<shard>, gsi1sk <= now, for every shard (a poller
 *   reads all sixteen); the shard is a hash of the key, so a notice stays on its shard for its whole life
 * - notices that exhausted their retries (admins list and re-drive them): Query gsi1 OUTBOX#failed, newest first
 * - a sent notice is kept 30 days for support questions, then DynamoDB's TTL removes it
 *
 * Write rates per partition (the index takes a write for every change of a projected item: queue, claim, one
 * progress write per 1,000-recipient batch, completion — about 4 writes per notice, each of ⌈item size / 1 KB⌉
 * write units; a 1,000-recipient notice is ~20 KB, so ~20 WCU per index write, a one-member notice 1 WCU):
 * - the base table: one partition per notice key, a handful of writes in its life — never hot.
 * - OUTBOX#pending#<shard> at 100,000 members: the weekly push queues ≤ 100 full notices per 1,000-member unit
 *   (usually far fewer: members with the same courses share one), paced at 10 notices/s per unit; with 10 units
 *   sending at once that is ≤ 100 notices/s ≈ 400 index writes/s ≈ 8,000 WCU/s at worst (all 20 KB), spread on 16
 *   shards ≈ 25 writes/s and ≤ 500 WCU/s per shard: within a partition's 1,000 WCU/s. Dues reminders and the other
 *   capabilities' notices (one recipient, ~1 KB) add ≤ 5 writes/s per shard at the month's start.
 * - the same at 1,000,000 members (a province's system): ten times the units; WeCom's own API limit
 *   (10,000 calls/min per corporation ≈ 166/s, see WEEKLY_PUSH pacing) caps the group-wide send rate, so at most
 *   ≈ 166 notices/s ≈ 670 index writes/s: ≈ 42 writes/s and ≤ 840 WCU/s per shard with 20 KB notices — close to
 *   the limit: the pending shards are the first key to widen (raise PENDING_SHARDS; pollers read every shard, and
 *   a notice keeps the shard it was queued on, so old and new counts coexist only if pollers read the larger set).
 * - OUTBOX#failed: only notices that failed five times (WeCom down): rare; a WeCom outage at 1,000,000 members
 *   fails ≤ 166 notices/s at most, once each — the one key that could peak, and only while WeCom is down.
 * - Sent notices leave the index, so no OUTBOX#sent partition takes every completion (it used to).
 */
import type { KeyPartitions } from '../deployment';

/** How many partitions the pending index is spread over (write sharding); pollers read them all. */
export const PENDING_SHARDS = 16;
/** How long a sent notice is kept before DynamoDB's TTL removes it. */
export const SENT_RETENTION_DAYS = 30;

export const OUTBOX_PARTITIONS: KeyPartitions = { table: ['OUTBOX#*'], indexes: { gsi1: ['OUTBOX#pending#*', 'OUTBOX#failed'] } };

/** A stable shard for a key (FNV-1a): the same notice always lands on the same pending partition. */
export function pendingShardOf(key: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < key.length; index += 1) {
    hash ^= key.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % PENDING_SHARDS;
}

export const outboxKeys = {
  record: (key: string) => ({ pk: `OUTBOX#${key}`, sk: 'OUTBOX' }),
  pendingPartition: (shard: number) => `OUTBOX#pending#${shard}`,
  pendingIndex: (key: string, nextAttemptAt: string) => ({ gsi1pk: `OUTBOX#pending#${pendingShardOf(key)}`, gsi1sk: nextAttemptAt }),
  failedPartition: () => 'OUTBOX#failed',
  failedIndex: (failedAt: string) => ({ gsi1pk: 'OUTBOX#failed', gsi1sk: failedAt }),
};
