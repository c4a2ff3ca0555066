import { STEPS } from '../../shared/api/membership-model';
import { branchMembers } from '../../shared/runtime/member-directory';
import { sendNotice, wecomNoticeSender, type Notice } from '../../shared/runtime/outbound';
import { addDays, shanghaiToday } from './joining/calendar';
import { joiningRules } from './joining/rules';
import type { PersonRecord } from './model';
import { recordsDueBy } from './store';
import type { Deadline } from '../../shared/api/membership-model';

/**
 * The daily reminder: every running limit that falls within the reminder window (a setting, 7 days) is told to
 * the secretaries of the person's branch through the shared outbox, once per person, step and date (the notice
 * key), however often the job runs. A limit already passed is told as overdue.
 */
export function deadlineNotice(record: PersonRecord, deadline: Deadline, secretaries: string[], today: string): Notice {
  const step = STEPS.find((candidate) => candidate.kind === deadline.kind)!;
  const overdue = !deadline.earliest && deadline.due < today;
  return {
    key: `membership-deadline#${record.personId}#${deadline.kind}#${deadline.due}`,
    toUsers: secretaries,
    title: '发展党员时限提醒',
    description: deadline.earliest ? '预备期即将届满' : overdue ? '已超过规定时限' : '规定时限即将到期',
    page: `membership/pages/person/index?personId=${record.personId}`,
    contentItems: [
      { key: '姓名', value: [...record.name].slice(0, 30).join('') },
      { key: '步骤', value: step.label },
      { key: deadline.earliest ? '届满日期' : '最迟日期', value: deadline.due },
    ],
  };
}

export async function remindDeadlines(now = new Date()): Promise<{ due: number; sent: Record<string, number> }> {
  const today = shanghaiToday(now);
  const due = await recordsDueBy(addDays(today, joiningRules().reminderDaysBefore));
  const secretariesOf = new Map<string, string[]>();
  const sent: Record<string, number> = {};
  for (const record of due) {
    if (!secretariesOf.has(record.branchId)) {
      secretariesOf.set(record.branchId, (await branchMembers(record.branchId)).filter((member) => member.roles.includes('secretary')).map((member) => member.userId));
    }
    const secretaries = secretariesOf.get(record.branchId)!;
    if (secretaries.length === 0) continue;
    const outcome = await sendNotice(deadlineNotice(record, record.nextDeadline, secretaries, today), wecomNoticeSender(), now);
    sent[outcome] = (sent[outcome] ?? 0) + 1;
  }
  return { due: due.length, sent };
}
