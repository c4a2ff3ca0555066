import { ACTIVITY_TYPE_LABELS, CATEGORY_LABELS, type Activity, type ActivityDetail, type Registration, type SignupState } from '@shared/api';

export const SIGNUP_STATE_LABELS: Record<SignupState, string> = {
  'not-open': '未开始报名',
  open: '报名中',
  closed: '报名已截止',
  ended: '已结束',
  cancelled: '已取消',
};

export const typeLabel = (activity: Activity) => ACTIVITY_TYPE_LABELS[activity.type];

export function seatsLine(activity: Activity): string {
  if (activity.seatsLeft > 0) return `剩余 ${activity.seatsLeft} 个名额（共 ${activity.capacity} 个）`;
  if (activity.waitlistLeft > 0) return `名额已满，还可候补 ${activity.waitlistLeft} 人`;
  return '名额和候补都已报满';
}

export function myStatusLine(registration: Registration): string {
  if (registration.status === 'confirmed' && registration.checkedInAt) return '您已报名成功，并已签到';
  if (registration.status === 'confirmed') return registration.promotedAt ? '您已由候补转为报名成功' : '您已报名成功';
  if (registration.status === 'waitlisted') return registration.position ? `您在候补名单第 ${registration.position} 位` : '您在候补名单中';
  return '您已取消报名';
}

/** What the member may do on an activity's page now; the server refuses the same things. */
export function memberActions(detail: ActivityDetail): { register: boolean; cancel: boolean } {
  const mine = detail.myRegistration;
  const open = detail.signupState === 'open';
  return {
    register: open && detail.eligible && (!mine || mine.status === 'cancelled'),
    // Once checked in the member was there: cancelling would erase attendance (SIGNUP_CANCEL_CLOSED).
    cancel: open && (mine?.status === 'confirmed' || mine?.status === 'waitlisted') && !mine.checkedInAt,
  };
}

/**
 * The outcome of the last action, unless the status line already says it: after registering, 「您已报名成功」
 * is on the page, and a second 「报名成功」 under it reads as if the member had registered twice.
 */
export function outcomeToShow(done: string | null, detail: ActivityDetail): string | null {
  if (!done) return null;
  const mine = detail.myRegistration;
  return mine && myStatusLine(mine).includes(done) ? null : done;
}

export function audienceLine(activity: Activity, branchName: (id: string) => string): string {
  const branches = activity.branchIds.length === 0 ? '全体党员' : activity.branchIds.map(branchName).join('、');
  const categories = activity.categories.map((c) => CATEGORY_LABELS[c]).join('、');
  return categories ? `${branches}（${categories}）` : branches;
}
