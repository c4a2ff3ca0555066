import * as z from 'zod/mini';
import { endpoint } from './contract';
import { clientRequestIdSchema } from './request-id';

/** The AI party-building assistant (AI 党建助手): answers from the platform's rule passages and the member's own data. */

export const MAX_QUESTION_LENGTH = 200;

const text = (label: string, max: number) =>
  z.string().check(
    z.trim(),
    z.minLength(1, `请填写${label}`),
    z.maxLength(max, `${label}不能超过 ${max} 个字`),
  );

/** Passage ids: the shipped ones are kebab-case words, added ones `added-` and a number. */
export const passageIdSchema = z.string().check(z.regex(/^[a-z0-9][a-z0-9-]{1,62}$/, '条文编号格式不正确'));

/** A rule passage as members read it in an answer: the text and the source it comes from. */
export const passageSchema = z.object({
  id: z.string(),
  title: z.string(),
  text: z.string(),
  source: z.string(),
});
export type Passage = z.infer<typeof passageSchema>;

export const PERSONAL_TOPICS = ['dues', 'study', 'activity'] as const;
export type PersonalTopic = (typeof PERSONAL_TOPICS)[number];

/** What the member's own data says, beside the rule behind it. */
export const personalFactSchema = z.object({
  topic: z.enum(PERSONAL_TOPICS),
  /** One sentence for the member, e.g. 「您 2026-12 月应交党费 45.00 元（工资收入 3,000.00 元 × 1.5%）」. */
  summary: z.string(),
  /** Where in the app the member sees or acts on it. */
  page: z.optional(z.string()),
});
export type PersonalFact = z.infer<typeof personalFactSchema>;

export const ANSWER_KINDS = ['personal', 'rules', 'unsure'] as const;
export type AnswerKind = (typeof ANSWER_KINDS)[number];

export const askBodySchema = z.strictObject({
  question: text('问题', MAX_QUESTION_LENGTH),
});

export const answerSchema = z.object({
  kind: z.enum(ANSWER_KINDS),
  /** The answer as shown: the personal fact, the best passage, or 「我不确定」 and where to ask. */
  answer: z.string(),
  personal: z.optional(personalFactSchema),
  /** The passages the answer rests on, best first, each with its source; empty when unsure. */
  passages: z.array(passageSchema),
  /** Whom to ask when the assistant is not sure (or to check an answer). */
  whereToAsk: z.string(),
  /** The wording came from the group's model (the facts and sources did not). */
  rephrased: z.boolean(),
});
export type Answer = z.infer<typeof answerSchema>;

export const PASSAGE_STATUSES = ['active', 'retired'] as const;
export const PASSAGE_ORIGINS = ['shipped', 'added'] as const;

export const managedPassageSchema = z.extend(passageSchema, {
  status: z.enum(PASSAGE_STATUSES),
  origin: z.enum(PASSAGE_ORIGINS),
  /** The corpus version in which this passage last changed (0: as shipped). */
  version: z.number(),
  updatedAt: z.optional(z.string()),
  updatedBy: z.optional(z.string()),
});
export type ManagedPassage = z.infer<typeof managedPassageSchema>;

export const corpusSchema = z.object({ version: z.number(), items: z.array(managedPassageSchema) });
export type Corpus = z.infer<typeof corpusSchema>;

export const passageInputSchema = z.strictObject({
  title: text('标题', 60),
  text: text('条文内容', 1000),
  source: text('出处', 120),
  clientRequestId: clientRequestIdSchema,
});
export type PassageInput = z.infer<typeof passageInputSchema>;

const passageParams = '/api/v1/assistant/passages/{id}';

export const assistantApi = {
  ask: endpoint({
    fn: 'assistant',
    method: 'POST',
    path: '/api/v1/assistant/ask',
    access: 'member',
    body: askBodySchema,
    response: answerSchema,
  }),
  listPassages: endpoint({
    fn: 'assistant',
    method: 'GET',
    path: '/api/v1/assistant/passages',
    access: ['admin'],
    response: corpusSchema,
  }),
  addPassage: endpoint({
    fn: 'assistant',
    method: 'POST',
    path: '/api/v1/assistant/passages',
    access: ['admin'],
    body: passageInputSchema,
    response: managedPassageSchema,
  }),
  retirePassage: endpoint({
    fn: 'assistant',
    method: 'POST',
    path: `${passageParams}/retire`,
    access: ['admin'],
    params: { id: passageIdSchema },
    response: managedPassageSchema,
  }),
};
