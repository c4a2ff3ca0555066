import type { Member } from '@shared/api';
import { beijingParts, pad } from '../../services/beijing-time';

/** Finance and admins act for every branch; a secretary for their own. */
export const isFinance = (member: Member | null) => Boolean(member && (member.roles.includes('finance') || member.roles.includes('admin')));
export const isBranchStaff = (member: Member | null) => isFinance(member) || Boolean(member?.roles.includes('secretary'));

/** This year and the current month in Asia/Shanghai, as the server bills them. */
export function shanghaiNow(): { year: number; month: string } {
  const t = beijingParts(Date.now());
  return { year: t.year, month: `${t.year}-${pad(t.month)}` };
}

/** `"2026-03"` → `"2026年3月"`. */
export const monthLabel = (month: string) => `${month.slice(0, 4)}年${Number(month.slice(5, 7))}月`;
