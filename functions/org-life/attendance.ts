import type { AttendanceLine, CheckinToken } from '../../shared/api/org-life';
import { AppError, badRequest } from '../../shared/runtime/app-error';
import { issueCheckinToken, rotationWindow, verifyCheckinToken } from '../../shared/runtime/checkin/token';
import { config } from '../../shared/runtime/config';
import type { Caller } from '../../shared/runtime/session';
import { assertManages } from './access';
import { requireBundle } from './meetings';
import type { AttendanceRecord, MeetingRecord } from './model';
import { meetingRotation, orgLifeSettings } from './settings';
import { countCheckinAttempt, getAttendance, putAttendance } from './store';
import { attendanceLines, shanghaiDateTime } from './views';

/**
 * Attendance at a real meeting: the rotating code shown in the room (the same token logic as sign-up, under its
 * own purpose), 请假 with a reason before the meeting ends, and 补学 recorded by the secretary for absentees.
 * Nothing asks where anyone is, and no photo.
 */

function assertCheckinOpen(meeting: MeetingRecord, now: Date): void {
  if (meeting.status === 'cancelled') throw new AppError(409, 'MEETING_CANCELLED');
  const settings = orgLifeSettings();
  const opensAt = Date.parse(meeting.startAt) - settings.ORG_LIFE_CHECKIN_OPENS_MINUTES * 60_000;
  const closesAt = Date.parse(meeting.endAt) + settings.ORG_LIFE_CHECKIN_CLOSES_MINUTES * 60_000;
  if (now.getTime() < opensAt) throw new AppError(409, 'CHECKIN_CLOSED', `签到将于 ${shanghaiDateTime(new Date(opensAt).toISOString())} 开始`);
  if (now.getTime() >= closesAt) throw new AppError(409, 'CHECKIN_CLOSED', `签到已于 ${shanghaiDateTime(new Date(closesAt).toISOString())} 结束`);
}

const lineOf = (meeting: MeetingRecord, record: AttendanceRecord): AttendanceLine => attendanceLines(meeting, [record]).find((line) => line.userId === record.userId)!;

export async function currentMeetingToken(caller: Caller, id: string, now = new Date()): Promise<CheckinToken> {
  const { meeting } = await requireBundle(id);
  assertManages(caller, meeting.branchId);
  assertCheckinOpen(meeting, now);
  const rotation = meetingRotation();
  const issued = await issueCheckinToken(config().JWT_SECRET, meeting.id, now, rotation);
  return { token: issued.token, code: issued.code, expiresAt: issued.expiresAt.toISOString(), rotatesAt: issued.rotatesAt.toISOString(), rotationSeconds: rotation.rotationSeconds };
}

/**
 * The moment a code is checked as of: now, or when a check-in that waited on the phone was scanned — never in the
 * future, never older than the offline allowance. The code must still have been current then, so a queued
 * check-in counts for a member who was in the room, and a forwarded photo still fails outside its window.
 */
function scanMoment(scannedAt: string | undefined, now: Date): Date {
  if (!scannedAt) return now;
  const at = Date.parse(scannedAt);
  const oldest = now.getTime() - orgLifeSettings().ORG_LIFE_OFFLINE_CHECKIN_HOURS * 3_600_000;
  if (at > now.getTime() + 5 * 60_000 || at < oldest) throw badRequest([{ path: 'body.scannedAt', message: '扫码时间不正确，请检查手机的日期和时间设置' }], '扫码时间不正确，请检查手机的日期和时间设置');
  return new Date(Math.min(at, now.getTime()));
}

/** A member expected at the meeting checks in with the current code, once; a leave request is replaced by presence. */
export async function checkInToMeeting(caller: Caller, id: string, presented: string, scannedAt: string | undefined, received = new Date()) {
  const { meeting } = await requireBundle(id);
  if (!meeting.attendees.some((a) => a.userId === caller.userId)) throw new AppError(404, 'MEETING_NOT_FOUND');
  const now = scanMoment(scannedAt, received);
  assertCheckinOpen(meeting, now);
  const existing = await getAttendance(id, caller.userId);
  if (existing?.checkedInAt) return { checkedInAt: existing.checkedInAt, alreadyCheckedIn: true };
  const rotation = meetingRotation();
  if (!(await countCheckinAttempt(id, caller.userId, rotationWindow(now, rotation), orgLifeSettings().ORG_LIFE_CHECKIN_MAX_TRIES, received))) {
    throw new AppError(429, 'RATE_LIMITED', '签到尝试次数过多，请等现场二维码更新后再试');
  }
  const verdict = await verifyCheckinToken(config().JWT_SECRET, id, presented, now, rotation);
  if (!verdict.valid && verdict.reason === 'expired') throw new AppError(409, 'CHECKIN_TOKEN_EXPIRED');
  if (!verdict.valid) throw new AppError(400, 'CHECKIN_TOKEN_INVALID');
  const at = now.toISOString();
  if (await putAttendance({ meetingId: id, userId: caller.userId, status: 'present', checkedInAt: at }, ['none', 'leave', 'makeup'])) {
    return { checkedInAt: at, alreadyCheckedIn: false };
  }
  const latest = await getAttendance(id, caller.userId);
  return { checkedInAt: latest?.checkedInAt ?? at, alreadyCheckedIn: true };
}

/** 请假: before the meeting ends and before checking in; asking again replaces the reason. */
export async function askLeave(caller: Caller, id: string, reason: string, now = new Date()): Promise<AttendanceLine> {
  const { meeting } = await requireBundle(id);
  if (!meeting.attendees.some((a) => a.userId === caller.userId)) throw new AppError(404, 'MEETING_NOT_FOUND');
  if (meeting.status === 'cancelled') throw new AppError(409, 'MEETING_CANCELLED');
  if (Date.parse(meeting.endAt) <= now.getTime()) throw new AppError(409, 'MEETING_LEAVE_CLOSED');
  const record: AttendanceRecord = { meetingId: id, userId: caller.userId, status: 'leave', leaveReason: reason };
  if (!(await putAttendance(record, ['none', 'leave']))) throw new AppError(409, 'MEETING_LEAVE_CLOSED');
  return lineOf(meeting, record);
}

/** 补学: the secretary records the make-up study of a member who was absent or on leave, after the meeting began. */
export async function recordMakeup(caller: Caller, id: string, userId: string, note: string, now = new Date()): Promise<AttendanceLine> {
  const { meeting } = await requireBundle(id);
  assertManages(caller, meeting.branchId);
  if (meeting.status === 'cancelled') throw new AppError(409, 'MEETING_CANCELLED');
  if (!meeting.attendees.some((a) => a.userId === userId)) throw badRequest([{ path: 'body.userId', message: '这名党员不是本次会议的参会人员' }], '这名党员不是本次会议的参会人员');
  if (Date.parse(meeting.startAt) > now.getTime()) throw new AppError(409, 'MEETING_NOT_STARTED', '会议开始后才能登记补学');
  const previous = await getAttendance(id, userId);
  if (previous?.status === 'present') throw new AppError(409, 'CONFLICT', '这名党员已出席会议，无需补学');
  const record: AttendanceRecord = {
    meetingId: id,
    userId,
    status: 'makeup',
    ...(previous?.leaveReason ? { leaveReason: previous.leaveReason } : {}),
    makeupNote: note,
    makeupAt: now.toISOString(),
  };
  if (!(await putAttendance(record, ['none', 'leave', 'makeup']))) throw new AppError(409, 'CONFLICT', '这名党员已出席会议，无需补学');
  return lineOf(meeting, record);
}
