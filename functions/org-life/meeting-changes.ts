import { createHash } from 'node:crypto';
import { MEETING_TYPE_LABELS, type MeetingDetail, type MeetingEdit } from '../../shared/api/org-life';
import { AppError, badRequest } from '../../shared/runtime/app-error';
import type { Caller } from '../../shared/runtime/session';
import { assertManages } from './access';
import { assertMeetingShape, assertPasses, attendeesFor, meetingDetail, requireBundle } from './meetings';
import type { MeetingRecord } from './model';
import { clip, notify } from './notices';
import { cancelPlannedMeeting, getMeeting, updatePlannedMeeting, type MeetingChanges } from './store';
import { shanghaiDateTime } from './views';

/**
 * The secretary changes or calls off a planned meeting. Once it is held (its minutes recorded) it is history: no
 * cancelling, no new time. Everyone concerned hears of the change through the outbox, as when it was planned.
 */

const TIME_FIELDS = ['startAt', 'endAt'] as const;

/** Why a meeting that is not planned (any more) cannot take the change, as a 409. */
function notPlanned(meeting: MeetingRecord, changesTime: boolean): AppError {
  if (meeting.status === 'cancelled') return new AppError(409, 'MEETING_CANCELLED');
  return new AppError(409, 'MEETING_HELD', changesTime ? '会议已召开，不能修改时间' : undefined);
}

async function plannedMeeting(caller: Caller, id: string, changesTime: boolean): Promise<MeetingRecord> {
  const { meeting } = await requireBundle(id);
  assertManages(caller, meeting.branchId);
  if (meeting.status !== 'planned') throw notPlanned(meeting, changesTime);
  return meeting;
}

/** Tells the store refused a change because someone recorded or cancelled the meeting meanwhile. */
async function lostRace(id: string, changesTime: boolean): Promise<AppError> {
  const current = await getMeeting(id);
  return current ? notPlanned(current, changesTime) : new AppError(404, 'MEETING_NOT_FOUND');
}

const meetingFacts = (meeting: MeetingRecord) => [
  { key: '议题', value: clip(meeting.topic) },
  { key: '时间', value: shanghaiDateTime(meeting.startAt) },
  { key: meeting.online ? '线上' : '地点', value: clip(meeting.place) },
];

/** One notice per distinct version of the meeting: repeating the same edit sends nothing new. */
const versionKey = (meeting: MeetingRecord) =>
  createHash('sha256')
    .update(JSON.stringify([meeting.topic, meeting.startAt, meeting.endAt, meeting.place, meeting.online, meeting.attendees.map((a) => a.userId)]))
    .digest('hex')
    .slice(0, 16);

export async function editMeeting(caller: Caller, id: string, edit: MeetingEdit, now = new Date()): Promise<MeetingDetail> {
  if (Object.keys(edit).length === 0) throw badRequest([{ path: 'body', message: '请填写要修改的内容' }], '请填写要修改的内容');
  const changesTime = TIME_FIELDS.some((field) => edit[field] !== undefined);
  const before = await plannedMeeting(caller, id, changesTime);
  const audience = edit.audience ?? before.audience;
  const groupId = audience === 'group' ? (edit.groupId ?? before.groupId) : undefined;
  const startAt = edit.startAt ? new Date(edit.startAt).toISOString() : before.startAt;
  const endAt = edit.endAt ? new Date(edit.endAt).toISOString() : before.endAt;
  assertMeetingShape({ startAt, endAt, audience, ...(groupId ? { groupId } : {}) });
  await assertPasses([edit.topic, edit.place].filter((text): text is string => text !== undefined));
  const regroups = edit.audience !== undefined || edit.groupId !== undefined;
  const attendees = regroups ? await attendeesFor(before.branchId, { audience, ...(groupId ? { groupId } : {}) }) : before.attendees;
  if (attendees.length === 0) throw badRequest([{ path: 'body.audience', message: '参会人员为空，请先设置支部委员或党小组' }], '参会人员为空，请先设置支部委员或党小组');

  const changes: MeetingChanges = {
    topic: edit.topic ?? before.topic,
    startAt,
    endAt,
    place: edit.place ?? before.place,
    online: edit.online ?? before.online,
    audience,
    attendees,
    updatedAt: now.toISOString(),
    ...(groupId ? { groupId } : {}),
  };
  const after: MeetingRecord = { ...before, ...changes };
  if (versionKey(after) !== versionKey(before)) {
    if (!(await updatePlannedMeeting(id, changes))) throw await lostRace(id, changesTime);
    await announceChange(caller, before, after, now);
  }
  return meetingDetail(caller, await requireBundle(id), now);
}

/** Attendees learn the new plan; those no longer expected learn they need not come. */
async function announceChange(caller: Caller, before: MeetingRecord, after: MeetingRecord, now: Date): Promise<void> {
  const others = (meeting: MeetingRecord) => meeting.attendees.map((a) => a.userId).filter((userId) => userId !== caller.userId);
  const expected = new Set(others(after));
  const dropped = others(before).filter((userId) => !expected.has(userId));
  const version = versionKey(after);
  if (expected.size > 0) {
    await notify(
      {
        key: `orglife.meeting.${after.id}.changed.${version}`,
        toUsers: [...expected],
        title: '会议变更通知',
        description: `${MEETING_TYPE_LABELS[after.type]}有变更`,
        page: `orglife/pages/meeting/index?id=${after.id}`,
        contentItems: meetingFacts(after),
      },
      now,
    );
  }
  if (dropped.length > 0) {
    await notify(
      {
        key: `orglife.meeting.${after.id}.dropped.${version}`,
        toUsers: dropped,
        title: '会议参会人员调整',
        description: '本次会议无需您参加',
        page: 'orglife/pages/index/index',
        contentItems: meetingFacts(before).slice(0, 2),
      },
      now,
    );
  }
}

export async function cancelMeeting(caller: Caller, id: string, reason: string, now = new Date()): Promise<MeetingDetail> {
  const meeting = await plannedMeeting(caller, id, false);
  await assertPasses([reason]);
  if (!(await cancelPlannedMeeting(id, reason, now.toISOString()))) throw await lostRace(id, false);
  const toUsers = meeting.attendees.map((a) => a.userId).filter((userId) => userId !== caller.userId);
  if (toUsers.length > 0) {
    await notify(
      {
        key: `orglife.meeting.${id}.cancelled`,
        toUsers,
        title: '会议取消通知',
        description: `${MEETING_TYPE_LABELS[meeting.type]}已取消`,
        page: `orglife/pages/meeting/index?id=${id}`,
        contentItems: [...meetingFacts(meeting).slice(0, 2), { key: '原因', value: clip(reason) }],
      },
      now,
    );
  }
  return meetingDetail(caller, await requireBundle(id), now);
}
