import type { AttendanceMember, CheckinToken } from '../../shared/api/signup';
import { AppError } from '../../shared/runtime/app-error';
import { config } from '../../shared/runtime/config';
import type { Caller } from '../../shared/runtime/session';
import { requireManaged } from './activities';
import { issueCheckinToken, rotationWindow, verifyCheckinToken } from '../../shared/runtime/checkin/token';
import type { ActivityRecord } from './model';
import { requireActivity } from './registration';
import { attendanceMembers, checkinWindow, shanghaiDateTime } from './rules';
import { signupRotation, signupSettings } from './settings';
import { countCheckinAttempt, getRegistration, setAttendance } from './store';

/** Check-in happens for a real activity the member signed up for, in its window, and never asks where they are. */

function assertCheckinOpen(activity: ActivityRecord, now: Date): void {
  if (activity.status === 'cancelled') throw new AppError(409, 'ACTIVITY_CANCELLED');
  if (!activity.checkInRequired) throw new AppError(409, 'CHECKIN_NOT_REQUIRED');
  const { opensAt, closesAt } = checkinWindow(activity, signupSettings());
  if (now < opensAt) throw new AppError(409, 'CHECKIN_CLOSED', `签到将于 ${shanghaiDateTime(opensAt.toISOString())} 开始`);
  if (now >= closesAt) throw new AppError(409, 'CHECKIN_CLOSED', `签到已于 ${shanghaiDateTime(closesAt.toISOString())} 结束`);
}

/** The current rotating token for the organiser's screen. */
export async function currentCheckinToken(caller: Caller, activityId: string, now = new Date()): Promise<CheckinToken> {
  const activity = await requireActivity(activityId);
  requireManaged(activity, caller);
  assertCheckinOpen(activity, now);
  const rotation = signupRotation();
  const issued = await issueCheckinToken(config().JWT_SECRET, activity.id, now, rotation);
  return {
    token: issued.token,
    code: issued.code,
    expiresAt: issued.expiresAt.toISOString(),
    rotatesAt: issued.rotatesAt.toISOString(),
    rotationSeconds: rotation.rotationSeconds,
  };
}

/**
 * A member checks in with what they scanned or typed. Only a confirmed registrant, only in the window,
 * only with the current (or just-replaced) code, and only once: a second check-in answers the first.
 */
export async function checkIn(caller: Caller, activityId: string, presented: string, now = new Date()) {
  const activity = await requireActivity(activityId);
  assertCheckinOpen(activity, now);
  const registration = await getRegistration(activityId, caller.userId);
  if (registration?.status === 'waitlisted') throw new AppError(409, 'SIGNUP_NOT_REGISTERED', '您还在候补名单中，没有获得名额，不能签到');
  if (registration?.status !== 'confirmed') throw new AppError(409, 'SIGNUP_NOT_REGISTERED', '您没有报名成功这个活动，不能签到');
  if (registration.checkedInAt) return { checkedInAt: registration.checkedInAt, alreadyCheckedIn: true };

  const settings = signupSettings();
  const rotation = signupRotation(settings);
  const window = rotationWindow(now, rotation);
  if (!(await countCheckinAttempt(activityId, caller.userId, window, settings.SIGNUP_CHECKIN_MAX_TRIES, now))) {
    throw new AppError(429, 'RATE_LIMITED', '签到尝试次数过多，请等现场二维码更新后再试');
  }
  const verdict = await verifyCheckinToken(config().JWT_SECRET, activityId, presented, now, rotation);
  if (!verdict.valid && verdict.reason === 'expired') throw new AppError(409, 'CHECKIN_TOKEN_EXPIRED');
  if (!verdict.valid) throw new AppError(400, 'CHECKIN_TOKEN_INVALID');

  const marked = await setAttendance(activityId, caller.userId, { attended: true, at: now.toISOString(), method: 'qr' });
  if (marked?.checkedInAt) return { checkedInAt: marked.checkedInAt, alreadyCheckedIn: false };
  // The condition failed: checked in a moment ago by a twin request, or the registration changed.
  const latest = await getRegistration(activityId, caller.userId);
  if (latest?.status === 'confirmed' && latest.checkedInAt) return { checkedInAt: latest.checkedInAt, alreadyCheckedIn: true };
  throw new AppError(409, 'SIGNUP_NOT_REGISTERED', '您没有报名成功这个活动，不能签到');
}

/**
 * The organiser marks (or clears) a confirmed member's attendance by hand: from the opening of check-in
 * until some days after the end, for members without a phone or a scan that failed.
 */
export async function markAttendance(caller: Caller, activityId: string, userId: string, attended: boolean, now = new Date()): Promise<AttendanceMember> {
  const activity = await requireActivity(activityId);
  requireManaged(activity, caller);
  if (activity.status === 'cancelled') throw new AppError(409, 'ACTIVITY_CANCELLED');
  const settings = signupSettings();
  const { opensAt } = checkinWindow(activity, settings);
  const lastDay = Date.parse(activity.endAt) + settings.SIGNUP_MANUAL_MARK_DAYS * 86_400_000;
  if (now < opensAt) throw new AppError(409, 'CHECKIN_CLOSED', `活动开始前不能登记出勤（${shanghaiDateTime(opensAt.toISOString())} 起可登记）`);
  if (now.getTime() > lastDay) throw new AppError(409, 'CHECKIN_CLOSED', `活动结束超过 ${settings.SIGNUP_MANUAL_MARK_DAYS} 天，出勤记录已锁定`);
  const change = attended
    ? { attended: true as const, at: now.toISOString(), method: 'manual' as const, markedBy: caller.userId }
    : { attended: false as const, markedBy: caller.userId };
  const updated = await setAttendance(activityId, userId, change);
  if (!updated) throw new AppError(409, 'SIGNUP_NOT_REGISTERED', '这名党员没有报名成功这个活动');
  return attendanceMembers([updated])[0]!;
}
