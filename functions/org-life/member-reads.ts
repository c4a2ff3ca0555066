import type { MeetingType } from '../../shared/api/org-life';
import { queryAll } from '../../shared/runtime/db-helpers';
import type { Caller } from '../../shared/runtime/session';
import { meetingsIndex } from './keys';

export interface UpcomingMeeting {
  type: MeetingType;
  topic: string;
  startAt: string;
  place: string;
  online: boolean;
}

/**
 * Organisation life's read for the assistant (functions/assistant): the caller's own next meetings — planned, in
 * their branch, they among its attendees — soonest first. Read-only, through the branch's meetings index.
 */
export async function myUpcomingMeetings(caller: Caller, now = new Date(), limit = 5): Promise<UpcomingMeeting[]> {
  const items = await queryAll({
    IndexName: 'gsi1',
    KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk >= :now',
    ExpressionAttributeValues: { ':pk': meetingsIndex(caller.branchId), ':now': now.toISOString() },
  });
  return items
    .filter((item) => item.status === 'planned' && Array.isArray(item.attendees) && (item.attendees as Array<{ userId?: unknown }>).some((attendee) => attendee.userId === caller.userId))
    .map((item) => ({ type: item.meetingType as MeetingType, topic: String(item.topic), startAt: String(item.startAt), place: String(item.place), online: item.online === true }))
    .sort((a, b) => a.startAt.localeCompare(b.startAt))
    .slice(0, limit);
}
