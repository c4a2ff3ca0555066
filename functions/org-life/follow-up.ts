import type { FollowUpTask, MeetingDetail } from '../../shared/api/org-life';
import { contentBlockedError, moderateText } from '../../shared/moderation';
import { AppError } from '../../shared/runtime/app-error';
import type { Caller } from '../../shared/runtime/session';
import { suggestionForAgenda } from '../suggestion-box/meeting-loop';
import { assertManages, managedBranch, managesBranch } from './access';
import { answerSuggestionFromMeeting, meetingDetail, requireBundle } from './meetings';
import { clip, notify } from './notices';
import { shanghaiDay } from './rhythm';
import { orgLifeSettings } from './settings';
import { addAgendaItem, branchTasks, closeTask, getTask, openTasksDueBy } from './store';
import { taskView } from './views';

/**
 * Decisions get done: suggestions on the agenda, follow-up tasks with owners and due dates, reminders before
 * the due date, and the answer to the member who raised a suggestion once its task is done.
 */

/** A handler puts a suggestion of the meeting's branch on its agenda (the title only; the author stays unknown). */
export async function addToAgenda(caller: Caller, meetingId: string, suggestionId: string, now = new Date()): Promise<MeetingDetail> {
  const { meeting } = await requireBundle(meetingId);
  assertManages(caller, meeting.branchId);
  if (meeting.status !== 'planned') throw new AppError(409, 'MEETING_ALREADY_RECORDED', '会议已记录，不能再添加议程');
  const suggestion = await suggestionForAgenda(caller, suggestionId);
  if (suggestion.branchId !== meeting.branchId) throw new AppError(409, 'CONFLICT', '只能把本支部的意见列入本支部会议议程');
  const outcome = await addAgendaItem(meetingId, { suggestionId, title: suggestion.title, addedAt: now.toISOString() });
  if (outcome === 'not-planned') throw new AppError(409, 'MEETING_ALREADY_RECORDED', '会议已记录，不能再添加议程');
  return meetingDetail(caller, await requireBundle(meetingId), now);
}

/** The branch's tasks for its managers, or the caller's own tasks (`mine`). */
export async function listTasks(caller: Caller, query: { branchId?: string; mine?: 'true' | 'false' }, now = new Date()): Promise<FollowUpTask[]> {
  const mine = query.mine === 'true' || !managesBranch(caller, query.branchId ?? caller.branchId);
  const branchId = mine ? caller.branchId : managedBranch(caller, query.branchId);
  const tasks = await branchTasks(branchId);
  return tasks.filter((task) => !mine || task.ownerId === caller.userId).map((task) => taskView(task, now));
}

/**
 * Closes a task (its owner, or a manager of the branch). When it follows a resolution that answers a suggestion,
 * the suggestion box answers the member who raised it with the resolution and the result.
 */
export async function completeTask(caller: Caller, meetingId: string, taskId: string, note: string, now = new Date()): Promise<{ task: FollowUpTask; suggestionReplied: boolean }> {
  const task = await getTask(meetingId, taskId);
  if (!task) throw new AppError(404, 'TASK_NOT_FOUND');
  if (task.ownerId !== caller.userId && !managesBranch(caller, task.branchId)) throw new AppError(404, 'TASK_NOT_FOUND');
  if (task.status === 'done') throw new AppError(409, 'TASK_ALREADY_DONE');
  const moderation = await moderateText(note);
  if (moderation.verdict === 'block') throw contentBlockedError(moderation);
  const at = now.toISOString();
  if (!(await closeTask(task, note, at))) throw new AppError(409, 'TASK_ALREADY_DONE');
  const done = { ...task, status: 'done' as const, doneNote: note, doneAt: at };
  let suggestionReplied = false;
  if (task.suggestionId) {
    const { meeting } = await requireBundle(meetingId);
    const resolution = meeting.resolutions.find((r) => r.id === task.resolutionId);
    suggestionReplied = await answerSuggestionFromMeeting(caller, meeting, task.suggestionId, resolution?.text ?? task.title, note, now);
  }
  return { task: taskView(done, now), suggestionReplied };
}

/** Reminds each open task's owner once, the configured days before its due date (and once more when overdue). */
export async function remindTasks(now = new Date()): Promise<{ reminded: number }> {
  const days = orgLifeSettings().ORG_LIFE_TASK_REMINDER_DAYS;
  const today = shanghaiDay(now);
  const horizon = shanghaiDay(new Date(now.getTime() + days * 86_400_000));
  const due = await openTasksDueBy(horizon);
  for (const task of due) {
    const overdue = task.dueDate < today;
    await notify(
      {
        key: `orglife.task.${overdue ? 'overdue' : 'due'}.${task.id}`,
        toUsers: [task.ownerId],
        title: overdue ? '会议任务已逾期' : '会议任务即将到期',
        description: '请尽快办理并办结',
        page: 'orglife/pages/tasks/index',
        contentItems: [
          { key: '任务', value: clip(task.title) },
          { key: '完成日期', value: task.dueDate },
        ],
      },
      now,
    );
  }
  return { reminded: due.length };
}
