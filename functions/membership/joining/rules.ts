import * as z from 'zod/mini';
import type { WorkCalendar } from './calendar';

/**
 * The time limits of joining the Party, from the 2014 work rules (《中国共产党发展党员工作细则》) as local party
 * bodies summarise them (docs/domain.md). Each is a setting: where sources differ or a province adds its own
 * practice, the deployment changes the value, never the code.
 */
export interface JoiningRules {
  /** A talk with the applicant within this many months of the application (第七条: 一个月内). */
  talkWithinMonths: number;
  /** Activists are reviewed at least this often (每半年). */
  activistReviewMonths: number;
  /** Training and review as an activist for at least this long before becoming 发展对象 (一年以上). */
  activistMinMonths: number;
  /** 发展对象 training: at least this many days, or at least this many 学时. */
  candidateTrainingMinDays: number;
  candidateTrainingMinHours: number;
  /** Public notice at least this many working days (公示不少于5个工作日). */
  publicNoticeMinWorkingDays: number;
  /** The branch meeting within this many months of the pre-review passing. */
  admissionMeetingWithinMonths: number;
  /** The committee above approves within this many months of the branch meeting, at most `approvalMaxMonths`. */
  approvalWithinMonths: number;
  approvalMaxMonths: number;
  /** Probation from the branch meeting's vote. */
  probationMonths: number;
  /** An extended probation: at least half a year, at most one year. */
  extensionMinMonths: number;
  extensionMaxMonths: number;
  /** The decision on full membership approved within this many months of the branch meeting on it. */
  fullApprovalWithinMonths: number;
  /** Secretaries are reminded this many days before a limit passes. */
  reminderDaysBefore: number;
  calendar: WorkCalendar;
}

const months = (fallback: number, max = 24) => z._default(z.coerce.number().check(z.int(), z.minimum(0), z.maximum(max)), fallback);
const dates = z._default(
  z.pipe(
    z.string(),
    z.transform((value: string) => value.split(',').map((item) => item.trim()).filter(Boolean)),
  ),
  [],
);

/** The settings as environment variables (deployment.ts `environment`), with the 2014 rules' defaults. */
const settingsSchema = z.object({
  MEMBERSHIP_TALK_WITHIN_MONTHS: months(1),
  MEMBERSHIP_ACTIVIST_REVIEW_MONTHS: months(6),
  MEMBERSHIP_ACTIVIST_MIN_MONTHS: months(12),
  MEMBERSHIP_TRAINING_MIN_DAYS: months(3, 30),
  MEMBERSHIP_TRAINING_MIN_HOURS: months(24, 200),
  MEMBERSHIP_NOTICE_MIN_WORKING_DAYS: months(5, 30),
  MEMBERSHIP_ADMISSION_MEETING_WITHIN_MONTHS: months(1),
  MEMBERSHIP_APPROVAL_WITHIN_MONTHS: months(3),
  MEMBERSHIP_APPROVAL_MAX_MONTHS: months(6),
  MEMBERSHIP_PROBATION_MONTHS: months(12),
  MEMBERSHIP_EXTENSION_MIN_MONTHS: months(6),
  MEMBERSHIP_EXTENSION_MAX_MONTHS: months(12),
  MEMBERSHIP_FULL_APPROVAL_WITHIN_MONTHS: months(3),
  MEMBERSHIP_REMINDER_DAYS_BEFORE: months(7, 60),
  /** Public holidays (YYYY-MM-DD, comma-separated), as the State Council publishes them each year. */
  MEMBERSHIP_HOLIDAYS: dates,
  /** Weekend days that are working days that year (调休). */
  MEMBERSHIP_MAKEUP_WORKDAYS: dates,
});

export function joiningRulesFrom(env: NodeJS.ProcessEnv): JoiningRules {
  const s = settingsSchema.parse(env);
  return {
    talkWithinMonths: s.MEMBERSHIP_TALK_WITHIN_MONTHS,
    activistReviewMonths: s.MEMBERSHIP_ACTIVIST_REVIEW_MONTHS,
    activistMinMonths: s.MEMBERSHIP_ACTIVIST_MIN_MONTHS,
    candidateTrainingMinDays: s.MEMBERSHIP_TRAINING_MIN_DAYS,
    candidateTrainingMinHours: s.MEMBERSHIP_TRAINING_MIN_HOURS,
    publicNoticeMinWorkingDays: s.MEMBERSHIP_NOTICE_MIN_WORKING_DAYS,
    admissionMeetingWithinMonths: s.MEMBERSHIP_ADMISSION_MEETING_WITHIN_MONTHS,
    approvalWithinMonths: s.MEMBERSHIP_APPROVAL_WITHIN_MONTHS,
    approvalMaxMonths: s.MEMBERSHIP_APPROVAL_MAX_MONTHS,
    probationMonths: s.MEMBERSHIP_PROBATION_MONTHS,
    extensionMinMonths: s.MEMBERSHIP_EXTENSION_MIN_MONTHS,
    extensionMaxMonths: s.MEMBERSHIP_EXTENSION_MAX_MONTHS,
    fullApprovalWithinMonths: s.MEMBERSHIP_FULL_APPROVAL_WITHIN_MONTHS,
    reminderDaysBefore: s.MEMBERSHIP_REMINDER_DAYS_BEFORE,
    calendar: { holidays: new Set(s.MEMBERSHIP_HOLIDAYS), makeupWorkdays: new Set(s.MEMBERSHIP_MAKEUP_WORKDAYS) },
  };
}

let cached: JoiningRules | undefined;

export function joiningRules(): JoiningRules {
  cached ??= joiningRulesFrom(process.env);
  return cached;
}

/** The defaults alone (tests, documentation). */
export const DEFAULT_JOINING_RULES: JoiningRules = joiningRulesFrom({});
