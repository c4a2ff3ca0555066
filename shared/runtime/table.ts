/**
 * The one DynamoDB table: key design, in one place, with every access pattern it serves.
 *
 * | item                 | pk                  | sk              | gsi1pk / gsi1sk                  | gsi2pk / gsi2sk              |
 * |----------------------|---------------------|-----------------|----------------------------------|------------------------------|
 * | organisation unit    | ORG#<id>            | ORG             | ORGS / <kind>#<id>               | –                            |
 * | member profile       | MEMBER#<userId>     | PROFILE         | BRANCH#<branchId> / MEMBER#<id>  | MEMBERS#<0-7> / <branchId>#<id> |
 * | roster import record | IMPORT#<id>         | IMPORT          | IMPORTS / <createdAt>            | –                            |
 *
 * Access patterns:
 * - member by WeCom userid (login, /me, update): GetItem MEMBER#<userId> / PROFILE
 * - organisation tree: Query gsi1 ORGS (hundreds of units, one page)
 * - members of a branch (secretary): Query gsi1 BRANCH#<branchId>, begins_with MEMBER#
 * - all members, paged (admin, jobs): Query gsi2 MEMBERS#0 … MEMBERS#7 (shard = hash of the userid) and the
 *   pre-sharding MEMBERS, merged in <branchId>#<id> order (shared/runtime/sharded-query.ts); the position is the
 *   last sort key, so the next page asks each partition for keys after it.
 * - roster imports, newest first: Query gsi1 IMPORTS
 *
 * The outbound-message outbox (OUTBOX#<key>) documents its items in shared/runtime/outbound/keys.ts.
 * Each capability documents its own items in functions/<name>/keys.ts in the same form; prefixes never overlap.
 *
 * Write rates. Every keys.ts estimates its partitions' peak writes at the group's size, 100,000 members in 5,000
 * branches, and a province's, 1,000,000 in 50,000. DynamoDB takes about 1,000 writes/s (items ≤ 1 KB) on one
 * partition key and on one item; an index partition alike, and a throttled index throttles the table's writes.
 * An index with all attributes projected is written whenever its item changes, so a counter on an indexed item
 * writes its index partition too. Target: no partition above a few hundred writes/s.
 *
 * | partition (identity)       | 100k     | 1M       | assumption                                                        |
 * |----------------------------|----------|----------|-------------------------------------------------------------------|
 * | MEMBER#<userId>            | < 1/s    | < 1/s    | one member's profile: imports and edits                            |
 * | gsi2 MEMBERS#<0-7>         | ≤ 250/s  | ≤ 250/s  | a roster import writes ≤ 2,000 profiles/s (transactions of 100 back to back), whatever the roster's size (1M takes ~8 min); spread by userid hash. Unsharded it was 2,000/s on one partition |
 * | gsi1 BRANCH#<branchId>     | ≤ 20/s   | ≤ 20/s   | a branch's ~20 members, written together by an import              |
 * | gsi1 ORGS                  | ≤ 100/s  | ≤ 100/s  | importing the tree (5,000 / 50,000 units), one put at a time       |
 * | IMPORT#<id>, gsi1 IMPORTS  | < 1/s    | < 1/s    | one record per roster import                                       |
 * First to need sharding: gsi1 ORGS, if the tree were imported in parallel (its reads — the whole tree — grow
 * first: 50,000 units are 50 pages). The outbox's rates are documented with shared/runtime/outbound.
 */
import type { KeyPartitions } from './deployment';
import { shardedPartitions, shardKey } from './write-shards';

export const keys = {
  org: (id: string) => ({ pk: `ORG#${id}`, sk: 'ORG' }),
  member: (userId: string) => ({ pk: `MEMBER#${userId}`, sk: 'PROFILE' }),
  importRecord: (id: string) => ({ pk: `IMPORT#${id}`, sk: 'IMPORT' }),
};

/**
 * The all-members index partition, spread over shards so a roster import (≈ 2,000 profiles/s at most, one
 * importer) puts ≈ 250 writes/s on each instead of all of them on one partition (≈ 1,000 writes/s each).
 */
export const MEMBER_DIRECTORY_SHARDS = 8;
/** The directory's partition before sharding: read beside the shards until `npm run migrate:member-directory` empties it. */
export const UNSHARDED_MEMBER_DIRECTORY = 'MEMBERS';
const MEMBER_DIRECTORY = UNSHARDED_MEMBER_DIRECTORY;

/** The gsi2 keys of a member profile: its shard of the directory, in roster order (branch, then userid). */
export const memberDirectoryKeys = (member: { userId: string; branchId: string }) => ({
  gsi2pk: shardKey(MEMBER_DIRECTORY, member.userId, MEMBER_DIRECTORY_SHARDS),
  gsi2sk: `${member.branchId}#${member.userId}`,
});

/** The directory's gsi2 partitions as IAM patterns (readers of the whole roster need both). */
export const MEMBER_DIRECTORY_INDEX_PARTITIONS = [MEMBER_DIRECTORY, `${MEMBER_DIRECTORY}#*`] as const;

/** Every gsi2 partition holding member profiles: the unsharded one of older items, then each shard. */
export const memberDirectoryPartitions = () => shardedPartitions(MEMBER_DIRECTORY, MEMBER_DIRECTORY_SHARDS);

export const INDEXES = ['gsi1', 'gsi2'] as const;

/**
 * Partitions of the identity items above (organisation units and members), as IAM patterns: the identity
 * function owns them, the others read them through member-directory.ts. The outbox's are in outbound/keys.ts.
 */
export const IDENTITY_PARTITIONS: KeyPartitions = { table: ['ORG#*', 'MEMBER#*'], indexes: { gsi1: ['ORGS', 'BRANCH#*'], gsi2: MEMBER_DIRECTORY_INDEX_PARTITIONS } };

/**
 * Keys under this prefix hold local-stage demo data only (demo accounts, the local payment simulator's keys):
 * no deployed role is granted them.
 */
export const LOCAL_ONLY_PREFIX = 'DEV#';

/** The table's shape, shared by serverless.ts (CloudFormation) and the local scripts (CreateTable). */
export const tableShape = {
  AttributeDefinitions: [
    { AttributeName: 'pk', AttributeType: 'S' },
    { AttributeName: 'sk', AttributeType: 'S' },
    ...INDEXES.flatMap((index) => [
      { AttributeName: `${index}pk`, AttributeType: 'S' },
      { AttributeName: `${index}sk`, AttributeType: 'S' },
    ]),
  ],
  KeySchema: [
    { AttributeName: 'pk', KeyType: 'HASH' },
    { AttributeName: 'sk', KeyType: 'RANGE' },
  ],
  GlobalSecondaryIndexes: INDEXES.map((index) => ({
    IndexName: index,
    KeySchema: [
      { AttributeName: `${index}pk`, KeyType: 'HASH' },
      { AttributeName: `${index}sk`, KeyType: 'RANGE' },
    ],
    Projection: { ProjectionType: 'ALL' },
  })),
  BillingMode: 'PAY_PER_REQUEST',
  StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
} as const;

/**
 * The same shape as CloudFormation's AWS::DynamoDB::Table takes it: there a StreamSpecification has only the
 * view type (a stream exists when it is present); `StreamEnabled` is a CreateTable API field and fails the deploy.
 */
export const cloudFormationTableShape = {
  ...tableShape,
  StreamSpecification: { StreamViewType: tableShape.StreamSpecification.StreamViewType },
};

export const TTL_ATTRIBUTE = 'ttl';
