import type { BranchSettings, PlanEntry, YearPlan } from '../../shared/api/org-life';
import { badRequest } from '../../shared/runtime/app-error';
import { branchMembers } from '../../shared/runtime/member-directory';
import type { Caller } from '../../shared/runtime/session';
import { managedBranch } from './access';
import type { SettingsRecord } from './model';
import { DEFAULT_RHYTHM, generateYearPlan, periodBounds } from './rhythm';
import { getPlan, getSettings, putPlan, putSettings } from './store';

/** A branch's rhythm, committee and party groups: what it stored, or the regulations' defaults with its secretaries as committee. */
export async function branchSettings(branchId: string): Promise<SettingsRecord> {
  const stored = await getSettings(branchId);
  if (stored) return stored;
  const secretaries = (await branchMembers(branchId)).filter((member) => member.roles.includes('secretary'));
  return { branchId, rhythm: DEFAULT_RHYTHM, committeeIds: secretaries.map((member) => member.userId), groups: [] };
}

export async function readSettings(caller: Caller, requested?: string): Promise<BranchSettings> {
  return branchSettings(managedBranch(caller, requested));
}

/** Committee and groups name members of the branch only; a member belongs to at most one group. */
export async function saveSettings(caller: Caller, input: Omit<BranchSettings, 'branchId' | 'updatedAt'> & { branchId?: string }, now = new Date()): Promise<BranchSettings> {
  const branchId = managedBranch(caller, input.branchId);
  const members = new Set((await branchMembers(branchId)).map((member) => member.userId));
  const problems = input.committeeIds.flatMap((id, i) => (members.has(id) ? [] : [{ path: `body.committeeIds.${i}`, message: `${id} 不是本支部党员` }]));
  const grouped = new Set<string>();
  input.groups.forEach((group, g) =>
    group.memberIds.forEach((id, i) => {
      if (!members.has(id)) problems.push({ path: `body.groups.${g}.memberIds.${i}`, message: `${id} 不是本支部党员` });
      else if (grouped.has(id)) problems.push({ path: `body.groups.${g}.memberIds.${i}`, message: `${id} 已在其他党小组` });
      grouped.add(id);
    }),
  );
  if (new Set(input.groups.map((group) => group.id)).size !== input.groups.length) problems.push({ path: 'body.groups', message: '党小组编号不能重复' });
  if (problems.length > 0) throw badRequest(problems, problems[0]!.message);
  const record: SettingsRecord = { branchId, rhythm: input.rhythm, committeeIds: [...new Set(input.committeeIds)], groups: input.groups, updatedAt: now.toISOString() };
  await putSettings(record);
  return record;
}

/** The year's plan: the edited one, or one generated from the branch's rhythm. */
export async function yearPlan(caller: Caller, year: string, requested?: string): Promise<YearPlan> {
  const branchId = managedBranch(caller, requested);
  const stored = await getPlan(branchId, year);
  if (stored) return { branchId, year, entries: stored.entries, edited: true };
  const { rhythm } = await branchSettings(branchId);
  return { branchId, year, entries: generateYearPlan(Number(year), rhythm), edited: false };
}

/** Every entry's period belongs to the year and its day lies inside the period. */
function planProblems(year: string, entries: PlanEntry[]) {
  return entries.flatMap((entry, i) => {
    if (!entry.period.startsWith(year)) return [{ path: `body.entries.${i}.period`, message: `周期应在 ${year} 年内` }];
    const { start, end } = periodBounds(entry.period);
    const day = Date.parse(`${entry.plannedDay}T12:00:00+08:00`);
    if (!(day >= start.getTime() && day < end.getTime())) return [{ path: `body.entries.${i}.plannedDay`, message: `计划日期应在 ${entry.period} 内` }];
    return [];
  });
}

export async function editYearPlan(caller: Caller, year: string, input: { branchId?: string; entries: PlanEntry[] }, now = new Date()): Promise<YearPlan> {
  const branchId = managedBranch(caller, input.branchId);
  const problems = planProblems(year, input.entries);
  if (problems.length > 0) throw badRequest(problems, problems[0]!.message);
  const entries = [...input.entries].sort((a, b) => a.plannedDay.localeCompare(b.plannedDay));
  await putPlan({ branchId, year, entries, updatedAt: now.toISOString() });
  return { branchId, year, entries, edited: true };
}
