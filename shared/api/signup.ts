import * as z from 'zod/mini';
import { endpoint } from './contract';
import { clientRequestIdSchema } from './request-id';
import type { ErrorDetail } from './errors';
import { memberCategorySchema, orgIdSchema, userIdSchema } from './identity-model';

/** Kinds of activity a branch runs; labels are what members read. */
export const ACTIVITY_TYPES = ['party-day', 'volunteer', 'drill', 'study', 'other'] as const;
export const activityTypeSchema = z.enum(ACTIVITY_TYPES);
export type ActivityType = z.infer<typeof activityTypeSchema>;
export const ACTIVITY_TYPE_LABELS: Record<ActivityType, string> = {
  'party-day': '主题党日',
  volunteer: '志愿服务',
  drill: '应急演练',
  study: '专题学习',
  other: '其他活动',
};

export const REGISTRATION_STATUSES = ['confirmed', 'waitlisted', 'cancelled'] as const;
export type RegistrationStatus = (typeof REGISTRATION_STATUSES)[number];
export const REGISTRATION_STATUS_LABELS: Record<RegistrationStatus, string> = {
  confirmed: '报名成功',
  waitlisted: '候补中',
  cancelled: '已取消',
};

/** Activity ids are derived from the organiser and the creating request (see functions/signup/activities.ts). */
export const activityIdSchema = z.string().check(z.regex(/^[a-z0-9]{8,40}$/, '活动编号格式不正确'));
const instantSchema = z.iso.datetime({ offset: true, error: '时间格式不正确' });
const text = (label: string, max: number, min = 1) =>
  z.string().check(z.trim(), z.minLength(min, `请填写${label}`), z.maxLength(max, `${label}不能超过 ${max} 个字`));

/** What an organiser fills in for an activity. */
const activityFields = {
  title: text('活动名称', 40),
  type: activityTypeSchema,
  description: z.string().check(z.trim(), z.maxLength(2000, '活动介绍不能超过 2000 个字')),
  place: text('活动地点', 60),
  startAt: instantSchema,
  endAt: instantSchema,
  signupOpensAt: instantSchema,
  signupDeadline: instantSchema,
  capacity: z.number().check(z.int('名额应为整数'), z.minimum(1, '名额至少为 1'), z.maximum(5000, '名额不能超过 5000')),
  waitlistSize: z.number().check(z.int('候补名额应为整数'), z.minimum(0, '候补名额不能为负数'), z.maximum(1000, '候补名额不能超过 1000')),
  /** Branches whose members may join; empty: the whole organisation (admins only). */
  branchIds: z.array(orgIdSchema).check(z.maxLength(50, '最多选择 50 个支部')),
  /** Member categories that may join; empty: every category. */
  categories: z.array(memberCategorySchema),
  checkInRequired: z.boolean(),
};
export const activityInputSchema = z.strictObject({ ...activityFields, clientRequestId: clientRequestIdSchema });
export type ActivityInput = z.infer<typeof activityInputSchema>;
export const activityPatchSchema = z.partial(z.strictObject(activityFields));
export type ActivityPatch = z.infer<typeof activityPatchSchema>;

export interface ActivitySchedule {
  startAt: string;
  endAt: string;
  signupOpensAt: string;
  signupDeadline: string;
}

/** The longest an activity may last; longer events are split into several activities. */
export const MAX_ACTIVITY_DAYS = 7;

/** Order of the four instants, in plain words; the form and the function both check it. */
export function scheduleProblems(schedule: ActivitySchedule): ErrorDetail[] {
  const at = (value: string) => Date.parse(value);
  const problems: ErrorDetail[] = [];
  if (at(schedule.endAt) <= at(schedule.startAt)) problems.push({ path: 'body.endAt', message: '结束时间应晚于开始时间' });
  if (at(schedule.endAt) - at(schedule.startAt) > MAX_ACTIVITY_DAYS * 86_400_000) {
    problems.push({ path: 'body.endAt', message: `一次活动不能超过 ${MAX_ACTIVITY_DAYS} 天` });
  }
  if (at(schedule.signupDeadline) <= at(schedule.signupOpensAt)) {
    problems.push({ path: 'body.signupDeadline', message: '报名截止时间应晚于报名开始时间' });
  }
  if (at(schedule.signupDeadline) > at(schedule.startAt)) {
    problems.push({ path: 'body.signupDeadline', message: '报名截止时间不能晚于活动开始时间' });
  }
  return problems;
}

export const activitySchema = z.object({
  id: activityIdSchema,
  title: z.string(),
  type: activityTypeSchema,
  description: z.string(),
  place: z.string(),
  startAt: z.string(),
  endAt: z.string(),
  signupOpensAt: z.string(),
  signupDeadline: z.string(),
  capacity: z.number(),
  waitlistSize: z.number(),
  branchIds: z.array(orgIdSchema),
  categories: z.array(memberCategorySchema),
  checkInRequired: z.boolean(),
  status: z.enum(['open', 'cancelled']),
  cancelReason: z.optional(z.string()),
  confirmedCount: z.number(),
  waitlistCount: z.number(),
  seatsLeft: z.number(),
  waitlistLeft: z.number(),
  organiser: z.object({ userId: userIdSchema, name: z.string(), branchId: orgIdSchema }),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Activity = z.infer<typeof activitySchema>;

export const registrationSchema = z.object({
  activityId: activityIdSchema,
  userId: userIdSchema,
  name: z.string(),
  status: z.enum(REGISTRATION_STATUSES),
  /** 1-based place in the waitlist, for a waitlisted registration. */
  position: z.optional(z.number()),
  registeredAt: z.string(),
  promotedAt: z.optional(z.string()),
  cancelledAt: z.optional(z.string()),
  checkedInAt: z.optional(z.string()),
  checkInMethod: z.optional(z.enum(['qr', 'manual'])),
});
export type Registration = z.infer<typeof registrationSchema>;

/** Where an activity's sign-up stands now, by the server's clock. */
export const SIGNUP_STATES = ['not-open', 'open', 'closed', 'ended', 'cancelled'] as const;
export type SignupState = (typeof SIGNUP_STATES)[number];

export const activityDetailSchema = z.object({
  activity: activitySchema,
  signupState: z.enum(SIGNUP_STATES),
  /** Whether the caller's branch and category may join. */
  eligible: z.boolean(),
  /** Whether the caller may edit, cancel, show the check-in code and mark attendance. */
  canManage: z.boolean(),
  checkInOpen: z.boolean(),
  myRegistration: z.optional(registrationSchema),
});
export type ActivityDetail = z.infer<typeof activityDetailSchema>;

export const activityListItemSchema = z.object({
  activity: activitySchema,
  signupState: z.enum(SIGNUP_STATES),
  myStatus: z.optional(z.enum(REGISTRATION_STATUSES)),
});
export type ActivityListItem = z.infer<typeof activityListItemSchema>;

/** A line of the organiser's roster: the registration's state and the member's branch. */
export const attendanceMemberSchema = z.extend(
  z.pick(registrationSchema, { userId: true, name: true, status: true, position: true, checkedInAt: true, checkInMethod: true }),
  { branchId: orgIdSchema },
);
export type AttendanceMember = z.infer<typeof attendanceMemberSchema>;

export const attendanceSummarySchema = z.object({
  registered: z.number(),
  checkedIn: z.number(),
  /** Registered and not checked in; counted as absent only once the activity has ended. */
  absent: z.number(),
  waitlisted: z.number(),
  ended: z.boolean(),
});
export type AttendanceSummary = z.infer<typeof attendanceSummarySchema>;

export const activityAttendanceSchema = z.object({
  activity: activitySchema,
  summary: attendanceSummarySchema,
  /** Confirmed members by name, then the waitlist in order; never ranked by anything. */
  members: z.array(attendanceMemberSchema),
});
export type ActivityAttendance = z.infer<typeof activityAttendanceSchema>;

const daySchema = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD'));
export const branchReportQuerySchema = z.strictObject({
  branchId: z.optional(orgIdSchema),
  /** First and last day of the period (Asia/Shanghai), inclusive. */
  from: daySchema,
  to: daySchema,
});

export const branchReportSchema = z.object({
  branchId: orgIdSchema,
  branchName: z.string(),
  from: z.string(),
  to: z.string(),
  activities: z.array(
    z.object({
      id: activityIdSchema,
      title: z.string(),
      type: activityTypeSchema,
      startAt: z.string(),
      status: z.enum(['open', 'cancelled']),
      registered: z.number(),
      checkedIn: z.number(),
      absent: z.number(),
    }),
  ),
  totals: z.object({ activities: z.number(), registered: z.number(), checkedIn: z.number(), absent: z.number() }),
});
export type BranchReport = z.infer<typeof branchReportSchema>;

export const csvExportSchema = z.object({ filename: z.string(), csv: z.string() });
export type CsvExport = z.infer<typeof csvExportSchema>;

export const checkinTokenSchema = z.object({
  /** Signed token the QR code carries. */
  token: z.string(),
  /** Six digits for members who type instead of scanning (H5). */
  code: z.string(),
  /** When this token stops being accepted. */
  expiresAt: z.string(),
  /** When the next token is due: the page fetches again then. */
  rotatesAt: z.string(),
  rotationSeconds: z.number(),
});
export type CheckinToken = z.infer<typeof checkinTokenSchema>;

const activityParams = '/api/v1/activities/{id}';
const manage = ['secretary', 'admin'] as const;

export const signupApi = {
  listActivities: endpoint({
    fn: 'signup',
    method: 'GET',
    path: '/api/v1/activities',
    access: 'member',
    feature: 'signup',
    query: z.strictObject({ scope: z.optional(z.enum(['upcoming', 'past'])) }),
    response: z.object({ items: z.array(activityListItemSchema) }),
  }),
  myRegistrations: endpoint({
    fn: 'signup',
    method: 'GET',
    path: '/api/v1/activities/mine',
    access: 'member',
    feature: 'signup',
    response: z.object({ items: z.array(z.object({ registration: registrationSchema, activity: activitySchema })) }),
  }),
  organisedActivities: endpoint({
    fn: 'signup',
    method: 'GET',
    path: '/api/v1/activities/organised',
    access: manage,
    feature: 'signup',
    response: z.object({ items: z.array(activityListItemSchema) }),
  }),
  branchReport: endpoint({
    fn: 'signup',
    method: 'GET',
    path: '/api/v1/activities/reports/attendance',
    access: manage,
    feature: 'signup',
    query: branchReportQuerySchema,
    response: branchReportSchema,
  }),
  branchReportCsv: endpoint({
    fn: 'signup',
    method: 'GET',
    path: '/api/v1/activities/reports/attendance/export',
    access: manage,
    feature: 'signup',
    query: branchReportQuerySchema,
    response: csvExportSchema,
  }),
  createActivity: endpoint({
    fn: 'signup',
    method: 'POST',
    path: '/api/v1/activities',
    access: manage,
    feature: 'signup',
    body: activityInputSchema,
    response: activityDetailSchema,
  }),
  getActivity: endpoint({
    fn: 'signup',
    method: 'GET',
    path: activityParams,
    access: 'member',
    feature: 'signup',
    response: activityDetailSchema,
  }),
  updateActivity: endpoint({
    fn: 'signup',
    method: 'PATCH',
    path: activityParams,
    access: manage,
    feature: 'signup',
    body: activityPatchSchema,
    response: activityDetailSchema,
  }),
  cancelActivity: endpoint({
    fn: 'signup',
    method: 'POST',
    path: `${activityParams}/cancel`,
    access: manage,
    feature: 'signup',
    body: z.strictObject({ reason: text('取消原因', 100) }),
    response: activityDetailSchema,
  }),
  register: endpoint({
    fn: 'signup',
    method: 'POST',
    path: `${activityParams}/registrations`,
    access: 'member',
    feature: 'signup',
    body: z.strictObject({ clientRequestId: clientRequestIdSchema }),
    response: z.object({ registration: registrationSchema, replayed: z.boolean() }),
  }),
  cancelRegistration: endpoint({
    fn: 'signup',
    method: 'DELETE',
    path: `${activityParams}/registrations/mine`,
    access: 'member',
    feature: 'signup',
    response: z.object({ registration: registrationSchema }),
  }),
  attendance: endpoint({
    fn: 'signup',
    method: 'GET',
    path: `${activityParams}/attendance`,
    access: manage,
    feature: 'signup',
    response: activityAttendanceSchema,
  }),
  attendanceCsv: endpoint({
    fn: 'signup',
    method: 'GET',
    path: `${activityParams}/attendance/export`,
    access: manage,
    feature: 'signup',
    response: csvExportSchema,
  }),
  markAttendance: endpoint({
    fn: 'signup',
    method: 'PUT',
    path: `${activityParams}/attendance/{userId}`,
    access: manage,
    feature: 'signup',
    body: z.strictObject({ attended: z.boolean() }),
    response: z.object({ member: attendanceMemberSchema }),
  }),
  checkinToken: endpoint({
    fn: 'signup',
    method: 'GET',
    path: `${activityParams}/checkin-token`,
    access: manage,
    feature: 'signup.qr-checkin',
    response: checkinTokenSchema,
  }),
  checkIn: endpoint({
    fn: 'signup',
    method: 'POST',
    path: `${activityParams}/check-ins`,
    access: 'member',
    feature: 'signup.qr-checkin',
    body: z.strictObject({ token: z.string().check(z.trim(), z.minLength(1, '请输入签到码或扫描二维码'), z.maxLength(1024, '签到码无效')) }),
    response: z.object({ checkedInAt: z.string(), alreadyCheckedIn: z.boolean() }),
  }),
} as const;
