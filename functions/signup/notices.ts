import { NOTICE_LIMITS, type Notice } from '../../shared/runtime/outbound';
import type { ActivityRecord } from './model';
import { shanghaiDateTime } from './rules';

/** The page a notice opens: the activity's detail in the sign-up sub-package. */
export const activityPage = (id: string) => `signup/pages/detail/index?id=${id}`;

const clip = (value: string) => ([...value].length > NOTICE_LIMITS.maxItemValue ? `${[...value].slice(0, NOTICE_LIMITS.maxItemValue - 1).join('')}…` : value);

function activityItems(activity: ActivityRecord): Array<{ key: string; value: string }> {
  return [
    { key: '活动', value: clip(activity.title) },
    { key: '时间', value: shanghaiDateTime(activity.startAt) },
    { key: '地点', value: clip(activity.place) },
  ];
}

/** To the member who moved up from the waitlist: the seat is theirs now. */
export function promotedNotice(activity: ActivityRecord, userId: string, waitTicket: string): Notice {
  return {
    key: `signup-promoted#${activity.id}#${waitTicket}`,
    toUsers: [userId],
    title: '候补报名成功',
    description: '您已获得活动名额',
    page: activityPage(activity.id),
    contentItems: activityItems(activity),
  };
}

/** To everyone registered or waiting when the organiser cancels the activity. */
export function cancelledNotice(activity: ActivityRecord, recipients: string[], reason: string): Notice {
  return {
    key: `signup-cancelled#${activity.id}`,
    toUsers: recipients,
    title: '活动已取消',
    description: '您报名的活动已取消',
    page: activityPage(activity.id),
    contentItems: [...activityItems(activity), { key: '原因', value: clip(reason) }],
  };
}

/** To everyone registered or waiting when the time or the place changes. */
export function changedNotice(activity: ActivityRecord, recipients: string[]): Notice {
  return {
    key: `signup-changed#${activity.id}#${activity.updatedAt}`,
    toUsers: recipients,
    title: '活动安排有变',
    description: '请留意新的时间地点',
    page: activityPage(activity.id),
    contentItems: activityItems(activity),
  };
}
