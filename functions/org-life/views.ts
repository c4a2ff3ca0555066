import { format } from 'date-fns';
import { tz } from '@date-fns/tz';
import type { AttendanceLine, FollowUpTask, Meeting } from '../../shared/api/org-life';
import type { AttendanceRecord, MeetingRecord, TaskRecord } from './model';
import { shanghaiDay } from './rhythm';

const shanghai = tz('Asia/Shanghai');
export const shanghaiDateTime = (iso: string) => format(new Date(iso), 'yyyy年M月d日 HH:mm', { in: shanghai });

export function meetingView(record: MeetingRecord, branchName: string): Meeting {
  return {
    id: record.id,
    branchId: record.branchId,
    branchName,
    type: record.type,
    topic: record.topic,
    startAt: record.startAt,
    endAt: record.endAt,
    place: record.place,
    online: record.online,
    audience: record.audience,
    ...(record.groupId ? { groupId: record.groupId } : {}),
    status: record.status,
    ...(record.cancelReason ? { cancelReason: record.cancelReason } : {}),
    attendeeCount: record.attendees.length,
    plannedBy: record.plannedBy,
    createdAt: record.createdAt,
  };
}

/** Each expected attendee's line, by name (never ranked): present, on leave, made up, or absent. */
export function attendanceLines(meeting: MeetingRecord, records: AttendanceRecord[]): AttendanceLine[] {
  const byUser = new Map(records.map((record) => [record.userId, record]));
  return meeting.attendees.map((attendee) => {
    const record = byUser.get(attendee.userId);
    return {
      userId: attendee.userId,
      name: attendee.name,
      status: record?.status ?? 'absent',
      ...(record?.checkedInAt ? { checkedInAt: record.checkedInAt } : {}),
      ...(record?.leaveReason ? { leaveReason: record.leaveReason } : {}),
      ...(record?.makeupNote ? { makeupNote: record.makeupNote } : {}),
      ...(record?.makeupAt ? { makeupAt: record.makeupAt } : {}),
    };
  });
}

export function taskView(task: TaskRecord, now: Date): FollowUpTask {
  return {
    id: task.id,
    meetingId: task.meetingId,
    branchId: task.branchId,
    title: task.title,
    ownerId: task.ownerId,
    ownerName: task.ownerName,
    dueDate: task.dueDate,
    status: task.status,
    resolutionId: task.resolutionId,
    ...(task.suggestionId ? { suggestionId: task.suggestionId } : {}),
    ...(task.doneNote ? { doneNote: task.doneNote } : {}),
    ...(task.doneAt ? { doneAt: task.doneAt } : {}),
    overdue: task.status === 'open' && task.dueDate < shanghaiDay(now),
  };
}
