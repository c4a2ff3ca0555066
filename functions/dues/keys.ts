/**
 * The dues items of the one table, with every access pattern they serve (see shared/runtime/table.ts).
 *
 * | item                     | pk                               | sk                   | gsi1pk / gsi1sk                              | gsi2pk / gsi2sk                      |
 * |--------------------------|----------------------------------|----------------------|----------------------------------------------|--------------------------------------|
 * | rules (configuration)    | DUES#RULES                       | RULES                | –                                            | –                                    |
 * | base (from a month)      | DUES#MEMBER#<userId>             | BASE#<YYYY-MM>       | DUES#BASES#<branchId> / <YYYY-MM>#<userId>   | –                                    |
 * | hardship reduction       | DUES#MEMBER#<userId>             | HARDSHIP#<from>#<id> | DUES#HARDSHIPS#<branchId> / <from>#<userId>  | –                                    |
 * | bill (member, month)     | DUES#MEMBER#<userId>             | MONTH#<YYYY-MM>      | DUES#BILLS#<branchId>#<YYYY> / <month>#<uid> | unpaid only: DUES#UNPAID#<branchId> / <month>#<uid> |
 * | payment order            | DUES#ORDER#<outTradeNo>          | ORDER                | –                                            | –                                    |
 * | payment anomaly          | DUES#ANOMALY#<transactionId>     | ANOMALY              | DUES#ANOMALIES / <at>                        | –                                    |
 * | ledger entry (branch)    | DUES#CHAIN#<branchId>            | SEQ#<12 digits>      | DUES#LEDGER#<userId> / <at>#<branchId>#<seq> | –                                    |
 * | ledger chain head        | DUES#CHAIN#<branchId>            | HEAD                 | –                                            | –                                    |
 * | retired single chain     | DUES#LEDGER                      | SEQ#<12 digits>      | DUES#LEDGER#<userId> / SEQ#<12 digits>       | –                                    |
 * |   its head (migration)   | DUES#LEDGER                      | HEAD                 | –                                            | –                                    |
 * | ledger genesis (pinned)  | DUES#LEDGER-GENESIS              | GENESIS              | –                                            | –                                    |
 * | ledger migration state   | DUES#LEDGER-GENESIS              | MIGRATION            | –                                            | –                                    |
 * | ledger chain registry    | DUES#LEDGER-CHAINS#<0..15>       | <chain id>           | –                                            | –                                    |
 * | reversal marker          | DUES#REVERSED#<branchId>#<seq>   | REVERSED             | –  (retired chain: DUES#REVERSED#<seq>)      | –                                    |
 * | client request (retries) | DUES#REQUEST#<callerId>#<id>     | REQUEST              | –  (ttl: 30 days)                            | –                                    |
 * | daily checkpoint         | DUES#CHECKPOINT                  | <YYYY-MM-DD>         | –                                            | –                                    |
 * | its chain heads (pages)  | DUES#CHECKPOINT-HEADS#<day>      | <root>#<page>        | –                                            | –                                    |
 * | published summary        | DUES#SUMMARY#<branchId>          | <YYYY>               | –                                            | –                                    |
 * | counted year figures     | DUES#FIGURES#<YYYY>#<0..7>       | BRANCH#<branchId>    | –                                            | –                                    |
 * | local-stage pay keys     | DEV#WECHATPAY-LOCAL              | KEYS                 | –                                            | –                                    |
 *
 * Access patterns:
 * - a payment anomaly (status refund-needed) is written once per transaction, in one transaction with its finance
 *   notice in the shared outbox (OUTBOX#dues-anomaly#<transactionId>); finance lists them: Query gsi1 DUES#ANOMALIES
 * - a member's bases and hardships for bill computation: Query DUES#MEMBER#<userId>, sk < "I" (BASE# and HARDSHIP#)
 * - a member's bills of a year: Query DUES#MEMBER#<userId>, sk between MONTH#<year>-01 and MONTH#<year>-12
 * - a branch's bills of a year (reports, summaries): Query gsi1 DUES#BILLS#<branchId>#<year>
 * - a branch's unpaid bills (arrears, reminders): Query gsi2 DUES#UNPAID#<branchId> (sparse: paid bills leave it)
 * - a branch's bases (finance page): Query gsi1 DUES#BASES#<branchId>
 * - a branch's ledger chain in order (verify, list): Query DUES#CHAIN#<branchId>; its head: GetItem …/HEAD; append:
 *   a transaction of the entry's Put (sk free) and the head's Put (conditional on the head it was chained to)
 * - every chain (checkpoint, audit): Query the 16 registry shards DUES#LEDGER-CHAINS#<n>, BatchGet the heads
 * - the retired single chain (before per-branch chains; frozen, the genesis every branch chain links to):
 *   Query DUES#LEDGER, as a chain of its own ("#legacy")
 * - a member's own ledger entries (all chains): Query gsi1 DUES#LEDGER#<userId>
 * - the group's year report: Query DUES#FIGURES#<year>#<0..7> (one small item per branch, written by the report job's
 *   units and by each bills unit for its branches; a request never loops over branches)
 * - members (read-only, owned by identity): GetItem MEMBER#<userId>/PROFILE, Query gsi2 MEMBERS and its shards
 *   (member-directory.ts), gsi1 BRANCH#<id>
 *
 * Write rates per partition (issue #17 item 6/4), against DynamoDB's ~1,000 WCU/s per partition. Assumptions:
 * 100,000 members in 5,000 branches (20 a branch on average; the largest office branches a few hundred) and a
 * province's 1,000,000 members in ~50,000 branches (branches split as they grow, so a branch's size stays the
 * same); each member pays once a month, and at the monthly peak (the hour after the reminders on the 20th) 10% of
 * members pay within an hour, the busiest minute at ten times that hour's average.
 *
 * | partition                              | 100,000 members                                  | 1,000,000 members                              |
 * |----------------------------------------|--------------------------------------------------|------------------------------------------------|
 * | DUES#CHAIN#<branchId> (entry + head)   | avg < 0.001 appends/s; peak a branch's collection | the same (a branch's rate does not grow with   |
 * |                                        | drive ≈ 1–5 appends/s = 4–20 WCU/s (transaction)  | the group); ceiling of one chain ≈ 50 appends/s |
 * | DUES#LEDGER (retired single chain)     | 0 (frozen); before: every payment, peak ≈ 28/s    | 0; before: peak ≈ 280/s, over one chain's      |
 * |                                        | serialised on one head                            | ceiling — why it was split                     |
 * | DUES#LEDGER-CHAINS#<0..15> (registry)  | once per branch, ever (5,000 writes over 16)      | 50,000 writes over 16, once                     |
 * | gsi1 DUES#LEDGER#<userId>              | ≈ 1 write a month                                 | the same                                       |
 * | DUES#CHECKPOINT / …-HEADS#<day>        | 1 / 5 page writes a day                           | 1 / 50 page writes a day                       |
 * | DUES#MEMBER#<userId> (bases, bills)    | a few writes a month                              | the same                                       |
 * | gsi1 DUES#BILLS#<branchId>#<year>      | 20 bills + 20 payments a month; the bill job's    | the same per branch                            |
 * |                                        | burst ≤ 100 writes/s for a 2,000-member branch    |                                                |
 * | gsi2 DUES#UNPAID#<branchId>            | as DUES#BILLS (sparse: removed when paid)         | the same                                       |
 * | DUES#ORDER#<n>, DUES#REQUEST#…         | one partition per order / request                 | the same                                       |
 * | gsi1 DUES#ANOMALIES                    | refund-needed payments only: ≪ 1/s               | ≪ 1/s, bursts in a WeChat Pay incident          |
 *
 * First to need sharding: gsi1 DUES#ANOMALIES (every anomaly of the group in one index partition) if WeChat Pay
 * ever re-sends a storm of foreign or duplicate transactions; then DUES#BILLS#<branchId>#<year> only for a branch
 * of many thousand members whose bills are written in one burst. No ledger partition comes near a limit: a
 * branch chain would need ~250 payments/s from one branch.
 *
 * The other dues keys at 100,000 / 1,000,000 members (see shared/runtime/table.ts), the ledger's keys aside (above
 * with the ledger). Payments: each member pays once a month, 80% in the first 3 days 08:00–22:00 → 0.5 / 5
 * payments/s, each writing its order, its bill (leaving DUES#UNPAID) and the request. Bills: the monthly job
 * writes one bill per member, branches in parallel units.
 *
 * | partition                                      | 100k   | 1M     | assumption                                     |
 * |------------------------------------------------|--------|--------|------------------------------------------------|
 * | gsi1 DUES#BILLS#<branchId>#<year>, gsi2 DUES#UNPAID#<branchId> | ≤ 20/s | ≤ 20/s | a branch's ~20 bills written by its unit of the bill job; payments far below |
 * | DUES#MEMBER#<userId>                           | < 1/s  | < 1/s  | one member's bases, hardships and bills          |
 * | gsi1 DUES#BASES#<branchId>, DUES#HARDSHIPS#<branchId> | ≤ 20/s | ≤ 20/s | a bases file written branch by branch     |
 * | DUES#ORDER#<no>, DUES#REQUEST#…, DUES#SUMMARY#<branchId> | < 1/s | < 1/s | one payment, request or branch              |
 * | DUES#ANOMALY#, gsi1 DUES#ANOMALIES             | < 1/s  | < 1/s  | refunds needed: a handful a month                |
 * | DUES#RULES                                     | < 1/s  | < 1/s  | finance edits                                    |
 * | DUES#FIGURES#<year>#<0..7>                     | ≤ 250/s| ≤ 250/s| 20 report units at once, each writing its branches one by one, spread on 8 shards |
 * First to need sharding: none of these within a province (each is a member's or a branch's); the ledger's were, before its chains were split by branch.
 */
import type { KeyPartitions } from '../../shared/runtime/deployment';
import { shardKey } from '../../shared/runtime/write-shards';

/** Partitions of a year's counted figures (one item per branch). */
export const FIGURES_SHARDS = 8;

/** The retired single chain's partition: entries are only ever appended (Put under attribute_not_exists), never changed. */
export const LEDGER_PARTITION = 'DUES#LEDGER';
/** The per-branch chains' partitions (`DUES#CHAIN#<branchId>`), append-only like the retired one. */
export const CHAIN_PARTITION_PREFIX = 'DUES#CHAIN#';
/** Every partition holding ledger entries (IAM denies changing or removing items in them to every role). */
export const LEDGER_PARTITIONS = [LEDGER_PARTITION, `${CHAIN_PARTITION_PREFIX}*`];

/** Every dues item and index entry lives under `DUES#` (the IAM patterns of the dues function's own items). */
export const DUES_PARTITIONS: KeyPartitions = { table: ['DUES#*'], indexes: { gsi1: ['DUES#*'], gsi2: ['DUES#*'] } };

export const duesKeys = {
  rules: () => ({ pk: 'DUES#RULES', sk: 'RULES' }),
  base: (userId: string, month: string) => ({ pk: `DUES#MEMBER#${userId}`, sk: `BASE#${month}` }),
  hardship: (userId: string, fromMonth: string, id: string) => ({ pk: `DUES#MEMBER#${userId}`, sk: `HARDSHIP#${fromMonth}#${id}` }),
  bill: (userId: string, month: string) => ({ pk: `DUES#MEMBER#${userId}`, sk: `MONTH#${month}` }),
  memberPartition: (userId: string) => `DUES#MEMBER#${userId}`,
  order: (outTradeNo: string) => ({ pk: `DUES#ORDER#${outTradeNo}`, sk: 'ORDER' }),
  anomaly: (transactionId: string) => ({ pk: `DUES#ANOMALY#${transactionId}`, sk: 'ANOMALY' }),
  ledgerPartition: LEDGER_PARTITION,
  ledgerEntry: (seq: number) => ({ pk: LEDGER_PARTITION, sk: seqKey(seq) }),
  chainPartition: (branchId: string) => `${CHAIN_PARTITION_PREFIX}${branchId}`,
  ledgerGenesis: () => ({ pk: 'DUES#LEDGER-GENESIS', sk: 'GENESIS' }),
  ledgerMigration: () => ({ pk: 'DUES#LEDGER-GENESIS', sk: 'MIGRATION' }),
  /** The retired chain's markers keep their old key; a branch chain's name their chain. */
  reversal: (chain: string | undefined, seq: number) => ({ pk: chain === undefined ? `DUES#REVERSED#${seq}` : `DUES#REVERSED#${chain}#${seq}`, sk: 'REVERSED' }),
  request: (callerId: string, clientRequestId: string) => ({ pk: `DUES#REQUEST#${callerId}#${clientRequestId}`, sk: 'REQUEST' }),
  checkpointPartition: 'DUES#CHECKPOINT',
  checkpointHeads: (day: string) => `DUES#CHECKPOINT-HEADS#${day}`,
  ledgerRegistry: (shard: number) => `DUES#LEDGER-CHAINS#${shard}`,
  summary: (branchId: string, year: number) => ({ pk: `DUES#SUMMARY#${branchId}`, sk: String(year) }),
  /** Spread over FIGURES_SHARDS partitions by branch: the report job's units write many branches at once. */
  figures: (year: number, branchId: string) => ({ pk: shardKey(`DUES#FIGURES#${year}`, branchId, FIGURES_SHARDS), sk: `BRANCH#${branchId}` }),
  localPayKeys: () => ({ pk: 'DEV#WECHATPAY-LOCAL', sk: 'KEYS' }),
};

export const duesIndex = {
  bases: (branchId: string) => `DUES#BASES#${branchId}`,
  hardships: (branchId: string) => `DUES#HARDSHIPS#${branchId}`,
  bills: (branchId: string, year: number) => `DUES#BILLS#${branchId}#${year}`,
  unpaid: (branchId: string) => `DUES#UNPAID#${branchId}`,
  anomalies: 'DUES#ANOMALIES',
  memberLedger: (userId: string) => `DUES#LEDGER#${userId}`,
};

export function seqKey(seq: number): string {
  return `SEQ#${String(seq).padStart(12, '0')}`;
}

/**
 * The index entries of a member's dues items in a branch: what an item gets when it moves to another branch (an
 * accepted organisation transfer, functions/dues/member-transfer.ts). Attribute values, not partitions read.
 */
export const duesBranchEntries = {
  bill: (branchId: string, year: number, unpaid: boolean) => ({ gsi1pk: duesIndex.bills(branchId, year), ...(unpaid ? { gsi2pk: duesIndex.unpaid(branchId) } : {}) }),
  base: (branchId: string) => ({ gsi1pk: duesIndex.bases(branchId) }),
  hardship: (branchId: string) => ({ gsi1pk: duesIndex.hardships(branchId) }),
};
