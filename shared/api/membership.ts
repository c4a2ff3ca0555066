import * as z from 'zod/mini';
import { endpoint } from './contract';
import { orgIdSchema, userIdSchema } from './identity-model';
import { STAGES, STEP_KINDS, deadlineSchema, ruleFlagSchema, stepKindSchema, stepRecordSchema, type Stage } from './membership-model';
import { clientRequestIdSchema } from './request-id';

export * from './membership-model';

/** A member's whole record (党员档案): joining the Party, transfers, mobile registration, the digital card. */

const manage = ['secretary', 'admin'] as const;
const text = (label: string, max: number, min = 1) =>
  z.string().check(z.trim(), z.minLength(min, `请填写${label}`), z.maxLength(max, `${label}不能超过 ${max} 个字`));
export const calendarDateSchema = z.string().check(z.regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, '日期格式应为 YYYY-MM-DD'));
/** Person ids: a member's WeCom userid, or `p-…` for an applicant without an account. */
export const personIdSchema = z.string().check(z.regex(/^[A-Za-z0-9_.@-]{1,64}$/, '档案编号格式不正确'));
export const transferIdSchema = z.string().check(z.regex(/^t-[a-z0-9]{8,40}$/, '转接编号格式不正确'));

export const SEXES = ['male', 'female'] as const;
export const SEX_LABELS = { male: '男', female: '女' } as const;
export const standingSchema = z.enum(STAGES);
export const STANDING_LABELS: Record<Stage, string> = { applicant: '入党申请人', activist: '入党积极分子', candidate: '发展对象', probationary: '预备党员', full: '正式党员' };

/** A new record: an applicant's (from the application) or an existing member's (with their standing). */
export const personInputSchema = z.strictObject({
  clientRequestId: clientRequestIdSchema,
  name: text('姓名', 32),
  /** The person's platform account, when they have one (they then see their own record). */
  userId: z.optional(userIdSchema),
  /** Admins choose; a secretary's records are always in their own branch. */
  branchId: z.optional(orgIdSchema),
  sex: z.enum(SEXES),
  ethnicity: text('民族', 16),
  idNumber: z.string().check(z.trim(), z.regex(/^\d{17}[\dXx]$/, '身份证号应为 18 位')),
  /** An applicant: the application's date and what it rests on. */
  application: z.optional(z.strictObject({ date: calendarDateSchema, basis: text('依据', 200) })),
  /** An existing member (no application to record): formal or probationary, and since when. */
  standing: z.optional(z.strictObject({ stage: z.enum(['probationary', 'full']), since: calendarDateSchema })),
});
export type PersonInput = z.infer<typeof personInputSchema>;

export const stepInputSchema = z.strictObject({
  kind: stepKindSchema,
  date: calendarDateSchema,
  basis: text('依据（会议、表决、培训等）', 200),
  trainingDays: z.optional(z.number().check(z.int('天数应为整数'), z.minimum(0), z.maximum(60))),
  trainingHours: z.optional(z.number().check(z.int('学时应为整数'), z.minimum(0), z.maximum(500))),
  noticeEndDate: z.optional(calendarDateSchema),
  extensionMonths: z.optional(z.number().check(z.int('月数应为整数'), z.minimum(1), z.maximum(24))),
});
export type StepInputBody = z.infer<typeof stepInputSchema>;

export const personSummarySchema = z.object({
  personId: personIdSchema,
  userId: z.optional(z.string()),
  name: z.string(),
  branchId: z.string(),
  stage: standingSchema,
  idNumberMasked: z.string(),
  nextDeadline: z.optional(deadlineSchema),
  flagged: z.boolean(),
});
export type PersonSummary = z.infer<typeof personSummarySchema>;

export const personDetailSchema = z.object({
  ...personSummarySchema.shape,
  sex: z.enum(SEXES),
  ethnicity: z.string(),
  birthDate: z.string(),
  standingSince: z.optional(z.string()),
  steps: z.array(stepRecordSchema),
  nextSteps: z.array(z.enum(STEP_KINDS)),
  deadlines: z.array(deadlineSchema),
  /** Whether the caller may record steps and read the whole ID number. */
  canManage: z.boolean(),
  updatedAt: z.string(),
});
export type PersonDetail = z.infer<typeof personDetailSchema>;

export const idNumberReadSchema = z.object({ personId: z.string(), idNumber: z.string(), auditedAt: z.string() });
export const idReadAuditSchema = z.object({ items: z.array(z.object({ personId: z.string(), readerId: z.string(), readerName: z.string(), purpose: z.string(), at: z.string() })) });

// ── Organisation transfer (组织关系转接) ───────────────────────────────────────────────────────────────────────

/** Inside the group the receiving branch's acceptance is the receipt (回执); outside, the sending secretary records it. */
export const TRANSFER_STATUSES = ['requested', 'issued', 'returned', 'closed'] as const;
export type TransferStatus = (typeof TRANSFER_STATUSES)[number];
export const TRANSFER_STATUS_LABELS: Record<TransferStatus, string> = {
  requested: '已申请',
  issued: '已开具介绍信',
  returned: '已退回',
  closed: '已接收（回执）',
};

export const transferRequestSchema = z.strictObject({
  clientRequestId: clientRequestIdSchema,
  userId: userIdSchema,
  /** Inside the group: the receiving branch on the platform. Outside: the receiving organisation's name. */
  toBranchId: z.optional(orgIdSchema),
  toOrganisation: z.optional(text('接收党组织', 60)),
  reason: text('转接原因', 200),
});
export const transferIssueSchema = z.strictObject({
  contact: text('联系人及电话', 60),
  /** The sending committee's address and phone as printed on the letter. */
  senderAddress: z.optional(text('党委地址电话', 80)),
  validityDays: z.optional(z.number().check(z.int('有效期应为整数天'), z.minimum(1, '有效期至少 1 天'), z.maximum(180, '有效期不超过 180 天'))),
});
export const transferReturnSchema = z.strictObject({ reason: text('退回理由', 200) });
export const transferReceiptSchema = z.strictObject({ receivedBy: text('接收党组织', 60), receivedOn: calendarDateSchema });

export const letterSchema = z.object({
  number: z.string(),
  name: z.string(),
  sex: z.string(),
  age: z.number(),
  ethnicity: z.string(),
  standing: z.string(),
  idNumberMasked: z.string(),
  from: z.string(),
  to: z.string(),
  /** 党费交至: the last month paid in the dues ledger (YYYY-MM), absent when none was paid. */
  duesPaidUpTo: z.optional(z.string()),
  validityDays: z.number(),
  issuedOn: z.string(),
  validUntil: z.string(),
  contact: z.string(),
  senderAddress: z.string(),
});
export type Letter = z.infer<typeof letterSchema>;

export const transferSchema = z.object({
  id: transferIdSchema,
  userId: z.string(),
  name: z.string(),
  kind: z.enum(['inside', 'outside']),
  fromBranchId: z.string(),
  fromName: z.string(),
  toBranchId: z.optional(z.string()),
  toName: z.string(),
  reason: z.string(),
  status: z.enum(TRANSFER_STATUSES),
  requestedBy: z.string(),
  requestedAt: z.string(),
  letter: z.optional(letterSchema),
  returnReason: z.optional(z.string()),
  decidedBy: z.optional(z.string()),
  decidedAt: z.optional(z.string()),
  receipt: z.optional(z.object({ receivedBy: z.string(), receivedOn: z.string(), recordedBy: z.string() })),
  /** What followed the member on acceptance (bills and study records moved). */
  moved: z.optional(z.object({ duesBills: z.number(), studyRecords: z.number() })),
  updatedAt: z.string(),
});
export type Transfer = z.infer<typeof transferSchema>;

export const mobileInputSchema = z.strictObject({
  clientRequestId: clientRequestIdSchema,
  userId: userIdSchema,
  place: text('外出地点', 60),
  /** Where the member takes part in organisation life while away (流动党员活动证 / 流入地党组织). */
  takesPartIn: text('参加组织生活的党组织', 60),
  from: calendarDateSchema,
  until: calendarDateSchema,
});
export const mobileSchema = z.object({
  id: z.string(),
  userId: z.string(),
  name: z.string(),
  branchId: z.string(),
  place: z.string(),
  takesPartIn: z.string(),
  from: z.string(),
  until: z.string(),
  registeredBy: z.string(),
  registeredAt: z.string(),
});

// ── Digital member card (数字身份) ─────────────────────────────────────────────────────────────────────────────

/** What a card states, signed by the platform (Ed25519): who, which branch, which standing, until when. */
export const cardStatementSchema = z.object({
  v: z.literal(1),
  sub: z.string(),
  name: z.string(),
  branchId: z.string(),
  branchName: z.string(),
  standing: z.string(),
  /** Card generation: revoking a card (or a transfer) moves it on, and older cards fail online checks. */
  gen: z.number(),
  iat: z.number(),
  exp: z.number(),
});
export type CardStatement = z.infer<typeof cardStatementSchema>;

export const cardSchema = z.object({ statement: cardStatementSchema, token: z.string(), publicKeyId: z.string() });
export const cardVerifySchema = z.strictObject({ token: z.string().check(z.minLength(10), z.maxLength(2000, '卡片内容过长')) });
export const cardVerdictSchema = z.object({
  valid: z.boolean(),
  /** Why not: bad-signature, expired, revoked, unknown-member. */
  reason: z.optional(z.enum(['bad-signature', 'expired', 'revoked', 'unknown-member', 'malformed'])),
  statement: z.optional(cardStatementSchema),
  checkedOnline: z.boolean(),
});
export type CardVerdict = z.infer<typeof cardVerdictSchema>;
export const cardRevokeSchema = z.strictObject({ userId: userIdSchema, reason: text('原因', 100) });

// ── Record chain (档案链): every step of a person's record and of their transfers, hash-chained ───────────────────

/** What a chain entry records: the record created, a joining step, or a step of a transfer that moves the person. */
export const RECORD_EVENTS = ['record-created', 'step', 'transfer-requested', 'transfer-issued', 'transfer-accepted', 'transfer-returned', 'transfer-receipt'] as const;
export type RecordEvent = (typeof RECORD_EVENTS)[number];
export const RECORD_EVENT_LABELS: Record<RecordEvent, string> = {
  'record-created': '建立档案',
  step: '登记发展步骤',
  'transfer-requested': '申请组织关系转接',
  'transfer-issued': '开具组织关系介绍信',
  'transfer-accepted': '接收组织关系（回执）',
  'transfer-returned': '退回介绍信',
  'transfer-receipt': '登记集团外回执',
};

/**
 * One entry of a person's chain, as hashed. It holds no ID number, whole or masked: the chain is shown to the
 * member and kept for good, and an 18-digit number is too guessable to hide behind a hash.
 */
export const recordChainEntrySchema = z.object({
  seq: z.number(),
  prevHash: z.string(),
  hash: z.string(),
  personId: z.string(),
  event: z.enum(RECORD_EVENTS),
  /** When it was recorded (ISO-8601 UTC) and by whom. */
  at: z.string(),
  by: z.object({ userId: z.string(), name: z.string() }),
  /** The branch responsible for the person when the entry was written. */
  branchId: z.string(),
  name: z.optional(z.string()),
  standing: z.optional(z.object({ stage: standingSchema, since: z.string() })),
  step: z.optional(
    z.object({
      kind: stepKindSchema,
      date: z.string(),
      basis: z.string(),
      trainingDays: z.optional(z.number()),
      trainingHours: z.optional(z.number()),
      noticeEndDate: z.optional(z.string()),
      extensionMonths: z.optional(z.number()),
      flags: z.array(ruleFlagSchema),
    }),
  ),
  transfer: z.optional(
    z.object({
      id: z.string(),
      fromBranchId: z.string(),
      fromName: z.string(),
      toBranchId: z.optional(z.string()),
      toName: z.string(),
      /** The reason given with the request. */
      reason: z.optional(z.string()),
      letterNumber: z.optional(z.string()),
      validUntil: z.optional(z.string()),
      returnReason: z.optional(z.string()),
      receivedBy: z.optional(z.string()),
      receivedOn: z.optional(z.string()),
    }),
  ),
});
export type RecordChainEntry = z.infer<typeof recordChainEntrySchema>;

export const recordHistorySchema = z.object({
  personId: z.string(),
  /** The chain recomputed from its first entry to its head with nothing broken, and its head in the latest signed checkpoint. */
  ok: z.boolean(),
  count: z.number(),
  headHash: z.string(),
  /** The first entry that does not hold, named in Chinese (which entry, and why). */
  firstBroken: z.optional(z.object({ seq: z.number(), reason: z.enum(['hash', 'link', 'gap', 'checkpoint']), message: z.string() })),
  /** Oldest first; each with whether its own hash matches its content and it links to the entry before it. */
  entries: z.array(z.object({ entry: recordChainEntrySchema, contentOk: z.boolean(), linkOk: z.boolean() })),
  /** The chain's head in the latest signed checkpoint, with the siblings up to its root, and whether they lead to it. */
  checkpoint: z.optional(
    z.object({
      day: z.string(),
      at: z.string(),
      root: z.string(),
      signatureOk: z.boolean(),
      head: z.object({ chain: z.string(), seq: z.number(), hash: z.string() }),
      proof: z.array(z.object({ side: z.enum(['left', 'right']), hash: z.string() })),
      included: z.boolean(),
    }),
  ),
});
export type RecordHistory = z.infer<typeof recordHistorySchema>;

const items = <T extends z.ZodMiniType>(schema: T) => z.object({ items: z.array(schema) });
const branchQuery = z.object({ branchId: z.optional(orgIdSchema) });

export const membershipApi = {
  listPeople: endpoint({ fn: 'membership', method: 'GET', path: '/api/v1/membership/people', access: manage, query: branchQuery, response: items(personSummarySchema) }),
  createPerson: endpoint({ fn: 'membership', method: 'POST', path: '/api/v1/membership/people', access: manage, body: personInputSchema, response: personDetailSchema }),
  myRecord: endpoint({ fn: 'membership', method: 'GET', path: '/api/v1/membership/me', access: 'member', response: z.object({ record: z.optional(personDetailSchema) }) }),
  myHistory: endpoint({ fn: 'membership', method: 'GET', path: '/api/v1/membership/me/history', access: 'member', response: recordHistorySchema }),
  personHistory: endpoint({ fn: 'membership', method: 'GET', path: '/api/v1/membership/people/{personId}/history', access: 'member', response: recordHistorySchema }),
  getPerson: endpoint({ fn: 'membership', method: 'GET', path: '/api/v1/membership/people/{personId}', access: 'member', response: personDetailSchema }),
  recordStep: endpoint({ fn: 'membership', method: 'POST', path: '/api/v1/membership/people/{personId}/steps', access: manage, body: stepInputSchema, response: personDetailSchema }),
  readIdNumber: endpoint({ fn: 'membership', method: 'POST', path: '/api/v1/membership/people/{personId}/id-number', access: manage, body: z.strictObject({ purpose: text('查看用途', 60) }), response: idNumberReadSchema }),
  idReadAudit: endpoint({ fn: 'membership', method: 'GET', path: '/api/v1/membership/people/{personId}/id-reads', access: ['admin'], response: idReadAuditSchema }),
  listTransfers: endpoint({ fn: 'membership', method: 'GET', path: '/api/v1/membership/transfers', access: 'member', response: items(transferSchema) }),
  requestTransfer: endpoint({ fn: 'membership', method: 'POST', path: '/api/v1/membership/transfers', access: 'member', body: transferRequestSchema, response: transferSchema }),
  getTransfer: endpoint({ fn: 'membership', method: 'GET', path: '/api/v1/membership/transfers/{transferId}', access: 'member', response: transferSchema }),
  issueLetter: endpoint({ fn: 'membership', method: 'POST', path: '/api/v1/membership/transfers/{transferId}/issue', access: manage, body: transferIssueSchema, response: transferSchema }),
  acceptTransfer: endpoint({ fn: 'membership', method: 'POST', path: '/api/v1/membership/transfers/{transferId}/accept', access: manage, response: transferSchema }),
  returnTransfer: endpoint({ fn: 'membership', method: 'POST', path: '/api/v1/membership/transfers/{transferId}/return', access: manage, body: transferReturnSchema, response: transferSchema }),
  recordReceipt: endpoint({ fn: 'membership', method: 'POST', path: '/api/v1/membership/transfers/{transferId}/receipt', access: manage, body: transferReceiptSchema, response: transferSchema }),
  letterPdf: endpoint({ fn: 'membership', method: 'GET', path: '/api/v1/membership/transfers/{transferId}/letter', access: manage, response: z.object({ filename: z.string(), pdfBase64: z.string() }) }),
  registerMobile: endpoint({ fn: 'membership', method: 'POST', path: '/api/v1/membership/mobile', access: 'member', body: mobileInputSchema, response: mobileSchema }),
  listMobile: endpoint({ fn: 'membership', method: 'GET', path: '/api/v1/membership/mobile', access: manage, query: branchQuery, response: items(mobileSchema) }),
  myCard: endpoint({ fn: 'membership', method: 'POST', path: '/api/v1/membership/card', access: 'member', response: cardSchema }),
  verifyCard: endpoint({ fn: 'membership', method: 'POST', path: '/api/v1/membership/card/verify', access: 'member', body: cardVerifySchema, response: cardVerdictSchema }),
  revokeCard: endpoint({ fn: 'membership', method: 'POST', path: '/api/v1/membership/card/revoke', access: manage, body: cardRevokeSchema, response: z.object({ userId: z.string(), gen: z.number() }) }),
};
