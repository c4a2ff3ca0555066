import type { ActivityType, RegistrationStatus } from '../../shared/api/signup';
import type { MemberCategory } from '../../shared/api/identity-model';

/** An activity as stored, with the counters its transactions keep (see keys.ts). */
export interface ActivityRecord {
  id: string;
  title: string;
  /** The API's `type`; stored under another name because `type` marks the kind of item in the table. */
  activityType: ActivityType;
  description: string;
  place: string;
  startAt: string;
  endAt: string;
  signupOpensAt: string;
  signupDeadline: string;
  capacity: number;
  waitlistSize: number;
  branchIds: string[];
  categories: MemberCategory[];
  checkInRequired: boolean;
  status: 'open' | 'cancelled';
  cancelReason?: string;
  cancelledAt?: string;
  confirmedCount: number;
  waitlistCount: number;
  lastWaitSeq: number;
  changeSeq: number;
  organiserId: string;
  organiserName: string;
  organiserBranchId: string;
  clientRequestId: string;
  createdAt: string;
  updatedAt: string;
}

/** One member's registration for one activity; kept (as cancelled) after a cancellation. */
export interface RegistrationRecord {
  activityId: string;
  userId: string;
  name: string;
  branchId: string;
  category: MemberCategory;
  status: RegistrationStatus;
  clientRequestId: string;
  registeredAt: string;
  /** Present while (and after) the member waited: orders the waitlist. */
  waitTicket?: string;
  promotedAt?: string;
  cancelledAt?: string;
  checkedInAt?: string;
  checkInMethod?: 'qr' | 'manual';
  /** Organiser who marked attendance by hand. */
  markedBy?: string;
}

/** The member a registration is made for, as the session names them. */
export interface Registrant {
  userId: string;
  name: string;
  branchId: string;
  category: MemberCategory;
}
