import type { BaseInput, DuesBase, DuesRules } from '../../shared/api/dues';
import { computeMonthlyDues } from '../../shared/api/dues';
import { AppError } from '../../shared/runtime/app-error';
import type { Caller } from '../../shared/runtime/session';
import { branchInScope, memberOrNotFound } from './access';
import { baseFileUserIds, parseBases, type BaseRow } from './bases-csv';
import { branchBases, branchMembers, getMemberRefs, getRules, putBases, type MemberRef, type StoredBase } from './store';

const view = (base: StoredBase, rules: DuesRules): DuesBase => ({ ...base, monthlyFen: computeMonthlyDues(base, rules).ruleAmountFen });

function stored(member: MemberRef, row: Omit<BaseRow, 'userId'>, caller: Caller, now: Date): StoredBase {
  return { userId: member.userId, name: member.name, branchId: member.branchId, ...row, setBy: caller.userId, setAt: now.toISOString() };
}

/** Finance sets a member's monthly base from a month on (usually January; or the month a new wage is received). */
export async function setBase(caller: Caller, userId: string, input: BaseInput, now = new Date()): Promise<DuesBase> {
  const member = await memberOrNotFound(userId);
  const { baseFen, fixedClass, ...rest } = input;
  const base = stored(member, { ...rest, ...(input.kind === 'fixed' ? { fixedClass } : { baseFen }) }, caller, now);
  await putBases([base]);
  return view(base, await getRules());
}

/** Imports finance's bases file: one bad row and nothing is imported, every bad row is reported. */
export async function importBases(caller: Caller, csvText: string, now = new Date()): Promise<{ imported: number }> {
  const members = await getMemberRefs(baseFileUserIds(csvText));
  const parsed = parseBases(csvText, (userId) => members.get(userId)?.category);
  if (parsed.errors.length > 0) throw new AppError(400, 'DUES_BASES_CSV_INVALID', undefined, parsed.errors);
  await putBases(parsed.rows.map(({ userId, ...row }) => stored(members.get(userId)!, row, caller, now)));
  return { imported: parsed.rows.length };
}

/** The bases in force in a year for a branch's members, and the members who have none yet. */
export async function basesFor(caller: Caller, branchId: string | undefined, year: number): Promise<{ bases: DuesBase[]; missing: Array<Pick<MemberRef, 'userId' | 'name' | 'branchId' | 'category'>> }> {
  const branch = branchInScope(caller, branchId);
  const [members, bases, rules] = await Promise.all([branchMembers(branch), branchBases(branch), getRules()]);
  const latest = new Map<string, StoredBase>();
  for (const base of bases) {
    if (base.effectiveMonth > `${year}-12`) continue;
    const known = latest.get(base.userId);
    if (!known || known.effectiveMonth < base.effectiveMonth) latest.set(base.userId, base);
  }
  return {
    bases: members.flatMap((member) => {
      const base = latest.get(member.userId);
      return base ? [view({ ...base, name: member.name }, rules)] : [];
    }),
    missing: members.filter((member) => !latest.has(member.userId)).map(({ userId, name, branchId: own, category }) => ({ userId, name, branchId: own, category })),
  };
}
