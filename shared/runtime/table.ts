/**
 * The one DynamoDB table: key design, in one place, with every access pattern it serves.
 *
 * | item                 | pk                  | sk              | gsi1pk / gsi1sk                  | gsi2pk / gsi2sk              |
 * |----------------------|---------------------|-----------------|----------------------------------|------------------------------|
 * | organisation unit    | ORG#<id>            | ORG             | ORGS / <kind>#<id>               | –                            |
 * | member profile       | MEMBER#<userId>     | PROFILE         | BRANCH#<branchId> / MEMBER#<id>  | MEMBERS / <branchId>#<id>    |
 * | roster import record | IMPORT#<id>         | IMPORT          | IMPORTS / <createdAt>            | –                            |
 *
 * Access patterns:
 * - member by WeCom userid (login, /me, update): GetItem MEMBER#<userId> / PROFILE
 * - organisation tree: Query gsi1 ORGS (hundreds of units, one page)
 * - members of a branch (secretary): Query gsi1 BRANCH#<branchId>, begins_with MEMBER#
 * - all members, paged (admin): Query gsi2 MEMBERS
 * - roster imports, newest first: Query gsi1 IMPORTS
 *
 * The outbound-message outbox (OUTBOX#<key>) documents its items in shared/runtime/outbound/keys.ts.
 * Each capability documents its own items in functions/<name>/keys.ts in the same form; prefixes never overlap.
 */
import type { KeyPartitions } from './deployment';

export const keys = {
  org: (id: string) => ({ pk: `ORG#${id}`, sk: 'ORG' }),
  member: (userId: string) => ({ pk: `MEMBER#${userId}`, sk: 'PROFILE' }),
  importRecord: (id: string) => ({ pk: `IMPORT#${id}`, sk: 'IMPORT' }),
};

export const INDEXES = ['gsi1', 'gsi2'] as const;

/**
 * Partitions of the identity items above (organisation units and members), as IAM patterns: the identity
 * function owns them, the others read them through member-directory.ts. The outbox's are in outbound/keys.ts.
 */
export const IDENTITY_PARTITIONS: KeyPartitions = { table: ['ORG#*', 'MEMBER#*'], indexes: { gsi1: ['ORGS', 'BRANCH#*'], gsi2: ['MEMBERS'] } };

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
