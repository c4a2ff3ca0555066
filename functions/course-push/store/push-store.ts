import { GetCommand, PutCommand, UpdateCommand, type TransactWriteCommandInput, type UpdateCommandInput } from '@aws-sdk/lib-dynamodb';
import type { PushRun, Recommendation } from '../../../shared/api/courses';
import type { Member, MemberCategory } from '../../../shared/api/identity-model';
import { db, tableName } from '../../../shared/runtime/db';
import type { outboxPut } from '../../../shared/runtime/outbound';
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
  /** Where cutting the member list into units stopped, to resume from. */
  cursor?: Item;
  /** Units cut so far, and how many finished. */
  unitCount: number;
  unitsDone: number;
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

/** A member as a unit keeps them: what planning needs, fixed when the unit is cut. */
export type UnitMember = Pick<Member, 'userId' | 'branchId' | 'category' | 'postTags'>;

export type SkipCounts = PushRun['skipped'];
export const NO_SKIPS: SkipCounts = { optedOut: 0, frequencyCap: 0, nothingToRecommend: 0 };

/** One unit of a week's push: ≤ 1,000 members, planned and sent on its own under its own lease. */
export interface PushUnit {
  week: string;
  unitId: string;
  status: 'planning' | 'sending' | 'done';
  size: number;
  planned: number;
  skipped: SkipCounts;
  notices: number;
  recipients: number;
  waitingFor?: string;
}

/** Whoever holds a lease, and the clock instant (ms) a write under it is made at. */
export interface Holder {
  owner: string;
  now: number;
}

const iso = (ms: number) => new Date(ms).toISOString();
const HOLDS_LEASE = 'leaseOwner = :owner AND leaseUntil > :now';
const holderValues = (holder: Holder) => ({ ':owner': holder.owner, ':now': iso(holder.now) });

function toRun(item: Item): StoredRun {
  const { week, status, waitingFor, planned, skipped, notices, recipients, startedAt, finishedAt, cursor, unitCount, unitsDone } = item as unknown as StoredRun;
  return {
    week, status, planned, skipped, notices, recipients, startedAt,
    unitCount: unitCount ?? 0,
    unitsDone: unitsDone ?? 0,
    ...(waitingFor ? { waitingFor } : {}),
    ...(finishedAt ? { finishedAt } : {}),
    ...(cursor ? { cursor } : {}),
  };
}

const toUnit = (item: Item): PushUnit => {
  const { week, unitId, status, size, planned, skipped, notices, recipients, waitingFor } = item as unknown as PushUnit;
  return { week, unitId, status, size, planned, skipped, notices, recipients, ...(waitingFor ? { waitingFor } : {}) };
};

/**
 * Takes the week's run for cutting it into units (creating it on first use), with a lease from `holder.now`, so
 * two copies never cut the same week at once. Undefined when another copy holds it.
 */
export async function claimRun(week: string, holder: Holder, leaseMs: number, startedAt: Date): Promise<StoredRun | undefined> {
  try {
    const { Attributes } = await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: courseKeys.pushRun(week),
        UpdateExpression:
          'SET leaseOwner = :owner, leaseUntil = :lease, #type = :type, week = :week, gsi1pk = :gpk, gsi1sk = :week, #status = if_not_exists(#status, :planning), startedAt = if_not_exists(startedAt, :startedAt), planned = if_not_exists(planned, :zero), notices = if_not_exists(notices, :zero), recipients = if_not_exists(recipients, :zero), skipped = if_not_exists(skipped, :skipped), unitCount = if_not_exists(unitCount, :zero), unitsDone = if_not_exists(unitsDone, :zero)',
        ConditionExpression: 'attribute_not_exists(leaseUntil) OR leaseUntil <= :now',
        ExpressionAttributeNames: { '#status': 'status', '#type': 'type' },
        ExpressionAttributeValues: {
          ...holderValues(holder),
          ':lease': iso(holder.now + leaseMs),
          ':type': 'push-run',
          ':week': week,
          ':gpk': courseKeys.pushRunIndex(week).gsi1pk,
          ':planning': 'planning',
          ':startedAt': startedAt.toISOString(),
          ':zero': 0,
          ':skipped': NO_SKIPS,
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

/**
 * Cuts the next unit: its members and its state are written with the run's new position in one transaction,
 * only while `holder` holds the run: a unit is cut once, and a copy that lost the run writes nothing.
 */
export async function cutUnit(week: string, holder: Holder, unitId: string, members: UnitMember[], next: Item | undefined): Promise<boolean> {
  const unit: PushUnit = { week, unitId, status: 'planning', size: members.length, planned: 0, skipped: NO_SKIPS, notices: 0, recipients: 0 };
  try {
    await transactWrite([
      { Put: { TableName: tableName(), Item: { ...courseKeys.pushUnitMembers(week, unitId), type: 'push-unit-members', members }, ConditionExpression: 'attribute_not_exists(pk)' } },
      { Put: { TableName: tableName(), Item: { ...courseKeys.pushUnit(week, unitId), type: 'push-unit', ...unit }, ConditionExpression: 'attribute_not_exists(pk)' } },
      {
        Update: {
          TableName: tableName(),
          Key: courseKeys.pushRun(week),
          UpdateExpression: next ? 'SET unitCount = :count, #cursor = :cursor' : 'SET unitCount = :count, #status = :sending REMOVE #cursor',
          ConditionExpression: HOLDS_LEASE,
          ExpressionAttributeNames: { '#cursor': 'cursor', ...(next ? {} : { '#status': 'status' }) },
          ExpressionAttributeValues: { ...holderValues(holder), ':count': Number(unitId) + 1, ...(next ? { ':cursor': next } : { ':sending': 'sending' }) },
        },
      },
    ]);
    return true;
  } catch (error) {
    if (cancellationReasons(error)?.includes('ConditionalCheckFailed')) return false;
    throw error;
  }
}

/** The last cut leaves nothing more to cut: the run moves on to sending (an empty directory has no unit at all). */
export async function finishCutting(week: string, holder: Holder): Promise<boolean> {
  return conditionalUpdate({
    Key: courseKeys.pushRun(week),
    UpdateExpression: 'SET #status = :sending REMOVE #cursor',
    ConditionExpression: `${HOLDS_LEASE} AND #status = :planning`,
    ExpressionAttributeNames: { '#status': 'status', '#cursor': 'cursor' },
    ExpressionAttributeValues: { ...holderValues(holder), ':sending': 'sending', ':planning': 'planning' },
  });
}

/** Gives up a lease (run or unit) this holder still has; someone else's lease is never touched. */
export async function releaseLease(key: Item, holder: Holder): Promise<void> {
  await conditionalUpdate({ Key: key, UpdateExpression: 'REMOVE leaseOwner, leaseUntil', ConditionExpression: 'leaseOwner = :owner', ExpressionAttributeValues: { ':owner': holder.owner } });
}

async function conditionalUpdate(input: Omit<UpdateCommandInput, 'TableName'>): Promise<boolean> {
  try {
    await db().send(new UpdateCommand({ TableName: tableName(), ...input }));
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

export async function getRun(week: string): Promise<StoredRun | undefined> {
  const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: courseKeys.pushRun(week), ConsistentRead: true }));
  return Item ? toRun(Item) : undefined;
}

export async function recentRuns(limit: number): Promise<StoredRun[]> {
  const items = await queryAll({ IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :pk', ExpressionAttributeValues: { ':pk': 'PUSHRUNS' }, ScanIndexForward: false, Limit: limit });
  return items.slice(0, limit).map(toRun);
}

/** The ids of a week's units cut so far, in order (ids only: a unit's members stay in their own item). */
export async function weekUnitIds(week: string): Promise<string[]> {
  const items = await queryAll({
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :unit)',
    ExpressionAttributeValues: { ':pk': courseKeys.pushRunPartition(week), ':unit': 'UNIT#' },
    ProjectionExpression: 'unitId',
    ConsistentRead: true,
  });
  return items.map((item) => String(item.unitId));
}

/**
 * Takes one unit with a lease from `holder.now` for `leaseMs`, unless another copy holds it or it is done.
 * Undefined when it cannot be taken now; the unit's state otherwise.
 */
export async function claimUnit(week: string, unitId: string, holder: Holder, leaseMs: number): Promise<PushUnit | 'busy' | 'done' | 'missing'> {
  try {
    const { Attributes } = await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: courseKeys.pushUnit(week, unitId),
        UpdateExpression: 'SET leaseOwner = :owner, leaseUntil = :lease',
        ConditionExpression: 'attribute_exists(pk) AND #status <> :done AND (attribute_not_exists(leaseUntil) OR leaseUntil <= :now)',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ...holderValues(holder), ':lease': iso(holder.now + leaseMs), ':done': 'done' },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return toUnit(Attributes!);
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: courseKeys.pushUnit(week, unitId), ConsistentRead: true }));
    if (!Item) return 'missing';
    return Item.status === 'done' ? 'done' : 'busy';
  }
}

/** Whether `holder` still holds the unit (a consistent read: the writes under the lease check it again). */
export async function holdsUnit(week: string, unitId: string, holder: Holder): Promise<boolean> {
  const { Item } = await db().send(
    new GetCommand({ TableName: tableName(), Key: courseKeys.pushUnit(week, unitId), ConsistentRead: true, ProjectionExpression: 'leaseOwner, leaseUntil' }),
  );
  return Item?.leaseOwner === holder.owner && typeof Item.leaseUntil === 'string' && Item.leaseUntil > iso(holder.now);
}

export async function unitMembers(week: string, unitId: string): Promise<UnitMember[]> {
  const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: courseKeys.pushUnitMembers(week, unitId), ConsistentRead: true }));
  return (Item?.members as UnitMember[] | undefined) ?? [];
}

/** Changes to a unit's counts, added to the unit and to its run together. */
export interface UnitProgress {
  planned?: number;
  skipped?: Partial<SkipCounts>;
  notices?: number;
  recipients?: number;
}

/** `counter = counter + :n` for each non-zero count (every counter exists from the item's creation). */
function progressSets(progress: UnitProgress): { sets: string[]; values: Item } {
  const sets: string[] = [];
  const values: Item = {};
  const add = (path: string, name: string, value: number | undefined) => {
    if (!value) return;
    sets.push(`${path} = ${path} + :${name}`);
    values[`:${name}`] = value;
  };
  add('planned', 'planned', progress.planned);
  add('notices', 'notices', progress.notices);
  add('recipients', 'recipients', progress.recipients);
  for (const reason of Object.keys(NO_SKIPS) as Array<keyof SkipCounts>) add(`skipped.${reason}`, `skip_${reason}`, progress.skipped?.[reason]);
  return { sets, values };
}

const expression = (sets: string[], removes: string[]) => [sets.length ? `SET ${sets.join(', ')}` : '', removes.length ? `REMOVE ${removes.join(', ')}` : ''].filter(Boolean).join(' ');

export interface UnitStep {
  progress?: UnitProgress;
  status?: PushUnit['status'];
  /** Why the unit waits (quiet hours), shown on the run; absent clears it. */
  waitingFor?: string;
  /** An outbox record queued in the same transaction (exactly once with its counts). */
  outboxPut?: ReturnType<typeof outboxPut>;
}

/**
 * Applies a unit's step, only while `holder` holds the unit: its counts are added to the unit and its run in one
 * transaction (so a step is counted once, whatever crashes), with an optional outbox Put queued in the same
 * transaction and a new unit status. 'lease-lost' when the unit is no longer this holder's, 'duplicate' when the
 * outbox already had the notice (queued by an earlier copy, and counted then).
 */
export async function applyUnitStep(week: string, unitId: string, holder: Holder, step: UnitStep): Promise<'applied' | 'lease-lost' | 'duplicate'> {
  const { sets, values } = progressSets(step.progress ?? {});
  const waiting = step.waitingFor ? { sets: ['waitingFor = :waiting'], removes: [], values: { ':waiting': step.waitingFor } } : { sets: [], removes: ['waitingFor'], values: {} };
  const unitSets = [...sets, ...waiting.sets, ...(step.status ? ['#status = :status'] : [])];
  const runSets = [...sets, ...waiting.sets, ...(step.status === 'done' ? ['unitsDone = unitsDone + :one'] : [])];
  const items: NonNullable<TransactWriteCommandInput['TransactItems']> = [
    {
      Update: {
        TableName: tableName(),
        Key: courseKeys.pushUnit(week, unitId),
        UpdateExpression: expression(unitSets, waiting.removes),
        ConditionExpression: HOLDS_LEASE,
        ...(step.status ? { ExpressionAttributeNames: { '#status': 'status' } } : {}),
        ExpressionAttributeValues: { ...holderValues(holder), ...values, ...waiting.values, ...(step.status ? { ':status': step.status } : {}) },
      },
    },
    {
      Update: {
        TableName: tableName(),
        Key: courseKeys.pushRun(week),
        UpdateExpression: expression(runSets, waiting.removes),
        ...(runSets.length ? { ExpressionAttributeValues: { ...values, ...waiting.values, ...(step.status === 'done' ? { ':one': 1 } : {}) } } : {}),
      },
    },
    ...(step.outboxPut ? [{ Put: step.outboxPut }] : []),
  ];
  try {
    await transactWrite(items);
    return 'applied';
  } catch (error) {
    const reasons = cancellationReasons(error);
    if (reasons?.[0] === 'ConditionalCheckFailed') return 'lease-lost';
    if (reasons?.[2] === 'ConditionalCheckFailed') return 'duplicate';
    throw error;
  }
}

/** The run is done once every unit is: marked once, by whichever unit finished last. */
export async function finishRunIfComplete(week: string, finishedAt: Date): Promise<void> {
  await conditionalUpdate({
    Key: courseKeys.pushRun(week),
    UpdateExpression: 'SET #status = :done, finishedAt = :at REMOVE waitingFor',
    ConditionExpression: '#status = :sending AND unitsDone >= unitCount',
    ExpressionAttributeNames: { '#status': 'status' },
    ExpressionAttributeValues: { ':done': 'done', ':sending': 'sending', ':at': finishedAt.toISOString() },
  });
}

/** The plans of a unit's members (those planned so far), by member. */
export async function unitPlans(week: string, userIds: readonly string[]): Promise<Map<string, PushPlan>> {
  const items = (await batchGet(userIds.map((userId) => courseKeys.pushPlan(week, userId)))) as unknown as PushPlan[];
  return new Map(items.map((plan) => [plan.userId, plan]));
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
