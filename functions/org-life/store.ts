import { BatchWriteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { APPRAISAL_GRADES, type AppraisalGrade } from '../../shared/api/org-life';
import { db, tableName } from '../../shared/runtime/db';
import { batchGet, cancellationReasons, isConditionFailure, queryAll, transactWrite, type Item } from '../../shared/runtime/db-helpers';
import { OPEN_TASKS_INDEX, meetingsIndex, orgLifeKeys, tasksIndex } from './keys';
import type { AppraisalRecord, AttendanceRecord, MeetingRecord, PlanRecord, SettingsRecord, Tally, TaskRecord } from './model';

/** The only module of organisation life that knows DynamoDB. */

const KEY_ATTRIBUTES = ['pk', 'sk', 'gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk', 'type', 'ttl'];
function withoutKeys<T>(item: Item): T {
  const copy: Item = { ...item };
  for (const name of KEY_ATTRIBUTES) delete copy[name];
  return copy as T;
}

async function getItem<T>(key: Item): Promise<T | undefined> {
  const { Item: found } = await db().send(new GetCommand({ TableName: tableName(), Key: key, ConsistentRead: true }));
  return found ? withoutKeys<T>(found) : undefined;
}

// Settings and plans

export const getSettings = (branchId: string) => getItem<SettingsRecord>(orgLifeKeys.settings(branchId));

export async function putSettings(record: SettingsRecord): Promise<void> {
  await db().send(new PutCommand({ TableName: tableName(), Item: { ...orgLifeKeys.settings(record.branchId), type: 'orglife-settings', ...record } }));
}

export const getPlan = (branchId: string, year: string) => getItem<PlanRecord>(orgLifeKeys.plan(branchId, year));

export async function putPlan(record: PlanRecord): Promise<void> {
  await db().send(new PutCommand({ TableName: tableName(), Item: { ...orgLifeKeys.plan(record.branchId, record.year), type: 'orglife-plan', ...record } }));
}

// Meetings

/** The table's `type` names the item kind; a meeting's own type is stored as `meetingType`. */
export const meetingItem = (record: MeetingRecord): Item => ({
  ...orgLifeKeys.meeting(record.id),
  gsi1pk: meetingsIndex(record.branchId),
  gsi1sk: `${record.startAt}#${record.id}`,
  ...record,
  type: 'orglife-meeting',
  meetingType: record.type,
});

function toMeeting(item: Item): MeetingRecord {
  const { meetingType, ...rest } = withoutKeys<MeetingRecord & { meetingType: MeetingRecord['type'] }>(item);
  return { ...rest, type: meetingType };
}

/** Stores a new meeting; false when the id exists (the same planning request again). */
export async function createMeeting(record: MeetingRecord): Promise<boolean> {
  try {
    await db().send(new PutCommand({ TableName: tableName(), Item: meetingItem(record), ConditionExpression: 'attribute_not_exists(pk)' }));
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

export async function getMeeting(id: string): Promise<MeetingRecord | undefined> {
  const { Item: found } = await db().send(new GetCommand({ TableName: tableName(), Key: orgLifeKeys.meeting(id), ConsistentRead: true }));
  return found ? toMeeting(found) : undefined;
}

export interface MeetingBundle {
  meeting: MeetingRecord;
  attendance: AttendanceRecord[];
  tasks: TaskRecord[];
}

/** What an edit of a planned meeting may change. */
export type MeetingChanges = Pick<MeetingRecord, 'topic' | 'startAt' | 'endAt' | 'place' | 'online' | 'audience' | 'attendees' | 'updatedAt'> & { groupId?: string };

/**
 * Applies a secretary's edit while the meeting is still planned (its place in the branch's index follows a new
 * start); false when it was recorded or cancelled in between. Agenda and attendance are left as they are.
 */
export async function updatePlannedMeeting(id: string, changes: MeetingChanges): Promise<boolean> {
  const { groupId, ...fields } = changes;
  const names: Record<string, string> = { '#status': 'status' };
  const values: Record<string, unknown> = { ':planned': 'planned', ':gsi1sk': `${changes.startAt}#${id}` };
  const sets = ['gsi1sk = :gsi1sk'];
  for (const [name, value] of Object.entries(fields)) {
    names[`#${name}`] = name;
    values[`:${name}`] = value;
    sets.push(`#${name} = :${name}`);
  }
  if (groupId) {
    values[':groupId'] = groupId;
    sets.push('groupId = :groupId');
  }
  try {
    await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: orgLifeKeys.meeting(id),
        UpdateExpression: `SET ${sets.join(', ')}${groupId ? '' : ' REMOVE groupId'}`,
        ConditionExpression: '#status = :planned',
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

/** Cancels a planned meeting with the secretary's reason; false when it is no longer planned. */
export async function cancelPlannedMeeting(id: string, reason: string, at: string): Promise<boolean> {
  try {
    await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: orgLifeKeys.meeting(id),
        UpdateExpression: 'SET #status = :cancelled, cancelReason = :reason, cancelledAt = :at',
        ConditionExpression: '#status = :planned',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':cancelled': 'cancelled', ':planned': 'planned', ':reason': reason, ':at': at },
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

/** A meeting with its attendance and tasks, in one query of its partition. */
export async function meetingBundle(id: string): Promise<MeetingBundle | undefined> {
  const items = await queryAll({ KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': orgLifeKeys.meetingPartition(id) }, ConsistentRead: true });
  const meeting = items.find((item) => item.sk === 'MEETING');
  if (!meeting) return undefined;
  return {
    meeting: toMeeting(meeting),
    attendance: items.filter((item) => String(item.sk).startsWith('ATT#')).map((item) => withoutKeys<AttendanceRecord>(item)),
    tasks: items.filter((item) => String(item.sk).startsWith('TASK#')).map((item) => withoutKeys<TaskRecord>(item)),
  };
}

/** A branch's meetings starting in [from, to), by start. */
export async function branchMeetings(branchId: string, from: string, to: string): Promise<MeetingRecord[]> {
  const items = await queryAll({
    IndexName: 'gsi1',
    KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk BETWEEN :from AND :to',
    ExpressionAttributeValues: { ':pk': meetingsIndex(branchId), ':from': from, ':to': `${to}~` },
  });
  return items.map(toMeeting).filter((m) => m.startAt < to);
}

/** A member's own attendance at several meetings. */
export async function myAttendance(meetingIds: string[], userId: string): Promise<Map<string, AttendanceRecord>> {
  const items = await batchGet(meetingIds.map((id) => orgLifeKeys.attendance(id, userId)));
  return new Map(items.map((item) => withoutKeys<AttendanceRecord>(item)).map((record) => [record.meetingId, record]));
}

export const getAttendance = (meetingId: string, userId: string) => getItem<AttendanceRecord>(orgLifeKeys.attendance(meetingId, userId));

/** Adds a suggestion to the agenda unless it is already there; the meeting must still be planned. */
export async function addAgendaItem(meetingId: string, entry: MeetingRecord['agenda'][number]): Promise<'added' | 'present' | 'not-planned'> {
  const current = await getMeeting(meetingId);
  if (!current || current.status !== 'planned') return 'not-planned';
  if (current.agenda.some((item) => item.suggestionId === entry.suggestionId)) return 'present';
  try {
    await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: orgLifeKeys.meeting(meetingId),
        UpdateExpression: 'SET agenda = list_append(agenda, :entry)',
        ConditionExpression: '#status = :planned AND size(agenda) = :size',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':entry': [entry], ':planned': 'planned', ':size': current.agenda.length },
      }),
    );
    return 'added';
  } catch (error) {
    // Someone else changed the agenda or recorded the meeting in between: read again.
    if (isConditionFailure(error)) return addAgendaItem(meetingId, entry);
    throw error;
  }
}

/** Counts a check-in attempt for one code rotation; false when the member used up the tries of this rotation. */
export async function countCheckinAttempt(meetingId: string, userId: string, window: number, max: number, now: Date): Promise<boolean> {
  try {
    await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: orgLifeKeys.tries(meetingId, userId, window),
        UpdateExpression: 'SET #type = :type, #ttl = :ttl ADD tries :one',
        ConditionExpression: 'attribute_not_exists(tries) OR tries < :max',
        ExpressionAttributeNames: { '#type': 'type', '#ttl': 'ttl' },
        ExpressionAttributeValues: { ':type': 'orglife-checkin-tries', ':ttl': Math.floor(now.getTime() / 1000) + 86_400, ':one': 1, ':max': max },
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

export const attendanceItem = (record: AttendanceRecord): Item => ({ ...orgLifeKeys.attendance(record.meetingId, record.userId), type: 'orglife-attendance', ...record });

/**
 * Writes a member's attendance under a condition on what was there, so a check-in and a leave request racing
 * each other never both win. `allowedFrom`: the statuses the record may have before (absent record included
 * with `none`).
 */
export async function putAttendance(record: AttendanceRecord, allowedFrom: Array<AttendanceRecord['status'] | 'none'>): Promise<boolean> {
  const names: Record<string, string> = { '#status': 'status' };
  const values: Record<string, unknown> = {};
  const clauses = allowedFrom.map((status, i) => {
    if (status === 'none') return 'attribute_not_exists(pk)';
    values[`:s${i}`] = status;
    return `#status = :s${i}`;
  });
  try {
    await db().send(
      new PutCommand({
        TableName: tableName(),
        Item: attendanceItem(record),
        ConditionExpression: clauses.join(' OR '),
        ExpressionAttributeNames: names,
        ...(Object.keys(values).length > 0 ? { ExpressionAttributeValues: values } : {}),
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

export const taskItem = (task: TaskRecord): Item => ({
  ...orgLifeKeys.task(task.meetingId, task.id),
  type: 'orglife-task',
  gsi1pk: tasksIndex(task.branchId),
  gsi1sk: `${task.dueDate}#${task.id}`,
  ...(task.status === 'open' ? { gsi2pk: OPEN_TASKS_INDEX, gsi2sk: `${task.dueDate}#${task.id}` } : {}),
  ...task,
});

/**
 * Records minutes and resolutions and creates their follow-up tasks, all or nothing, once: the meeting must
 * still be planned (a second record of the same meeting is refused, never doubles its tasks).
 */
export async function recordMeeting(meeting: MeetingRecord, tasks: TaskRecord[]): Promise<boolean> {
  try {
    await transactWrite([
      {
        Update: {
          TableName: tableName(),
          Key: orgLifeKeys.meeting(meeting.id),
          UpdateExpression: 'SET #status = :held, minutes = :minutes, resolutions = :resolutions, recordedAt = :at',
          ConditionExpression: '#status = :planned',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':held': 'held', ':planned': 'planned', ':minutes': meeting.minutes, ':resolutions': meeting.resolutions, ':at': meeting.recordedAt },
        },
      },
      ...tasks.map((task) => ({ Put: { TableName: tableName(), Item: taskItem(task), ConditionExpression: 'attribute_not_exists(pk)' } })),
    ]);
    return true;
  } catch (error) {
    if (cancellationReasons(error)?.includes('ConditionalCheckFailed')) return false;
    throw error;
  }
}

export const getTask = (meetingId: string, taskId: string) => getItem<TaskRecord>(orgLifeKeys.task(meetingId, taskId));

/** Closes an open task (it leaves the open-task index); false when it was closed already. */
export async function closeTask(task: TaskRecord, note: string, at: string): Promise<boolean> {
  try {
    await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: orgLifeKeys.task(task.meetingId, task.id),
        UpdateExpression: 'SET #status = :done, doneNote = :note, doneAt = :at REMOVE gsi2pk, gsi2sk',
        ConditionExpression: '#status = :open',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':done': 'done', ':open': 'open', ':note': note, ':at': at },
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

export async function branchTasks(branchId: string): Promise<TaskRecord[]> {
  const items = await queryAll({ IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :pk', ExpressionAttributeValues: { ':pk': tasksIndex(branchId) } });
  return items.map((item) => withoutKeys<TaskRecord>(item));
}

/** Open tasks of every branch due on or before a day (the reminder job). */
export async function openTasksDueBy(day: string): Promise<TaskRecord[]> {
  const items = await queryAll({
    IndexName: 'gsi2',
    KeyConditionExpression: 'gsi2pk = :pk AND gsi2sk <= :day',
    ExpressionAttributeValues: { ':pk': OPEN_TASKS_INDEX, ':day': `${day}~` },
  });
  return items.map((item) => withoutKeys<TaskRecord>(item));
}

// Appraisal (民主评议)

/** Opens a year's appraisal once; false when it exists. */
export async function createAppraisal(record: AppraisalRecord): Promise<boolean> {
  try {
    await db().send(
      new PutCommand({
        TableName: tableName(),
        Item: { ...orgLifeKeys.appraisal(record.branchId, record.year), type: 'orglife-appraisal', ...record },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

/** Closes an open appraisal: later ballots fail the transaction's `open` condition. False when it was not open. */
export async function closeAppraisal(branchId: string, year: string, at: string): Promise<boolean> {
  try {
    await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: orgLifeKeys.appraisal(branchId, year),
        UpdateExpression: 'SET #status = :closed, closedAt = :at',
        ConditionExpression: '#status = :open',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':closed': 'closed', ':open': 'open', ':at': at },
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

export const getAppraisal = (branchId: string, year: string) => getItem<AppraisalRecord>(orgLifeKeys.appraisal(branchId, year));

export async function hasVoted(branchId: string, year: string, userId: string): Promise<boolean> {
  const { Item: found } = await db().send(new GetCommand({ TableName: tableName(), Key: orgLifeKeys.voted(branchId, year, userId), ConsistentRead: true }));
  return found !== undefined;
}

/**
 * One ballot, in one transaction: the voter's marker (once: attribute_not_exists), one increment per appraised
 * member's grade, and the ballot count while the appraisal is open. No item holds both who and what.
 * Answers 'voted' when the marker existed, 'closed' when the appraisal is no longer open.
 */
export async function castBallot(branchId: string, year: string, voterId: string, grades: Array<{ userId: string; grade: AppraisalGrade }>): Promise<'accepted' | 'voted' | 'closed'> {
  try {
    await transactWrite([
      { Put: { TableName: tableName(), Item: { ...orgLifeKeys.voted(branchId, year, voterId), type: 'orglife-voted' }, ConditionExpression: 'attribute_not_exists(pk)' } },
      {
        Update: {
          TableName: tableName(),
          Key: orgLifeKeys.appraisal(branchId, year),
          UpdateExpression: 'ADD ballots :one',
          ConditionExpression: '#status = :open',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':one': 1, ':open': 'open' },
        },
      },
      ...grades.map(({ userId, grade }) => ({
        Update: {
          TableName: tableName(),
          Key: orgLifeKeys.tally(branchId, year, userId),
          UpdateExpression: 'SET #type = :type, subjectId = :subject ADD #grade :one',
          ExpressionAttributeNames: { '#type': 'type', '#grade': grade },
          ExpressionAttributeValues: { ':type': 'orglife-tally', ':subject': userId, ':one': 1 },
        },
      })),
    ]);
    return 'accepted';
  } catch (error) {
    const reasons = cancellationReasons(error);
    if (reasons?.[0] === 'ConditionalCheckFailed') return 'voted';
    if (reasons?.[1] === 'ConditionalCheckFailed') return 'closed';
    throw error;
  }
}

/** Every appraised member's tally (members nobody graded yet are absent). */
export async function appraisalTallies(branchId: string, year: string): Promise<Map<string, Tally>> {
  const items = await queryAll({
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :tally)',
    ExpressionAttributeValues: { ':pk': orgLifeKeys.appraisalPartition(branchId, year), ':tally': 'TALLY#' },
    ConsistentRead: true,
  });
  const tallies = new Map<string, Tally>();
  for (const item of items) {
    const tally = Object.fromEntries(APPRAISAL_GRADES.map((grade) => [grade, Number(item[grade] ?? 0)])) as Tally;
    tallies.set(String(item.subjectId), tally);
  }
  return tallies;
}

/** Demo data only (scripts/local seeds, never a request): items written 25 at a time, unprocessed ones retried. */
export async function seedItems(items: Item[]): Promise<void> {
  for (let start = 0; start < items.length; start += 25) {
    let request: Record<string, Array<{ PutRequest: { Item: Item } }>> | undefined = {
      [tableName()]: items.slice(start, start + 25).map((item) => ({ PutRequest: { Item: item } })),
    };
    while (request && Object.keys(request).length > 0) {
      const reply = await db().send(new BatchWriteCommand({ RequestItems: request }));
      request = reply.UnprocessedItems as typeof request;
    }
  }
}
