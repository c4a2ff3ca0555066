import { tz } from '@date-fns/tz';
import { format } from 'date-fns';
import type { Activity, AttendanceMember, AttendanceSummary, Registration, SignupState } from '../../shared/api/signup';
import { CATEGORY_LABELS } from '../../shared/api/identity-model';
import type { Caller } from '../../shared/runtime/session';
import type { ActivityRecord, RegistrationRecord } from './model';

/** The rules of sign-up as plain functions of the records and the clock: no I/O here. */

const shanghai = tz('Asia/Shanghai');
/** "5月1日 09:00" in Beijing time, for messages and notices. */
export const shanghaiDateTime = (iso: string) => format(new Date(iso), 'M月d日 HH:mm', { in: shanghai });

const ms = (iso: string) => Date.parse(iso);

export function signupState(activity: ActivityRecord, now: Date): SignupState {
  const t = now.getTime();
  if (activity.status === 'cancelled') return 'cancelled';
  if (t >= ms(activity.endAt)) return 'ended';
  if (t < ms(activity.signupOpensAt)) return 'not-open';
  if (t >= ms(activity.signupDeadline)) return 'closed';
  return 'open';
}

export function isEligible(activity: ActivityRecord, member: { branchId: string; category: Caller['category'] }): boolean {
  const branchOk = activity.branchIds.length === 0 || activity.branchIds.includes(member.branchId);
  const categoryOk = activity.categories.length === 0 || activity.categories.includes(member.category);
  return branchOk && categoryOk;
}

/** Who the activity is for, in words — for the refusal message. */
export function audienceLabel(activity: ActivityRecord): string {
  const categories = activity.categories.map((category) => CATEGORY_LABELS[category]).join('、');
  if (activity.branchIds.length > 0 && categories) return `该活动仅限指定支部的以下人员参加：${categories}`;
  if (activity.branchIds.length > 0) return '该活动仅限指定支部的党员参加';
  return `该活动仅限以下人员参加：${categories}`;
}

/** Admins manage every activity; a secretary those their own branch organises. */
export function canManage(activity: ActivityRecord, caller: Caller): boolean {
  if (caller.roles.includes('admin')) return true;
  return caller.roles.includes('secretary') && caller.branchId === activity.organiserBranchId;
}

export interface CheckinWindowSettings {
  SIGNUP_CHECKIN_OPENS_MINUTES: number;
  SIGNUP_CHECKIN_CLOSES_MINUTES: number;
}

export function checkinWindow(activity: ActivityRecord, settings: CheckinWindowSettings): { opensAt: Date; closesAt: Date } {
  return {
    opensAt: new Date(ms(activity.startAt) - settings.SIGNUP_CHECKIN_OPENS_MINUTES * 60_000),
    closesAt: new Date(ms(activity.endAt) + settings.SIGNUP_CHECKIN_CLOSES_MINUTES * 60_000),
  };
}

export function isCheckinOpen(activity: ActivityRecord, now: Date, settings: CheckinWindowSettings): boolean {
  if (activity.status !== 'open' || !activity.checkInRequired) return false;
  const { opensAt, closesAt } = checkinWindow(activity, settings);
  return now >= opensAt && now < closesAt;
}

export function toActivity(record: ActivityRecord): Activity {
  return {
    id: record.id,
    title: record.title,
    type: record.activityType,
    description: record.description,
    place: record.place,
    startAt: record.startAt,
    endAt: record.endAt,
    signupOpensAt: record.signupOpensAt,
    signupDeadline: record.signupDeadline,
    capacity: record.capacity,
    waitlistSize: record.waitlistSize,
    branchIds: record.branchIds,
    categories: record.categories,
    checkInRequired: record.checkInRequired,
    status: record.status,
    ...(record.cancelReason ? { cancelReason: record.cancelReason } : {}),
    confirmedCount: record.confirmedCount,
    waitlistCount: record.waitlistCount,
    seatsLeft: Math.max(0, record.capacity - record.confirmedCount),
    waitlistLeft: Math.max(0, record.waitlistSize - record.waitlistCount),
    organiser: { userId: record.organiserId, name: record.organiserName, branchId: record.organiserBranchId },
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
  };
}

export function toRegistration(record: RegistrationRecord, position?: number): Registration {
  return {
    activityId: record.activityId,
    userId: record.userId,
    name: record.name,
    status: record.status,
    ...(record.status === 'waitlisted' && position !== undefined ? { position } : {}),
    registeredAt: record.registeredAt,
    ...(record.promotedAt ? { promotedAt: record.promotedAt } : {}),
    ...(record.cancelledAt ? { cancelledAt: record.cancelledAt } : {}),
    ...(record.checkedInAt ? { checkedInAt: record.checkedInAt } : {}),
    ...(record.checkInMethod ? { checkInMethod: record.checkInMethod } : {}),
  };
}

const byName = new Intl.Collator('zh-CN');

/**
 * The roster as an organiser sees it: confirmed members by name (a list to tick, never an order of merit),
 * then the waitlist in its order with each member's place.
 */
export function attendanceMembers(registrations: RegistrationRecord[]): AttendanceMember[] {
  const confirmed = registrations
    .filter((r) => r.status === 'confirmed')
    .sort((a, b) => byName.compare(a.name, b.name) || a.userId.localeCompare(b.userId));
  const waiting = registrations
    .filter((r) => r.status === 'waitlisted')
    .sort((a, b) => (a.waitTicket ?? '').localeCompare(b.waitTicket ?? ''));
  const view = (r: RegistrationRecord, position?: number): AttendanceMember => ({
    userId: r.userId,
    name: r.name,
    branchId: r.branchId,
    status: r.status,
    ...(position !== undefined ? { position } : {}),
    ...(r.checkedInAt ? { checkedInAt: r.checkedInAt } : {}),
    ...(r.checkInMethod ? { checkInMethod: r.checkInMethod } : {}),
  });
  return [...confirmed.map((r) => view(r)), ...waiting.map((r, index) => view(r, index + 1))];
}

export function attendanceSummary(activity: ActivityRecord, registrations: RegistrationRecord[], now: Date): AttendanceSummary {
  const confirmed = registrations.filter((r) => r.status === 'confirmed');
  const checkedIn = confirmed.filter((r) => r.checkedInAt !== undefined).length;
  const ended = now.getTime() >= ms(activity.endAt);
  return {
    registered: confirmed.length,
    checkedIn,
    absent: ended && activity.status === 'open' ? confirmed.length - checkedIn : 0,
    waitlisted: registrations.filter((r) => r.status === 'waitlisted').length,
    ended,
  };
}

/**
 * The next waitlist sequence: the clock in microseconds-ish (so concurrent copies rarely collide), and
 * always above the newest ticket, so tickets grow in the order their transactions commit.
 */
export function nextWaitSeq(lastWaitSeq: number, now: Date, jitter: number): number {
  return Math.max(now.getTime() * 1000 + jitter, lastWaitSeq + 1);
}
