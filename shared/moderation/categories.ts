/**
 * Categories of moderation entries, with the Chinese label a member or reviewer reads. Kept free of
 * runtime imports so the mini-program can show the labels too.
 */
export const MODERATION_CATEGORIES = {
  politics: '涉政有害信息',
  drugs: '涉毒信息',
  porn: '色情低俗信息',
  gambling: '赌博信息',
  illegal: '违法犯罪信息',
  fraud: '诈骗信息',
  abuse: '辱骂攻击',
  ads: '广告引流',
  other: '其他不当内容',
} as const;

export type ModerationCategory = keyof typeof MODERATION_CATEGORIES;
export const MODERATION_CATEGORY_KEYS = Object.keys(MODERATION_CATEGORIES) as ModerationCategory[];

export function isModerationCategory(value: string): value is ModerationCategory {
  return Object.prototype.hasOwnProperty.call(MODERATION_CATEGORIES, value);
}

/** The member-facing sentence for a blocked text: which kinds of content, never which words. */
export function blockedMessage(categories: readonly string[]): string {
  const labels = categories.filter(isModerationCategory).map((category) => MODERATION_CATEGORIES[category]);
  const what = labels.length > 0 ? labels.join('、') : MODERATION_CATEGORIES.other;
  return `内容含有${what}，未能提交。请修改后再提交。`;
}
