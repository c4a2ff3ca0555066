import * as z from 'zod/mini';
import { endpoint } from './contract';
import { orgIdSchema } from './identity-model';
import { jobRunSchema } from './jobs';

/**
 * Party-building assessment joined to business results (issue #20): a yearly indicator scheme, values computed
 * from the platform's own data or imported from the group's business systems, members' anonymous satisfaction,
 * an independent evaluator's scores, and the committee's view of the party-work index beside the business index.
 */

/** A year's scheme covers its four quarters; values, scores and surveys are per unit and quarter. */
export const assessmentYearSchema = z.string().check(z.regex(/^20\d{2}$/, '年度格式应为四位年份，如 2026'));
export const assessmentPeriodSchema = z.string().check(z.regex(/^20\d{2}-Q[1-4]$/, '考核期格式应为 YYYY-Qn，如 2026-Q3'));
export const indicatorCodeSchema = z.string().check(z.regex(/^[a-z][a-z0-9-]{1,39}$/, '指标编码只能用小写字母、数字和连字符，2–40 位，字母开头'));

export const DIMENSIONS = ['party', 'business'] as const;
export type Dimension = (typeof DIMENSIONS)[number];
export const DIMENSION_LABELS: Record<Dimension, string> = { party: '党建工作', business: '经营绩效' };

/**
 * Where an indicator's value comes from: a group of indicators below it, a figure the platform computes per branch
 * and period, a business result imported from the group's systems, or the independent evaluator's score.
 */
export const PLATFORM_METRICS = [
  'dues-on-time',
  'organisation-life',
  'study-requirement',
  'suggestions-replied',
  'handling-rating',
  'participation',
  'satisfaction',
] as const;
export type PlatformMetric = (typeof PLATFORM_METRICS)[number];
export const PLATFORM_METRIC_LABELS: Record<PlatformMetric, string> = {
  'dues-on-time': '党费按月按时缴纳率',
  'organisation-life': '组织生活按规定召开率',
  'study-requirement': '学时达标率（年度 32 学时）',
  'suggestions-replied': '意见建议按时答复率',
  'handling-rating': '党员对办理情况的评价',
  participation: '报名党员参加率',
  satisfaction: '党员满意度',
};
export const SOURCES = ['group', 'import', 'evaluation', ...PLATFORM_METRICS.map((metric) => `platform:${metric}` as const)] as const;
export type IndicatorSource = (typeof SOURCES)[number];
export const sourceSchema = z.enum(SOURCES);

export const DIRECTIONS = ['higher', 'lower'] as const;
export const DIRECTION_LABELS: Record<(typeof DIRECTIONS)[number], string> = { higher: '越高越好', lower: '越低越好' };

const text = (label: string, max: number) =>
  z.string().check(z.trim(), z.minLength(1, `请填写${label}`), z.maxLength(max, `${label}不能超过 ${max} 个字`));
const bound = z.number().check(z.minimum(-1e12, '数值超出范围'), z.maximum(1e12, '数值超出范围'));

export const indicatorSchema = z.strictObject({
  code: indicatorCodeSchema,
  name: text('指标名称', 30),
  /** The group this indicator belongs to; none: a top-level indicator of its dimension. */
  parent: z.optional(indicatorCodeSchema),
  dimension: z.enum(DIMENSIONS),
  /** Relative weight among its siblings. */
  weight: z.number().check(z.int('权重应为整数'), z.minimum(1, '权重至少为 1'), z.maximum(100, '权重不能超过 100')),
  definition: text('指标定义', 300),
  /** Unit of the raw value: %, 起, 公顷, 万元, 分… (a group's unit is 分). */
  unit: text('计量单位', 10),
  direction: z.enum(DIRECTIONS),
  source: sourceSchema,
  /** Normalisation: the raw value that scores 0 and the one that scores 100 (linear between, clamped). */
  worst: z.optional(bound),
  best: z.optional(bound),
});
export type Indicator = z.infer<typeof indicatorSchema>;

export const schemeInputSchema = z.strictObject({
  year: assessmentYearSchema,
  indicators: z.array(indicatorSchema).check(z.minLength(1, '至少需要一个指标'), z.maxLength(80, '一个方案最多 80 个指标')),
  /** The version the editor started from (0 for a new scheme): a concurrent edit is refused, not overwritten. */
  expectedVersion: z.number().check(z.int(), z.minimum(0), z.maximum(100000)),
  note: z.optional(z.string().check(z.trim(), z.maxLength(200, '修改说明不能超过 200 个字'))),
});
export type SchemeInput = z.infer<typeof schemeInputSchema>;

export const schemeSchema = z.object({
  year: z.string(),
  version: z.number(),
  indicators: z.array(indicatorSchema),
  /** Frozen once the year's first period has started (Asia/Shanghai): then it is what units are assessed by. */
  frozen: z.boolean(),
  savedBy: z.string(),
  savedAt: z.string(),
  note: z.optional(z.string()),
});
export type Scheme = z.infer<typeof schemeSchema>;

export const schemeVersionsSchema = z.object({
  year: z.string(),
  versions: z.array(z.object({ version: z.number(), savedBy: z.string(), savedAt: z.string(), indicatorCount: z.number(), note: z.optional(z.string()) })),
});

// ── business results import ─────────────────────────────────────────────────────────────────────

export const businessRowSchema = z.strictObject({
  unitCode: orgIdSchema,
  period: assessmentPeriodSchema,
  indicatorCode: indicatorCodeSchema,
  value: z.number().check(z.minimum(-1e12, '数值超出范围'), z.maximum(1e12, '数值超出范围')),
});
export type BusinessRow = z.infer<typeof businessRowSchema>;
export const businessImportJsonSchema = z.strictObject({
  rows: z.array(z.unknown()).check(z.minLength(1, '没有要导入的数据'), z.maxLength(2000, '一次最多导入 2000 条（更多请用 CSV 文件或分批导入）')),
});
export const importResultSchema = z.object({ imported: z.number(), changed: z.number(), unchanged: z.number(), importId: z.string() });
export type ImportResult = z.infer<typeof importResultSchema>;

// ── satisfaction survey ─────────────────────────────────────────────────────────────────────────

export const surveyQuestionSchema = z.strictObject({
  id: z.string().check(z.regex(/^q[1-9]$/, '题目编号应为 q1–q9')),
  text: text('题目', 60),
});
export const surveyInputSchema = z.strictObject({
  period: assessmentPeriodSchema,
  questions: z.array(surveyQuestionSchema).check(z.minLength(1, '至少一道题'), z.maxLength(9, '最多 9 道题')),
  opensAt: z.iso.datetime({ offset: true, error: '时间格式不正确' }),
  closesAt: z.iso.datetime({ offset: true, error: '时间格式不正确' }),
});
export const surveySchema = z.object({
  period: z.string(),
  questions: z.array(z.object({ id: z.string(), text: z.string() })),
  opensAt: z.string(),
  closesAt: z.string(),
  open: z.boolean(),
  /** Whether the caller has answered already (never what they answered). */
  answered: z.boolean(),
});
export type Survey = z.infer<typeof surveySchema>;
/** Each answer 1 (very dissatisfied) … 5 (very satisfied). */
export const surveyAnswerSchema = z.strictObject({
  period: assessmentPeriodSchema,
  answers: z.record(z.string().check(z.regex(/^q[1-9]$/)), z.number().check(z.int('请选择 1–5 分'), z.minimum(1, '请选择 1–5 分'), z.maximum(5, '请选择 1–5 分'))),
});
export const surveyResultSchema = z.object({
  period: z.string(),
  threshold: z.number(),
  branches: z.array(
    z.object({
      branchId: z.string(),
      branchName: z.string(),
      responses: z.number(),
      /** Shown only with at least `threshold` responses; otherwise the reason. */
      shown: z.boolean(),
      averages: z.optional(z.array(z.object({ questionId: z.string(), average: z.number() }))),
      overall: z.optional(z.number()),
      withheldReason: z.optional(z.string()),
    }),
  ),
});
export type SurveyResult = z.infer<typeof surveyResultSchema>;

// ── evaluation, audit ───────────────────────────────────────────────────────────────────────────

export const evaluationInputSchema = z.strictObject({
  unitCode: orgIdSchema,
  period: assessmentPeriodSchema,
  indicatorCode: indicatorCodeSchema,
  score: z.number().check(z.minimum(0, '评分为 0–100'), z.maximum(100, '评分为 0–100')),
  comment: z.string().check(z.trim(), z.maxLength(500, '评语不能超过 500 个字')),
});
export const evaluationSchema = z.object({
  unitCode: z.string(),
  period: z.string(),
  indicatorCode: z.string(),
  score: z.number(),
  comment: z.string(),
  evaluator: z.string(),
  at: z.string(),
});
export type Evaluation = z.infer<typeof evaluationSchema>;

export const assessmentAuditEntrySchema = z.object({
  at: z.string(),
  who: z.string(),
  whoName: z.string(),
  action: z.enum(['scheme-saved', 'results-imported', 'evaluation-scored', 'survey-set']),
  target: z.string(),
  before: z.optional(z.string()),
  after: z.optional(z.string()),
});
export type AssessmentAuditEntry = z.infer<typeof assessmentAuditEntrySchema>;

// ── the committee's view ────────────────────────────────────────────────────────────────────────

export const indicatorScoreSchema = z.object({
  code: z.string(),
  name: z.string(),
  dimension: z.enum(DIMENSIONS),
  source: z.string(),
  unit: z.string(),
  weight: z.number(),
  parent: z.optional(z.string()),
  /** The raw value, where there is one. */
  value: z.optional(z.number()),
  /** 0–100, or absent with the reason: missing data is stated, never counted as zero. */
  score: z.optional(z.number()),
  missingReason: z.optional(z.string()),
  /** How the value was reached (counts, the import, the evaluator). */
  evidence: z.string(),
  evaluation: z.optional(z.object({ score: z.number(), comment: z.string(), evaluator: z.string(), at: z.string() })),
});
export type IndicatorScore = z.infer<typeof indicatorScoreSchema>;

export const indexPointSchema = z.object({
  period: z.string(),
  party: z.optional(z.number()),
  business: z.optional(z.number()),
  /** Share (0–1) of each index's weight that had data. */
  partyCoverage: z.number(),
  businessCoverage: z.number(),
});
export type IndexPoint = z.infer<typeof indexPointSchema>;

export const committeeViewSchema = z.object({
  year: z.string(),
  units: z.array(
    z.object({
      unitCode: z.string(),
      unitName: z.string(),
      kind: z.string(),
      /** From the unit's snapshot; empty while it has none. */
      points: z.array(indexPointSchema),
      /**
       * When the platform's figures were counted (UTC; shown in Beijing time) and the points last scored; `stale`
       * while an import or an evaluator's score since is being scored in.
       */
      snapshot: z.optional(z.object({ countedAt: z.string(), scoredAt: z.string(), stale: z.boolean() })),
      /** "尚未统计" when the snapshot job has not counted the unit yet: its indices are unknown, not zero. */
      missingReason: z.optional(z.string()),
    }),
  ),
});
export type CommitteeView = z.infer<typeof committeeViewSchema>;

export const unitDetailSchema = z.object({
  unitCode: z.string(),
  unitName: z.string(),
  period: z.string(),
  schemeVersion: z.number(),
  /** When the platform figures behind these scores were counted (the unit's snapshot). */
  countedAt: z.optional(z.string()),
  point: indexPointSchema,
  indicators: z.array(indicatorScoreSchema),
});
export type UnitDetail = z.infer<typeof unitDetailSchema>;

export const csvFileSchema = z.object({ filename: z.string(), csv: z.string() });
export const pdfFileSchema = z.object({ filename: z.string(), pdfBase64: z.string() });

const admin = ['admin'] as const;
/** The committee's view and evidence: admins and the third-party evaluator. */
const viewers = ['admin', 'evaluator'] as const;
const yearQuery = z.strictObject({ year: assessmentYearSchema });
/** An export: the bureaus of the group, or (with `unitCode`) one bureau and its branches, or one branch. */
const exportQuery = z.strictObject({ year: assessmentYearSchema, unitCode: z.optional(orgIdSchema) });
const periodQuery = z.strictObject({ period: assessmentPeriodSchema });
const unitPeriodQuery = z.strictObject({ unitCode: orgIdSchema, period: assessmentPeriodSchema });

export const assessmentApi = {
  getScheme: endpoint({ fn: 'assessment', method: 'GET', path: '/api/v1/assessment/scheme', access: viewers, query: yearQuery, response: schemeSchema }),
  saveScheme: endpoint({ fn: 'assessment', method: 'PUT', path: '/api/v1/assessment/scheme', access: admin, body: schemeInputSchema, response: schemeSchema }),
  schemeVersions: endpoint({
    fn: 'assessment', method: 'GET', path: '/api/v1/assessment/scheme/versions', access: viewers, query: yearQuery, response: schemeVersionsSchema,
  }),
  importResultsCsv: endpoint({
    fn: 'assessment', method: 'POST', path: '/api/v1/assessment/results/import-csv', access: admin,
    rawBody: 'text/csv', maxBodyBytes: 1024 * 1024, response: importResultSchema,
  }),
  importResultsJson: endpoint({
    fn: 'assessment', method: 'POST', path: '/api/v1/assessment/results/import', access: admin, body: businessImportJsonSchema, response: importResultSchema,
  }),
  setSurvey: endpoint({ fn: 'assessment', method: 'PUT', path: '/api/v1/assessment/survey/questions', access: admin, body: surveyInputSchema, response: surveySchema }),
  currentSurvey: endpoint({
    fn: 'assessment', method: 'GET', path: '/api/v1/assessment/survey', access: 'member', response: z.object({ survey: z.optional(surveySchema) }),
  }),
  answerSurvey: endpoint({
    fn: 'assessment', method: 'POST', path: '/api/v1/assessment/survey/responses', access: 'member', body: surveyAnswerSchema, response: z.object({ recorded: z.boolean() }),
  }),
  surveyResults: endpoint({
    fn: 'assessment', method: 'GET', path: '/api/v1/assessment/survey/results', access: viewers, query: periodQuery, response: surveyResultSchema,
  }),
  scoreIndicator: endpoint({
    fn: 'assessment', method: 'POST', path: '/api/v1/assessment/evaluations', access: ['evaluator'], body: evaluationInputSchema, response: evaluationSchema,
  }),
  auditTrail: endpoint({
    fn: 'assessment', method: 'GET', path: '/api/v1/assessment/audit', access: viewers, query: yearQuery,
    response: z.object({ items: z.array(assessmentAuditEntrySchema) }),
  }),
  committeeView: endpoint({ fn: 'assessment', method: 'GET', path: '/api/v1/assessment/view', access: viewers, query: yearQuery, response: committeeViewSchema }),
  recountSnapshots: endpoint({
    fn: 'assessment', method: 'POST', path: '/api/v1/assessment/snapshots/recount', access: admin, body: yearQuery,
    // Starts the snapshot job (one unit per batch of a bureau's branches, in the background) and answers with its run.
    response: jobRunSchema,
  }),
  unitDetail: endpoint({
    fn: 'assessment', method: 'GET', path: '/api/v1/assessment/view/unit', access: viewers, query: unitPeriodQuery, response: unitDetailSchema,
  }),
  exportCsv: endpoint({ fn: 'assessment', method: 'GET', path: '/api/v1/assessment/export/csv', access: viewers, query: exportQuery, response: csvFileSchema }),
  exportPdf: endpoint({ fn: 'assessment', method: 'GET', path: '/api/v1/assessment/export/pdf', access: viewers, query: exportQuery, response: pdfFileSchema }),
};
