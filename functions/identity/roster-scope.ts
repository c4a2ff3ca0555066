import type { OrgUnit } from '../../shared/api/identity-model';
import type { Caller } from '../../shared/runtime/session';

/**
 * Whose roster entries a caller may search (the 花名册 and the person pickers):
 * - an admin: everyone;
 * - finance (党费管理员): the members whose dues they handle, i.e. every branch of their own organisation — the
 *   party committee (上级党委) their branch belongs to — so that 代缴 and offline payments can pick the payer by
 *   name; the search only reads (no member page, no edits: those endpoints stay with secretaries and admins);
 * - a branch secretary: their own branch.
 * A caller with several roles gets the widest scope among them.
 */
export type RosterScope = { kind: 'everyone' } | { kind: 'branches'; branchIds: ReadonlySet<string>; refusal: string };

export function rosterScopeOf(caller: Caller, units: readonly OrgUnit[]): RosterScope {
  if (caller.roles.includes('admin')) return { kind: 'everyone' };
  if (caller.roles.includes('finance')) {
    const organisation = units.find((unit) => unit.id === caller.branchId)?.parentId;
    const branches = units.filter((unit) => unit.kind === 'branch' && organisation !== undefined && unit.parentId === organisation).map((unit) => unit.id);
    return { kind: 'branches', branchIds: new Set([caller.branchId, ...branches]), refusal: '党费管理员只能查看本单位（上级党委）所属支部的党员' };
  }
  return { kind: 'branches', branchIds: new Set([caller.branchId]), refusal: '支部书记只能查看本支部的党员' };
}

export const scopeIncludes = (scope: RosterScope, branchId: string): boolean => scope.kind === 'everyone' || scope.branchIds.has(branchId);

/** The one branch a search reads when its scope or its filter names exactly one (a cheaper, per-branch read), else none. */
export function singleBranchOf(scope: RosterScope, requested: string | undefined): string | undefined {
  if (requested !== undefined) return requested;
  return scope.kind === 'branches' && scope.branchIds.size === 1 ? [...scope.branchIds][0] : undefined;
}
