import type { AppraisalGrade, AttendanceStatus, MeetingType, PlanEntry, Rhythm, PartyGroup } from '../../shared/api/org-life';

/** Records of organisation life as stored (without table keys). */

export interface SettingsRecord {
  branchId: string;
  rhythm: Rhythm;
  committeeIds: string[];
  groups: PartyGroup[];
  updatedAt?: string;
}

export interface PlanRecord {
  branchId: string;
  year: string;
  entries: PlanEntry[];
  updatedAt: string;
}

export interface Attendee {
  userId: string;
  name: string;
  /** 预备党员 attend but have no vote (quorum of a 党员大会). */
  voting: boolean;
}

export interface MeetingRecord {
  id: string;
  branchId: string;
  type: MeetingType;
  topic: string;
  startAt: string;
  endAt: string;
  place: string;
  online: boolean;
  audience: 'all' | 'committee' | 'group';
  groupId?: string;
  status: 'planned' | 'held' | 'cancelled';
  /** Who is expected, fixed when the meeting is planned. */
  attendees: Attendee[];
  plannedBy: { userId: string; name: string };
  agenda: Array<{ suggestionId: string; title: string; addedAt: string }>;
  minutes?: string;
  resolutions: Array<{ id: string; text: string; suggestionId?: string }>;
  recordedAt?: string;
  cancelReason?: string;
  cancelledAt?: string;
  /** The secretary's last change to the plan (time, place, topic, attendees). */
  updatedAt?: string;
  createdAt: string;
}

export interface AttendanceRecord {
  meetingId: string;
  userId: string;
  status: Exclude<AttendanceStatus, 'absent'>;
  checkedInAt?: string;
  leaveReason?: string;
  makeupNote?: string;
  makeupAt?: string;
}

export interface TaskRecord {
  id: string;
  meetingId: string;
  branchId: string;
  title: string;
  ownerId: string;
  ownerName: string;
  dueDate: string;
  status: 'open' | 'done';
  resolutionId: string;
  suggestionId?: string;
  doneNote?: string;
  doneAt?: string;
  createdAt: string;
}

export interface AppraisalRecord {
  branchId: string;
  year: string;
  status: 'open' | 'closed';
  subjects: Array<{ userId: string; name: string }>;
  ballots: number;
  openedAt: string;
  closedAt?: string;
}

export type Tally = Record<AppraisalGrade, number>;
