import { createHash } from 'node:crypto';
import { NOTICE_LIMITS, type Notice } from '../../../shared/runtime/outbound';
import type { PushPlan } from '../store/push-store';

/**
 * The WeCom mini-program notice of a weekly push, within WeCom's limits (title and description 4–12
 * characters, at most 10 content items of key ≤ 10 and value ≤ 30 characters).
 */
const KIND_LABELS: Record<PushPlan['items'][number]['kind'], string> = { required: '必修课', continue: '继续学习', recommended: '推荐课程' };
export const PUSH_TITLE = '本周学习推荐';

const hash = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 16);
const clip = (text: string, max: number) => ([...text].length > max ? `${[...text].slice(0, max - 1).join('')}…` : text);

/** Members whose notices read the same share a hash, and so one WeCom call. */
export function contentHash(items: PushPlan['items']): string {
  return hash(JSON.stringify(items.map((item) => [item.courseId, item.kind, item.title])));
}

/** The outbox key of one notice: the week, its content and exactly who it goes to. */
export function noticeKey(week: string, content: string, userIds: readonly string[]): string {
  return `course-push#${week}#${content}#${hash([...userIds].sort().join('|'))}`;
}

export function describe(items: PushPlan['items']): string {
  const required = items.filter((item) => item.kind === 'required').length;
  return required > 0 ? `${required}门必修课待完成` : `为您推荐${items.length}门课程`;
}

export function pushNotice(key: string, week: string, items: PushPlan['items'], toUsers: string[]): Notice {
  return {
    key,
    toUsers,
    title: PUSH_TITLE,
    description: describe(items),
    // Opens on the course it leads with (the courses page underneath lists the rest).
    page: `courses/pages/index/index?from=push&week=${week}${items[0] ? `&course=${items[0].courseId}` : ''}`,
    contentItems: items.slice(0, NOTICE_LIMITS.maxItems).map((item) => ({ key: KIND_LABELS[item.kind], value: clip(item.title, NOTICE_LIMITS.maxItemValue) })),
  };
}
