import { ATTENDANCE_LABELS, MEETING_TYPE_LABELS, type AttendanceStatus, type Meeting } from '@shared/api';
import { beijingParts, pad } from '../services/beijing-time';

/** A meeting's time as members read it: Beijing time, whatever the phone's zone. */
export function meetingTime(meeting: Pick<Meeting, 'startAt' | 'endAt'>): string {
  const start = beijingParts(meeting.startAt);
  const end = beijingParts(meeting.endAt);
  return `${start.month}月${start.day}日 ${pad(start.hour)}:${pad(start.minute)}–${pad(end.hour)}:${pad(end.minute)}`;
}

export const meetingTitle = (meeting: Pick<Meeting, 'type' | 'topic'>) => `${MEETING_TYPE_LABELS[meeting.type]}｜${meeting.topic}`;

export const statusLabel = (status: AttendanceStatus | undefined) => (status ? ATTENDANCE_LABELS[status] : '待参加');
