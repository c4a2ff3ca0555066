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
 * - members (read-only, owned by identity): GetItem MEMBER#<userId>/PROFILE, Query gsi2 MEMBERS, gsi1 BRANCH#<id>
 */
import type { KeyPartitions } from '../../shared/runtime/deployment';

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
