import { createHash } from 'node:crypto';
import { TZDate } from '@date-fns/tz';
import type { MeetingType } from '../../shared/api/org-life';
import type { Member } from '../../shared/api/identity-model';
import { DEMO_ORG, demoMembers } from '../../scripts/local/demo-data';
import type { AttendanceRecord, MeetingRecord, SettingsRecord, TaskRecord } from './model';
import { DEFAULT_RHYTHM, generateYearPlan, shanghaiDay, shanghaiParts } from './rhythm';
import { attendanceItem, createMeeting, getSettings, putSettings, seedItems, taskItem } from './store';

/**
 * A year of organisation life for the demo organisation (`npm start` and every test table): each branch's
 * committee and two party groups, and its plan for this year held up to today — a few meetings skipped, so the
 * committee's view shows gaps as well as meetings held — with attendance (a few on leave with a reason, some of
 * them made up), minutes, resolutions and follow-up tasks (older ones done, recent ones open, one overdue). The
 * next month's meetings are planned, so members see what is coming. Idempotent: ids come from the branch, type
 * and period, and an existing meeting is left as it is.
 */

const TOPICS: Record<MeetingType, string[]> = {
  'branch-assembly': ['审议支部季度工作', '讨论发展党员工作', '通报党费收缴使用情况', '研究年度护林防火总结'],
  committee: ['研究春季防火部署', '研究党员教育培训安排', '研究困难党员帮扶', '研究夏季病虫害监测', '研究林下经济项目', '研究秋季防火准备'],
  group: ['学习森林防火条例', '交流巡护工作体会', '学习党章第二章', '讨论安全生产措施'],
  lecture: ['党课：支部工作条例解读', '党课：生态文明建设', '党课：党的组织纪律', '党课：护林员的初心'],
  'party-day': ['主题党日：清理防火隔离带', '主题党日：义务植树', '主题党日：走访老党员', '主题党日：林区环境整治'],
  'life-meeting': ['年度组织生活会'],
  appraisal: ['年度民主评议党员'],
};
const LEAVE_REASONS = ['在望火楼值守', '外出培训', '家中老人住院', '扑火任务', '轮休返乡'];

const hash = (...parts: string[]) => createHash('sha256').update(parts.join('\u0000')).digest();
const pick = <T>(items: readonly T[], seed: number) => items[seed % items.length]!;

/** The branch's committee (its secretaries and the first members by id) and two party groups. */
function settingsFor(branchId: string, members: Member[]): SettingsRecord {
  const secretaries = members.filter((m) => m.roles.includes('secretary')).map((m) => m.userId);
  const others = members.filter((m) => !m.roles.includes('secretary')).map((m) => m.userId);
  const half = Math.ceil(others.length / 2);
  return {
    branchId,
    rhythm: DEFAULT_RHYTHM,
    committeeIds: [...secretaries, ...others.slice(0, 3 - Math.min(secretaries.length, 2))],
    groups: [
      { id: 'g1', name: '第一党小组', memberIds: others.slice(0, half) },
      { id: 'g2', name: '第二党小组', memberIds: others.slice(half) },
    ],
  };
}

function audienceOf(type: MeetingType, settings: SettingsRecord, members: Member[], slot: number): { audience: MeetingRecord['audience']; groupId?: string; ids: Set<string> } {
  if (type === 'committee') return { audience: 'committee', ids: new Set(settings.committeeIds) };
  if (type === 'group') {
    const group = settings.groups[slot % settings.groups.length]!;
    return { audience: 'group', groupId: group.id, ids: new Set(group.memberIds) };
  }
  return { audience: 'all', ids: new Set(members.map((m) => m.userId)) };
}

/** A meeting at 09:00 (主题党日 14:30) Beijing time on its planned day, two hours long. */
function startOf(day: string, type: MeetingType): Date {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(new TZDate(y, m - 1, d, type === 'party-day' ? 14 : 9, type === 'party-day' ? 30 : 0, 0, 'Asia/Shanghai').getTime());
}

export async function seedOrgLifeDemo(now = new Date()): Promise<string> {
  const members = demoMembers();
  const today = shanghaiDay(now);
  const horizon = shanghaiDay(new Date(now.getTime() + 31 * 86_400_000));
  const year = shanghaiParts(now).year;
  let created = 0;
  let total = 0;
  for (const branch of DEMO_ORG.filter((unit) => unit.kind === 'branch')) {
    const ofBranch = members.filter((m) => m.branchId === branch.id).sort((a, b) => a.name.localeCompare(b.name, 'zh'));
    const settings = (await getSettings(branch.id)) ?? settingsFor(branch.id, ofBranch);
    await putSettings(settings);
    const secretary = ofBranch.find((m) => m.roles.includes('secretary')) ?? ofBranch[0]!;
    const entries = [...generateYearPlan(year, DEFAULT_RHYTHM), ...generateYearPlan(year + 1, DEFAULT_RHYTHM)].filter((e) => e.plannedDay <= horizon);
    for (const [slot, entry] of entries.entries()) {
      const seed = hash(branch.id, entry.type, entry.period, String(slot)).readUInt32BE(0);
      const held = entry.plannedDay < today;
      // About one meeting in twelve of the past was not held: the committee's view has gaps to show.
      if (held && seed % 12 === 0) continue;
      total += 1;
      const { audience, groupId, ids } = audienceOf(entry.type, settings, ofBranch, slot);
      const attendees = ofBranch.filter((m) => ids.has(m.userId)).map((m) => ({ userId: m.userId, name: m.name, voting: m.category !== 'probationary' }));
      const startAt = startOf(entry.plannedDay, entry.type);
      const id = hash('demo-meeting', branch.id, entry.type, entry.period, entry.plannedDay).toString('hex').slice(0, 24);
      const topic = pick(TOPICS[entry.type], seed);
      const meeting: MeetingRecord = {
        id,
        branchId: branch.id,
        type: entry.type,
        topic,
        startAt: startAt.toISOString(),
        endAt: new Date(startAt.getTime() + 2 * 3_600_000).toISOString(),
        place: entry.type === 'party-day' ? '林场活动室及周边林地' : '支部会议室',
        online: false,
        audience,
        ...(groupId ? { groupId } : {}),
        status: held ? 'held' : 'planned',
        attendees,
        plannedBy: { userId: secretary.userId, name: secretary.name },
        agenda: [],
        resolutions: [],
        createdAt: new Date(startAt.getTime() - 7 * 86_400_000).toISOString(),
      };
      if (!held) {
        if (await createMeeting(meeting)) created += 1;
        continue;
      }
      const resolution = { id: `r${slot}`, text: `${topic.replace(/^.*：/, '')}：按分工落实，下次会议通报` };
      const recorded: MeetingRecord = {
        ...meeting,
        minutes: `${secretary.name}主持会议，围绕“${topic}”进行了讨论，与会党员逐一发言，形成决议。`,
        resolutions: entry.type === 'committee' || entry.type === 'branch-assembly' ? [resolution] : [],
        recordedAt: meeting.endAt,
      };
      if (!(await createMeeting(recorded))) continue;
      created += 1;
      const attendance: AttendanceRecord[] = attendees.map((a, i) => {
        if ((seed + i) % 9 !== 0) return { meetingId: id, userId: a.userId, status: 'present', checkedInAt: new Date(startAt.getTime() - 5 * 60_000).toISOString() };
        const leaveReason = pick(LEAVE_REASONS, seed + i);
        return (seed + i) % 2 === 0
          ? { meetingId: id, userId: a.userId, status: 'makeup', leaveReason, makeupNote: '书记送学上门，已学习会议精神', makeupAt: new Date(startAt.getTime() + 3 * 86_400_000).toISOString() }
          : { meetingId: id, userId: a.userId, status: 'leave', leaveReason };
      });
      const owner = attendees[seed % Math.max(1, attendees.length)] ?? { userId: secretary.userId, name: secretary.name };
      const due = shanghaiDay(new Date(startAt.getTime() + 30 * 86_400_000));
      const tasks: TaskRecord[] = recorded.resolutions.map((r) => ({
        id: hash('demo-task', id, r.id).toString('hex').slice(0, 16),
        meetingId: id,
        branchId: branch.id,
        title: `落实：${topic.replace(/^.*：/, '')}`,
        ownerId: owner.userId,
        ownerName: owner.name,
        dueDate: due,
        // Tasks due more than two weeks ago are done; the others are still open (one may be overdue).
        ...(due < shanghaiDay(new Date(now.getTime() - 14 * 86_400_000))
          ? { status: 'done' as const, doneNote: '已按决议落实并在支委会通报', doneAt: new Date(`${due}T02:00:00Z`).toISOString() }
          : { status: 'open' as const }),
        resolutionId: r.id,
        createdAt: recorded.recordedAt!,
      }));
      await seedItems([...attendance.map(attendanceItem), ...tasks.map(taskItem)]);
    }
  }
  return `${total} meetings (${created} new) in ${DEMO_ORG.filter((unit) => unit.kind === 'branch').length} branches`;
}
