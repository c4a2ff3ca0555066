import { useShareAppMessage } from '@tarojs/taro';
import type { ActivityDetail } from '@shared/api';
import { SIGNUP_ROUTES, withQuery } from '../../routes';
import { timeRange } from '../services/time';

/** What a shared activity card says and opens: this activity's detail page (the recipient signs in first if needed). */
export function activityShare(detail: ActivityDetail | null, id: string): { title: string; path: string } {
  const title = detail ? `${detail.activity.title}（${timeRange(detail.activity.startAt, detail.activity.endAt)}）` : '活动报名';
  return { title, path: withQuery(SIGNUP_ROUTES.detail, { id }) };
}

/** Sharing from the activity page (the menu's "转发"); a no-op in a browser. */
export function useShareActivity(detail: ActivityDetail | null, id: string): void {
  useShareAppMessage(() => activityShare(detail, id));
}
