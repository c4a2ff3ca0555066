import * as z from 'zod/mini';

/** The five stages of joining the Party, in order (《中国共产党发展党员工作细则》, 2014). */
export const STAGES = ['applicant', 'activist', 'candidate', 'probationary', 'full'] as const;
export type Stage = (typeof STAGES)[number];
export const STAGE_LABELS: Record<Stage, string> = {
  applicant: '申请入党',
  activist: '入党积极分子',
  candidate: '发展对象',
  probationary: '预备党员',
  full: '正式党员',
};

/**
 * The steps inside the stages, in the order they happen. `enters` names the stage a person is in once the step
 * is recorded; `optional` steps may be left out (a review every half year is repeatable, an extension is rare).
 */
export const STEPS = [
  { kind: 'application', label: '递交入党申请书', stage: 'applicant', enters: 'applicant' },
  { kind: 'talk', label: '党组织派人谈话', stage: 'applicant' },
  { kind: 'activist', label: '确定为入党积极分子', stage: 'activist', enters: 'activist' },
  { kind: 'activist-review', label: '积极分子半年考察', stage: 'activist', optional: true, repeatable: true },
  { kind: 'candidate', label: '确定为发展对象', stage: 'candidate', enters: 'candidate' },
  { kind: 'candidate-training', label: '发展对象集中培训', stage: 'candidate' },
  { kind: 'public-notice', label: '发展对象公示', stage: 'candidate' },
  { kind: 'pre-review', label: '上级党委预审', stage: 'candidate' },
  { kind: 'admission-meeting', label: '支部大会讨论接收', stage: 'candidate' },
  { kind: 'admission-approval', label: '上级党委审批（预备党员）', stage: 'probationary', enters: 'probationary' },
  { kind: 'probation-extension', label: '延长预备期', stage: 'probationary', optional: true },
  { kind: 'full-meeting', label: '支部大会讨论转正', stage: 'probationary' },
  { kind: 'full-approval', label: '上级党委审批转正', stage: 'full', enters: 'full' },
] as const satisfies ReadonlyArray<{ kind: string; label: string; stage: Stage; enters?: Stage; optional?: boolean; repeatable?: boolean }>;

export type StepKind = (typeof STEPS)[number]['kind'];
export const STEP_KINDS = STEPS.map((step) => step.kind) as [StepKind, ...StepKind[]];
export const stepKindSchema = z.enum(STEP_KINDS);

/** A rule a step broke but which does not void it (a limit passed): kept on the step and shown to the secretary. */
export const ruleFlagSchema = z.object({ rule: z.string(), message: z.string() });
export type RuleFlag = z.infer<typeof ruleFlagSchema>;

export const stepRecordSchema = z.object({
  kind: stepKindSchema,
  /** The date the step happened (YYYY-MM-DD, Asia/Shanghai). */
  date: z.string(),
  /** What the step rests on: the meeting, the vote, the training, the document. */
  basis: z.string(),
  recordedBy: z.object({ userId: z.string(), name: z.string() }),
  recordedAt: z.string(),
  trainingDays: z.optional(z.number()),
  trainingHours: z.optional(z.number()),
  noticeEndDate: z.optional(z.string()),
  extensionMonths: z.optional(z.number()),
  flags: z.array(ruleFlagSchema),
});
export type StepRecord = z.infer<typeof stepRecordSchema>;

export const deadlineSchema = z.object({ kind: stepKindSchema, due: z.string(), rule: z.string(), earliest: z.optional(z.boolean()) });
export type Deadline = z.infer<typeof deadlineSchema>;
