import type { Member } from '@shared/api';

/** Finance and admins act for every branch; a secretary for their own. */
export const isFinance = (member: Member | null) => Boolean(member && (member.roles.includes('finance') || member.roles.includes('admin')));
export const isBranchStaff = (member: Member | null) => isFinance(member) || Boolean(member?.roles.includes('secretary'));

/** This year and the current month in Asia/Shanghai, as the server bills them. */
export function shanghaiNow(): { year: number; month: string } {
  const shifted = new Date(Date.now() + 8 * 3600_000);
  const month = `${shifted.getUTCFullYear()}-${String(shifted.getUTCMonth() + 1).padStart(2, '0')}`;
  return { year: shifted.getUTCFullYear(), month };
}

/** `"2026-03"` → `"2026年3月"`. */
export const monthLabel = (month: string) => `${month.slice(0, 4)}年${Number(month.slice(5, 7))}月`;
