import type { Member, MemberUpdate } from '../../shared/api/identity-model';
import { AppError, badRequest, forbidden } from '../../shared/runtime/app-error';
import type { Caller } from '../../shared/runtime/session';
import { branchIds } from './org-tree';
import { getMember, listMembers, listOrgUnits, saveMember, type Page } from './store';

const isAdmin = (caller: Caller) => caller.roles.includes('admin');

/** Admins see everyone; a secretary sees only their own branch, whatever branch they ask for. */
export async function listMembersFor(
  caller: Caller,
  query: { branchId?: string; category?: string; limit?: number; cursor?: string },
): Promise<Page<Member>> {
  if (!isAdmin(caller) && query.branchId !== undefined && query.branchId !== caller.branchId) {
    throw forbidden('支部书记只能查看本支部的党员');
  }
  const branchId = isAdmin(caller) ? query.branchId : caller.branchId;
  return listMembers({ branchId, category: query.category, limit: query.limit ?? 50, cursor: query.cursor });
}

/** Applies an update under the caller's authority: secretaries edit their own branch's profiles only. */
export async function updateMemberFor(caller: Caller, userId: string, update: MemberUpdate, now = new Date()): Promise<Member> {
  const current = await getMember(userId);
  if (!current) throw new AppError(404, 'NOT_FOUND', '没有找到这名党员');
  if (!isAdmin(caller)) {
    if (current.branchId !== caller.branchId) throw forbidden('支部书记只能管理本支部的党员');
    if (update.roles !== undefined || (update.branchId !== undefined && update.branchId !== current.branchId)) {
      throw forbidden('调整角色或转移组织关系需要平台管理员办理');
    }
  }
  if (update.branchId !== undefined && !branchIds(await listOrgUnits()).has(update.branchId)) {
    throw badRequest([{ path: 'body.branchId', message: '该支部不存在' }]);
  }
  if (userId === caller.userId && update.roles !== undefined && isAdmin(caller) && !update.roles.includes('admin')) {
    throw new AppError(409, 'CONFLICT', '不能移除自己的管理员角色，请由其他管理员办理');
  }
  const next: Member = {
    ...current,
    ...update,
    roles: update.roles ? [...new Set(update.roles)] : current.roles,
    updatedAt: now.toISOString(),
  };
  await saveMember(next, current.updatedAt);
  return next;
}
