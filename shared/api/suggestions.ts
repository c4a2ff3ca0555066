import * as z from 'zod/mini';
import { MODERATION_CATEGORY_KEYS, type ModerationCategory } from '../moderation/categories';

export { MODERATION_CATEGORIES, type ModerationCategory } from '../moderation/categories';
import { endpoint } from './contract';
import { clientRequestIdSchema } from './request-id';
import { FEATURE_KEYS, type FeatureKey } from './features';
import { orgIdSchema, userIdSchema } from './identity-model';

/**
 * The suggestion box (意见箱): members submit needs and opinions (optionally anonymous), the moderation
 * filter blocks harmful text or holds it for a reviewer, admins and branch secretaries handle and reply,
 * the member rates the handling; the early warning watches blocked and held content per branch.
 */

export const SUGGESTION_CATEGORIES = { work: '工作', life: '生活', platform: '平台功能', party: '党务', other: '其他' } as const;
export type SuggestionCategory = keyof typeof SUGGESTION_CATEGORIES;
const suggestionCategoryKeys = Object.keys(SUGGESTION_CATEGORIES) as [SuggestionCategory, ...SuggestionCategory[]];
export const suggestionCategorySchema = z.enum(suggestionCategoryKeys, { error: '请选择意见类别（工作、生活、平台功能、党务、其他）' });

export const SUGGESTION_STATUSES = {
  pending_review: '待审核',
  open: '待处理',
  in_progress: '处理中',
  replied: '已答复',
  rejected: '未通过审核',
} as const;
export type SuggestionStatus = keyof typeof SUGGESTION_STATUSES;
const suggestionStatusKeys = Object.keys(SUGGESTION_STATUSES) as [SuggestionStatus, ...SuggestionStatus[]];
export const suggestionStatusSchema = z.enum(suggestionStatusKeys, { error: '未知的意见状态' });
/** Statuses an admin or secretary handles (the review queue has its own list). */
export const HANDLING_STATUSES = ['open', 'in_progress', 'replied', 'rejected'] as const satisfies readonly SuggestionStatus[];

export const TITLE_MAX = 40;
export const CONTENT_MIN = 5;
export const CONTENT_MAX = 2000;
export const REPLY_MAX = 1000;
export const REASON_MAX = 200;

/**
 * Control characters (except line breaks and tabs) and invisible formatting characters (zero-width
 * spaces and joiners, bidi controls, BOM) carry nothing a reader sees: they are removed before length checks,
 * moderation and storage, so they neither pad a text nor hide a word.
 */
// eslint-disable-next-line no-control-regex
const INVISIBLE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff]/g;
export function cleanText(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(INVISIBLE, '').trim();
}

/** A text field: cleaned, then held to its limits with messages a member understands. */
function textField(label: string, min: number, max: number) {
  return z.pipe(
    z.string({ error: `请填写${label}` }).check(z.maxLength(max * 4, `${label}过长，最多 ${max} 字`)),
    z.pipe(
      z.transform(cleanText),
      z.string().check(
        z.minLength(min, min <= 1 ? `请填写${label}` : `${label}至少 ${min} 个字`),
        z.maxLength(max, `${label}过长，最多 ${max} 字`),
      ),
    ),
  );
}

const featureSchema = z.enum(FEATURE_KEYS as [FeatureKey, ...FeatureKey[]], { error: '未知的功能' });
const moderationCategorySchema = z.enum(MODERATION_CATEGORY_KEYS as [ModerationCategory, ...ModerationCategory[]], { error: '未知的内容类别' });

/**
 * The capability of one anonymous suggestion: 32 random bytes (base64url) the member's app makes and keeps.
 * The server stores only its SHA-256, so whoever holds the secret — and nobody else, not even the server's
 * operators — can find the suggestion again: the author's app lists and rates it with the secret.
 */
export const OWNER_SECRET_PATTERN = /^[A-Za-z0-9_-]{43}$/;
export const ownerSecretSchema = z.string({ error: '缺少匿名意见的凭据' }).check(z.regex(OWNER_SECRET_PATTERN, '匿名意见的凭据格式不正确'));
/** The most anonymous suggestions one lookup may ask for (a member's phone keeps their secrets). */
export const OWNER_SECRETS_MAX = 100;

export const submitSuggestionSchema = z
  .strictObject({
    title: textField('标题', 1, TITLE_MAX),
    content: textField('内容', CONTENT_MIN, CONTENT_MAX),
    category: suggestionCategorySchema,
    anonymous: z._default(z.boolean(), false),
    /** For an anonymous suggestion only (and then required): the secret that alone finds it again. */
    ownerSecret: z.optional(ownerSecretSchema),
    /** For a 'platform' suggestion: the feature it is about, for the feedback loop. */
    feature: z.optional(featureSchema),
    clientRequestId: clientRequestIdSchema,
  })
  .check(
    z.refine((body) => !body.anonymous || body.ownerSecret !== undefined, { message: '匿名意见缺少查看凭据（可能是旧版小程序保存的），请重新提交', path: ['ownerSecret'] }),
    z.refine((body) => body.anonymous || body.ownerSecret === undefined, { message: '实名意见不需要匿名凭据', path: ['ownerSecret'] }),
  );
export type SubmitSuggestion = z.infer<typeof submitSuggestionSchema>;

export const moderationHitSchema = z.object({
  start: z.number(),
  end: z.number(),
  level: z.enum(['block', 'review']),
  categories: z.array(z.string()),
});
export type ModerationHitView = z.infer<typeof moderationHitSchema>;

const reviewOutcomeSchema = z.object({
  decision: z.enum(['approve', 'reject']),
  reason: z.optional(z.string()),
  at: z.string(),
});

const replySchema = z.object({ text: z.string(), byName: z.string(), at: z.string() });

/** What the author sees of their own suggestion. */
export const mySuggestionSchema = z.object({
  id: z.string(),
  title: z.string(),
  content: z.string(),
  category: suggestionCategorySchema,
  anonymous: z.boolean(),
  status: suggestionStatusSchema,
  review: z.optional(reviewOutcomeSchema),
  reply: z.optional(replySchema),
  rating: z.optional(z.number()),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type MySuggestion = z.infer<typeof mySuggestionSchema>;

/** The author as handlers and reviewers see them: nobody for an anonymous suggestion. */
export const authorViewSchema = z.union([
  z.object({ anonymous: z.literal(true) }),
  z.object({ anonymous: z.literal(false), userId: z.string(), name: z.string() }),
]);

export const suggestionEventSchema = z.object({
  at: z.string(),
  action: z.enum(['submitted', 'held', 'approved', 'rejected', 'assigned', 'replied', 'rated']),
  /** Who acted; absent for the author of an anonymous suggestion. */
  actorName: z.optional(z.string()),
  note: z.optional(z.string()),
});
export type SuggestionEvent = z.infer<typeof suggestionEventSchema>;

/** What admins, secretaries and reviewers see. */
export const handledSuggestionSchema = z.object({
  id: z.string(),
  title: z.string(),
  content: z.string(),
  category: suggestionCategorySchema,
  status: suggestionStatusSchema,
  branchId: z.string(),
  branchName: z.string(),
  author: authorViewSchema,
  assignee: z.optional(z.object({ userId: z.string(), name: z.string() })),
  review: z.optional(reviewOutcomeSchema),
  reply: z.optional(replySchema),
  rating: z.optional(z.number()),
  moderation: z.object({
    verdict: z.enum(['pass', 'review', 'block']),
    categories: z.array(z.string()),
    titleHits: z.array(moderationHitSchema),
    contentHits: z.array(moderationHitSchema),
  }),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type HandledSuggestion = z.infer<typeof handledSuggestionSchema>;

const limitSchema = z.optional(z.coerce.number().check(z.int(), z.minimum(1, '每页至少 1 条'), z.maximum(100, '每页最多 100 条')));
const cursorSchema = z.optional(z.string().check(z.maxLength(1024)));

export const handlingQuerySchema = z.strictObject({
  status: z._default(suggestionStatusSchema, 'open'),
  category: z.optional(suggestionCategorySchema),
  branchId: z.optional(orgIdSchema),
  limit: limitSchema,
  cursor: cursorSchema,
});
export const pageQuerySchema = z.strictObject({ limit: limitSchema, cursor: cursorSchema });

const page = <T extends z.ZodMiniType>(item: T) => z.object({ items: z.array(item), nextCursor: z.optional(z.string()) });

export const reviewDecisionSchema = z.strictObject({
  decision: z.enum(['approve', 'reject'], { error: '请选择通过或不通过' }),
  reason: z.optional(textField('理由', 2, REASON_MAX)),
});

export const SUGGESTION_RATING_LABELS = { 1: '很不满意', 2: '不满意', 3: '一般', 4: '满意', 5: '很满意' } as const;

export const rateSchema = z.strictObject({
  rating: z.number({ error: '请选择 1–5 分' }).check(z.int('评分应为 1–5 的整数'), z.minimum(1, '评分应为 1–5 分'), z.maximum(5, '评分应为 1–5 分')),
});

/** My anonymous suggestions: the app sends the secrets it keeps; each found item says which secret found it. */
export const anonymousLookupSchema = z.strictObject({
  ownerSecrets: z.array(ownerSecretSchema).check(z.minLength(1, '没有要查询的匿名意见'), z.maxLength(OWNER_SECRETS_MAX, `一次最多查询 ${OWNER_SECRETS_MAX} 条匿名意见`)),
});
export const anonymousRateSchema = z.strictObject({ ownerSecret: ownerSecretSchema, rating: rateSchema.shape.rating });

export const assignSchema = z.strictObject({ assigneeId: userIdSchema });
export const replyBodySchema = z.strictObject({ text: textField('答复', 2, REPLY_MAX) });

// ── early warning ───────────────────────────────────────────────────────────────────────────────

export const earlyWarningAlertSchema = z.object({
  id: z.string(),
  branchId: z.string(),
  branchName: z.string(),
  category: z.string(),
  /** `threshold`: the window reached the set number; `surge`: a multiple of its recent baseline. */
  reason: z.enum(['threshold', 'surge']),
  windowMinutes: z.number(),
  blocked: z.number(),
  held: z.number(),
  /** Hits per window expected from the previous days. */
  baseline: z.number(),
  createdAt: z.string(),
  acknowledged: z.optional(z.object({ byName: z.string(), at: z.string() })),
});
export type EarlyWarningAlert = z.infer<typeof earlyWarningAlertSchema>;

// ── lexicon administration ──────────────────────────────────────────────────────────────────────

const wordSchema = textField('词语', 1, 50);
const lexiconEntrySchema = z.object({
  word: z.string(),
  level: z.enum(['block', 'review']),
  categories: z.array(z.string()),
  source: z.enum(['default', 'edited']),
});

export const lexiconQuerySchema = z.strictObject({
  q: z.optional(z.string().check(z.maxLength(50))),
  level: z.optional(z.enum(['block', 'review'])),
  category: z.optional(moderationCategorySchema),
  limit: limitSchema,
  cursor: cursorSchema,
});

export const lexiconWordSchema = z.strictObject({
  word: wordSchema,
  level: z.enum(['block', 'review'], { error: '级别应为 block（拦截）或 review（人工审核）' }),
  categories: z.array(moderationCategorySchema).check(z.minLength(1, '至少选择一个类别')),
  reason: z.optional(textField('理由', 1, REASON_MAX)),
});
export const allowPhraseSchema = z.strictObject({ phrase: wordSchema, reason: z.optional(textField('理由', 1, REASON_MAX)) });

export const lexiconAuditSchema = z.object({
  version: z.number(),
  action: z.enum(['word-set', 'word-removed', 'allow-added', 'allow-removed']),
  text: z.string(),
  before: z.nullable(z.object({ level: z.string(), categories: z.array(z.string()) })),
  after: z.nullable(z.object({ level: z.string(), categories: z.array(z.string()) })),
  actorId: z.string(),
  actorName: z.string(),
  reason: z.optional(z.string()),
  at: z.string(),
});

const versionReply = z.object({ version: z.number() });

export const moderationCheckResultSchema = z.object({
  verdict: z.enum(['pass', 'review', 'block']),
  categories: z.array(z.string()),
  hits: z.array(moderationHitSchema),
  version: z.number(),
  /** The member-facing message a block would show. */
  message: z.optional(z.string()),
});

const fn = 'suggestionBox' as const;
const feature = 'suggestions' as const;
const HANDLERS = ['admin', 'secretary'] as const;

export const suggestionsApi = {
  submit: endpoint({ fn, feature, method: 'POST', path: '/api/v1/suggestions', access: 'member', body: submitSuggestionSchema, response: z.object({ suggestion: mySuggestionSchema }) }),
  mine: endpoint({ fn, feature, method: 'GET', path: '/api/v1/suggestions/mine', access: 'member', query: pageQuerySchema, response: page(mySuggestionSchema) }),
  mineOne: endpoint({ fn, feature, method: 'GET', path: '/api/v1/suggestions/mine/{id}', access: 'member', response: z.object({ suggestion: mySuggestionSchema }) }),
  rate: endpoint({ fn, feature, method: 'POST', path: '/api/v1/suggestions/mine/{id}/rating', access: 'member', body: rateSchema, response: z.object({ suggestion: mySuggestionSchema }) }),
  // Anonymous suggestions are reached by their secrets, in the body (never in a path or query a gateway logs).
  mineAnonymous: endpoint({
    fn,
    feature,
    method: 'POST',
    path: '/api/v1/suggestions/anonymous/lookup',
    access: 'member',
    body: anonymousLookupSchema,
    response: z.object({ items: z.array(z.object({ secretIndex: z.number(), suggestion: mySuggestionSchema })) }),
  }),
  rateAnonymous: endpoint({
    fn,
    feature,
    method: 'POST',
    path: '/api/v1/suggestions/anonymous/rating',
    access: 'member',
    body: anonymousRateSchema,
    response: z.object({ suggestion: mySuggestionSchema }),
  }),
  reviewQueue: endpoint({ fn, feature, method: 'GET', path: '/api/v1/suggestions/review-queue', access: ['reviewer'], query: pageQuerySchema, response: page(handledSuggestionSchema) }),
  decide: endpoint({ fn, feature, method: 'POST', path: '/api/v1/suggestions/{id}/review', access: ['reviewer'], body: reviewDecisionSchema, response: z.object({ suggestion: handledSuggestionSchema }) }),
  handlingList: endpoint({ fn, feature, method: 'GET', path: '/api/v1/suggestions', access: HANDLERS, query: handlingQuerySchema, response: page(handledSuggestionSchema) }),
  export: endpoint({
    fn,
    feature,
    method: 'GET',
    path: '/api/v1/suggestions/export',
    access: ['admin'],
    query: z.strictObject({ status: z.optional(suggestionStatusSchema) }),
    response: z.object({ filename: z.string(), csv: z.string(), rows: z.number() }),
  }),
  detail: endpoint({
    fn,
    feature,
    method: 'GET',
    path: '/api/v1/suggestions/{id}',
    access: [...HANDLERS, 'reviewer'],
    response: z.object({ suggestion: handledSuggestionSchema, history: z.array(suggestionEventSchema) }),
  }),
  assign: endpoint({ fn, feature, method: 'POST', path: '/api/v1/suggestions/{id}/assign', access: HANDLERS, body: assignSchema, response: z.object({ suggestion: handledSuggestionSchema }) }),
  reply: endpoint({ fn, feature, method: 'POST', path: '/api/v1/suggestions/{id}/reply', access: HANDLERS, body: replyBodySchema, response: z.object({ suggestion: handledSuggestionSchema }) }),
  alerts: endpoint({ fn, feature, method: 'GET', path: '/api/v1/moderation/alerts', access: ['admin', 'reviewer'], query: pageQuerySchema, response: page(earlyWarningAlertSchema) }),
  acknowledgeAlert: endpoint({
    fn,
    feature,
    method: 'POST',
    path: '/api/v1/moderation/alerts/{id}/acknowledge',
    access: ['admin', 'reviewer'],
    response: z.object({ alert: earlyWarningAlertSchema }),
  }),
  check: endpoint({
    fn,
    feature,
    method: 'POST',
    path: '/api/v1/moderation/check',
    access: ['admin', 'reviewer'],
    body: z.strictObject({ text: textField('文本', 1, CONTENT_MAX) }),
    response: moderationCheckResultSchema,
  }),
  lexicon: endpoint({
    fn,
    feature,
    method: 'GET',
    path: '/api/v1/moderation/lexicon',
    access: ['admin'],
    query: lexiconQuerySchema,
    response: z.object({ version: z.number(), total: z.number(), items: z.array(lexiconEntrySchema), allow: z.array(z.string()), nextCursor: z.optional(z.string()) }),
  }),
  setWord: endpoint({ fn, feature, method: 'PUT', path: '/api/v1/moderation/lexicon/words', access: ['admin'], body: lexiconWordSchema, response: versionReply }),
  removeWord: endpoint({ fn, feature, method: 'DELETE', path: '/api/v1/moderation/lexicon/words/{word}', access: ['admin'], params: { word: wordSchema }, response: versionReply }),
  allowPhrase: endpoint({ fn, feature, method: 'PUT', path: '/api/v1/moderation/allow-list', access: ['admin'], body: allowPhraseSchema, response: versionReply }),
  disallowPhrase: endpoint({ fn, feature, method: 'DELETE', path: '/api/v1/moderation/allow-list/{phrase}', access: ['admin'], params: { phrase: wordSchema }, response: versionReply }),
  lexiconAudit: endpoint({
    fn,
    feature,
    method: 'GET',
    path: '/api/v1/moderation/lexicon/audit',
    access: ['admin'],
    query: z.strictObject({ limit: limitSchema, before: z.optional(z.coerce.number().check(z.int(), z.positive())) }),
    response: z.object({ items: z.array(lexiconAuditSchema) }),
  }),
} as const;
