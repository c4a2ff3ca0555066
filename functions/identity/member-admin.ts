import type { MemberDetail } from '../../shared/api/identity';
import type { Member, MemberCategory, MemberUpdate, Role } from '../../shared/api/identity-model';
import { AppError, badRequest, forbidden } from '../../shared/runtime/app-error';
import type { Caller } from '../../shared/runtime/session';
import { branchIds } from './org-tree';
import { nameMatches } from './name-search';
import { rosterScopeOf, scopeIncludes, singleBranchOf } from './roster-scope';
import { findMembers, getMember, listOrgUnits, saveMember, type Page } from './store';

const isAdmin = (caller: Caller) => caller.roles.includes('admin');

/** How many roster entries one search request reads at most, so a rare name never reads 100,000 members at once. */
const SEARCH_READ_BUDGET = 1_000;

export interface MemberSearch {
  q?: string;
  branchId?: string;
  category?: MemberCategory;
  /** Comma-separated roles (the contract checked each): a member with any of them matches. */
  roles?: string;
  limit?: number;
  cursor?: string;
}

/** A search within the caller's roster scope (see `rosterScopeOf`); naming a branch outside it is refused outright. */
export async function listMembersFor(caller: Caller, query: MemberSearch): Promise<Page<Member>> {
  const scope = rosterScopeOf(caller, await listOrgUnits());
  if (query.branchId !== undefined && scope.kind === 'branches' && !scope.branchIds.has(query.branchId)) throw forbidden(scope.refusal);
  const q = query.q ?? '';
  const roles = query.roles?.split(',') as Role[] | undefined;
  return findMembers({
    branchId: singleBranchOf(scope, query.branchId),
    accept: (member) =>
      scopeIncludes(scope, member.branchId) &&
      (query.category === undefined || member.category === query.category) &&
      (roles === undefined || roles.some((role) => member.roles.includes(role))) &&
      nameMatches(member.name, q),
    limit: query.limit ?? 50,
    budget: SEARCH_READ_BUDGET,
    cursor: query.cursor,
  });
}

/** One member's page: their profile, branch and company, within the caller's scope. */
export async function memberDetailFor(caller: Caller, userId: string): Promise<MemberDetail> {
  const member = await getMember(userId);
  if (!member) throw new AppError(404, 'NOT_FOUND', '没有找到这名党员');
  if (!isAdmin(caller) && member.branchId !== caller.branchId) throw forbidden('支部书记只能查看本支部的党员');
  const units = await listOrgUnits();
  const branch = units.find((unit) => unit.id === member.branchId);
  if (!branch) throw new AppError(409, 'CONFLICT', '该党员所在的支部信息缺失，请联系管理员');
  const company = units.find((unit) => unit.id === branch.parentId);
  return { member, branch, ...(company ? { company } : {}) };
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
