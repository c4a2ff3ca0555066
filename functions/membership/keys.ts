/**
 * Items of the membership capability in the one table (see shared/runtime/table.ts for the others).
 *
 * | item                    | pk                                   | sk                         | gsi1pk / gsi1sk                                  | gsi2pk / gsi2sk                          |
 * |-------------------------|--------------------------------------|----------------------------|--------------------------------------------------|------------------------------------------|
 * | person record (档案)     | MEMBERSHIP#<personId>                | RECORD                     | MEMBERSHIP#BRANCH#<branchId> / <personId>        | while a limit runs: MEMBERSHIP#DEADLINES / <due>#<personId> |
 * | whole-ID read (audit)   | MEMBERSHIP#<personId>                | IDREAD#<at>#<uuid>         | MEMBERSHIP#IDREADS / <at>#<personId>              | –                                        |
 * | open-transfer lock      | MEMBERSHIP#<userId>                  | OPEN-TRANSFER              | –                                                | –                                        |
 * | card state              | MEMBERSHIP#<userId>                  | CARD                       | –                                                | –                                        |
 * | mobile registration     | MEMBERSHIP#<userId>                  | MOBILE#<from>#<id>         | MEMBERSHIP#MOBILE#<branchId> / <from>#<id>       | –                                        |
 * | transfer                | MEMBERSHIP#TRANSFER#<id>             | TRANSFER                   | MEMBERSHIP#OUT#<fromBranchId> / <at>#<id>        | MEMBERSHIP#IN#<toBranchId> / <at>#<id> (inside the group) |
 * | member's transfer entry | MEMBERSHIP#<userId>                  | TRANSFER#<at>#<id>         | –                                                | –                                        |
 * | letter numbers of a year| MEMBERSHIP#LETTERS                   | <YYYY>                     | –                                                | –                                        |
 * | record chain entry      | MEMBERSHIP#CHAIN#<personId>          | SEQ#<12 digits>            | –                                                | –                                        |
 * | record chain head       | MEMBERSHIP#CHAIN#<personId>          | HEAD                       | –                                                | –                                        |
 * | record chain registry   | MEMBERSHIP#CHAINS#<shard 0–15>       | <personId>                 | –                                                | –                                        |
 * | signed checkpoint       | MEMBERSHIP#CHECKPOINTS               | <YYYY-MM-DD>               | –                                                | –                                        |
 * | checkpoint heads (pages)| MEMBERSHIP#CHECKPOINT#<YYYY-MM-DD>   | <root>#<page>              | –                                                | –                                        |
 *
 * Access patterns:
 * - a record, its audit trail, a member's card, lock, transfers and mobile registrations: GetItem / Query MEMBERSHIP#<id>
 * - a branch's records (secretary): Query gsi1 MEMBERSHIP#BRANCH#<branchId>
 * - limits due soon (reminder job): Query gsi2 MEMBERSHIP#DEADLINES, gsi2sk <= <date>
 * - every whole-ID read (admin audit): Query gsi1 MEMBERSHIP#IDREADS
 * - transfers a branch sends / receives: Query gsi1 MEMBERSHIP#OUT#<branch> / gsi2 MEMBERSHIP#IN#<branch>
 * - mobile members of a branch: Query gsi1 MEMBERSHIP#MOBILE#<branch>
 * - the next letter number: UpdateItem ADD on MEMBERSHIP#LETTERS/<year> (one counter a year, a few writes a day)
 * - a person's record chain (档案链, record-chain.ts): Query MEMBERSHIP#CHAIN#<personId>, SEQ# range; its head: GetItem HEAD
 * - every record chain (nightly checkpoint): Query the 16 registry shards MEMBERSHIP#CHAINS#<n>
 * - the latest signed checkpoint: Query MEMBERSHIP#CHECKPOINTS newest first; its heads: Query MEMBERSHIP#CHECKPOINT#<day>
 * A person id is the member's userid, so the record, the card and the lock of one member share a partition.
 */
import type { KeyPartitions } from '../../shared/runtime/deployment';

export const MEMBERSHIP_PARTITIONS: KeyPartitions = {
  table: ['MEMBERSHIP#*'],
  indexes: { gsi1: ['MEMBERSHIP#*'], gsi2: ['MEMBERSHIP#*'] },
};

/** The record chains' partitions: append-only, like the dues ledger (IAM denies every role changing or removing their items). */
export const RECORD_CHAIN_PARTITIONS = ['MEMBERSHIP#CHAIN#*'];

export const membershipKeys = {
  record: (personId: string) => ({ pk: `MEMBERSHIP#${personId}`, sk: 'RECORD' }),
  personPartition: (personId: string) => `MEMBERSHIP#${personId}`,
  idRead: (personId: string, at: string, id: string) => ({ pk: `MEMBERSHIP#${personId}`, sk: `IDREAD#${at}#${id}` }),
  openTransfer: (userId: string) => ({ pk: `MEMBERSHIP#${userId}`, sk: 'OPEN-TRANSFER' }),
  card: (userId: string) => ({ pk: `MEMBERSHIP#${userId}`, sk: 'CARD' }),
  mobile: (userId: string, from: string, id: string) => ({ pk: `MEMBERSHIP#${userId}`, sk: `MOBILE#${from}#${id}` }),
  transfer: (id: string) => ({ pk: `MEMBERSHIP#TRANSFER#${id}`, sk: 'TRANSFER' }),
  memberTransfer: (userId: string, at: string, id: string) => ({ pk: `MEMBERSHIP#${userId}`, sk: `TRANSFER#${at}#${id}` }),
  letterCounter: (year: string) => ({ pk: 'MEMBERSHIP#LETTERS', sk: year }),
  /** A person's record chain (person ids never hold '#', so no chain partition is another item's). */
  chainPartition: (personId: string) => `MEMBERSHIP#CHAIN#${personId}`,
  chainRegistry: (shard: number) => `MEMBERSHIP#CHAINS#${shard}`,
  checkpointPartition: 'MEMBERSHIP#CHECKPOINTS',
  checkpointHeads: (day: string) => `MEMBERSHIP#CHECKPOINT#${day}`,
};

export const membershipIndex = {
  branchRecords: (branchId: string) => `MEMBERSHIP#BRANCH#${branchId}`,
  deadlines: 'MEMBERSHIP#DEADLINES',
  idReads: 'MEMBERSHIP#IDREADS',
  outgoing: (branchId: string) => `MEMBERSHIP#OUT#${branchId}`,
  incoming: (branchId: string) => `MEMBERSHIP#IN#${branchId}`,
  mobile: (branchId: string) => `MEMBERSHIP#MOBILE#${branchId}`,
};
