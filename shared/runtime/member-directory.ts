import { GetCommand, QueryCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { memberSchema, orgUnitSchema, type Member, type OrgUnit, type Role } from '../api/identity-model';
import { db, tableName } from './db';
import { queryAll, type Item } from './db-helpers';
import type { TableGrant } from './deployment';
import { mergedByIndexSortKey } from './sharded-query';
import { IDENTITY_PARTITIONS, keys, memberDirectoryPartitions } from './table';

/**
 * Read-only access to the member profiles the identity function owns, for capabilities that need a
 * member's post, category or branch (recommendations, branch summaries, pushes to everyone). Reads go
 * through the access patterns documented in table.ts and the shared member schema; writes stay in identity.
 */
/** What reading the directory takes: members by key, by branch and paged, and the organisation tree (an index). */
export const DIRECTORY_READ_ACCESS: TableGrant = {
  actions: ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query'],
  table: ['MEMBER#*'],
  indexes: IDENTITY_PARTITIONS.indexes,
};

function toMember(item: Item): Member | undefined {
  const parsed = memberSchema.safeParse({ postTags: [], ...item });
  return parsed.success ? parsed.data : undefined;
}

export async function memberProfile(userId: string): Promise<Member | undefined> {
  const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: keys.member(userId) }));
  return Item ? toMember(Item) : undefined;
}

/** Every member of one branch (a branch has tens to a few hundred members). */
export async function branchMembers(branchId: string): Promise<Member[]> {
  const items = await queryAll({
    IndexName: 'gsi1',
    KeyConditionExpression: 'gsi1pk = :pk AND begins_with(gsi1sk, :member)',
    ExpressionAttributeValues: { ':pk': `BRANCH#${branchId}`, ':member': 'MEMBER#' },
  });
  return items.map(toMember).filter((member): member is Member => member !== undefined);
}

export interface MemberPage {
  members: Member[];
  /** Opaque position to continue from; absent after the last page. */
  next?: Item;
}

/** Where a page ends: the last roster key (`gsi2sk`), which positions saved before sharding (index keys) carry too. */
const rosterPosition = (after: Item | undefined) => (typeof after?.gsi2sk === 'string' ? after.gsi2sk : undefined);

/**
 * One page of all members, in roster order (branch, then userid): for jobs that visit everyone and may resume
 * where they stopped. Reads the directory's shards (and the pre-sharding partition) merged as one.
 */
export async function memberPage(after: Item | undefined, limit = 100): Promise<MemberPage> {
  const roster = mergedByIndexSortKey({ index: 'gsi2', partitions: memberDirectoryPartitions(), after: rosterPosition(after), expected: limit + 1 });
  const members: Member[] = [];
  let last: string | undefined;
  for await (const item of roster) {
    if (members.length === limit) return { members, next: { gsi2sk: last } };
    last = String(item.gsi2sk);
    const member = toMember(item);
    if (member) members.push(member);
  }
  return { members };
}

/** Every organisation unit (the group, its companies and branches: hundreds at most), for names and scopes. */
export async function organisationUnits(): Promise<OrgUnit[]> {
  const items = await queryAll({ IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :pk', ExpressionAttributeValues: { ':pk': 'ORGS' } });
  return items.map((item) => orgUnitSchema.safeParse(item)).flatMap((parsed) => (parsed.success ? [parsed.data] : []));
}

/** Moving a member to another branch (an accepted organisation transfer): an update of the profile, by key only. */
export const DIRECTORY_MOVE_ACCESS: TableGrant = { actions: ['dynamodb:UpdateItem'], table: ['MEMBER#*'] };

/**
 * The update that moves a member's profile to another branch (its branch and both index entries), for the
 * transfer's own transaction; it holds only while the member is still in the sending branch.
 */
export function moveMemberAction(userId: string, fromBranchId: string, toBranchId: string, at: string): NonNullable<TransactWriteCommandInput['TransactItems']>[number] {
  return {
    Update: {
      TableName: tableName(),
      Key: keys.member(userId),
      UpdateExpression: 'SET branchId = :to, gsi1pk = :branch, gsi2sk = :order, updatedAt = :at',
      ConditionExpression: 'branchId = :from',
      ExpressionAttributeValues: { ':from': fromBranchId, ':to': toBranchId, ':branch': `BRANCH#${toBranchId}`, ':order': `${toBranchId}#${userId}`, ':at': at },
    },
  };
}

/** The members holding any of the roles (whom a capability's operational notices go to: admins, finance). */
export async function membersWithRoles(roles: readonly Role[]): Promise<string[]> {
  const ids: string[] = [];
  let after: Item | undefined;
  do {
    const page = await memberPage(after, 500);
    for (const member of page.members) if (member.roles.some((role) => roles.includes(role))) ids.push(member.userId);
    after = page.next;
  } while (after);
  return ids;
}
