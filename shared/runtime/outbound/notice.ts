/**
 * A WeCom mini-program notice (`miniprogram_notice`) to members, with WeCom's own limits
 * (docs/domain.md): title and description 4–12 characters, at most 10 content items,
 * at most 1,000 recipients per call (more are sent in batches).
 */
export interface Notice {
  /** Idempotency key: the same key is delivered once, however often it is sent (e.g. `push#2026-W47#u123`). */
  key: string;
  /** WeCom userids. */
  toUsers: string[];
  title: string;
  description: string;
  /** Mini-program page to open, e.g. `pages/index/index?from=push`. */
  page: string;
  contentItems?: Array<{ key: string; value: string }>;
}

export const NOTICE_LIMITS = { minText: 4, maxText: 12, maxItems: 10, maxRecipientsPerCall: 1000, maxItemKey: 10, maxItemValue: 30 } as const;

const length = (text: string) => [...text].length;

/** Problems with a notice, in plain words; empty when WeCom will accept it. */
export function noticeProblems(notice: Notice): string[] {
  const problems: string[] = [];
  for (const field of ['title', 'description'] as const) {
    const n = length(notice[field]);
    if (n < NOTICE_LIMITS.minText || n > NOTICE_LIMITS.maxText) problems.push(`${field} must be 4–12 characters (has ${n})`);
  }
  if ((notice.contentItems?.length ?? 0) > NOTICE_LIMITS.maxItems) problems.push('at most 10 content items');
  for (const item of notice.contentItems ?? []) {
    if (length(item.key) > NOTICE_LIMITS.maxItemKey || length(item.value) > NOTICE_LIMITS.maxItemValue) problems.push(`content item ${item.key} too long`);
  }
  if (notice.toUsers.length === 0) problems.push('no recipients');
  if (!/^[\w#:.@-]{1,200}$/.test(notice.key)) problems.push('key must be 1–200 characters of letters, digits and #:.@-_');
  return problems;
}

/** Splits recipients into WeCom-sized batches. */
export function recipientBatches(toUsers: string[]): string[][] {
  const unique = [...new Set(toUsers)];
  const batches: string[][] = [];
  for (let start = 0; start < unique.length; start += NOTICE_LIMITS.maxRecipientsPerCall) {
    batches.push(unique.slice(start, start + NOTICE_LIMITS.maxRecipientsPerCall));
  }
  return batches;
}
