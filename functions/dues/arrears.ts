import type { Arrears, Bill } from '../../shared/api/dues';
import type { NoticeSender } from '../../shared/runtime/outbound';
import { sendNotice } from '../../shared/runtime/outbound';
import { chunk, fanOut, type JobRun, type UnitHandler } from '../../shared/runtime/fanout';
import type { Caller } from '../../shared/runtime/session';
import { branchInScope } from './access';
import { addMonths, shanghaiMonth } from './months';
import { branchMembers, getRules, listBranches, unpaidBills } from './store';

/** The longest run of consecutive months in a sorted list of months. */
export function longestRun(months: string[]): number {
  let longest = 0;
  let run = 0;
  months.forEach((month, index) => {
    run = index > 0 && addMonths(months[index - 1]!, 1) === month ? run + 1 : 1;
    longest = Math.max(longest, run);
  });
  return longest;
}

/** Unpaid bills up to the current month, grouped by member, with those unpaid `flagMonths` in a row flagged. */
export function arrearsFrom(branchId: string, bills: Bill[], flagMonths: number, currentMonth: string): Arrears {
  const byMember = new Map<string, Bill[]>();
  for (const bill of bills) if (bill.status === 'unpaid' && bill.month <= currentMonth) byMember.set(bill.userId, [...(byMember.get(bill.userId) ?? []), bill]);
  const members = [...byMember.values()].map((own) => {
    const unpaidMonths = own.map((bill) => bill.month).sort();
    const consecutiveMonths = longestRun(unpaidMonths);
    return {
      userId: own[0]!.userId,
      name: own[0]!.name,
      unpaidMonths,
      outstandingFen: own.reduce((sum, bill) => sum + bill.amountFen, 0),
      consecutiveMonths,
      flagged: consecutiveMonths >= flagMonths,
    };
  });
  // Longest arrears first so the branch sees who to talk to; this is a to-do list, not a ranking.
  members.sort((a, b) => b.consecutiveMonths - a.consecutiveMonths || a.userId.localeCompare(b.userId));
  return { branchId, flagMonths, members };
}

export async function arrearsFor(caller: Caller, branchId: string | undefined, now = new Date()): Promise<Arrears> {
  const branch = branchInScope(caller, branchId);
  const rules = await getRules();
  return arrearsFrom(branch, await unpaidBills(branch), rules.arrearsFlagMonths, shanghaiMonth(now));
}

export interface ReminderOutcome {
  reminded: number;
  flagged: number;
  /** Notices by how sendNotice ended (sent, queued, duplicate …). */
  notices: Record<string, number>;
}

/**
 * The monthly reminder for some branches: each branch's members with unpaid dues get one notice (once per month,
 * however often it runs: the notice key), and the branch secretary is told who has been unpaid for
 * `arrearsFlagMonths` months in a row — for the branch to talk to them. The platform never removes anyone.
 */
export async function remindBranches(branches: ReadonlyArray<{ id: string; name: string }>, sender: NoticeSender, now = new Date()): Promise<ReminderOutcome> {
  const month = shanghaiMonth(now);
  const rules = await getRules();
  const result: ReminderOutcome = { reminded: 0, flagged: 0, notices: {} };
  const count = (outcome: string) => (result.notices[outcome] = (result.notices[outcome] ?? 0) + 1);
  for (const branch of branches) {
    const arrears = arrearsFrom(branch.id, await unpaidBills(branch.id), rules.arrearsFlagMonths, month);
    if (arrears.members.length === 0) continue;
    result.reminded += arrears.members.length;
    count(
      await sendNotice(
        {
          key: `dues-remind#${month}#${branch.id}`,
          toUsers: arrears.members.map((member) => member.userId),
          title: '党费缴纳提醒',
          description: '您有党费尚未缴纳',
          page: 'dues/pages/index/index',
          contentItems: [{ key: '提醒月份', value: month }, { key: '缴纳方式', value: '小程序在线缴纳或交支部' }],
        },
        sender,
        now,
      ),
    );
    const flagged = arrears.members.filter((member) => member.flagged);
    const secretaries = (await branchMembers(branch.id)).filter((member) => member.roles.includes('secretary')).map((member) => member.userId);
    if (flagged.length === 0 || secretaries.length === 0) continue;
    result.flagged += flagged.length;
    count(
      await sendNotice(
        {
          key: `dues-flag#${month}#${branch.id}`,
          toUsers: secretaries,
          title: '党费欠缴提示',
          description: `${flagged.length}人连续${rules.arrearsFlagMonths}个月未缴`,
          page: `dues/pages/arrears/index?branchId=${branch.id}`,
          contentItems: [
            { key: '支部', value: branch.name.slice(0, 30) },
            { key: '说明', value: '请支部了解情况，平台不会自动处置' },
          ],
        },
        sender,
        now,
      ),
    );
  }
  return result;
}

/**
 * Branches per reminder unit: 20 branches are at most 40 WeCom calls (each paced by the WeCom client's timeout and
 * retries), well inside the function's timeout even when WeCom is slow.
 */
export const BRANCHES_PER_REMINDER_UNIT = 20;

/** Starts the month's reminders, one unit per group of branches; the month names the run (the 20th's schedule). */
export async function startReminderRun(now = new Date()): Promise<JobRun> {
  const month = shanghaiMonth(now);
  const branches = await listBranches();
  return fanOut(
    {
      job: 'arrearsReminders',
      runId: `arrearsReminders.${month}`,
      input: { month },
      units: chunk(branches.map((branch) => ({ id: branch.id, name: branch.name })), BRANCHES_PER_REMINDER_UNIT).map((group, index) => ({ unit: `branches-${index}`, input: { branches: group } })),
    },
    now,
  );
}

/** The reminder unit; the sender is made per unit, from the configuration the copy holds then. */
export function reminderUnit(sender: () => NoticeSender): UnitHandler {
  return async (unit) => {
    const { branches } = unit.input as { branches: Array<{ id: string; name: string }> };
    const outcome = await remindBranches(branches, sender());
    return { counts: { reminded: outcome.reminded, flagged: outcome.flagged, ...Object.fromEntries(Object.entries(outcome.notices).map(([name, n]) => [`notice-${name}`, n])) } };
  };
}
