import { BatchGetCommand, GetCommand, QueryCommand, UpdateCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from '../../shared/runtime/db';
import { keys } from '../../shared/runtime/table';
import { activityIndexKeys, audienceIndexKeys, memberSignupsIndex, signupKeys } from './keys';
import type { ActivitySnapshot } from './invariants';
import type { ActivityRecord, RegistrationRecord } from './model';

/** Reads of the sign-up items, and the single-item writes; multi-item changes are in transactions.ts. */

type Item = Record<string, unknown>;
const KEY_ATTRIBUTES = ['pk', 'sk', 'gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk', 'type', 'ttl'];

function withoutKeys<T>(item: Item): T {
  const copy: Item = { ...item };
  for (const name of KEY_ATTRIBUTES) delete copy[name];
  return copy as T;
}

export function activityItem(record: ActivityRecord): Item {
  return { ...signupKeys.activity(record.id), type: 'activity', ...activityIndexKeys(record), ...record };
}

export function audienceItem(id: string, branchId: string | undefined, startAt: string): Item {
  return { ...signupKeys.audience(id, branchId), type: 'activity-audience', ...audienceIndexKeys(branchId, startAt, id), activityId: id };
}

export function registrationItem(record: RegistrationRecord): Item {
  return {
    ...signupKeys.registration(record.activityId, record.userId),
    type: 'registration',
    gsi1pk: memberSignupsIndex(record.userId),
    gsi1sk: `${record.registeredAt}#${record.activityId}`,
    ...record,
  };
}

async function queryAll(input: Omit<QueryCommandInput, 'TableName'>, limit = Number.POSITIVE_INFINITY): Promise<Item[]> {
  const items: Item[] = [];
  let start: Item | undefined;
  do {
    const reply = await db().send(new QueryCommand({ TableName: tableName(), ...input, ExclusiveStartKey: start }));
    items.push(...(reply.Items ?? []));
    start = reply.LastEvaluatedKey;
  } while (start && items.length < limit);
  return items.slice(0, limit);
}

export async function getActivity(id: string): Promise<ActivityRecord | undefined> {
  const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: signupKeys.activity(id), ConsistentRead: true }));
  return Item ? withoutKeys<ActivityRecord>(Item) : undefined;
}

/** Activities by id with their live counters, in the order asked (missing ones left out). */
export async function getActivities(ids: string[]): Promise<ActivityRecord[]> {
  const found = new Map<string, ActivityRecord>();
  const unique = [...new Set(ids)];
  for (let start = 0; start < unique.length; start += 100) {
    let request: Record<string, { Keys: Item[]; ConsistentRead: boolean }> | undefined = {
      [tableName()]: { Keys: unique.slice(start, start + 100).map((id) => signupKeys.activity(id)), ConsistentRead: true },
    };
    while (request && Object.keys(request).length > 0) {
      const reply = await db().send(new BatchGetCommand({ RequestItems: request }));
      for (const item of reply.Responses?.[tableName()] ?? []) found.set(String(item.id), withoutKeys<ActivityRecord>(item));
      request = reply.UnprocessedKeys as typeof request;
    }
  }
  return unique.flatMap((id) => (found.has(id) ? [found.get(id)!] : []));
}

export interface StartRange {
  from?: string;
  to?: string;
  newestFirst?: boolean;
  limit?: number;
}

function startRangeCondition(range: StartRange): { expression: string; values: Item } {
  // gsi1sk/gsi2sk is `<startAt>#<id>`: '#' sorts before every id character, '~' after all of them.
  if (range.from && range.to) return { expression: ' AND #sk BETWEEN :from AND :to', values: { ':from': range.from, ':to': `${range.to}~` } };
  if (range.from) return { expression: ' AND #sk >= :from', values: { ':from': range.from } };
  if (range.to) return { expression: ' AND #sk <= :to', values: { ':to': `${range.to}~` } };
  return { expression: '', values: {} };
}

/** Ids of the activities open to a branch (or to everyone: `undefined`), by start time. */
export async function audienceActivityIds(branchId: string | undefined, range: StartRange): Promise<string[]> {
  const condition = startRangeCondition(range);
  const items = await queryAll(
    {
      IndexName: 'gsi1',
      KeyConditionExpression: `#pk = :pk${condition.expression}`,
      ExpressionAttributeNames: { '#pk': 'gsi1pk', '#sk': 'gsi1sk' },
      ExpressionAttributeValues: { ':pk': audienceIndexKeys(branchId, '', '').gsi1pk, ...condition.values },
      ScanIndexForward: !range.newestFirst,
    },
    range.limit,
  );
  return items.map((item) => String(item.activityId));
}

/** Activities a branch organised, or every activity (`undefined`, admins), by start time. */
export async function organisedActivities(branchId: string | undefined, range: StartRange): Promise<ActivityRecord[]> {
  const condition = startRangeCondition(range);
  const index = branchId === undefined ? 'gsi2' : 'gsi1';
  const items = await queryAll(
    {
      IndexName: index,
      KeyConditionExpression: `#pk = :pk${condition.expression}`,
      ExpressionAttributeNames: { '#pk': `${index}pk`, '#sk': `${index}sk` },
      ExpressionAttributeValues: {
        ':pk': branchId === undefined ? 'ACTIVITIES' : `ACTIVITIES#ORGANISER#${branchId}`,
        ...condition.values,
      },
      ScanIndexForward: !range.newestFirst,
    },
    range.limit,
  );
  return items.map((item) => withoutKeys<ActivityRecord>(item));
}

export async function getRegistration(activityId: string, userId: string): Promise<RegistrationRecord | undefined> {
  const { Item } = await db().send(
    new GetCommand({ TableName: tableName(), Key: signupKeys.registration(activityId, userId), ConsistentRead: true }),
  );
  return Item ? withoutKeys<RegistrationRecord>(Item) : undefined;
}

/** Every registration of an activity (cancelled ones included), read consistently. */
export async function listRegistrations(activityId: string): Promise<RegistrationRecord[]> {
  const items = await queryAll({
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :reg)',
    ExpressionAttributeValues: { ':pk': signupKeys.activity(activityId).pk, ':reg': 'REG#' },
    ConsistentRead: true,
  });
  return items.map((item) => withoutKeys<RegistrationRecord>(item));
}

/** A member's registrations, newest first. */
export async function memberRegistrations(userId: string, limit: number): Promise<RegistrationRecord[]> {
  const items = await queryAll(
    {
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': memberSignupsIndex(userId) },
      ScanIndexForward: false,
    },
    limit,
  );
  return items.map((item) => withoutKeys<RegistrationRecord>(item));
}

/** The first member in the waitlist, if any. */
export async function firstWaiting(activityId: string): Promise<{ ticket: string; userId: string } | undefined> {
  const reply = await db().send(
    new QueryCommand({
      TableName: tableName(),
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :wait)',
      ExpressionAttributeValues: { ':pk': signupKeys.activity(activityId).pk, ':wait': 'WAIT#' },
      ConsistentRead: true,
      Limit: 1,
    }),
  );
  const head = reply.Items?.[0];
  return head ? { ticket: String(head.ticket), userId: String(head.userId) } : undefined;
}

/** The activity with all its registrations and waitlist entries, read consistently (benchmark, tests). */
export async function activitySnapshot(activityId: string): Promise<ActivitySnapshot | undefined> {
  const activity = await getActivity(activityId);
  if (!activity) return undefined;
  const entries = await queryAll({
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :wait)',
    ExpressionAttributeValues: { ':pk': signupKeys.activity(activityId).pk, ':wait': 'WAIT#' },
    ConsistentRead: true,
  });
  return {
    activity,
    registrations: await listRegistrations(activityId),
    waitEntries: entries.map((entry) => ({ ticket: String(entry.ticket), userId: String(entry.userId) })),
  };
}

/** A waiting member's place: how many tickets are at or before theirs (a count, never a trusted counter). */
export async function waitPosition(activityId: string, ticket: string): Promise<number> {
  let count = 0;
  let start: Item | undefined;
  do {
    const reply = await db().send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: 'pk = :pk AND sk BETWEEN :first AND :mine',
        ExpressionAttributeValues: {
          ':pk': signupKeys.activity(activityId).pk,
          ':first': 'WAIT#',
          ':mine': signupKeys.waitEntry(activityId, ticket).sk,
        },
        ConsistentRead: true,
        Select: 'COUNT',
        ExclusiveStartKey: start,
      }),
    );
    count += reply.Count ?? 0;
    start = reply.LastEvaluatedKey;
  } while (start);
  return count;
}

/** The name of an organisation unit (shared org items), for reports. */
export async function orgUnitName(id: string): Promise<string | undefined> {
  const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: keys.org(id) }));
  return typeof Item?.name === 'string' ? Item.name : undefined;
}

/**
 * Counts one check-in attempt of a member in one code rotation, atomically; false once the limit is reached
 * (however many requests arrive at once). The counter expires by TTL a day later.
 */
export async function countCheckinAttempt(activityId: string, userId: string, window: number, max: number, now: Date): Promise<boolean> {
  try {
    await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: signupKeys.checkinTries(activityId, userId, window),
        UpdateExpression: 'SET #type = :type, #ttl = :ttl ADD tries :one',
        ConditionExpression: 'attribute_not_exists(tries) OR tries < :max',
        ExpressionAttributeNames: { '#type': 'type', '#ttl': 'ttl' },
        ExpressionAttributeValues: { ':type': 'checkin-tries', ':ttl': Math.floor(now.getTime() / 1000) + 86_400, ':one': 1, ':max': max },
      }),
    );
    return true;
  } catch (error) {
    if ((error as Error).name === 'ConditionalCheckFailedException') return false;
    throw error;
  }
}

/**
 * Marks (or clears) a confirmed member's attendance; a member already checked in keeps their first time.
 * Marking by QR only succeeds once. Answers the registration after the change, or undefined when it is not
 * a confirmed registration.
 */
export async function setAttendance(
  activityId: string,
  userId: string,
  change: { attended: true; at: string; method: 'qr' | 'manual'; markedBy?: string } | { attended: false; markedBy: string },
): Promise<RegistrationRecord | undefined> {
  const once = change.attended && change.method === 'qr';
  try {
    const { Attributes } = await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: signupKeys.registration(activityId, userId),
        UpdateExpression: change.attended
          ? `SET checkedInAt = if_not_exists(checkedInAt, :at), checkInMethod = if_not_exists(checkInMethod, :method)${change.markedBy ? ', markedBy = :by' : ''}`
          : 'SET markedBy = :by REMOVE checkedInAt, checkInMethod',
        ConditionExpression: `#status = :confirmed${once ? ' AND attribute_not_exists(checkedInAt)' : ''}`,
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':confirmed': 'confirmed',
          ...(change.attended ? { ':at': change.at, ':method': change.method } : {}),
          ...(change.markedBy ? { ':by': change.markedBy } : {}),
        },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return Attributes ? withoutKeys<RegistrationRecord>(Attributes) : undefined;
  } catch (error) {
    if ((error as Error).name === 'ConditionalCheckFailedException') return undefined;
    throw error;
  }
}
