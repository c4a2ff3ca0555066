import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { PushRun, Recommendation } from '../../../shared/api/courses';
import type { MemberCategory } from '../../../shared/api/identity-model';
import { db, tableName } from '../../../shared/runtime/db';
import { courseKeys } from '../keys';
import { batchGet, cancellationReasons, isConditionFailure, queryAll, transactWrite, type Item } from './dynamo';

export interface PushState {
  optOut: boolean;
  /** When this member was last included in pushes (ISO instants, newest last). */
  pushedAt: string[];
}

/** One member's push of one week: fixed once planned, so a resumed run sends the same thing. */
export interface PushPlan {
  week: string;
  userId: string;
  branchId: string;
  category: MemberCategory;
  status: 'planned' | 'skipped';
  skipReason?: 'optedOut' | 'frequencyCap' | 'nothingToRecommend';
  items: Array<{ courseId: string; title: string; kind: Recommendation['kind'] }>;
  /** Members whose notices would read the same share one WeCom call (up to 1,000 recipients). */
  contentHash: string;
  noticeKey?: string;
  markedAt?: string;
  clickedAt?: string;
}

export interface StoredRun extends PushRun {
  /** Where planning stopped in the member list, to resume from. */
  cursor?: Item;
}

const toState = (item: Item | undefined): PushState => ({
  optOut: item?.optOut === true,
  pushedAt: Array.isArray(item?.pushedAt) ? (item.pushedAt as string[]) : [],
});

export async function getPushState(userId: string): Promise<PushState> {
  const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: courseKeys.pushState(userId), ConsistentRead: true }));
  return toState(Item);
}

export async function pushStates(userIds: string[]): Promise<Map<string, PushState>> {
  const items = await batchGet(userIds.map(courseKeys.pushState));
  const found = new Map(items.map((item) => [String(item.pk).slice('PUSHSTATE#'.length), toState(item)]));
  return new Map(userIds.map((userId) => [userId, found.get(userId) ?? toState(undefined)]));
}

export async function setOptOut(userId: string, optOut: boolean, now: Date): Promise<void> {
  await db().send(
    new UpdateCommand({
      TableName: tableName(),
      Key: courseKeys.pushState(userId),
      UpdateExpression: 'SET optOut = :optOut, #type = :type, preferenceChangedAt = :now',
      ExpressionAttributeNames: { '#type': 'type' },
      ExpressionAttributeValues: { ':optOut': optOut, ':type': 'push-state', ':now': now.toISOString() },
    }),
  );
}

function toRun(item: Item): StoredRun {
  const { week, status, waitingFor, planned, skipped, notices, recipients, startedAt, finishedAt, cursor } = item as unknown as StoredRun;
  return {
    week, status, planned, skipped, notices, recipients, startedAt,
    ...(waitingFor ? { waitingFor } : {}),
    ...(finishedAt ? { finishedAt } : {}),
    ...(cursor ? { cursor } : {}),
  };
}

/**
 * Takes the week's run for `leaseMs` (creating it on first use) so two copies of the job never work on
 * the same week at once. Undefined when another copy holds it.
 */
export async function claimRun(week: string, now: Date, leaseMs: number): Promise<StoredRun | undefined> {
  try {
    const { Attributes } = await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: courseKeys.pushRun(week),
        UpdateExpression:
          'SET leaseUntil = :lease, #type = :type, week = :week, gsi1pk = :gpk, gsi1sk = :week, #status = if_not_exists(#status, :planning), startedAt = if_not_exists(startedAt, :now), planned = if_not_exists(planned, :zero), notices = if_not_exists(notices, :zero), recipients = if_not_exists(recipients, :zero), skipped = if_not_exists(skipped, :skipped)',
        ConditionExpression: 'attribute_not_exists(leaseUntil) OR leaseUntil < :now',
        ExpressionAttributeNames: { '#status': 'status', '#type': 'type' },
        ExpressionAttributeValues: {
          ':lease': new Date(now.getTime() + leaseMs).toISOString(),
          ':type': 'push-run',
          ':week': week,
          ':gpk': courseKeys.pushRunIndex(week).gsi1pk,
          ':planning': 'planning',
          ':now': now.toISOString(),
          ':zero': 0,
          ':skipped': { optedOut: 0, frequencyCap: 0, nothingToRecommend: 0 },
        },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return toRun(Attributes!);
  } catch (error) {
    if (isConditionFailure(error)) return undefined;
    throw error;
  }
}

/** Saves where the run is; `release` gives up the lease (the run stopped or finished). */
export async function saveRun(run: StoredRun, release: boolean): Promise<void> {
  const optional = { waitingFor: run.waitingFor, finishedAt: run.finishedAt, cursor: run.cursor };
  const sets = ['#status = :status', 'planned = :planned', 'skipped = :skipped', 'notices = :notices', 'recipients = :recipients'];
  const removes = release ? ['leaseUntil'] : [];
  const names: Record<string, string> = { '#status': 'status' };
  const values: Item = { ':status': run.status, ':planned': run.planned, ':skipped': run.skipped, ':notices': run.notices, ':recipients': run.recipients };
  for (const [name, value] of Object.entries(optional)) {
    names[`#${name}`] = name;
    if (value === undefined) removes.push(`#${name}`);
    else {
      sets.push(`#${name} = :${name}`);
      values[`:${name}`] = value;
    }
  }
  await db().send(
    new UpdateCommand({
      TableName: tableName(),
      Key: courseKeys.pushRun(run.week),
      UpdateExpression: `SET ${sets.join(', ')}${removes.length > 0 ? ` REMOVE ${removes.join(', ')}` : ''}`,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    }),
  );
}

export async function getRun(week: string): Promise<StoredRun | undefined> {
  const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: courseKeys.pushRun(week), ConsistentRead: true }));
  return Item ? toRun(Item) : undefined;
}

export async function recentRuns(limit: number): Promise<StoredRun[]> {
  const items = await queryAll({ IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :pk', ExpressionAttributeValues: { ':pk': 'PUSHRUNS' }, ScanIndexForward: false, Limit: limit });
  return items.slice(0, limit).map(toRun);
}

/** Records a member's plan for the week unless one exists (a resumed run keeps the first). */
export async function putPlanIfAbsent(plan: PushPlan): Promise<boolean> {
  try {
    await db().send(
      new PutCommand({ TableName: tableName(), Item: { ...courseKeys.pushPlan(plan.week, plan.userId), type: 'push-plan', ...plan }, ConditionExpression: 'attribute_not_exists(pk)' }),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

export async function weekPlans(week: string): Promise<PushPlan[]> {
  const items = await queryAll({ KeyConditionExpression: 'pk = :pk AND begins_with(sk, :plan)', ExpressionAttributeValues: { ':pk': courseKeys.pushRunPartition(week), ':plan': 'PLAN#' }, ConsistentRead: true });
  return items as unknown as PushPlan[];
}

export async function plansOf(userId: string, weeks: string[]): Promise<PushPlan[]> {
  return (await batchGet(weeks.map((week) => courseKeys.pushPlan(week, userId)))) as unknown as PushPlan[];
}

export type MarkOutcome = 'marked' | 'already-marked' | 'opted-out';

/**
 * Assigns a member's plan to a notice before the notice is queued, in one transaction with the member's
 * push history, and only while the member has not opted out. A plan is assigned once: a member is in
 * exactly one notice per week, whatever crashes and retries happen.
 */
export async function markPlan(plan: PushPlan, noticeKey: string, pushedAt: string[], now: Date): Promise<MarkOutcome> {
  try {
    await transactWrite([
      {
        Update: {
          TableName: tableName(),
          Key: courseKeys.pushPlan(plan.week, plan.userId),
          UpdateExpression: 'SET noticeKey = :key, markedAt = :now',
          ConditionExpression: 'attribute_not_exists(noticeKey)',
          ExpressionAttributeValues: { ':key': noticeKey, ':now': now.toISOString() },
        },
      },
      {
        Update: {
          TableName: tableName(),
          Key: courseKeys.pushState(plan.userId),
          UpdateExpression: 'SET pushedAt = :pushedAt, #type = :type',
          ConditionExpression: 'attribute_not_exists(optOut) OR optOut = :false',
          ExpressionAttributeNames: { '#type': 'type' },
          ExpressionAttributeValues: { ':pushedAt': pushedAt, ':type': 'push-state', ':false': false },
        },
      },
    ]);
    return 'marked';
  } catch (error) {
    const reasons = cancellationReasons(error);
    if (reasons?.[0] === 'ConditionalCheckFailed') return 'already-marked';
    if (reasons?.[1] === 'ConditionalCheckFailed') return 'opted-out';
    throw error;
  }
}

/** Notes the first time a member opened a week's push; later opens are not counted again. */
export async function markClicked(week: string, userId: string, now: Date): Promise<'recorded' | 'repeat' | 'not-pushed'> {
  try {
    await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: courseKeys.pushPlan(week, userId),
        UpdateExpression: 'SET clickedAt = :now',
        ConditionExpression: 'attribute_exists(noticeKey) AND attribute_not_exists(clickedAt)',
        ExpressionAttributeValues: { ':now': now.toISOString() },
      }),
    );
    return 'recorded';
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: courseKeys.pushPlan(week, userId), ConsistentRead: true }));
    return Item?.noticeKey ? 'repeat' : 'not-pushed';
  }
}

/** Marks a planned member as not pushed after all (they opted out between planning and sending). */
export async function skipPlan(week: string, userId: string, reason: NonNullable<PushPlan['skipReason']>): Promise<void> {
  await db().send(
    new UpdateCommand({
      TableName: tableName(),
      Key: courseKeys.pushPlan(week, userId),
      UpdateExpression: 'SET #status = :skipped, skipReason = :reason',
      ConditionExpression: 'attribute_not_exists(noticeKey)',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':skipped': 'skipped', ':reason': reason },
    }),
  );
}
