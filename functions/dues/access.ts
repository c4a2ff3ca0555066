import { AppError, forbidden } from '../../shared/runtime/app-error';
import type { Caller } from '../../shared/runtime/session';
import { getMemberRef, type MemberRef } from './store';

/** Who may act on whose dues: finance and admins everywhere, a branch secretary in their branch, a member for themself. */

export const isFinance = (caller: Caller) => caller.roles.includes('finance') || caller.roles.includes('admin');

/** The branch a staff request is about: finance may name any; a secretary only their own. */
export function branchInScope(caller: Caller, requested: string | undefined): string {
  if (isFinance(caller)) return requested ?? caller.branchId;
  if (requested !== undefined && requested !== caller.branchId) throw forbidden('支部书记只能办理本支部的党费事务');
  return caller.branchId;
}

export function assertBranchStaff(caller: Caller, branchId: string): void {
  if (isFinance(caller)) return;
  if (caller.roles.includes('secretary') && caller.branchId === branchId) return;
  throw forbidden('支部书记只能办理本支部的党费事务');
}

export async function memberOrNotFound(userId: string): Promise<MemberRef> {
  const member = await getMemberRef(userId);
  if (!member) throw new AppError(404, 'NOT_FOUND', '没有找到这名党员');
  return member;
}

/** Viewing someone's bills: themself, or staff over their branch. */
export function assertMayView(caller: Caller, member: MemberRef): void {
  if (member.userId === caller.userId) return;
  assertBranchStaff(caller, member.branchId);
}

/** Paying someone else's bill online (代缴): only their branch's secretary or finance. */
export function assertMayPayFor(caller: Caller, member: MemberRef): void {
  if (member.userId === caller.userId || isFinance(caller)) return;
  if (caller.roles.includes('secretary') && caller.branchId === member.branchId) return;
  throw new AppError(403, 'DUES_PAY_NOT_ALLOWED');
}
