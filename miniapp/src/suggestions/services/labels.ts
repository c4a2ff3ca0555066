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

/** Beside an anonymous suggestion of mine: where its only key lives, and why its time is only the hour. */
export const ANONYMOUS_NOTE =
  '匿名意见只能凭这部手机上保存的凭据查看：清除小程序数据或更换手机后，将无法再在“我的意见”中看到它，支部仍会照常办理和答复。为保护匿名，提交时间只记到小时。';

/** Under the anonymous switch, when it is on. */
export const ANONYMOUS_SUBMIT_NOTE =
  '匿名意见不记录您的身份，查看凭据只保存在这部手机上：清除小程序数据或更换手机后，您将无法在“我的意见”中查看它和答复。答复后，本支部成员都会收到“匿名意见已答复”的提醒。';
