import { AppError } from '../../shared/runtime/app-error';
import type { Caller } from '../../shared/runtime/session';

export const isAdmin = (caller: Caller) => caller.roles.includes('admin');

/** Admins run every branch's organisation life; a secretary their own branch only. */
export function managesBranch(caller: Caller, branchId: string): boolean {
  return isAdmin(caller) || (caller.roles.includes('secretary') && caller.branchId === branchId);
}

export function assertManages(caller: Caller, branchId: string): void {
  if (!managesBranch(caller, branchId)) throw new AppError(403, 'MEETING_NOT_MANAGED');
}

/** The branch a manager asks about: an admin any (their own by default), a secretary only their own. */
export function managedBranch(caller: Caller, requested: string | undefined): string {
  const branchId = requested ?? caller.branchId;
  assertManages(caller, branchId);
  return branchId;
}
