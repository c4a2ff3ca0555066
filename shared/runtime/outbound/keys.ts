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
 * - notices queued before the index was sharded: Query gsi1 OUTBOX#pending (read by pollers until it is empty)
 * - notices that exhausted their retries (admins list and re-drive them): Query gsi1 OUTBOX#failed, newest first
 * - a sent notice is kept 30 days for support questions, then DynamoDB's TTL removes it
 *
 * Write rates per partition (the index takes a write for every change of a projected item: queue, claim, one
 * progress write per 1,000-recipient batch, completion — about 4 writes per notice, each of ⌈item size / 1 KB⌉
 * write units; a 1,000-recipient notice is ~20 KB, so ~20 WCU per index write, a one-member notice 1 WCU):
 * - the base table: one partition per notice key, a handful of writes in its life — never hot.
 * - OUTBOX#pending#<shard> at 100,000 members: the weekly push queues ≤ 1,000 notices per 1,000-member unit at
 *   worst (each member a different list; members with the same courses share one notice), paced per unit
 *   (sendRatePerSecond, default 10/s) and capped group-wide by WeCom's limit on one API (150,000 calls an hour ≈
 *   41/s sustained, 10,000 a minute ≈ 166/s in bursts). At 41 notices/s ≈ 165 index writes/s: ≈ 10 writes/s per
 *   shard on 16 shards, ≤ 210 WCU/s even if every notice were a full 20 KB one. Dues reminders and the other
 *   capabilities' one-member notices add a few writes/s per shard at the month's start. Unsharded, the same
 *   traffic put ~165 writes/s and up to 3,300 WCU/s on one partition — over its 1,000 WCU/s.
 * - the same at 1,000,000 members (a province's system): the WeCom cap does not grow, so the send rate stays
 *   ≤ 41/s sustained (≤ 166/s in a burst: ≈ 42 writes/s and ≤ 840 WCU/s per shard with 20 KB notices); what grows
 *   is the backlog of due notices (10× as many wait), read by pollers from all 16 shards. The pending shards are
 *   the first outbox key to widen if bursts of full notices ever approach 1,000 WCU/s per shard (raise
 *   PENDING_SHARDS: pollers read every shard, and a notice keeps the shard it was queued on).
 * - OUTBOX#failed: only notices that failed five times (WeCom down): rare; even a WeCom outage fails at most the
 *   send rate (≤ 41/s, once each) — ≤ 41 writes/s, at both 100,000 and 1,000,000 members.
 * - Sent notices leave the index, so no OUTBOX#sent partition takes every completion (it used to).
 */
import type { KeyPartitions } from '../deployment';

/** How many partitions the pending index is spread over (write sharding); pollers read them all. */
export const PENDING_SHARDS = 16;
/** How long a sent notice is kept before DynamoDB's TTL removes it. */
export const SENT_RETENTION_DAYS = 30;

/** The table items and every index partition above (IAM leading-key patterns are upper-case prefixes: `OUTBOX#*`). */
export const OUTBOX_PARTITIONS: KeyPartitions = { table: ['OUTBOX#*'], indexes: { gsi1: ['OUTBOX#*'] } };

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
  /**
   * The one pending partition of the versions before sharding: pollers still read it, so notices queued before
   * the upgrade are delivered (and, if they fail again, move to their shard); it stays empty afterwards.
   */
  legacyPendingPartition: () => 'OUTBOX#pending',
  pendingIndex: (key: string, nextAttemptAt: string) => ({ gsi1pk: `OUTBOX#pending#${pendingShardOf(key)}`, gsi1sk: nextAttemptAt }),
  failedPartition: () => 'OUTBOX#failed',
  failedIndex: (failedAt: string) => ({ gsi1pk: 'OUTBOX#failed', gsi1sk: failedAt }),
};
