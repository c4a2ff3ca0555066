import { MODERATION_CATEGORIES, SUGGESTION_CATEGORIES, SUGGESTION_STATUSES, type SuggestionCategory, type SuggestionStatus } from '@shared/api';
import { beijingParts, pad } from '../../services/beijing-time';

/** Words for the suggestion box pages. */

export const categoryLabel = (category: SuggestionCategory) => SUGGESTION_CATEGORIES[category];
export const statusLabel = (status: SuggestionStatus) => SUGGESTION_STATUSES[status];

export function moderationCategoryLabel(category: string): string {
  return (MODERATION_CATEGORIES as Record<string, string>)[category] ?? category;
}

/** `2026-05-10T03:04:00Z` → `2026-05-10 11:04`, Asia/Shanghai (no daylight saving, so a fixed offset is exact). */
export function shanghaiDateTime(iso: string): string {
  const t = beijingParts(iso);
  return `${t.year}-${pad(t.month)}-${pad(t.day)} ${pad(t.hour)}:${pad(t.minute)}`;
}

/** What the author reads about where their suggestion stands. */
export function statusExplanation(status: SuggestionStatus): string {
  return {
    pending_review: '内容需要审核员看一下，通过后会转给支部办理',
    open: '已收到，等待支部或平台管理员办理',
    in_progress: '正在办理中',
    replied: '已答复，欢迎对办理情况评价',
    rejected: '审核未通过，理由见下方',
  }[status];
}

export const EVENT_LABELS: Record<string, string> = {
  submitted: '提交',
  held: '转人工审核',
  approved: '审核通过',
  rejected: '审核未通过',
  assigned: '指派',
  replied: '答复',
  rated: '评价',
};
