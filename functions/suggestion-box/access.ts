import { forbidden } from '../../shared/runtime/app-error';
import type { Caller } from '../../shared/runtime/session';

export const isAdmin = (caller: Caller) => caller.roles.includes('admin');

/** Admins handle every branch; a secretary only their own. */
export function assertHandles(caller: Caller, branchId: string): void {
  if (!isAdmin(caller) && !(caller.roles.includes('secretary') && caller.branchId === branchId)) {
    throw forbidden('支部书记只能处理本支部的意见');
  }
}
