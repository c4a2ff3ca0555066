import { ATTENDANCE_LABELS, MEETING_TYPE_LABELS, type OrgLifeOverview } from '../../shared/api/org-life';
import { toCsv, csvFilename } from '../../shared/runtime/csv-export';
import { branchMembers, organisationUnits } from '../../shared/runtime/member-directory';
import type { Caller } from '../../shared/runtime/session';
import { managedBranch } from './access';
import { branchSettings } from './branch-config';
import { branchName } from './meetings';
import { clip, notify } from './notices';
import { dueAgainstHeld, periodBounds, shanghaiDay, shanghaiParts } from './rhythm';
import { orgLifeSettings } from './settings';
import { branchMeetings, branchTasks, meetingBundle } from './store';
import { attendanceLines, taskView } from './views';

/** The committee's view: per period meetings due against held, open and overdue tasks. */

async function yearMeetings(branchId: string, year: string) {
  const { start, end } = periodBounds(year);
  return branchMeetings(branchId, start.toISOString(), end.toISOString());
}

export async function overview(caller: Caller, query: { branchId?: string; year?: string }, now = new Date()): Promise<OrgLifeOverview> {
  const branchId = managedBranch(caller, query.branchId);
  const year = query.year ?? String(shanghaiParts(now).year);
  const [settings, meetings, tasks] = await Promise.all([branchSettings(branchId), yearMeetings(branchId, year), branchTasks(branchId)]);
  const rows = dueAgainstHeld(Number(year), settings.rhythm, meetings, now, orgLifeSettings().ORG_LIFE_PERIOD_REMINDER_DAYS);
  const open = tasks.filter((task) => task.status === 'open').map((task) => taskView(task, now)).sort((a, b) => a.dueDate.localeCompare(b.dueDate));
  return {
    branchId,
    branchName: await branchName(branchId),
    year,
    rows,
    totals: { due: rows.reduce((sum, row) => sum + row.due, 0), held: rows.reduce((sum, row) => sum + Math.min(row.held, row.due), 0) },
    openTasks: open,
    overdueTasks: open.filter((task) => task.overdue).length,
  };
}

/** A branch's year as CSV: one line per meeting with its attendance counts, resolutions and tasks. */
export async function yearCsv(caller: Caller, query: { branchId?: string; year?: string }, now = new Date()) {
  const branchId = managedBranch(caller, query.branchId);
  const year = query.year ?? String(shanghaiParts(now).year);
  const meetings = await yearMeetings(branchId, year);
  const header = ['日期', '类型', '议题', '状态', '应到', ATTENDANCE_LABELS.present, ATTENDANCE_LABELS.leave, ATTENDANCE_LABELS.makeup, ATTENDANCE_LABELS.absent, '决议', '任务（已办结/总数）'];
  const lines: Array<Array<string | number>> = [header];
  for (const meeting of meetings) {
    const bundle = await meetingBundle(meeting.id);
    const attendance = attendanceLines(meeting, bundle?.attendance ?? []);
    const count = (status: string) => attendance.filter((line) => line.status === status).length;
    const tasks = bundle?.tasks ?? [];
    lines.push([
      shanghaiDay(new Date(meeting.startAt)),
      MEETING_TYPE_LABELS[meeting.type],
      meeting.topic,
      { planned: '已计划', held: '已召开', cancelled: '已取消' }[meeting.status],
      meeting.attendees.length,
      count('present'),
      count('leave'),
      count('makeup'),
      count('absent'),
      meeting.resolutions.map((r) => r.text).join('；'),
      `${tasks.filter((t) => t.status === 'done').length}/${tasks.length}`,
    ]);
  }
  const name = await branchName(branchId);
  return { filename: csvFilename(name, year, '组织生活'), csv: toCsv(lines) };
}

/**
 * Reminds each branch's secretaries, once per type and period, when a month or quarter (or the year) is within
 * the reminder window of its end without its meeting held.
 */
export async function remindPeriods(now = new Date()): Promise<{ reminded: number }> {
  const year = String(shanghaiParts(now).year);
  const branches = (await organisationUnits()).filter((unit) => unit.kind === 'branch');
  let reminded = 0;
  for (const branch of branches) {
    const [settings, meetings] = await Promise.all([branchSettings(branch.id), yearMeetings(branch.id, year)]);
    const short = dueAgainstHeld(Number(year), settings.rhythm, meetings, now, orgLifeSettings().ORG_LIFE_PERIOD_REMINDER_DAYS).filter(
      (row) => row.endingShort && periodBounds(row.period).end > now,
    );
    if (short.length === 0) continue;
    const secretaries = (await branchMembers(branch.id)).filter((m) => m.roles.includes('secretary')).map((m) => m.userId);
    if (secretaries.length === 0) continue;
    for (const row of short) {
      reminded += 1;
      await notify(
        {
          key: `orglife.due.${branch.id}.${row.type}.${row.period}`,
          toUsers: secretaries,
          title: '组织生活提醒',
          description: '本期会议尚未召开',
          page: 'orglife/pages/overview/index',
          contentItems: [
            { key: '会议', value: MEETING_TYPE_LABELS[row.type] },
            { key: '周期', value: clip(row.period) },
            { key: '已开/应开', value: `${row.held}/${row.due}` },
          ],
        },
        now,
      );
    }
  }
  return { reminded };
}
