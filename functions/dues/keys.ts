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
 * | ledger entry             | DUES#LEDGER                      | SEQ#<12 digits>      | DUES#LEDGER#<userId> / SEQ#<12 digits>       | –                                    |
 * | reversal marker          | DUES#REVERSED#<seq>              | REVERSED             | –                                            | –                                    |
 * | client request (retries) | DUES#REQUEST#<callerId>#<id>     | REQUEST              | –  (ttl: 30 days)                            | –                                    |
 * | daily checkpoint         | DUES#CHECKPOINT                  | <YYYY-MM-DD>         | –                                            | –                                    |
 * | published summary        | DUES#SUMMARY#<branchId>          | <YYYY>               | –                                            | –                                    |
 * | counted year figures     | DUES#FIGURES#<YYYY>              | BRANCH#<branchId>    | –                                            | –                                    |
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
 * - the ledger in order (verify, list) and its head: Query DUES#LEDGER (forward; backward Limit 1 for the head)
 * - a member's own ledger entries: Query gsi1 DUES#LEDGER#<userId>
 * - the group's year report: Query DUES#FIGURES#<year> (one small item per branch, written by the report job's
 *   units and by each bills unit for its branches; a request never loops over branches)
 * - members (read-only, owned by identity): GetItem MEMBER#<userId>/PROFILE, Query gsi2 MEMBERS, gsi1 BRANCH#<id>
 */
import type { KeyPartitions } from '../../shared/runtime/deployment';

/** The ledger's partition: entries are only ever appended (Put under attribute_not_exists), never changed. */
export const LEDGER_PARTITION = 'DUES#LEDGER';

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
  reversal: (seq: number) => ({ pk: `DUES#REVERSED#${seq}`, sk: 'REVERSED' }),
  request: (callerId: string, clientRequestId: string) => ({ pk: `DUES#REQUEST#${callerId}#${clientRequestId}`, sk: 'REQUEST' }),
  checkpointPartition: 'DUES#CHECKPOINT',
  summary: (branchId: string, year: number) => ({ pk: `DUES#SUMMARY#${branchId}`, sk: String(year) }),
  figures: (year: number, branchId: string) => ({ pk: `DUES#FIGURES#${year}`, sk: `BRANCH#${branchId}` }),
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
