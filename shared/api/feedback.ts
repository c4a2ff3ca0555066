import * as z from 'zod/mini';
import { CAPABILITIES, type CapabilityKey } from './capabilities';
import { endpoint } from './contract';
import { clientRequestIdSchema } from './request-id';
import { FEATURE_KEYS, type FeatureKey } from './features';
import { memberCategorySchema, orgIdSchema, roleSchema } from './identity-model';

/**
 * The feedback loop (需求—供给—反馈): usage events, ratings, feature toggles, the rules over the metrics
 * that propose or apply toggle changes, the home layout per member category, and the audit of changes.
 */

export const featureKeySchema = z.enum(FEATURE_KEYS as [FeatureKey, ...FeatureKey[]], { error: '未知的功能' });
const capabilityKeys = CAPABILITIES.map((capability) => capability.key) as [CapabilityKey, ...CapabilityKey[]];
export const capabilityKeySchema = z.enum(capabilityKeys, { error: '未知的首页功能' });

// ── usage events ────────────────────────────────────────────────────────────────────────────────

/** What a usage event may say: a feature was opened, its key action was done, or it showed an error. No durations. */
export const USAGE_ACTIONS = ['opened', 'action', 'error'] as const;
export type UsageAction = (typeof USAGE_ACTIONS)[number];
export const MAX_EVENTS_PER_BATCH = 100;

export const usageEventSchema = z.strictObject({
  /** Client-made id; a re-sent batch with the same ids counts once. */
  id: z.string().check(z.regex(/^[A-Za-z0-9_-]{8,64}$/, '事件编号格式不正确')),
  feature: featureKeySchema,
  action: z.enum(USAGE_ACTIONS, { error: '未知的事件类型' }),
  /** When it happened on the device (ISO-8601 with offset). */
  at: z.iso.datetime({ offset: true, error: '时间格式不正确' }),
});
export type UsageEvent = z.infer<typeof usageEventSchema>;

export const eventBatchSchema = z.strictObject({
  events: z
    .array(usageEventSchema)
    .check(z.minLength(1, '至少上报一条事件'), z.maxLength(MAX_EVENTS_PER_BATCH, `一次最多上报 ${MAX_EVENTS_PER_BATCH} 条事件`)),
});

export const eventBatchResultSchema = z.object({
  /** Events counted now (0 when the batch had been counted before). */
  counted: z.number(),
  duplicate: z.boolean(),
  /** Events too old to count (older than the raw-event retention). */
  ignored: z.number(),
});

// ── ratings ─────────────────────────────────────────────────────────────────────────────────────


export const ratingInputSchema = z.strictObject({
  feature: featureKeySchema,
  rating: z.number().check(z.int('评分应为 1–5 的整数'), z.minimum(1, '评分应为 1–5 分'), z.maximum(5, '评分应为 1–5 分')),
  comment: z.optional(z.string().check(z.trim(), z.maxLength(300, '意见最多 300 字'))),
  clientRequestId: clientRequestIdSchema,
});
export type RatingInput = z.infer<typeof ratingInputSchema>;

export const ratingResultSchema = z.object({
  rating: z.number(),
  /** `held`: the comment waits for a reviewer and is not shown; `none`: no comment was given. */
  commentStatus: z.enum(['none', 'published', 'held']),
  /** The member had rated this feature today already; the new rating replaced it. */
  replaced: z.boolean(),
});
export type RatingResult = z.infer<typeof ratingResultSchema>;

// ── toggles ─────────────────────────────────────────────────────────────────────────────────────

const percentSchema = z.number().check(z.int('开放比例应为整数'), z.minimum(0, '开放比例应在 0–100 之间'), z.maximum(100, '开放比例应在 0–100 之间'));
const branchListSchema = z.array(orgIdSchema).check(z.maxLength(500, '最多指定 500 个支部'));

/** Who a feature is for: empty lists mean everyone; exclusions win over inclusions. */
export const targetingSchema = z.strictObject({
  branches: branchListSchema,
  categories: z.array(memberCategorySchema),
  roles: z.array(roleSchema),
  excludedBranches: branchListSchema,
  excludedCategories: z.array(memberCategorySchema),
});
export type Targeting = z.infer<typeof targetingSchema>;

export const toggleSettingsSchema = z.strictObject({
  enabled: z.boolean(),
  /** Share of the targeted members who get the feature, with sticky bucketing by member. */
  rolloutPercent: percentSchema,
  targeting: targetingSchema,
  /** Emergency off, over everything else; also what an automatic guardrail sets. */
  killSwitch: z.boolean(),
});
export type ToggleSettings = z.infer<typeof toggleSettingsSchema>;

/** Who made a change: an admin, or a rule (automatic guardrail). */
export const actorSchema = z.union([
  z.object({ kind: z.literal('admin'), userId: z.string(), name: z.string() }),
  z.object({ kind: z.literal('rule'), ruleId: z.string(), ruleName: z.string() }),
]);
export type Actor = z.infer<typeof actorSchema>;

export const toggleStateSchema = z.object({
  ...toggleSettingsSchema.shape,
  feature: featureKeySchema,
  /** 0 for a feature nobody has changed yet (on for everyone). */
  version: z.number(),
  killReason: z.optional(z.string()),
  /** When an admin last lifted a pause: automatic guardrails hold off for their window after it. */
  resumedAt: z.optional(z.string()),
  updatedAt: z.optional(z.string()),
  updatedBy: z.optional(actorSchema),
});
export type ToggleState = z.infer<typeof toggleStateSchema>;

export const toggleUpdateSchema = z.strictObject({
  ...toggleSettingsSchema.shape,
  /** The version the admin edited; a newer one in between is a conflict. */
  expectedVersion: z.number().check(z.int(), z.minimum(0)),
  /** Why (调整说明): required — a change without it is refused with its own code, TOGGLE_NOTE_REQUIRED, not a generic validation error. */
  note: z.optional(z.string().check(z.trim(), z.maxLength(200, '说明最多 200 字'))),
});

/** Home entries of one member category: pinned first, then by the category's usage; `hidden` moved off the home page. */
export const homeLayoutSchema = z.object({
  category: memberCategorySchema,
  pinned: z.array(capabilityKeySchema),
  hidden: z.array(capabilityKeySchema),
  /** Opens per capability by this category over the last 30 days (from the scheduled evaluation). */
  usage: z.record(z.string(), z.number()),
  usageComputedAt: z.optional(z.string()),
});
export type HomeLayout = z.infer<typeof homeLayoutSchema>;

export const homeLayoutUpdateSchema = z.strictObject({
  pinned: z.array(capabilityKeySchema).check(z.maxLength(CAPABILITIES.length)),
  hidden: z.array(capabilityKeySchema).check(z.maxLength(CAPABILITIES.length)),
});

/** The caller's evaluated toggles: what the mini-program needs to show or hide, nothing of the configuration. */
export const myTogglesSchema = z.object({
  features: z.record(z.string(), z.boolean()),
  home: z.object({ order: z.array(capabilityKeySchema), more: z.array(capabilityKeySchema) }),
  /** Changes whenever the answer changes (also sent as ETag). */
  version: z.string(),
});
export type MyToggles = z.infer<typeof myTogglesSchema>;

/**
 * The validator of an answer of GET /api/v1/toggles: a device that still holds the answer of that version
 * sends it as If-None-Match and gets a bodiless 304 while nothing changed.
 */
export const togglesEtag = (version: string): string => `"${version}"`;

// ── rules ───────────────────────────────────────────────────────────────────────────────────────

/** Metrics rules can watch. Rates and ratings are per group and window; the sample guards against small numbers. */
export const METRICS = {
  'error-rate': { label: '遇到错误的党员占比（%）', sample: '打开该功能的党员人数' },
  'avg-rating': { label: '平均评分', sample: '评分条数' },
  ratings: { label: '评分条数', sample: '评分条数' },
  opens: { label: '打开次数', sample: '该群体打开各功能的总次数' },
  suggestions: { label: '相关意见条数', sample: '相关意见条数' },
} as const;
export type MetricKey = keyof typeof METRICS;
const metricKeys = Object.keys(METRICS) as [MetricKey, ...MetricKey[]];
export const metricKeySchema = z.enum(metricKeys, { error: '未知的指标' });

export const COMPARATORS = ['>', '>=', '<', '<='] as const;
export type Comparator = (typeof COMPARATORS)[number];
export const GROUPINGS = ['all', 'category', 'branch'] as const;
export type Grouping = (typeof GROUPINGS)[number];

export const ruleActionSchema = z.discriminatedUnion('type', [
  /** Automatic guardrail: pauses the feature at once (kill switch) and notifies the admins. */
  z.strictObject({ type: z.literal('pause') }),
  /** Proposal: turn the feature off for the affected group (or entirely when not grouped). */
  z.strictObject({ type: z.literal('disable') }),
  /** Proposal: step the rollout up to this percentage. */
  z.strictObject({ type: z.literal('step-up'), percent: percentSchema }),
  /** Proposal: move the feature off the affected category's home page. */
  z.strictObject({ type: z.literal('hide-from-home') }),
]);
export type RuleAction = z.infer<typeof ruleActionSchema>;

export const ruleWindowSchema = z.strictObject({
  unit: z.enum(['hour', 'day'], { error: '统计窗口的单位应为小时或天' }),
  size: z.number().check(z.int(), z.minimum(1, '统计窗口至少为 1'), z.maximum(90, '统计窗口最长 90 天')),
});
export type RuleWindow = z.infer<typeof ruleWindowSchema>;

/** Above any count or rate a rule can compare with; also keeps the number storable (DynamoDB refuses 1e308). */
export const RULE_THRESHOLD_MAX = 1_000_000_000;

export const ruleInputSchema = z.strictObject({
  name: z.string().check(z.trim(), z.minLength(1, '请填写规则名称'), z.maxLength(40, '规则名称最多 40 字')),
  /** One feature, or `*` for every feature (each judged on its own). */
  feature: z.union([featureKeySchema, z.literal('*')]),
  metric: metricKeySchema,
  comparator: z.enum(COMPARATORS, { error: '比较方式应为 >、>=、< 或 <=' }),
  threshold: z.number().check(z.minimum(0, '阈值不能为负'), z.maximum(RULE_THRESHOLD_MAX, '阈值不能超过 10 亿')),
  window: ruleWindowSchema,
  minSample: z.number().check(z.int(), z.minimum(1, '最小样本量至少为 1'), z.maximum(1_000_000)),
  groupBy: z.enum(GROUPINGS, { error: '分组方式应为全体、党员类别或支部' }),
  action: ruleActionSchema,
  enabled: z.boolean(),
});
export type RuleInput = z.infer<typeof ruleInputSchema>;

export const ruleSchema = z.object({
  ...ruleInputSchema.shape,
  id: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  lastEvaluatedAt: z.optional(z.string()),
});
export type Rule = z.infer<typeof ruleSchema>;

/** The group a finding is about. */
export const groupSchema = z.object({ kind: z.enum(GROUPINGS), value: z.optional(z.string()) });
export type Group = z.infer<typeof groupSchema>;

/**
 * What an automatic pause rests on. `server-errors`: the server saw errors on the feature too; `many-members`:
 * many distinct members reported errors; `members`: enough distinct members (metrics other than errors);
 * `unconfirmed`: members' reports alone, too few to act on — the pause becomes a proposal for an admin.
 */
export const GUARDRAIL_BASES = ['server-errors', 'many-members', 'members', 'unconfirmed'] as const;
export type GuardrailBasis = (typeof GUARDRAIL_BASES)[number];

/** Why a rule fired: the numbers an admin needs to judge it. */
export const evidenceSchema = z.object({
  metric: metricKeySchema,
  value: z.number(),
  comparator: z.enum(COMPARATORS),
  threshold: z.number(),
  sample: z.number(),
  minSample: z.number(),
  window: z.object({ unit: z.enum(['hour', 'day']), size: z.number(), from: z.string(), to: z.string() }),
  group: groupSchema,
  /** Rollout percentage when the rule fired. */
  rolloutPercent: z.number(),
  evaluatedAt: z.string(),
  /** Distinct members behind the figures (who opened the feature, who reported an error) and the server's own errors. */
  members: z.optional(z.number()),
  errorMembers: z.optional(z.number()),
  serverErrors: z.optional(z.number()),
  /** For an automatic pause, what it rests on: errors the server saw too, many members, or neither (then only a proposal). */
  basis: z.optional(z.enum(GUARDRAIL_BASES)),
  /** Why, in the words an admin reads, with the figures. */
  reason: z.optional(z.string()),
});
export type Evidence = z.infer<typeof evidenceSchema>;

export const PROPOSAL_STATUSES = ['open', 'applied', 'dismissed'] as const;
export const proposalSchema = z.object({
  id: z.string(),
  ruleId: z.string(),
  ruleName: z.string(),
  feature: featureKeySchema,
  action: ruleActionSchema,
  /** Plain words: what applying it does. */
  summary: z.string(),
  evidence: evidenceSchema,
  status: z.enum(PROPOSAL_STATUSES),
  createdAt: z.string(),
  updatedAt: z.string(),
  decidedAt: z.optional(z.string()),
  decidedBy: z.optional(z.string()),
});
export type Proposal = z.infer<typeof proposalSchema>;

export const evaluationResultSchema = z.object({
  rules: z.number(),
  paused: z.array(featureKeySchema),
  proposed: z.number(),
  homeLayoutsUpdated: z.number(),
});
export type EvaluationResult = z.infer<typeof evaluationResultSchema>;

// ── audit and dashboard ─────────────────────────────────────────────────────────────────────────

export const auditEntrySchema = z.object({
  id: z.string(),
  feature: featureKeySchema,
  at: z.string(),
  actor: actorSchema,
  before: toggleSettingsSchema,
  after: toggleSettingsSchema,
  note: z.optional(z.string()),
  evidence: z.optional(evidenceSchema),
  proposalId: z.optional(z.string()),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

const pageQuery = {
  limit: z.optional(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(100))),
  cursor: z.optional(z.string().check(z.maxLength(512))),
};

export const metricTotalsSchema = z.object({
  opens: z.number(),
  actions: z.number(),
  errors: z.number(),
  /** Percent of opens that showed an error; null without opens. */
  errorRate: z.nullable(z.number()),
  ratings: z.number(),
  avgRating: z.nullable(z.number()),
  suggestions: z.number(),
});
export type MetricTotals = z.infer<typeof metricTotalsSchema>;

export const dashboardSchema = z.object({
  feature: featureKeySchema,
  toggle: toggleStateSchema,
  days: z.array(z.object({ day: z.string(), ...metricTotalsSchema.shape })),
  totals: metricTotalsSchema,
  byCategory: z.array(z.object({ category: memberCategorySchema, ...metricTotalsSchema.shape })),
  comments: z.array(z.object({ at: z.string(), rating: z.number(), category: memberCategorySchema, text: z.string() })),
  /** Comments held for review, counted but not shown. */
  heldComments: z.number(),
});
export type Dashboard = z.infer<typeof dashboardSchema>;

export const overviewSchema = z.object({
  days: z.number(),
  features: z.array(z.object({ feature: featureKeySchema, toggle: toggleStateSchema, totals: metricTotalsSchema })),
  openProposals: z.number(),
});
export type Overview = z.infer<typeof overviewSchema>;

const admin = ['admin'] as const;

export const feedbackApi = {
  myToggles: endpoint({ fn: 'feedback', method: 'GET', path: '/api/v1/toggles', access: 'member', response: myTogglesSchema }),
  recordEvents: endpoint({
    fn: 'feedback',
    method: 'POST',
    path: '/api/v1/events',
    access: 'member',
    body: eventBatchSchema,
    response: eventBatchResultSchema,
  }),
  rate: endpoint({
    fn: 'feedback',
    method: 'POST',
    path: '/api/v1/feedback/ratings',
    access: 'member',
    feature: 'feedback',
    body: ratingInputSchema,
    response: ratingResultSchema,
  }),
  overview: endpoint({
    fn: 'feedback',
    method: 'GET',
    path: '/api/v1/feedback/overview',
    access: admin,
    query: z.strictObject({ days: z.optional(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(90))) }),
    response: overviewSchema,
  }),
  dashboard: endpoint({
    fn: 'feedback',
    method: 'GET',
    path: '/api/v1/feedback/dashboard/{feature}',
    access: admin,
    query: z.strictObject({ days: z.optional(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(90))) }),
    response: dashboardSchema,
  }),
  listToggles: endpoint({
    fn: 'feedback',
    method: 'GET',
    path: '/api/v1/feedback/toggles',
    access: admin,
    response: z.object({ toggles: z.array(toggleStateSchema) }),
  }),
  updateToggle: endpoint({
    fn: 'feedback',
    method: 'PUT',
    path: '/api/v1/feedback/toggles/{feature}',
    access: admin,
    body: toggleUpdateSchema,
    response: z.object({ toggle: toggleStateSchema }),
  }),
  listRules: endpoint({ fn: 'feedback', method: 'GET', path: '/api/v1/feedback/rules', access: admin, response: z.object({ rules: z.array(ruleSchema) }) }),
  createRule: endpoint({
    fn: 'feedback',
    method: 'POST',
    path: '/api/v1/feedback/rules',
    access: admin,
    body: ruleInputSchema,
    response: z.object({ rule: ruleSchema }),
  }),
  updateRule: endpoint({
    fn: 'feedback',
    method: 'PUT',
    path: '/api/v1/feedback/rules/{ruleId}',
    access: admin,
    body: ruleInputSchema,
    response: z.object({ rule: ruleSchema }),
  }),
  deleteRule: endpoint({
    fn: 'feedback',
    method: 'DELETE',
    path: '/api/v1/feedback/rules/{ruleId}',
    access: admin,
    response: z.object({ deleted: z.boolean() }),
  }),
  evaluateNow: endpoint({
    fn: 'feedback',
    method: 'POST',
    path: '/api/v1/feedback/evaluations',
    access: admin,
    response: evaluationResultSchema,
  }),
  listProposals: endpoint({
    fn: 'feedback',
    method: 'GET',
    path: '/api/v1/feedback/proposals',
    access: admin,
    query: z.strictObject({ status: z.optional(z.enum(PROPOSAL_STATUSES)), ...pageQuery }),
    response: z.object({ items: z.array(proposalSchema), nextCursor: z.optional(z.string()) }),
  }),
  applyProposal: endpoint({
    fn: 'feedback',
    method: 'POST',
    path: '/api/v1/feedback/proposals/{proposalId}/apply',
    access: admin,
    response: z.object({ proposal: proposalSchema, toggle: z.optional(toggleStateSchema), home: z.optional(homeLayoutSchema) }),
  }),
  dismissProposal: endpoint({
    fn: 'feedback',
    method: 'POST',
    path: '/api/v1/feedback/proposals/{proposalId}/dismiss',
    access: admin,
    response: z.object({ proposal: proposalSchema }),
  }),
  audit: endpoint({
    fn: 'feedback',
    method: 'GET',
    path: '/api/v1/feedback/audit',
    access: admin,
    query: z.strictObject({ feature: z.optional(featureKeySchema), ...pageQuery }),
    response: z.object({ items: z.array(auditEntrySchema), nextCursor: z.optional(z.string()) }),
  }),
  homeLayouts: endpoint({
    fn: 'feedback',
    method: 'GET',
    path: '/api/v1/feedback/home-layouts',
    access: admin,
    response: z.object({ layouts: z.array(homeLayoutSchema) }),
  }),
  updateHomeLayout: endpoint({
    fn: 'feedback',
    method: 'PUT',
    path: '/api/v1/feedback/home-layouts/{category}',
    access: admin,
    body: homeLayoutUpdateSchema,
    response: z.object({ layout: homeLayoutSchema }),
  }),
} as const;
