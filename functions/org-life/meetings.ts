import { createHash, randomUUID } from 'node:crypto';
import { MEETING_TYPE_LABELS, type MeetingDetail, type MeetingInput, type MeetingRecordInput } from '../../shared/api/org-life';
import { contentBlockedError, moderateText } from '../../shared/moderation';
import { AppError, badRequest } from '../../shared/runtime/app-error';
import { branchMembers, organisationUnits } from '../../shared/runtime/member-directory';
import type { Caller } from '../../shared/runtime/session';
import { assertManages, managedBranch, managesBranch } from './access';
import { branchSettings } from './branch-config';
import type { Attendee, MeetingRecord, TaskRecord } from './model';
import { clip, notify } from './notices';
import { quorum, shanghaiDay } from './rhythm';
import { answerFromMeeting } from '../suggestion-box/meeting-loop';
import { logger } from '../../shared/runtime/logger';
import { createMeeting, meetingBundle, recordMeeting, type MeetingBundle } from './store';
import { attendanceLines, meetingView, shanghaiDateTime, taskView } from './views';

export async function branchName(branchId: string): Promise<string> {
  return (await organisationUnits()).find((unit) => unit.id === branchId)?.name ?? branchId;
}

/** Who a meeting expects: the whole branch, its committee, or one party group. */
export async function attendeesFor(branchId: string, input: Pick<MeetingInput, 'audience' | 'groupId'>): Promise<Attendee[]> {
  const members = await branchMembers(branchId);
  const settings = await branchSettings(branchId);
  let ids: Set<string> | undefined;
  if (input.audience === 'committee') ids = new Set(settings.committeeIds);
  if (input.audience === 'group') {
    const group = settings.groups.find((g) => g.id === input.groupId);
    if (!group) throw badRequest([{ path: 'body.groupId', message: '请选择本支部的党小组' }], '请选择本支部的党小组');
    ids = new Set(group.memberIds);
  }
  return members
    .filter((member) => !ids || ids.has(member.userId))
    .map((member) => ({ userId: member.userId, name: member.name, voting: member.category !== 'probationary' }))
    .sort((a, b) => a.name.localeCompare(b.name, 'zh'));
}

/** A meeting ends after it starts, within a day; a group meeting names its group. */
export function assertMeetingShape(input: Pick<MeetingInput, 'startAt' | 'endAt' | 'audience' | 'groupId'>): void {
  if (Date.parse(input.endAt) <= Date.parse(input.startAt)) throw badRequest([{ path: 'body.endAt', message: '结束时间应晚于开始时间' }], '结束时间应晚于开始时间');
  if (Date.parse(input.endAt) - Date.parse(input.startAt) > 86_400_000) throw badRequest([{ path: 'body.endAt', message: '一次会议不能超过 24 小时' }], '一次会议不能超过 24 小时');
  if (input.audience === 'group' && !input.groupId) throw badRequest([{ path: 'body.groupId', message: '请选择党小组' }], '请选择党小组');
}

/** The same planning request (organiser, branch, clientRequestId) always names the same meeting. */
const meetingIdFor = (userId: string, branchId: string, clientRequestId: string) =>
  createHash('sha256').update(`${userId}\u0000${branchId}\u0000${clientRequestId}`).digest('hex').slice(0, 24);

/** Every text a secretary writes passes the moderation filter; a blocked one refuses the whole request. */
export async function assertPasses(texts: string[]): Promise<void> {
  for (const text of texts) {
    const result = await moderateText(text);
    if (result.verdict === 'block') throw contentBlockedError(result);
  }
}

export async function requireBundle(id: string): Promise<MeetingBundle> {
  const bundle = await meetingBundle(id);
  if (!bundle) throw new AppError(404, 'MEETING_NOT_FOUND');
  return bundle;
}

/** A member sees a meeting they are expected at; a manager of its branch sees everything; others learn nothing. */
export function assertSees(caller: Caller, meeting: MeetingRecord): void {
  if (managesBranch(caller, meeting.branchId)) return;
  if (!meeting.attendees.some((a) => a.userId === caller.userId)) throw new AppError(404, 'MEETING_NOT_FOUND');
}

export async function meetingDetail(caller: Caller, bundle: MeetingBundle, now = new Date()): Promise<MeetingDetail> {
  const { meeting } = bundle;
  assertSees(caller, meeting);
  const canManage = managesBranch(caller, meeting.branchId);
  const lines = attendanceLines(meeting, bundle.attendance);
  const mine = lines.find((line) => line.userId === caller.userId);
  // Minutes are for those who were there or made up the study, and for whoever runs the meeting.
  const readsMinutes = canManage || mine?.status === 'present' || mine?.status === 'makeup';
  const present = lines.filter((line) => line.status === 'present').length;
  const entitled = meeting.type === 'branch-assembly' ? meeting.attendees.filter((a) => a.voting).length : meeting.attendees.length;
  const votingPresent = meeting.type === 'branch-assembly' ? lines.filter((l, i) => l.status === 'present' && meeting.attendees[i]!.voting).length : present;
  const rule = quorum(meeting.type, entitled, votingPresent);
  return {
    meeting: meetingView(meeting, await branchName(meeting.branchId)),
    canManage,
    ...(mine ? { myAttendance: mine } : {}),
    ...(readsMinutes && meeting.minutes !== undefined ? { minutes: meeting.minutes, resolutions: meeting.resolutions } : {}),
    ...(canManage ? { agenda: meeting.agenda, attendance: lines, tasks: bundle.tasks.map((task) => taskView(task, now)) } : {}),
    ...(canManage && rule ? { quorum: rule } : {}),
  };
}

/** Plans a meeting and notifies its attendees through the outbox (once, however often the request is repeated). */
export async function planMeeting(caller: Caller, input: MeetingInput, now = new Date()): Promise<{ detail: MeetingDetail; created: boolean }> {
  const branchId = managedBranch(caller, input.branchId);
  assertMeetingShape(input);
  await assertPasses([input.topic, input.place]);
  const id = meetingIdFor(caller.userId, branchId, input.clientRequestId);
  const attendees = await attendeesFor(branchId, input);
  if (attendees.length === 0) throw badRequest([{ path: 'body.audience', message: '参会人员为空，请先设置支部委员或党小组' }], '参会人员为空，请先设置支部委员或党小组');
  const record: MeetingRecord = {
    id,
    branchId,
    type: input.type,
    topic: input.topic,
    startAt: new Date(input.startAt).toISOString(),
    endAt: new Date(input.endAt).toISOString(),
    place: input.place,
    online: input.online,
    audience: input.audience,
    ...(input.audience === 'group' && input.groupId ? { groupId: input.groupId } : {}),
    status: 'planned',
    attendees,
    plannedBy: { userId: caller.userId, name: caller.name },
    agenda: [],
    resolutions: [],
    createdAt: now.toISOString(),
  };
  const created = await createMeeting(record);
  const bundle = await requireBundle(id);
  const toUsers = attendees.map((a) => a.userId).filter((userId) => userId !== caller.userId);
  if (created && toUsers.length > 0) {
    await notify(
      {
        key: `orglife.meeting.${id}`,
        toUsers,
        title: '组织生活通知',
        description: `${MEETING_TYPE_LABELS[record.type]}安排`,
        page: `orglife/pages/meeting/index?id=${id}`,
        contentItems: [
          { key: '议题', value: clip(record.topic) },
          { key: '时间', value: shanghaiDateTime(record.startAt) },
          { key: record.online ? '线上' : '地点', value: clip(record.place) },
        ],
      },
      now,
    );
  }
  return { detail: await meetingDetail(caller, bundle, now), created };
}

/** Meetings the caller is expected at (upcoming or past), or all of a branch for its manager. */
export async function listMeetings(caller: Caller, scope: 'upcoming' | 'past' | 'branch', requested: string | undefined, listBranch: (branchId: string) => Promise<MeetingRecord[]>, now = new Date()) {
  const branchId = scope === 'branch' ? managedBranch(caller, requested) : caller.branchId;
  // A cancelled meeting stays in the upcoming list (marked) so its attendees see it was called off.
  const all = (await listBranch(branchId)).filter((m) => m.status !== 'cancelled' || scope !== 'past');
  const mine = scope === 'branch' ? all : all.filter((m) => m.attendees.some((a) => a.userId === caller.userId));
  const chosen = scope === 'upcoming' ? mine.filter((m) => m.endAt >= now.toISOString()) : scope === 'past' ? mine.filter((m) => m.endAt < now.toISOString()).reverse() : mine;
  return { chosen, branchName: await branchName(branchId) };
}

/**
 * Minutes and resolutions (each through the moderation filter), with their follow-up tasks, once the meeting
 * has begun. A resolution may answer a suggestion on the agenda; its task carries the link.
 */
export async function recordMinutes(caller: Caller, id: string, input: MeetingRecordInput, now = new Date()): Promise<MeetingDetail> {
  const bundle = await requireBundle(id);
  const { meeting } = bundle;
  assertManages(caller, meeting.branchId);
  if (meeting.status === 'cancelled') throw new AppError(409, 'MEETING_CANCELLED');
  if (meeting.status === 'held') throw new AppError(409, 'MEETING_ALREADY_RECORDED');
  if (Date.parse(meeting.startAt) > now.getTime()) throw new AppError(409, 'MEETING_NOT_STARTED');

  const problems: Array<{ path: string; message: string }> = [];
  const owners = new Map<string, string>();
  const members = new Map((await branchMembers(meeting.branchId)).map((m) => [m.userId, m.name]));
  input.resolutions.forEach((resolution, i) => {
    if (resolution.suggestionId && !meeting.agenda.some((item) => item.suggestionId === resolution.suggestionId)) {
      problems.push({ path: `body.resolutions.${i}.suggestionId`, message: '这条意见不在本次会议议程中' });
    }
    if (resolution.task) {
      const name = members.get(resolution.task.ownerId);
      if (!name) problems.push({ path: `body.resolutions.${i}.task.ownerId`, message: '任务负责人应为本支部党员' });
      else owners.set(resolution.task.ownerId, name);
      if (!/^\d{4}-\d{2}-\d{2}$/.test(resolution.task.dueDate) || Number.isNaN(Date.parse(resolution.task.dueDate))) {
        problems.push({ path: `body.resolutions.${i}.task.dueDate`, message: '完成日期不正确' });
      }
    }
  });
  if (problems.length > 0) throw badRequest(problems, problems[0]!.message);
  await assertPasses([input.minutes, ...input.resolutions.flatMap((r) => [r.text, ...(r.task ? [r.task.title] : [])])]);

  const at = now.toISOString();
  const resolutions = input.resolutions.map((r) => ({ id: randomUUID().slice(0, 8), text: r.text, ...(r.suggestionId ? { suggestionId: r.suggestionId } : {}) }));
  const tasks: TaskRecord[] = input.resolutions.flatMap((r, i) =>
    r.task
      ? [
          {
            id: randomUUID().replace(/-/g, '').slice(0, 16),
            meetingId: id,
            branchId: meeting.branchId,
            title: r.task.title,
            ownerId: r.task.ownerId,
            ownerName: owners.get(r.task.ownerId)!,
            dueDate: r.task.dueDate,
            status: 'open' as const,
            resolutionId: resolutions[i]!.id,
            ...(r.suggestionId ? { suggestionId: r.suggestionId } : {}),
            createdAt: at,
          },
        ]
      : [],
  );
  const recorded: MeetingRecord = { ...meeting, minutes: input.minutes, resolutions, recordedAt: at };
  if (!(await recordMeeting(recorded, tasks))) throw new AppError(409, 'MEETING_ALREADY_RECORDED');
  // A resolution that answers a suggestion without a follow-up task is itself the answer.
  for (const resolution of resolutions.filter((r) => r.suggestionId && !tasks.some((t) => t.resolutionId === r.id))) {
    await answerSuggestionFromMeeting(caller, recorded, resolution.suggestionId!, resolution.text, undefined, now);
  }
  for (const task of tasks) {
    await notify(
      {
        key: `orglife.task.new.${task.id}`,
        toUsers: [task.ownerId],
        title: '会议任务待办',
        description: '请按期办理会议决议',
        page: `orglife/pages/tasks/index`,
        contentItems: [
          { key: '任务', value: clip(task.title) },
          { key: '完成日期', value: task.dueDate },
        ],
      },
      now,
    );
  }
  return meetingDetail(caller, await requireBundle(id), now);
}

/**
 * Answers a suggestion on the agenda through the suggestion box's own reply path (a named author is notified, an
 * anonymous one through the branch-wide notice). The meeting's decision stands even when the answer fails.
 */
export async function answerSuggestionFromMeeting(
  actor: Pick<Caller, 'userId' | 'name'>,
  meeting: MeetingRecord,
  suggestionId: string,
  decision: string,
  result: string | undefined,
  now = new Date(),
): Promise<boolean> {
  const text = `${MEETING_TYPE_LABELS[meeting.type]}（${shanghaiDay(new Date(meeting.startAt))}）决议：${decision}${result ? `。办理结果：${result}` : ''}`;
  try {
    return await answerFromMeeting(meeting.branchId, suggestionId, { userId: actor.userId, name: actor.name }, text, now);
  } catch (error) {
    logger.warn('suggestion not answered from its meeting', { meetingId: meeting.id, reason: error instanceof Error ? error.message : String(error) });
    return false;
  }
}
