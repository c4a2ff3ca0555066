import * as z from 'zod/mini';
import { endpoint } from './contract';
import { clientRequestIdSchema } from './request-id';
import { MEMBER_CATEGORIES, memberCategorySchema, orgIdSchema, postTagSchema } from './identity-model';

/** Course formats: recorded video, illustrated article, live session, offline class. */
export const COURSE_TYPES = ['video', 'article', 'live', 'offline'] as const;
export const courseTypeSchema = z.enum(COURSE_TYPES);
export type CourseType = z.infer<typeof courseTypeSchema>;
export const COURSE_TYPE_LABELS: Record<CourseType, string> = { video: '视频课', article: '图文课', live: '直播课', offline: '线下培训' };

/** The topics the catalogue is organised by (filters and the seed); admins may use other tags too. */
export const COURSE_TAGS = ['森林防火', '病虫害防治', '政策法规', '企业管理', '党史', '党章党规', '安全生产', '林下经济', '碳汇', '理论学习'] as const;

export const COURSE_STATUSES = ['published', 'archived'] as const;
export const courseStatusSchema = z.enum(COURSE_STATUSES);
export type CourseStatus = z.infer<typeof courseStatusSchema>;
export const COURSE_STATUS_LABELS: Record<CourseStatus, string> = { published: '已上架', archived: '已下架' };

/** Path words under /courses that a course id may not take. */
const RESERVED_COURSE_IDS = new Set(['recommended', 'import', 'push']);
export const courseIdSchema = z.string().check(
  z.regex(/^[a-z0-9][a-z0-9-]{1,39}$/, '课程编号应为 2–40 位小写字母、数字或短横线'),
  z.refine((id) => !RESERVED_COURSE_IDS.has(id), '该课程编号为系统保留，请换一个'),
);

/** `YYYY-MM-DD`, a real calendar day. */
export const daySchema = z.string().check(
  z.regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD'),
  z.refine((day) => !Number.isNaN(Date.parse(`${day}T00:00:00Z`)) && new Date(`${day}T00:00:00Z`).toISOString().startsWith(day), '日期不存在'),
);
export const yearSchema = z.coerce.number().check(z.int('年份应为整数'), z.minimum(2000, '年份不正确'), z.maximum(2100, '年份不正确'));
/** ISO week in Asia/Shanghai, e.g. `2026-W07`. */
export const isoWeekSchema = z.string().check(z.regex(/^\d{4}-W(0[1-9]|[1-4]\d|5[0-3])$/, '周次格式应为 YYYY-Www'));

const titleSchema = z.string().check(z.trim(), z.minLength(2, '课程名称至少 2 个字'), z.maxLength(40, '课程名称不超过 40 个字'));
const summarySchema = z.string().check(z.trim(), z.maxLength(300, '课程简介不超过 300 个字'));
const tagSchema = z.string().check(z.trim(), z.minLength(1, '标签不能为空'), z.maxLength(12, '每个标签不超过 12 个字'));
/** Study hours (学时): half-hour steps, as training records count them. */
export const studyHoursSchema = z.number().check(
  z.positive('学时应大于 0'),
  z.maximum(100, '单门课程学时不超过 100'),
  z.refine((hours) => Number.isInteger(hours * 2), '学时应为 0.5 的倍数'),
);

/** Content kinds: Markdown text read in the app, audio/video played by the platform's player, a PDF opened by URL. */
export const CHAPTER_KINDS = ['text', 'audio', 'video', 'pdf'] as const;
export const chapterKindSchema = z.enum(CHAPTER_KINDS);
export type ChapterKind = z.infer<typeof chapterKindSchema>;
export const CHAPTER_KIND_LABELS: Record<ChapterKind, string> = { text: '图文', audio: '音频', video: '视频', pdf: 'PDF' };
export const isMediaKind = (kind: ChapterKind): kind is 'audio' | 'video' => kind === 'audio' || kind === 'video';

export const chapterIdSchema = z.string().check(z.regex(/^[a-z0-9][a-z0-9-]{0,39}$/, '章节编号应为 1–40 位小写字母、数字或短横线'));
const contentUrlSchema = z.string().check(z.trim(), z.maxLength(500, '链接不超过 500 个字符'), z.regex(/^https?:\/\/\S+$/, '链接应以 http:// 或 https:// 开头'));

/** One chapter of a course; what it takes to study it depends on its kind. */
export const chapterSchema = z
  .strictObject({
    chapterId: chapterIdSchema,
    title: z.string().check(z.trim(), z.minLength(1, '章节标题不能为空'), z.maxLength(40, '章节标题不超过 40 个字')),
    kind: chapterKindSchema,
    /** Markdown, for text chapters. */
    body: z.optional(z.string().check(z.maxLength(20_000, '章节正文不超过 20000 个字'))),
    /** Audio, video or PDF address. */
    url: z.optional(contentUrlSchema),
    /** Length of an audio or video, in seconds. */
    durationSeconds: z.optional(z.number().check(z.int('时长应为整数秒'), z.minimum(1, '时长应大于 0'), z.maximum(36_000, '单个音视频不超过 10 小时'))),
    /** Expected reading time of a text or PDF chapter: the most study time it can earn. */
    readMinutes: z.optional(z.number().check(z.int('阅读时长应为整数分钟'), z.minimum(1, '阅读时长至少 1 分钟'), z.maximum(600, '阅读时长不超过 600 分钟'))),
  })
  .check(
    z.refine((chapter) => chapter.kind !== 'text' || (chapter.body ?? '').trim() !== '', { message: '图文章节需要正文', path: ['body'] }),
    z.refine((chapter) => chapter.kind === 'text' || chapter.url !== undefined, { message: '音视频和 PDF 章节需要链接', path: ['url'] }),
    z.refine((chapter) => !isMediaKind(chapter.kind) || chapter.durationSeconds !== undefined, { message: '音视频章节需要时长（秒）', path: ['durationSeconds'] }),
    z.refine((chapter) => isMediaKind(chapter.kind) || chapter.readMinutes !== undefined, { message: '图文和 PDF 章节需要阅读时长（分钟）', path: ['readMinutes'] }),
  );
export type Chapter = z.infer<typeof chapterSchema>;

/** A quiz question (题库): choices and the index of the right one; members never receive `answer`. */
export const quizQuestionSchema = z.strictObject({
  question: z.string().check(z.trim(), z.minLength(2, '题目至少 2 个字'), z.maxLength(200, '题目不超过 200 个字')),
  options: z
    .array(z.string().check(z.trim(), z.minLength(1, '选项不能为空'), z.maxLength(100, '选项不超过 100 个字')))
    .check(z.minLength(2, '每题至少 2 个选项'), z.maxLength(6, '每题最多 6 个选项')),
  answer: z.optional(z.number().check(z.int(), z.minimum(0, '答案序号不正确'), z.maximum(5, '答案序号不正确'))),
});
export type QuizQuestion = z.infer<typeof quizQuestionSchema>;

const courseFields = {
  title: titleSchema,
  summary: summarySchema,
  type: courseTypeSchema,
  hours: studyHoursSchema,
  tags: z.array(tagSchema).check(z.minLength(1, '至少填写 1 个标签'), z.maxLength(8, '标签最多 8 个')),
  /** Member categories the course is meant for; empty means everyone. */
  targetCategories: z.array(memberCategorySchema).check(z.maxLength(MEMBER_CATEGORIES.length)),
  /** Post tags (岗位) the course fits; empty means any post. */
  targetPosts: z.array(postTagSchema).check(z.maxLength(10, '适用岗位最多 10 个')),
  /** 必修 (with a due date) or 选修. */
  required: z.boolean(),
  dueDate: z.optional(daySchema),
  /** What is studied; a course without chapters cannot be completed in the app. */
  chapters: z._default(z.array(chapterSchema).check(z.maxLength(30, '章节最多 30 个')), []),
  /** A short quiz that must be passed (pass mark in the settings) before the course counts. */
  quiz: z.optional(z.array(quizQuestionSchema).check(z.minLength(1, '测验至少 1 题'), z.maxLength(20, '测验最多 20 题'))),
};

/** What an admin writes: create or replace a course. */
export const courseInputSchema = z
  .strictObject({ ...courseFields, status: z._default(courseStatusSchema, 'published') })
  .check(
    z.refine((course) => !course.required || course.dueDate !== undefined, { message: '必修课需要填写截止日期', path: ['dueDate'] }),
    z.refine((course) => course.required || course.dueDate === undefined, { message: '选修课不设截止日期', path: ['dueDate'] }),
    z.refine((course) => new Set(course.chapters.map((chapter) => chapter.chapterId)).size === course.chapters.length, { message: '章节编号不能重复', path: ['chapters'] }),
    z.refine((course) => (course.quiz ?? []).every((question) => question.answer !== undefined && question.answer < question.options.length), {
      message: '每道测验题都要标明正确选项',
      path: ['quiz'],
    }),
  );
export type CourseInput = z.infer<typeof courseInputSchema>;

export const courseSchema = z.object({
  courseId: z.string(),
  ...courseFields,
  status: courseStatusSchema,
  publishedAt: z.string(),
  updatedAt: z.string(),
});
export type Course = z.infer<typeof courseSchema>;

/** What was measured of one chapter: seconds the text was open, and the merged intervals of media played. */
export const chapterStudySchema = z.object({
  readSeconds: z.number(),
  played: z.array(z.tuple([z.number(), z.number()])),
});
export type ChapterStudy = z.infer<typeof chapterStudySchema>;

/** A member's own progress on one course. */
export const learningRecordSchema = z.object({
  courseId: z.string(),
  /** Computed by the server from what was read and played, 0–100. */
  progress: z.number(),
  completed: z.boolean(),
  /** Study hours credited: the measured study time, capped at the course's hours (0 for a course not studied). */
  creditedHours: z.number(),
  /** Measured study time so far, in seconds. */
  studiedSeconds: z._default(z.number(), 0),
  chapters: z._default(z.record(z.string(), chapterStudySchema), {}),
  completedAt: z.optional(z.string()),
  quizScore: z.optional(z.number()),
  rating: z.optional(z.number()),
  startedAt: z.string(),
  updatedAt: z.string(),
});
export type LearningRecord = z.infer<typeof learningRecordSchema>;

export const courseWithProgressSchema = z.object({ course: courseSchema, progress: z.optional(learningRecordSchema) });
export type CourseWithProgress = z.infer<typeof courseWithProgressSchema>;

export const courseListQuerySchema = z.strictObject({
  tag: z.optional(tagSchema),
  type: z.optional(courseTypeSchema),
  kind: z.optional(z.enum(['required', 'elective'])),
  q: z.optional(z.string().check(z.trim(), z.maxLength(20, '搜索词不超过 20 个字'))),
  /** Admins only: archived courses too. */
  status: z.optional(z.enum(['published', 'archived', 'all'])),
  limit: z.optional(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(200))),
  offset: z.optional(z.coerce.number().check(z.int(), z.minimum(0))),
});

export const courseListSchema = z.object({ items: z.array(courseWithProgressSchema), total: z.number() });

export const RECOMMENDATION_KINDS = ['required', 'continue', 'recommended'] as const;
export const recommendationSchema = z.object({
  course: courseSchema,
  kind: z.enum(RECOMMENDATION_KINDS),
  /** Short Chinese reasons, the strongest first: 「适合护林员岗位」「与您学过的《…》相关」. */
  reasons: z.array(z.string()),
  score: z.number(),
  progress: z.optional(z.number()),
});
export type Recommendation = z.infer<typeof recommendationSchema>;
export const recommendationListSchema = z.object({ items: z.array(recommendationSchema), generatedAt: z.string() });


const secondSchema = z.number().check(z.minimum(0, '播放位置不能为负'), z.maximum(36_000, '播放位置超出范围'));

/**
 * One progress report: what was read (seconds a chapter was on screen since the last report) or played (the
 * intervals of the media the player's time updates covered). The server computes progress from them; a
 * completion is only a request to count the course, granted when the measured study is there.
 * The same clientRequestId twice has one effect, however late it arrives.
 */
export const progressInputSchema = z
  .strictObject({
    courseId: courseIdSchema,
    chapterId: z.optional(chapterIdSchema),
    readSeconds: z.optional(z.number().check(z.int('阅读时长应为整数秒'), z.minimum(1, '阅读时长应大于 0'), z.maximum(3_600, '一次最多记录 3600 秒阅读'))),
    played: z.optional(
      z
        .array(z.tuple([secondSchema, secondSchema]).check(z.refine(([start, end]) => end > start, '播放区间的结束应晚于开始')))
        .check(z.minLength(1, '播放区间不能为空'), z.maxLength(200, '一次最多 200 个播放区间')),
    ),
    completed: z._default(z.boolean(), false),
    /**
     * Ignored: the percentage app versions before measured study sent. Still accepted so reports waiting in an
     * older app's offline queue are delivered (and told what is missing) instead of refused.
     */
    progress: z.optional(z.number().check(z.int('进度应为整数'), z.minimum(0, '进度不能小于 0'), z.maximum(100, '进度不能超过 100'))),
    /** Chosen option per quiz question, in order. */
    quizAnswers: z.optional(z.array(z.number().check(z.int(), z.minimum(0, '选项不正确'), z.maximum(5, '选项不正确'))).check(z.maxLength(20))),
    /** How useful the member found it, 1–5. */
    rating: z.optional(z.number().check(z.int('评分应为整数'), z.minimum(1, '评分应在 1–5 之间'), z.maximum(5, '评分应在 1–5 之间'))),
    clientRequestId: clientRequestIdSchema,
    /** When it happened on the device (an offline queue sends it later). */
    occurredAt: z.optional(z.iso.datetime({ message: '时间格式应为 ISO-8601', offset: true })),
  })
  .check(
    z.refine((input) => (input.readSeconds === undefined && input.played === undefined) || input.chapterId !== undefined, { message: '请注明章节', path: ['chapterId'] }),
    z.refine((input) => input.readSeconds === undefined || input.played === undefined, { message: '一次只报告阅读或播放其中一种', path: ['played'] }),
  );
export type ProgressInput = z.infer<typeof progressInputSchema>;

export const progressResultSchema = z.object({
  record: learningRecordSchema,
  /** This report completed the course now (its hours counted); false for a repeat completion. */
  completedNow: z.boolean(),
  /** The same clientRequestId was already recorded: nothing changed. */
  replayed: z.boolean(),
  /** Why a requested completion was not granted (Chinese, one line each); empty when nothing is missing. */
  missing: z._default(z.array(z.string()), []),
  yearHours: z.number(),
});
export type ProgressResult = z.infer<typeof progressResultSchema>;

const requiredCourseStatusSchema = z.object({
  courseId: z.string(),
  title: z.string(),
  hours: z.number(),
  dueDate: z.string(),
  progress: z.number(),
  completed: z.boolean(),
  overdue: z.boolean(),
});

export const myStudySchema = z.object({
  year: z.number(),
  requiredHours: z.number(),
  completedHours: z.number(),
  remainingHours: z.number(),
  completed: z.array(z.object({ courseId: z.string(), title: z.string(), hours: z.number(), completedAt: z.string() })),
  inProgress: z.array(z.object({ courseId: z.string(), title: z.string(), progress: z.number() })),
  requiredCourses: z.array(requiredCourseStatusSchema),
});
export type MyStudy = z.infer<typeof myStudySchema>;

/** Branch totals for secretaries: sums and shares only, never a list or ranking of people. */
export const branchStudySchema = z.object({
  branchId: z.string(),
  year: z.number(),
  requiredHours: z.number(),
  memberCount: z.number(),
  totalHours: z.number(),
  averageHours: z.number(),
  membersMeetingRequirement: z.number(),
  requiredCourses: z.array(
    z.object({ courseId: z.string(), title: z.string(), dueDate: z.string(), eligibleMembers: z.number(), completedMembers: z.number(), completionRate: z.number() }),
  ),
});
export type BranchStudy = z.infer<typeof branchStudySchema>;

export const pushPreferenceSchema = z.object({ enabled: z.boolean() });
export const pushClickSchema = z.strictObject({ week: isoWeekSchema, courseId: z.optional(courseIdSchema) });

const timeOfDaySchema = z.string().check(z.regex(/^([01]\d|2[0-3]):[0-5]\d$/, '时间格式应为 HH:mm'));
const weightSchema = z.number().check(z.minimum(0, '权重不能为负'), z.maximum(10, '权重不超过 10'));

/** Push and recommender settings; admins change them, the defaults live beside the function. */
export const studyRulesSchema = z.strictObject({
  /** A text or PDF chapter counts as read after this many seconds on screen. */
  minChapterReadSeconds: z.number().check(z.int(), z.minimum(10, '最短阅读时间不少于 10 秒'), z.maximum(1_800, '最短阅读时间不超过 30 分钟')),
  /** Share of an audio or video that must have been played (≥ 90 %). */
  mediaCoverage: z.number().check(z.minimum(0.9, '音视频至少要播放 90%'), z.maximum(1, '播放比例不超过 100%')),
  /** Quiz pass mark, percent of questions right. */
  quizPassMark: z.number().check(z.int(), z.minimum(1, '及格线应在 1–100 之间'), z.maximum(100, '及格线应在 1–100 之间')),
});
export type StudyRules = z.infer<typeof studyRulesSchema>;
export const DEFAULT_STUDY_RULES: StudyRules = { minChapterReadSeconds: 60, mediaCoverage: 0.9, quizPassMark: 60 };

export const courseSettingsSchema = z.strictObject({
  annualStudyHours: z.number().check(z.positive(), z.maximum(200)),
  /** Settings saved before the study rules existed read with their defaults. */
  study: z._default(studyRulesSchema, DEFAULT_STUDY_RULES),
  push: z.strictObject({
    itemsPerNotice: z.number().check(z.int(), z.minimum(1, '至少推送 1 门课程'), z.maximum(10, '一条消息最多 10 门课程')),
    minDaysBetweenPushes: z.number().check(z.int(), z.minimum(0), z.maximum(60)),
    maxPushesPer30Days: z.number().check(z.int(), z.minimum(1), z.maximum(30)),
    /** Asia/Shanghai; nothing is sent from start to end (may wrap midnight). */
    quietHours: z.strictObject({ start: timeOfDaySchema, end: timeOfDaySchema }),
    maxRecipientsPerNotice: z.number().check(z.int(), z.minimum(1), z.maximum(1000, '企业微信每次最多 1000 人')),
    /**
     * WeCom calls (notices) per second one push unit sends. WeCom allows a corporation 10,000 calls a minute and
     * 150,000 an hour to one API (≈ 41/s sustained): units sending at once × this rate must stay within it.
     */
    sendRatePerSecond: z._default(z.number().check(z.positive('发送速率应大于 0'), z.maximum(40, '企业微信限制：每秒最多发送 40 条')), 10),
  }),
  recommender: z.strictObject({
    weights: z.strictObject({
      required: weightSchema,
      continueLearning: weightSchema,
      postFit: weightSchema,
      content: weightSchema,
      coCompletion: weightSchema,
      branchTrend: weightSchema,
      freshness: weightSchema,
    }),
    freshnessHalfLifeDays: z.number().check(z.positive(), z.maximum(365)),
    /** Score multiplier for each course already listed that shares the candidate's main tag. */
    diversityPenalty: z.number().check(z.minimum(0), z.maximum(1)),
    maxPerTag: z.number().check(z.int(), z.minimum(1), z.maximum(10)),
  }),
});
export type CourseSettings = z.infer<typeof courseSettingsSchema>;

export const PUSH_RUN_STATUSES = ['planning', 'sending', 'done'] as const;
export const pushRunSchema = z.object({
  week: z.string(),
  status: z.enum(PUSH_RUN_STATUSES),
  /** Why sending waits, e.g. quiet hours. */
  waitingFor: z.optional(z.string()),
  planned: z.number(),
  skipped: z.object({ optedOut: z.number(), frequencyCap: z.number(), nothingToRecommend: z.number() }),
  notices: z.number(),
  recipients: z.number(),
  startedAt: z.string(),
  finishedAt: z.optional(z.string()),
});
export type PushRun = z.infer<typeof pushRunSchema>;

export const pushReportSchema = z.object({
  runs: z.array(pushRunSchema),
  failedNotices: z.array(z.object({ key: z.string(), recipients: z.number(), attempts: z.number(), lastError: z.optional(z.string()) })),
  metrics: z.object({ days: z.number(), sent: z.number(), clicks: z.number(), completions: z.number(), clickThroughRate: z.number(), completionRate: z.number() }),
});
export type PushReport = z.infer<typeof pushReportSchema>;

export const courseImportResultSchema = z.object({ imported: z.number(), created: z.number(), updated: z.number() });

export const coursesApi = {
  listCourses: endpoint({
    fn: 'coursePush', method: 'GET', path: '/api/v1/courses', access: 'member', feature: 'courses',
    query: courseListQuerySchema, response: courseListSchema,
  }),
  recommended: endpoint({
    fn: 'coursePush', method: 'GET', path: '/api/v1/courses/recommended', access: 'member', feature: 'courses',
    query: z.strictObject({ limit: z.optional(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(20))) }),
    response: recommendationListSchema,
  }),
  course: endpoint({
    fn: 'coursePush', method: 'GET', path: '/api/v1/courses/{courseId}', access: 'member', feature: 'courses', response: courseWithProgressSchema,
  }),
  createCourse: endpoint({
    fn: 'coursePush', method: 'POST', path: '/api/v1/courses', access: ['admin'], feature: 'courses',
    body: courseInputSchema, response: z.object({ course: courseSchema }),
  }),
  updateCourse: endpoint({
    fn: 'coursePush', method: 'PUT', path: '/api/v1/courses/{courseId}', access: ['admin'], feature: 'courses',
    body: courseInputSchema, response: z.object({ course: courseSchema }),
  }),
  importCourses: endpoint({
    fn: 'coursePush', method: 'POST', path: '/api/v1/courses/import', access: ['admin'], feature: 'courses',
    rawBody: 'text/csv', maxBodyBytes: 2 * 1024 * 1024, response: courseImportResultSchema,
  }),
  recordProgress: endpoint({
    fn: 'coursePush', method: 'POST', path: '/api/v1/learning/progress', access: 'member', feature: 'courses',
    body: progressInputSchema, response: progressResultSchema,
  }),
  myStudy: endpoint({
    fn: 'coursePush', method: 'GET', path: '/api/v1/learning/me', access: 'member', feature: 'courses',
    query: z.strictObject({ year: z.optional(yearSchema) }), response: myStudySchema,
  }),
  branchStudy: endpoint({
    fn: 'coursePush', method: 'GET', path: '/api/v1/learning/branch-summary', access: ['secretary', 'admin'], feature: 'courses',
    query: z.strictObject({ year: z.optional(yearSchema), branchId: z.optional(orgIdSchema) }), response: branchStudySchema,
  }),
  pushPreference: endpoint({
    fn: 'coursePush', method: 'GET', path: '/api/v1/learning/push-preference', access: 'member', feature: 'courses.push', response: pushPreferenceSchema,
  }),
  setPushPreference: endpoint({
    fn: 'coursePush', method: 'PUT', path: '/api/v1/learning/push-preference', access: 'member', feature: 'courses.push',
    body: z.strictObject({ enabled: z.boolean() }), response: pushPreferenceSchema,
  }),
  pushClick: endpoint({
    fn: 'coursePush', method: 'POST', path: '/api/v1/learning/push-click', access: 'member', feature: 'courses.push',
    body: pushClickSchema, response: z.object({ recorded: z.boolean() }),
  }),
  pushSettings: endpoint({
    fn: 'coursePush', method: 'GET', path: '/api/v1/courses/push/settings', access: ['admin'], feature: 'courses.push', response: courseSettingsSchema,
  }),
  updatePushSettings: endpoint({
    fn: 'coursePush', method: 'PUT', path: '/api/v1/courses/push/settings', access: ['admin'], feature: 'courses.push',
    body: courseSettingsSchema, response: courseSettingsSchema,
  }),
  runPush: endpoint({
    fn: 'coursePush', method: 'POST', path: '/api/v1/courses/push/run', access: ['admin'], feature: 'courses.push',
    body: z.strictObject({ week: z.optional(isoWeekSchema) }), response: pushRunSchema,
  }),
  pushReport: endpoint({
    fn: 'coursePush', method: 'GET', path: '/api/v1/courses/push/report', access: ['admin'], feature: 'courses.push', response: pushReportSchema,
  }),
} as const;
