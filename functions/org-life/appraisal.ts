import { APPRAISAL_GRADES, type Appraisal, type AppraisalGrade, type AppraisalResults } from '../../shared/api/org-life';
import { AppError, badRequest } from '../../shared/runtime/app-error';
import { branchMembers } from '../../shared/runtime/member-directory';
import type { Caller } from '../../shared/runtime/session';
import { managedBranch, managesBranch } from './access';
import { ballotProblems } from './ballot';
import { branchSettings } from './branch-config';
import type { AppraisalRecord, Tally } from './model';
import { appraisalTallies, castBallot, closeAppraisal as storeClose, createAppraisal, getAppraisal, hasVoted } from './store';

/**
 * 民主评议党员: yearly, anonymous ballots (优秀 / 合格 / 基本合格 / 不合格), one per member. A member's result is
 * for the branch committee and the member themself; the branch sees only its totals. Lines are by name, never
 * ordered by a result (no ranking of people, DOMAIN.md).
 */

const emptyTally = (): Tally => Object.fromEntries(APPRAISAL_GRADES.map((grade) => [grade, 0])) as Tally;

async function view(record: AppraisalRecord, caller: Caller): Promise<Appraisal> {
  return {
    branchId: record.branchId,
    year: record.year,
    status: record.status,
    subjects: record.subjects,
    ballots: record.ballots,
    voters: record.subjects.length,
    iHaveVoted: await hasVoted(record.branchId, record.year, caller.userId),
  };
}

export async function openAppraisal(caller: Caller, year: string, requested: string | undefined, now = new Date()): Promise<Appraisal> {
  const branchId = managedBranch(caller, requested);
  const subjects = (await branchMembers(branchId)).map((m) => ({ userId: m.userId, name: m.name })).sort((a, b) => a.name.localeCompare(b.name, 'zh'));
  const record: AppraisalRecord = { branchId, year, status: 'open', subjects, ballots: 0, openedAt: now.toISOString() };
  if (!(await createAppraisal(record))) throw new AppError(409, 'APPRAISAL_EXISTS');
  return view(record, caller);
}

async function requireAppraisal(branchId: string, year: string): Promise<AppraisalRecord> {
  const record = await getAppraisal(branchId, year);
  if (!record) throw new AppError(404, 'APPRAISAL_NOT_OPEN');
  return record;
}

/** The secretary ends the vote: from then on no ballot is taken; the results stay as they are. */
export async function closeAppraisal(caller: Caller, year: string, requested: string | undefined, now = new Date()): Promise<Appraisal> {
  const branchId = managedBranch(caller, requested);
  const record = await requireAppraisal(branchId, year);
  if (record.status !== 'open' || !(await storeClose(branchId, year, now.toISOString()))) throw new AppError(409, 'APPRAISAL_CLOSED');
  return view({ ...record, status: 'closed', closedAt: now.toISOString() }, caller);
}

/** The caller's branch's appraisal of the year: the ballot's lines and whether they have voted. */
export async function appraisalOf(caller: Caller, year: string): Promise<Appraisal> {
  return view(await requireAppraisal(caller.branchId, year), caller);
}

export async function vote(caller: Caller, year: string, grades: Array<{ userId: string; grade: AppraisalGrade }>): Promise<{ accepted: boolean }> {
  const record = await requireAppraisal(caller.branchId, year);
  if (record.status !== 'open') throw new AppError(409, 'APPRAISAL_CLOSED');
  if (!record.subjects.some((s) => s.userId === caller.userId)) throw new AppError(403, 'FORBIDDEN', '您不在本次评议的党员名单中');
  if (await hasVoted(caller.branchId, year, caller.userId)) throw new AppError(409, 'APPRAISAL_ALREADY_VOTED');
  const problems = ballotProblems(record.subjects.map((s) => s.userId), caller.userId, grades);
  if (problems.length > 0) throw badRequest(problems.map((message) => ({ path: 'body.grades', message })), problems[0]);
  const outcome = await castBallot(caller.branchId, year, caller.userId, grades);
  if (outcome === 'voted') throw new AppError(409, 'APPRAISAL_ALREADY_VOTED');
  if (outcome === 'closed') throw new AppError(409, 'APPRAISAL_CLOSED');
  return { accepted: true };
}

/** Committee members and the branch's managers see every member's tally; any other member only their own. */
export async function appraisalResults(caller: Caller, year: string, requested?: string): Promise<AppraisalResults> {
  const branchId = requested ?? caller.branchId;
  const settings = await branchSettings(branchId);
  const committee = managesBranch(caller, branchId) || (caller.branchId === branchId && settings.committeeIds.includes(caller.userId));
  if (!committee && branchId !== caller.branchId) throw new AppError(403, 'FORBIDDEN', '只能查看本支部的评议结果');
  const record = await requireAppraisal(branchId, year);
  const tallies = await appraisalTallies(branchId, year);
  const branch = emptyTally();
  for (const tally of tallies.values()) for (const grade of APPRAISAL_GRADES) branch[grade] += tally[grade];
  const visible = committee ? record.subjects : record.subjects.filter((s) => s.userId === caller.userId);
  return {
    branchId,
    year,
    ballots: record.ballots,
    branch,
    members: visible.map((s) => ({ userId: s.userId, name: s.name, tally: tallies.get(s.userId) ?? emptyTally() })),
  };
}
