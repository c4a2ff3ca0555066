import { CATEGORY_LABELS, ROLE_LABELS, type MemberCategory, type Role } from '@shared/api';

export function roleLabels(roles: readonly Role[]): string {
  return roles.length > 0 ? roles.map((role) => ROLE_LABELS[role]).join('、') : '无';
}

export function categoryLabel(category: MemberCategory): string {
  return CATEGORY_LABELS[category];
}

export function postTagsLabel(tags: readonly string[]): string {
  return tags.length > 0 ? tags.join('、') : '暂无';
}
