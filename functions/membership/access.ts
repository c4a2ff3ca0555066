import { AppError } from '../../shared/runtime/app-error';
import type { Caller } from '../../shared/runtime/session';

/** Secretaries act within their own branch; admins anywhere (DOMAIN.md: roles). */
export function managesBranch(caller: Caller, branchId: string): boolean {
  return caller.roles.includes('admin') || (caller.roles.includes('secretary') && caller.branchId === branchId);
}

export function requireBranch(caller: Caller, branchId: string): void {
  if (!managesBranch(caller, branchId)) throw new AppError(403, 'PERSON_NOT_MANAGED');
}

/** The branch a list shows: a secretary's own; an admin's choice (their own unless given). */
export function branchInScope(caller: Caller, requested: string | undefined): string {
  if (caller.roles.includes('admin')) return requested ?? caller.branchId;
  if (requested && requested !== caller.branchId) throw new AppError(403, 'PERSON_NOT_MANAGED');
  return caller.branchId;
}
