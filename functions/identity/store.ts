import { BatchGetCommand, GetCommand, PutCommand, QueryCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Member, OrgUnit } from '../../shared/api/identity-model';
import { AppError } from '../../shared/runtime/app-error';
import { db, tableName } from '../../shared/runtime/db';
import { decodeCursor, encodeCursor, invalidCursor } from '../../shared/runtime/page-cursor';
import { keys, memberDirectoryKeys, memberDirectoryPartitions, UNSHARDED_MEMBER_DIRECTORY } from '../../shared/runtime/table';
import { mergedByIndexSortKey } from '../../shared/runtime/sharded-query';

type Item = Record<string, unknown>;

function memberItem(member: Member): Item {
  return {
    ...keys.member(member.userId),
    type: 'member',
    gsi1pk: `BRANCH#${member.branchId}`,
    gsi1sk: `MEMBER#${member.userId}`,
    ...memberDirectoryKeys(member),
    ...member,
  };
}

function toMember(item: Item): Member {
  const { userId, name, branchId, category, postTags, roles, admittedMonth, updatedAt } = item as Member;
  return { userId, name, branchId, category, postTags: postTags ?? [], roles, admittedMonth, updatedAt };
}

function toOrgUnit(item: Item): OrgUnit {
  const { id, kind, name, parentId } = item as OrgUnit;
  return { id, kind, name, parentId };
}

export async function getMember(userId: string): Promise<Member | undefined> {
  const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: keys.member(userId) }));
  return Item ? toMember(Item) : undefined;
}

export async function getMembers(userIds: string[]): Promise<Map<string, Member>> {
  const found = new Map<string, Member>();
  for (let start = 0; start < userIds.length; start += 100) {
    let request: Record<string, { Keys: Item[] }> | undefined = {
      [tableName()]: { Keys: userIds.slice(start, start + 100).map((id) => keys.member(id)) },
    };
    while (request && Object.keys(request).length > 0) {
      const reply = await db().send(new BatchGetCommand({ RequestItems: request }));
      for (const item of reply.Responses?.[tableName()] ?? []) found.set(String(item.userId), toMember(item));
      request = reply.UnprocessedKeys as typeof request;
    }
  }
  return found;
}

/** Replaces a member only if it still has the version the caller read (no lost update). */
export async function saveMember(member: Member, expectedUpdatedAt: string): Promise<void> {
  try {
    await db().send(
      new PutCommand({
        TableName: tableName(),
        Item: memberItem(member),
        ConditionExpression: 'updatedAt = :expected',
        ExpressionAttributeValues: { ':expected': expectedUpdatedAt },
      }),
    );
  } catch (error) {
    if (error instanceof Error && error.name === 'ConditionalCheckFailedException') {
      throw new AppError(409, 'CONFLICT', '该党员信息刚被其他人修改，请刷新后重试');
    }
    throw error;
  }
}

/** Adds a member unless one with that userid exists; answers whether it was added. */
export async function createMemberIfAbsent(member: Member): Promise<boolean> {
  try {
    await db().send(new PutCommand({ TableName: tableName(), Item: memberItem(member), ConditionExpression: 'attribute_not_exists(pk)' }));
    return true;
  } catch (error) {
    if (error instanceof Error && error.name === 'ConditionalCheckFailedException') return false;
    throw error;
  }
}

/** Writes members in transactions of at most 100, so each chunk lands whole or not at all. */
export async function putMembers(members: Member[]): Promise<void> {
  for (let start = 0; start < members.length; start += 100) {
    const chunk = members.slice(start, start + 100);
    await db().send(
      new TransactWriteCommand({ TransactItems: chunk.map((member) => ({ Put: { TableName: tableName(), Item: memberItem(member) } })) }),
    );
  }
}

export interface Page<T> {
  items: T[];
  nextCursor?: string;
}

/** Items read from DynamoDB per query while searching; a search reads at most `budget` items per request. */
const SEARCH_READ_SIZE = 100;

export interface MemberSearchOptions {
  branchId?: string;
  accept: (member: Member) => boolean;
  limit: number;
  budget: number;
  cursor?: string;
}

/**
 * Members in one branch (gsi1) or the whole organisation (gsi2's shards, merged), in roster order, that `accept`
 * keeps: at most `limit` of them, reading at most `budget` items. The cursor is the key of the last item looked
 * at, so the next page starts right after it whether that item matched or not.
 */
export async function findMembers(options: MemberSearchOptions): Promise<Page<Member>> {
  return options.branchId === undefined ? findInDirectory(options) : findInBranch(options.branchId, options);
}

async function findInBranch(branchId: string, options: MemberSearchOptions): Promise<Page<Member>> {
  const items: Member[] = [];
  let startKey = decodeCursor(options.cursor);
  let read = 0;
  while (items.length < options.limit && read < options.budget) {
    const reply = await db().send(
      new QueryCommand({
        TableName: tableName(),
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk AND begins_with(gsi1sk, :member)',
        ExpressionAttributeValues: { ':pk': `BRANCH#${branchId}`, ':member': 'MEMBER#' },
        Limit: Math.min(SEARCH_READ_SIZE, options.budget - read),
        ExclusiveStartKey: startKey,
      }),
    );
    const page = reply.Items ?? [];
    for (const [position, item] of page.entries()) {
      read += 1;
      const member = toMember(item);
      if (options.accept(member)) items.push(member);
      if (items.length === options.limit) {
        const more = position < page.length - 1 || reply.LastEvaluatedKey !== undefined;
        return { items, nextCursor: more ? encodeCursor(indexKeyOf(item)) : undefined };
      }
    }
    startKey = reply.LastEvaluatedKey;
    if (!startKey) return { items };
  }
  return { items, nextCursor: encodeCursor(startKey) };
}

/**
 * The whole roster: the directory's shards merged in roster order. The cursor is the last roster key looked at
 * (`gsi2sk`, which a cursor handed out before sharding carries too, so those still work).
 */
async function findInDirectory(options: MemberSearchOptions): Promise<Page<Member>> {
  const position = decodeCursor(options.cursor);
  if (position !== undefined && typeof position.gsi2sk !== 'string') throw invalidCursor();
  const roster = mergedByIndexSortKey({
    index: 'gsi2',
    partitions: memberDirectoryPartitions(),
    after: position?.gsi2sk as string | undefined,
    // A page and one more (to know whether a next page exists); a filter that keeps few reads on past it.
    expected: options.limit + 1,
  });
  const items: Member[] = [];
  let read = 0;
  let last: string | undefined;
  for await (const item of roster) {
    // Another item exists: stop here with a position if the page is full or the read budget spent.
    if (items.length === options.limit || read === options.budget) return { items, nextCursor: encodeCursor({ gsi2sk: last }) };
    read += 1;
    last = String(item.gsi2sk);
    const member = toMember(item);
    if (options.accept(member)) items.push(member);
  }
  return { items };
}

/** The key DynamoDB hands back as LastEvaluatedKey for a branch's item: table key plus gsi1 key. */
function indexKeyOf(item: Item): Item {
  return { pk: item.pk, sk: item.sk, gsi1pk: item.gsi1pk, gsi1sk: item.gsi1sk };
}

// ── directory migration (an operator's one-off: the function's role may not UpdateItem) ──────────────

/** One page of the profiles still in the unsharded directory partition (gsi2 `MEMBERS`). */
export async function unshardedDirectoryPage(start: Item | undefined): Promise<{ items: Item[]; next?: Item }> {
  const reply = await db().send(
    new QueryCommand({
      TableName: tableName(),
      IndexName: 'gsi2',
      KeyConditionExpression: 'gsi2pk = :pk',
      ExpressionAttributeValues: { ':pk': UNSHARDED_MEMBER_DIRECTORY },
      Limit: 100,
      ExclusiveStartKey: start,
    }),
  );
  return { items: reply.Items ?? [], ...(reply.LastEvaluatedKey ? { next: reply.LastEvaluatedKey } : {}) };
}

/**
 * Moves one profile into its directory shard, touching only its gsi2 keys, and only while it is still in the old
 * partition with the branch it was read with: a profile saved meanwhile (which writes the new layout) is left as
 * it is. Answers whether it moved.
 */
export async function moveToDirectoryShard(item: Item): Promise<boolean> {
  const member = { userId: String(item.userId), branchId: String(item.branchId) };
  const { gsi2pk, gsi2sk } = memberDirectoryKeys(member);
  try {
    await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keys.member(member.userId),
        UpdateExpression: 'SET gsi2pk = :shard, gsi2sk = :roster',
        ConditionExpression: 'gsi2pk = :unsharded AND branchId = :branch',
        ExpressionAttributeValues: { ':shard': gsi2pk, ':roster': gsi2sk, ':unsharded': UNSHARDED_MEMBER_DIRECTORY, ':branch': member.branchId },
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof Error && error.name === 'ConditionalCheckFailedException') return false;
    throw error;
  }
}

export async function listOrgUnits(): Promise<OrgUnit[]> {
  const units: OrgUnit[] = [];
  let start: Item | undefined;
  do {
    const reply = await db().send(
      new QueryCommand({
        TableName: tableName(),
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': 'ORGS' },
        ExclusiveStartKey: start,
      }),
    );
    units.push(...(reply.Items ?? []).map(toOrgUnit));
    start = reply.LastEvaluatedKey;
  } while (start);
  return units;
}

export async function putOrgUnit(unit: OrgUnit): Promise<void> {
  await db().send(
    new PutCommand({
      TableName: tableName(),
      Item: { ...keys.org(unit.id), type: 'org', gsi1pk: 'ORGS', gsi1sk: `${unit.kind}#${unit.id}`, ...unit },
    }),
  );
}

const DEMO_ACCOUNTS_KEY = { pk: 'DEV#DEMO-ACCOUNTS', sk: 'DEV' };

export async function getDemoAccountIds(): Promise<string[]> {
  const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: DEMO_ACCOUNTS_KEY }));
  return Array.isArray(Item?.userIds) ? (Item.userIds as string[]) : [];
}

export async function putDemoAccountIds(userIds: string[]): Promise<void> {
  await db().send(new PutCommand({ TableName: tableName(), Item: { ...DEMO_ACCOUNTS_KEY, type: 'dev', userIds } }));
}
