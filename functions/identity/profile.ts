import type { Me } from '../../shared/api/identity';
import type { OrgTreeNode } from '../../shared/api/identity-model';
import { AppError } from '../../shared/runtime/app-error';
import type { Caller } from '../../shared/runtime/session';
import { buildOrgTree } from './org-tree';
import { getMember, listOrgUnits } from './store';

export async function profileOf(caller: Caller): Promise<Me> {
  const [member, units] = await Promise.all([getMember(caller.userId), listOrgUnits()]);
  if (!member) throw new AppError(401, 'UNAUTHENTICATED', '账号已不在党员名册中，请联系支部书记');
  const branch = units.find((unit) => unit.id === member.branchId);
  if (!branch) throw new AppError(409, 'CONFLICT', '您所在的支部信息缺失，请联系管理员');
  const company = units.find((unit) => unit.id === branch.parentId);
  return { member, branch, ...(company ? { company } : {}) };
}

export async function organisationTree(): Promise<OrgTreeNode> {
  const root = buildOrgTree(await listOrgUnits());
  if (!root) throw new AppError(404, 'NOT_FOUND', '组织架构尚未建立');
  return root;
}
