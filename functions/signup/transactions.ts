import { tableName } from '../../shared/runtime/db';
import { outboxPut, type Notice } from '../../shared/runtime/outbound';
import { activityIndexKeys, signupKeys } from './keys';
import type { ActivityRecord, RegistrationRecord } from './model';
import { activityItem, audienceItem, registrationItem } from './store';
import { transact, type TransactItems, type TransactOutcome } from './transact';

/**
 * Every change that touches more than one item, as one DynamoDB transaction with the conditions that keep
 * the counters true: the seat counter and the registration are written together, never read-then-write.
 * Each function answers which condition failed, so the domain can read again and decide.
 */

/** `status` and `capacity` are DynamoDB reserved words, written through these names. */
const RESERVED: Record<string, string> = { '#status': 'status', '#capacity': 'capacity' };

/** DynamoDB refuses names and values an expression does not use: give each item only its own. */
function expressionAttributes(expressions: string[], values: Record<string, unknown>) {
  const text = expressions.join(' ');
  const used = (token: string) => new RegExp(`${token}(?![A-Za-z0-9_])`).test(text);
  const names = Object.fromEntries(Object.entries(RESERVED).filter(([alias]) => used(alias)));
  return {
    ...(Object.keys(names).length > 0 ? { ExpressionAttributeNames: names } : {}),
    ExpressionAttributeValues: Object.fromEntries(Object.entries(values).filter(([token]) => used(token))),
  };
}

/** A conditional Update of one item, as a transaction member. */
function update(key: Record<string, string>, updateExpression: string, condition: string, values: Record<string, unknown>) {
  return {
    Update: {
      TableName: tableName(),
      Key: key,
      UpdateExpression: updateExpression,
      ConditionExpression: condition,
      ...expressionAttributes([updateExpression, condition], values),
    },
  };
}

/** Conditions an activity must meet for anyone to join now. */
const OPEN_FOR_SIGNUP = '#status = :open AND signupOpensAt <= :now AND signupDeadline > :now';
/** A registration may be (re)written when there is none, or only a cancelled one from another request. */
const REGISTRATION_FREE = 'attribute_not_exists(pk) OR (#status = :cancelled AND clientRequestId <> :rid)';

export type JoinOutcome = 'committed' | 'activity-changed' | 'registration-exists';

function joinOutcome(outcome: TransactOutcome): JoinOutcome {
  if (outcome.committed) return 'committed';
  if (outcome.failedConditions.length === 0 || outcome.failedConditions.includes(1)) return 'registration-exists';
  return 'activity-changed';
}

function registrationPut(registration: RegistrationRecord) {
  return {
    Put: {
      TableName: tableName(),
      Item: registrationItem(registration),
      ConditionExpression: REGISTRATION_FREE,
      ...expressionAttributes([REGISTRATION_FREE], { ':cancelled': 'cancelled', ':rid': registration.clientRequestId }),
    },
  };
}

/** Takes a free seat: only while seats are free and nobody waits (the waitlist has first claim on a seat). */
export async function confirmSeat(activity: ActivityRecord, registration: RegistrationRecord, now: Date, token: string): Promise<JoinOutcome> {
  const items: TransactItems = [
    update(
      signupKeys.activity(activity.id),
      'SET confirmedCount = confirmedCount + :one, changeSeq = changeSeq + :one',
      `${OPEN_FOR_SIGNUP} AND confirmedCount < #capacity AND waitlistCount = :zero`,
      { ':one': 1, ':zero': 0, ':open': 'open', ':now': now.toISOString() },
    ),
    registrationPut(registration),
  ];
  return joinOutcome(await transact(items, token));
}

/** Joins the waitlist with a ticket newer than every ticket already given, while there is room. */
export async function joinWaitlist(
  activity: ActivityRecord,
  registration: RegistrationRecord & { waitTicket: string },
  seq: number,
  now: Date,
  token: string,
): Promise<JoinOutcome> {
  const items: TransactItems = [
    update(
      signupKeys.activity(activity.id),
      'SET waitlistCount = waitlistCount + :one, lastWaitSeq = :seq, changeSeq = changeSeq + :one',
      `${OPEN_FOR_SIGNUP} AND confirmedCount >= #capacity AND waitlistCount < waitlistSize AND lastWaitSeq < :seq`,
      { ':one': 1, ':seq': seq, ':open': 'open', ':now': now.toISOString() },
    ),
    registrationPut(registration),
    {
      Put: {
        TableName: tableName(),
        Item: {
          ...signupKeys.waitEntry(activity.id, registration.waitTicket),
          type: 'waitlist-entry',
          ticket: registration.waitTicket,
          userId: registration.userId,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
  ];
  return joinOutcome(await transact(items, token));
}

function cancelOwn(registration: RegistrationRecord, now: Date) {
  return update(
    signupKeys.registration(registration.activityId, registration.userId),
    'SET #status = :cancelled, cancelledAt = :now',
    registration.status === 'waitlisted' ? '#status = :waitlisted AND waitTicket = :ticket' : '#status = :confirmed AND attribute_not_exists(checkedInAt)',
    { ':cancelled': 'cancelled', ':now': now.toISOString(), ':waitlisted': 'waitlisted', ':ticket': registration.waitTicket, ':confirmed': 'confirmed' },
  );
}

/** The head of the waitlist moves up: its registration confirmed, its waitlist entry gone. */
function promoteItems(activityId: string, head: { userId: string; ticket: string }, now: Date): TransactItems {
  return [
    update(
      signupKeys.registration(activityId, head.userId),
      'SET #status = :confirmed, promotedAt = :now',
      '#status = :waitlisted AND waitTicket = :ticket',
      { ':confirmed': 'confirmed', ':waitlisted': 'waitlisted', ':ticket': head.ticket, ':now': now.toISOString() },
    ),
    { Delete: { TableName: tableName(), Key: signupKeys.waitEntry(activityId, head.ticket), ConditionExpression: 'attribute_exists(pk)' } },
  ];
}

/** Counter changes on the activity item; every registration change also bumps `changeSeq`. */
function activityCounters(activityId: string, counters: string, condition: string) {
  return update(signupKeys.activity(activityId), `SET ${counters}, changeSeq = changeSeq + :one`, condition, { ':one': 1, ':zero': 0, ':open': 'open' });
}

/** A waiting member leaves the waitlist. */
export async function leaveWaitlist(registration: RegistrationRecord & { waitTicket: string }, now: Date): Promise<boolean> {
  const items: TransactItems = [
    cancelOwn(registration, now),
    { Delete: { TableName: tableName(), Key: signupKeys.waitEntry(registration.activityId, registration.waitTicket), ConditionExpression: 'attribute_exists(pk)' } },
    activityCounters(registration.activityId, 'waitlistCount = waitlistCount - :one', 'waitlistCount > :zero'),
  ];
  return (await transact(items)).committed;
}

/**
 * A confirmed member cancels. With someone waiting, the seat passes to the head of the waitlist in the same
 * transaction, and the notice telling them is queued with it; with nobody waiting, the seat is freed.
 */
export async function cancelConfirmed(
  registration: RegistrationRecord,
  now: Date,
  promote?: { head: { userId: string; ticket: string }; notice: Notice },
): Promise<boolean> {
  const items: TransactItems = promote
    ? [
        cancelOwn(registration, now),
        ...promoteItems(registration.activityId, promote.head, now),
        activityCounters(registration.activityId, 'waitlistCount = waitlistCount - :one', '#status = :open AND waitlistCount > :zero'),
        { Put: outboxPut(promote.notice, now) },
      ]
    : [
        cancelOwn(registration, now),
        activityCounters(
          registration.activityId,
          'confirmedCount = confirmedCount - :one',
          '#status = :open AND waitlistCount = :zero AND confirmedCount > :zero',
        ),
      ];
  return (await transact(items)).committed;
}

/** A free seat (capacity raised) goes to the head of the waitlist. */
export async function promoteIntoFreeSeat(activityId: string, head: { userId: string; ticket: string }, notice: Notice, now: Date): Promise<boolean> {
  const items: TransactItems = [
    ...promoteItems(activityId, head, now),
    activityCounters(
      activityId,
      'confirmedCount = confirmedCount + :one, waitlistCount = waitlistCount - :one',
      '#status = :open AND confirmedCount < #capacity AND waitlistCount > :zero',
    ),
    { Put: outboxPut(notice, now) },
  ];
  return (await transact(items)).committed;
}

function audiencePuts(record: ActivityRecord, branches: Array<string | undefined>) {
  return branches.map((branchId) => ({ Put: { TableName: tableName(), Item: audienceItem(record.id, branchId, record.startAt) } }));
}

/** Branches an activity is listed for; `undefined` is the whole organisation. */
export const audienceOf = (record: Pick<ActivityRecord, 'branchIds'>): Array<string | undefined> =>
  record.branchIds.length > 0 ? record.branchIds : [undefined];

/** Creates an activity and its audience entries; false when the id (same organiser and request) exists. */
export async function createActivity(record: ActivityRecord): Promise<boolean> {
  const items: TransactItems = [
    { Put: { TableName: tableName(), Item: activityItem(record), ConditionExpression: 'attribute_not_exists(pk)' } },
    ...audiencePuts(record, audienceOf(record)),
  ];
  return (await transact(items)).committed;
}

export type ActivityChanges = Partial<
  Pick<
    ActivityRecord,
    | 'title'
    | 'activityType'
    | 'description'
    | 'place'
    | 'startAt'
    | 'endAt'
    | 'signupOpensAt'
    | 'signupDeadline'
    | 'capacity'
    | 'waitlistSize'
    | 'branchIds'
    | 'categories'
    | 'checkInRequired'
  >
>;

/**
 * Applies an organiser's edit: only the changed fields (never the counters), under the condition that the
 * activity is still open and a smaller capacity or waitlist still holds everyone already in it. Audience
 * entries follow the branches and the start time; a notice to registrants may be queued with the change.
 */
export async function updateActivity(current: ActivityRecord, next: ActivityRecord, changes: ActivityChanges, notice?: Notice): Promise<boolean> {
  const names: Record<string, string> = { '#status': 'status' };
  const values: Record<string, unknown> = { ':open': 'open', ':updatedAt': next.updatedAt };
  const sets = ['updatedAt = :updatedAt'];
  for (const [field, value] of Object.entries(changes)) {
    names[`#${field}`] = field;
    values[`:${field}`] = value;
    sets.push(`#${field} = :${field}`);
  }
  if (changes.startAt !== undefined) {
    const index = activityIndexKeys(next);
    values[':gsi1sk'] = index.gsi1sk;
    values[':gsi2sk'] = index.gsi2sk;
    sets.push('gsi1sk = :gsi1sk', 'gsi2sk = :gsi2sk');
  }
  const conditions = ['#status = :open'];
  if (changes.capacity !== undefined) conditions.push('confirmedCount <= :capacity');
  if (changes.waitlistSize !== undefined) conditions.push('waitlistCount <= :waitlistSize');

  const before = audienceOf(current);
  const after = audienceOf(next);
  const audienceMoved = changes.startAt !== undefined || changes.branchIds !== undefined;
  const items: TransactItems = [
    {
      Update: {
        TableName: tableName(),
        Key: signupKeys.activity(current.id),
        UpdateExpression: `SET ${sets.join(', ')}`,
        ConditionExpression: conditions.join(' AND '),
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      },
    },
    ...(audienceMoved
      ? [
          ...before
            .filter((branchId) => !after.includes(branchId))
            .map((branchId) => ({ Delete: { TableName: tableName(), Key: signupKeys.audience(current.id, branchId) } })),
          ...audiencePuts(next, after),
        ]
      : []),
    ...(notice ? [{ Put: outboxPut(notice, new Date(next.updatedAt)) }] : []),
  ];
  return (await transact(items)).committed;
}

/**
 * Cancels an activity, provided no registration changed since the caller read the registrants
 * (`changeSeq`): the notice queued with it reaches exactly who was registered or waiting.
 */
export async function cancelActivity(activity: ActivityRecord, reason: string, now: Date, notice?: Notice): Promise<boolean> {
  const items: TransactItems = [
    update(
      signupKeys.activity(activity.id),
      'SET #status = :cancelled, cancelReason = :reason, cancelledAt = :now, updatedAt = :now',
      '#status = :open AND changeSeq = :seen',
      { ':cancelled': 'cancelled', ':open': 'open', ':reason': reason, ':now': now.toISOString(), ':seen': activity.changeSeq },
    ),
    ...(notice ? [{ Put: outboxPut(notice, now) }] : []),
  ];
  return (await transact(items)).committed;
}

