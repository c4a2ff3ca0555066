import {
  ACTIVITY_TYPE_LABELS,
  REGISTRATION_STATUS_LABELS,
  type ActivityAttendance,
  type BranchReport,
  type CsvExport,
} from '../../shared/api/signup';
import { AppError, badRequest } from '../../shared/runtime/app-error';
import type { Caller } from '../../shared/runtime/session';
import { requireManaged } from './activities';
import { csvFilename, toCsv } from '../../shared/runtime/csv-export';
import { requireActivity } from './registration';
import { attendanceMembers, attendanceSummary, shanghaiDateTime, toActivity } from './rules';
import { audienceActivityIds, getActivities, listRegistrations, orgUnitName } from './store';

/** Attendance of one activity and of a branch over a period: counts and lists, never a ranking of people. */

export async function activityAttendance(caller: Caller, activityId: string, now = new Date()): Promise<ActivityAttendance> {
  const activity = await requireActivity(activityId);
  requireManaged(activity, caller);
  const registrations = await listRegistrations(activityId);
  return {
    activity: toActivity(activity),
    summary: attendanceSummary(activity, registrations, now),
    members: attendanceMembers(registrations),
  };
}

async function branchNames(ids: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  const names = await Promise.all(unique.map(async (id) => [id, (await orgUnitName(id)) ?? id] as const));
  return new Map(names);
}

const METHOD_LABELS = { qr: '扫码', manual: '组织人登记' } as const;

export async function activityAttendanceCsv(caller: Caller, activityId: string, now = new Date()): Promise<CsvExport> {
  const { activity, summary, members } = await activityAttendance(caller, activityId, now);
  const names = await branchNames(members.map((m) => m.branchId));
  const rows = [
    ['姓名', '所在支部', '报名状态', '候补位次', '签到时间', '签到方式', '出勤'],
    ...members.map((m) => [
      m.name,
      names.get(m.branchId) ?? m.branchId,
      REGISTRATION_STATUS_LABELS[m.status],
      m.position ?? '',
      m.checkedInAt ? shanghaiDateTime(m.checkedInAt) : '',
      m.checkInMethod ? METHOD_LABELS[m.checkInMethod] : '',
      m.status !== 'confirmed' ? '' : m.checkedInAt ? '出勤' : summary.ended ? '缺勤' : '未签到',
    ]),
    [],
    ['报名成功', summary.registered, '已签到', summary.checkedIn, '缺勤', summary.absent, `候补 ${summary.waitlisted}`],
  ];
  return { filename: csvFilename(activity.title, '出勤'), csv: toCsv(rows) };
}

const DAY_MS = 86_400_000;
/** China keeps UTC+8 all year: a Shanghai day starts at 00:00+08:00. */
const shanghaiDayStart = (day: string) => Date.parse(`${day}T00:00:00+08:00`);

/** Secretaries see their own branch; admins any branch (their own when none is named). */
function reportBranch(caller: Caller, branchId: string | undefined): string {
  if (caller.roles.includes('admin')) return branchId ?? caller.branchId;
  if (branchId !== undefined && branchId !== caller.branchId) throw new AppError(403, 'FORBIDDEN', '支部书记只能查看本支部的出勤统计');
  return caller.branchId;
}

export async function branchReport(caller: Caller, query: { branchId?: string; from: string; to: string }, now = new Date()): Promise<BranchReport> {
  const branchId = reportBranch(caller, query.branchId);
  const from = shanghaiDayStart(query.from);
  const toExclusive = shanghaiDayStart(query.to) + DAY_MS;
  if (Number.isNaN(from) || Number.isNaN(toExclusive)) throw badRequest([{ path: 'query.from', message: '日期不正确' }]);
  if (toExclusive <= from) throw badRequest([{ path: 'query.to', message: '结束日期不能早于开始日期' }]);
  if (toExclusive - from > 366 * DAY_MS) throw badRequest([{ path: 'query.to', message: '一次最多统计一年' }]);

  const range = { from: new Date(from).toISOString(), to: new Date(toExclusive - 1).toISOString() };
  const ids = [...(await audienceActivityIds(branchId, range)), ...(await audienceActivityIds(undefined, range))];
  const activities = (await getActivities(ids)).sort((a, b) => a.startAt.localeCompare(b.startAt));
  const rows: BranchReport['activities'] = [];
  for (const activity of activities) {
    const ours = (await listRegistrations(activity.id)).filter((r) => r.branchId === branchId);
    const summary = attendanceSummary(activity, ours, now);
    rows.push({
      id: activity.id,
      title: activity.title,
      type: activity.activityType,
      startAt: activity.startAt,
      status: activity.status,
      registered: summary.registered,
      checkedIn: summary.checkedIn,
      absent: summary.absent,
    });
  }
  const sum = (pick: (row: (typeof rows)[number]) => number) => rows.reduce((total, row) => total + pick(row), 0);
  return {
    branchId,
    branchName: (await orgUnitName(branchId)) ?? branchId,
    from: query.from,
    to: query.to,
    activities: rows,
    totals: { activities: rows.length, registered: sum((r) => r.registered), checkedIn: sum((r) => r.checkedIn), absent: sum((r) => r.absent) },
  };
}

export async function branchReportCsv(caller: Caller, query: { branchId?: string; from: string; to: string }, now = new Date()): Promise<CsvExport> {
  const report = await branchReport(caller, query, now);
  const rows = [
    ['活动', '类型', '开始时间', '状态', '本支部报名成功', '已签到', '缺勤'],
    ...report.activities.map((a) => [
      a.title,
      ACTIVITY_TYPE_LABELS[a.type],
      shanghaiDateTime(a.startAt),
      a.status === 'cancelled' ? '已取消' : '正常',
      a.registered,
      a.checkedIn,
      a.absent,
    ]),
    ['合计', `${report.totals.activities} 次活动`, '', '', report.totals.registered, report.totals.checkedIn, report.totals.absent],
  ];
  return { filename: csvFilename(report.branchName, '活动出勤', report.from, report.to), csv: toCsv(rows) };
}
