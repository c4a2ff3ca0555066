import * as z from 'zod/mini';
import { csvExportSchema, checkinTokenSchema, type CheckinToken } from './signup';

export type { CheckinToken };
import { endpoint } from './contract';
import { clientRequestIdSchema } from './request-id';
import { orgIdSchema, userIdSchema } from './identity-model';

/**
 * Organisation life (组织生活): the meetings a branch owes by the 2018 branch work regulations, their plan for the
 * year, each meeting's life (notice, check-in, 请假, 补学, minutes, resolutions, follow-up tasks), the yearly
 * 民主评议 and the committee's view of due against held. Records serve decisions and follow-up: nothing here asks
 * for a photo, a location or time spent online.
 */

export const MEETING_TYPES = ['branch-assembly', 'committee', 'group', 'lecture', 'party-day', 'life-meeting', 'appraisal'] as const;
export const meetingTypeSchema = z.enum(MEETING_TYPES);
export type MeetingType = z.infer<typeof meetingTypeSchema>;
export const MEETING_TYPE_LABELS: Record<MeetingType, string> = {
  'branch-assembly': '支部党员大会',
  committee: '支部委员会',
  group: '党小组会',
  lecture: '党课',
  'party-day': '主题党日',
  'life-meeting': '组织生活会',
  appraisal: '民主评议党员',
};

export const RHYTHM_PERIODS = ['month', 'quarter', 'year'] as const;
export type RhythmPeriod = (typeof RHYTHM_PERIODS)[number];
export const RHYTHM_PERIOD_LABELS: Record<RhythmPeriod, string> = { month: '每月', quarter: '每季度', year: '每年' };

/** How often a meeting type is due: `times` meetings per period; 主题党日 on a fixed day of the month. */
export const rhythmRuleSchema = z.strictObject({
  period: z.enum(RHYTHM_PERIODS),
  times: z.number().check(z.int('次数应为整数'), z.minimum(0, '次数不能为负数'), z.maximum(4, '每个周期最多 4 次')),
  day: z.optional(z.number().check(z.int('日期应为整数'), z.minimum(1, '日期应在 1–28 日之间'), z.maximum(28, '日期应在 1–28 日之间'))),
});
export type RhythmRule = z.infer<typeof rhythmRuleSchema>;
export const rhythmSchema = z.strictObject({
  'branch-assembly': rhythmRuleSchema,
  committee: rhythmRuleSchema,
  group: rhythmRuleSchema,
  lecture: rhythmRuleSchema,
  'party-day': rhythmRuleSchema,
  'life-meeting': rhythmRuleSchema,
  appraisal: rhythmRuleSchema,
});
export type Rhythm = z.infer<typeof rhythmSchema>;

const text = (label: string, max: number, min = 1) =>
  z.string().check(z.trim(), z.minLength(min, `请填写${label}`), z.maxLength(max, `${label}不能超过 ${max} 个字`));
const instantSchema = z.iso.datetime({ offset: true, error: '时间格式不正确' });
const daySchema = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD'));
export const orgLifeYearSchema = z.string().check(z.regex(/^20\d{2}$/, '年份格式应为 YYYY'));
export const meetingIdSchema = z.string().check(z.regex(/^[a-z0-9]{8,40}$/, '会议编号格式不正确'));
const groupIdSchema = z.string().check(z.regex(/^[a-z0-9-]{1,20}$/, '党小组编号只能包含小写字母、数字和 -'));

export const partyGroupSchema = z.strictObject({
  id: groupIdSchema,
  name: text('党小组名称', 20),
  memberIds: z.array(userIdSchema).check(z.maxLength(200, '一个党小组最多 200 人')),
});
export type PartyGroup = z.infer<typeof partyGroupSchema>;

export const branchSettingsSchema = z.object({
  branchId: orgIdSchema,
  rhythm: rhythmSchema,
  /** 支部委员会 members: who attends committee meetings and may see appraisal results. */
  committeeIds: z.array(userIdSchema),
  groups: z.array(partyGroupSchema),
  updatedAt: z.optional(z.string()),
});
export type BranchSettings = z.infer<typeof branchSettingsSchema>;
export const branchSettingsInputSchema = z.strictObject({
  branchId: z.optional(orgIdSchema),
  rhythm: rhythmSchema,
  committeeIds: z.array(userIdSchema).check(z.minLength(1, '支部委员会至少 1 人'), z.maxLength(15, '支部委员会最多 15 人')),
  groups: z.array(partyGroupSchema).check(z.maxLength(20, '最多 20 个党小组')),
});

/** One line of a year plan: a meeting type due in a period, with the day the secretary intends. */
export const planEntrySchema = z.strictObject({
  type: meetingTypeSchema,
  /** `YYYY-MM`, `YYYY-Qn` or `YYYY` (Asia/Shanghai). */
  period: z.string().check(z.regex(/^\d{4}(-(0[1-9]|1[0-2])|-Q[1-4])?$/, '周期格式应为 YYYY、YYYY-Qn 或 YYYY-MM')),
  plannedDay: daySchema,
  topic: z.optional(text('议题', 60)),
});
export type PlanEntry = z.infer<typeof planEntrySchema>;
export const yearPlanSchema = z.object({ branchId: orgIdSchema, year: orgLifeYearSchema, entries: z.array(planEntrySchema), edited: z.boolean() });
export type YearPlan = z.infer<typeof yearPlanSchema>;

export const AUDIENCES = ['all', 'committee', 'group'] as const;
export const AUDIENCE_LABELS: Record<(typeof AUDIENCES)[number], string> = { all: '全体党员', committee: '支部委员', group: '党小组' };

export const meetingInputSchema = z.strictObject({
  clientRequestId: clientRequestIdSchema,
  branchId: z.optional(orgIdSchema),
  type: meetingTypeSchema,
  topic: text('议题', 60),
  startAt: instantSchema,
  endAt: instantSchema,
  /** A room, or how to join online; never a location to prove. */
  place: text('地点或线上方式', 60),
  online: z.boolean(),
  audience: z.enum(AUDIENCES),
  groupId: z.optional(groupIdSchema),
});
export type MeetingInput = z.infer<typeof meetingInputSchema>;

/** The secretary's change to a planned meeting: only the fields given change (at least one). */
export const meetingEditSchema = z.strictObject({
  topic: z.optional(text('议题', 60)),
  startAt: z.optional(instantSchema),
  endAt: z.optional(instantSchema),
  place: z.optional(text('地点或线上方式', 60)),
  online: z.optional(z.boolean()),
  audience: z.optional(z.enum(AUDIENCES)),
  groupId: z.optional(groupIdSchema),
});
export type MeetingEdit = z.infer<typeof meetingEditSchema>;
export const meetingCancelSchema = z.strictObject({ reason: text('取消原因', 100, 2) });

export const ATTENDANCE_STATUSES = ['present', 'leave', 'makeup', 'absent'] as const;
export type AttendanceStatus = (typeof ATTENDANCE_STATUSES)[number];
export const ATTENDANCE_LABELS: Record<AttendanceStatus, string> = { present: '出席', leave: '请假', makeup: '缺席已补学', absent: '缺席' };

export const attendanceLineSchema = z.object({
  userId: userIdSchema,
  name: z.string(),
  status: z.enum(ATTENDANCE_STATUSES),
  checkedInAt: z.optional(z.string()),
  leaveReason: z.optional(z.string()),
  makeupNote: z.optional(z.string()),
  makeupAt: z.optional(z.string()),
});
export type AttendanceLine = z.infer<typeof attendanceLineSchema>;

export const TASK_STATUSES = ['open', 'done'] as const;
export const taskSchema = z.object({
  id: z.string(),
  meetingId: meetingIdSchema,
  branchId: orgIdSchema,
  title: z.string(),
  ownerId: userIdSchema,
  ownerName: z.string(),
  dueDate: z.string(),
  status: z.enum(TASK_STATUSES),
  resolutionId: z.string(),
  suggestionId: z.optional(z.string()),
  doneNote: z.optional(z.string()),
  doneAt: z.optional(z.string()),
  overdue: z.boolean(),
});
export type FollowUpTask = z.infer<typeof taskSchema>;

export const resolutionSchema = z.object({ id: z.string(), text: z.string(), suggestionId: z.optional(z.string()) });
export const agendaItemSchema = z.object({ suggestionId: z.string(), title: z.string(), addedAt: z.string() });

export const quorumSchema = z.object({
  /** The rule in words, e.g. 应到有表决权党员 12 人，实到 8 人，超过半数，可以表决. */
  rule: z.string(),
  entitled: z.number(),
  present: z.number(),
  met: z.boolean(),
});
export type Quorum = z.infer<typeof quorumSchema>;

export const meetingSchema = z.object({
  id: meetingIdSchema,
  branchId: orgIdSchema,
  branchName: z.string(),
  type: meetingTypeSchema,
  topic: z.string(),
  startAt: z.string(),
  endAt: z.string(),
  place: z.string(),
  online: z.boolean(),
  audience: z.enum(AUDIENCES),
  groupId: z.optional(z.string()),
  status: z.enum(['planned', 'held', 'cancelled']),
  /** Why the secretary cancelled it (cancelled meetings only). */
  cancelReason: z.optional(z.string()),
  attendeeCount: z.number(),
  plannedBy: z.object({ userId: userIdSchema, name: z.string() }),
  createdAt: z.string(),
});
export type Meeting = z.infer<typeof meetingSchema>;

export const meetingDetailSchema = z.object({
  meeting: meetingSchema,
  /** Whether the caller runs this meeting (the branch's secretary, or an admin). */
  canManage: z.boolean(),
  myAttendance: z.optional(attendanceLineSchema),
  /** Minutes and resolutions: for the secretary, and for members who attended (or made up the study). */
  minutes: z.optional(z.string()),
  resolutions: z.optional(z.array(resolutionSchema)),
  agenda: z.optional(z.array(agendaItemSchema)),
  attendance: z.optional(z.array(attendanceLineSchema)),
  tasks: z.optional(z.array(taskSchema)),
  quorum: z.optional(quorumSchema),
});
export type MeetingDetail = z.infer<typeof meetingDetailSchema>;

export const resolutionInputSchema = z.strictObject({
  text: text('决议内容', 500),
  /** The suggestion on the agenda this resolution answers. */
  suggestionId: z.optional(z.string().check(z.regex(/^[A-Za-z0-9-]{8,64}$/, '意见编号格式不正确'))),
  task: z.optional(
    z.strictObject({ title: text('任务内容', 100), ownerId: userIdSchema, dueDate: daySchema }),
  ),
});
export const meetingRecordInputSchema = z.strictObject({
  minutes: text('会议记录', 5000),
  resolutions: z.array(resolutionInputSchema).check(z.maxLength(20, '一次会议最多 20 项决议')),
});
export type MeetingRecordInput = z.infer<typeof meetingRecordInputSchema>;

export const APPRAISAL_GRADES = ['excellent', 'qualified', 'basic', 'unqualified'] as const;
export type AppraisalGrade = (typeof APPRAISAL_GRADES)[number];
export const APPRAISAL_GRADE_LABELS: Record<AppraisalGrade, string> = { excellent: '优秀', qualified: '合格', basic: '基本合格', unqualified: '不合格' };
export const gradeTallySchema = z.object({ excellent: z.number(), qualified: z.number(), basic: z.number(), unqualified: z.number() });
export type GradeTally = z.infer<typeof gradeTallySchema>;

export const appraisalSchema = z.object({
  branchId: orgIdSchema,
  year: orgLifeYearSchema,
  status: z.enum(['open', 'closed']),
  /** Members appraised, by name: the ballot's lines, never ordered by a result. */
  subjects: z.array(z.object({ userId: userIdSchema, name: z.string() })),
  ballots: z.number(),
  voters: z.number(),
  iHaveVoted: z.boolean(),
});
export type Appraisal = z.infer<typeof appraisalSchema>;
export const appraisalResultsSchema = z.object({
  branchId: orgIdSchema,
  year: orgLifeYearSchema,
  ballots: z.number(),
  /** The branch's tally of every grade given. */
  branch: gradeTallySchema,
  /** Per member, by name: all of them for the committee, only the caller's own line for a member. */
  members: z.array(z.object({ userId: userIdSchema, name: z.string(), tally: gradeTallySchema })),
});
export type AppraisalResults = z.infer<typeof appraisalResultsSchema>;

export const periodRowSchema = z.object({
  period: z.string(),
  type: meetingTypeSchema,
  due: z.number(),
  held: z.number(),
  planned: z.number(),
  /** Within the reminder window before the period ends, with fewer held than due. */
  endingShort: z.boolean(),
});
export const orgLifeOverviewSchema = z.object({
  branchId: orgIdSchema,
  branchName: z.string(),
  year: orgLifeYearSchema,
  rows: z.array(periodRowSchema),
  totals: z.object({ due: z.number(), held: z.number() }),
  openTasks: z.array(taskSchema),
  overdueTasks: z.number(),
});
export type OrgLifeOverview = z.infer<typeof orgLifeOverviewSchema>;

const branchQuery = z.strictObject({ branchId: z.optional(orgIdSchema) });
const yearQuery = z.strictObject({ branchId: z.optional(orgIdSchema), year: z.optional(orgLifeYearSchema) });
const manage = ['secretary', 'admin'] as const;
const meeting = '/api/v1/org-life/meetings/{id}';

export const orgLifeApi = {
  getSettings: endpoint({
    fn: 'orgLife',
    method: 'GET',
    path: '/api/v1/org-life/settings',
    access: manage,
    query: branchQuery,
    response: branchSettingsSchema,
  }),
  putSettings: endpoint({
    fn: 'orgLife',
    method: 'PUT',
    path: '/api/v1/org-life/settings',
    access: manage,
    body: branchSettingsInputSchema,
    response: branchSettingsSchema,
  }),
  getPlan: endpoint({
    fn: 'orgLife',
    method: 'GET',
    path: '/api/v1/org-life/plans/{year}',
    access: manage,
    query: branchQuery,
    response: yearPlanSchema,
  }),
  putPlan: endpoint({
    fn: 'orgLife',
    method: 'PUT',
    path: '/api/v1/org-life/plans/{year}',
    access: manage,
    body: z.strictObject({ branchId: z.optional(orgIdSchema), entries: z.array(planEntrySchema).check(z.maxLength(200, '一年的计划最多 200 项')) }),
    response: yearPlanSchema,
  }),
  overview: endpoint({
    fn: 'orgLife',
    method: 'GET',
    path: '/api/v1/org-life/overview',
    access: manage,
    query: yearQuery,
    response: orgLifeOverviewSchema,
  }),
  yearCsv: endpoint({
    fn: 'orgLife',
    method: 'GET',
    path: '/api/v1/org-life/overview/export',
    access: manage,
    query: yearQuery,
    response: csvExportSchema,
  }),
  listMeetings: endpoint({
    fn: 'orgLife',
    method: 'GET',
    path: '/api/v1/org-life/meetings',
    access: 'member',
    query: z.strictObject({ scope: z.optional(z.enum(['upcoming', 'past', 'branch'])), branchId: z.optional(orgIdSchema) }),
    response: z.object({ items: z.array(z.object({ meeting: meetingSchema, myStatus: z.optional(z.enum(ATTENDANCE_STATUSES)) })) }),
  }),
  planMeeting: endpoint({
    fn: 'orgLife',
    method: 'POST',
    path: '/api/v1/org-life/meetings',
    access: manage,
    body: meetingInputSchema,
    response: meetingDetailSchema,
  }),
  getMeeting: endpoint({ fn: 'orgLife', method: 'GET', path: meeting, access: 'member', response: meetingDetailSchema }),
  editMeeting: endpoint({ fn: 'orgLife', method: 'PATCH', path: meeting, access: manage, body: meetingEditSchema, response: meetingDetailSchema }),
  cancelMeeting: endpoint({ fn: 'orgLife', method: 'POST', path: `${meeting}/cancel`, access: manage, body: meetingCancelSchema, response: meetingDetailSchema }),
  checkinToken: endpoint({ fn: 'orgLife', method: 'GET', path: `${meeting}/checkin-token`, access: manage, response: checkinTokenSchema }),
  checkIn: endpoint({
    fn: 'orgLife',
    method: 'POST',
    path: `${meeting}/check-ins`,
    access: 'member',
    body: z.strictObject({
      token: z.string().check(z.trim(), z.minLength(1, '请输入签到码或扫描二维码'), z.maxLength(1024, '签到码无效')),
      clientRequestId: clientRequestIdSchema,
      /**
       * When the code was scanned, for a check-in that waited on the phone without network (server time, as the
       * app's clock service converts it): the code is checked as of then, within the meeting's check-in window.
       */
      scannedAt: z.optional(instantSchema),
    }),
    response: z.object({ checkedInAt: z.string(), alreadyCheckedIn: z.boolean() }),
  }),
  askLeave: endpoint({
    fn: 'orgLife',
    method: 'POST',
    path: `${meeting}/leave`,
    access: 'member',
    body: z.strictObject({ reason: text('请假原因', 100, 2), clientRequestId: clientRequestIdSchema }),
    response: z.object({ attendance: attendanceLineSchema }),
  }),
  recordMakeup: endpoint({
    fn: 'orgLife',
    method: 'POST',
    path: `${meeting}/makeup`,
    access: manage,
    body: z.strictObject({ userId: userIdSchema, note: text('补学情况', 200, 2) }),
    response: z.object({ attendance: attendanceLineSchema }),
  }),
  addAgenda: endpoint({
    fn: 'orgLife',
    method: 'POST',
    path: `${meeting}/agenda`,
    access: manage,
    body: z.strictObject({ suggestionId: z.string().check(z.regex(/^[A-Za-z0-9-]{8,64}$/, '意见编号格式不正确')) }),
    response: meetingDetailSchema,
  }),
  recordMeeting: endpoint({
    fn: 'orgLife',
    method: 'PUT',
    path: `${meeting}/record`,
    access: manage,
    body: meetingRecordInputSchema,
    response: meetingDetailSchema,
  }),
  meetingPdf: endpoint({
    fn: 'orgLife',
    method: 'GET',
    path: `${meeting}/record/pdf`,
    access: manage,
    response: z.object({ filename: z.string(), contentType: z.literal('application/pdf'), base64: z.string() }),
  }),
  listTasks: endpoint({
    fn: 'orgLife',
    method: 'GET',
    path: '/api/v1/org-life/tasks',
    access: 'member',
    query: z.strictObject({ branchId: z.optional(orgIdSchema), mine: z.optional(z.enum(['true', 'false'])) }),
    response: z.object({ items: z.array(taskSchema) }),
  }),
  closeTask: endpoint({
    fn: 'orgLife',
    method: 'POST',
    path: `${meeting}/tasks/{taskId}/done`,
    access: 'member',
    body: z.strictObject({ note: text('办理结果', 300, 2) }),
    response: z.object({ task: taskSchema, suggestionReplied: z.boolean() }),
  }),
  openAppraisal: endpoint({
    fn: 'orgLife',
    method: 'POST',
    path: '/api/v1/org-life/appraisals/{year}',
    access: manage,
    body: z.strictObject({ branchId: z.optional(orgIdSchema) }),
    response: appraisalSchema,
  }),
  closeAppraisal: endpoint({
    fn: 'orgLife',
    method: 'POST',
    path: '/api/v1/org-life/appraisals/{year}/close',
    access: manage,
    body: z.strictObject({ branchId: z.optional(orgIdSchema) }),
    response: appraisalSchema,
  }),
  getAppraisal: endpoint({
    fn: 'orgLife',
    method: 'GET',
    path: '/api/v1/org-life/appraisals/{year}',
    access: 'member',
    response: appraisalSchema,
  }),
  castBallot: endpoint({
    fn: 'orgLife',
    method: 'POST',
    path: '/api/v1/org-life/appraisals/{year}/ballots',
    access: 'member',
    body: z.strictObject({
      grades: z
        .array(z.strictObject({ userId: userIdSchema, grade: z.enum(APPRAISAL_GRADES) }))
        .check(z.minLength(1, '请为每位党员选择评议等次'), z.maxLength(99, '一张选票最多评议 99 人')),
    }),
    response: z.object({ accepted: z.boolean() }),
  }),
  appraisalResults: endpoint({
    fn: 'orgLife',
    method: 'GET',
    path: '/api/v1/org-life/appraisals/{year}/results',
    access: 'member',
    query: branchQuery,
    response: appraisalResultsSchema,
  }),
} as const;
