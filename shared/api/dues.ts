import * as z from 'zod/mini';
import { endpoint } from './contract';
import { clientRequestIdSchema } from './request-id';
import { jobRunSchema, runIdParamSchema } from './jobs';
import { DUES_BASE_KINDS, FIXED_CLASSES, duesRulesSchema, fenSchema, voluntaryFenSchema } from './dues-rules';
import { memberCategorySchema, monthSchema, orgIdSchema, userIdSchema } from './identity-model';

export * from './dues-rules';

const yearSchema = z.coerce.number().check(z.int('年份格式不正确'), z.minimum(2008, '年份格式不正确'), z.maximum(2100, '年份格式不正确'));
const shortText = (max: number, empty: string) => z.string().check(z.trim(), z.minLength(1, empty), z.maxLength(max, `不能超过 ${max} 字`));
const seqSchema = z.coerce.number().check(z.int('序号必须是整数'), z.minimum(1, '序号从 1 开始'));

// ---- bases -------------------------------------------------------------------------------------

export const baseInputSchema = z
  .strictObject({
    /** First month (Asia/Shanghai) the base applies to; usually January, or the month a new wage is received. */
    effectiveMonth: monthSchema,
    kind: z.enum(DUES_BASE_KINDS),
    baseFen: z.optional(fenSchema),
    fixedClass: z.optional(z.enum(FIXED_CLASSES)),
    note: z.optional(z.string().check(z.trim(), z.maxLength(100, '备注不能超过 100 字'))),
  })
  .check(
    z.refine((base) => base.kind === 'fixed' || base.baseFen !== undefined, { message: '按工资或离退休费缴纳时必须填写月基数', path: ['baseFen'] }),
    z.refine((base) => base.kind !== 'fixed' || base.fixedClass !== undefined, { message: '定额缴纳时必须选择定额类别', path: ['fixedClass'] }),
  );
export type BaseInput = z.infer<typeof baseInputSchema>;

export const duesBaseSchema = z.object({
  userId: userIdSchema,
  name: z.string(),
  branchId: orgIdSchema,
  effectiveMonth: z.string(),
  kind: z.enum(DUES_BASE_KINDS),
  baseFen: z.optional(z.number()),
  fixedClass: z.optional(z.enum(FIXED_CLASSES)),
  note: z.optional(z.string()),
  /** The monthly dues this base gives under the current rules. */
  monthlyFen: z.number(),
  setBy: z.string(),
  setAt: z.string(),
});
export type DuesBase = z.infer<typeof duesBaseSchema>;

const memberRefSchema = z.object({ userId: z.string(), name: z.string(), branchId: z.string(), category: memberCategorySchema });

export const baseImportResultSchema = z.object({ imported: z.number() });

// ---- bills -------------------------------------------------------------------------------------

export const BILL_STATUSES = ['unpaid', 'paid', 'exempt'] as const;
export type BillStatus = (typeof BILL_STATUSES)[number];
export const PAYMENT_METHODS = ['wechatpay', 'cash', 'transfer'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];
export const PAYMENT_METHOD_LABELS: Record<PaymentMethod, string> = { wechatpay: '微信支付', cash: '现金', transfer: '转账' };

export const computationSchema = z.object({
  kind: z.enum(DUES_BASE_KINDS),
  baseFen: z.optional(z.number()),
  rateBp: z.optional(z.number()),
  fixedClass: z.optional(z.enum(FIXED_CLASSES)),
  ruleAmountFen: z.number(),
  hardship: z.optional(z.object({ approvalRef: z.string(), monthlyAmountFen: z.number() })),
});

export const billSchema = z.object({
  userId: z.string(),
  name: z.string(),
  branchId: z.string(),
  month: z.string(),
  status: z.enum(BILL_STATUSES),
  amountFen: z.number(),
  computation: computationSchema,
  createdAt: z.string(),
  paidAt: z.optional(z.string()),
  paidFen: z.optional(z.number()),
  voluntaryFen: z.optional(z.number()),
  paidVia: z.optional(z.enum(PAYMENT_METHODS)),
  paidBy: z.optional(z.string()),
  ledgerSeq: z.optional(z.number()),
});
export type Bill = z.infer<typeof billSchema>;

export const billGenerationSchema = z.object({
  month: z.string(),
  created: z.number(),
  existing: z.number(),
  notYetAdmitted: z.number(),
  /** Members for whom finance has set no base yet: no bill until one is set (then run again). */
  missingBase: z.array(z.string()),
});
export type BillGeneration = z.infer<typeof billGenerationSchema>;

// ---- payments ----------------------------------------------------------------------------------

export const jsapiParamsSchema = z.object({
  appId: z.string(),
  timeStamp: z.string(),
  nonceStr: z.string(),
  package: z.string(),
  signType: z.literal('RSA'),
  paySign: z.string(),
});
export type JsapiParams = z.infer<typeof jsapiParamsSchema>;

export const payOrderSchema = z.object({
  outTradeNo: z.string(),
  month: z.string(),
  userId: z.string(),
  amountFen: z.number(),
  voluntaryFen: z.number(),
  /** `local-simulator`: the local stage's clearly labelled stand-in for WeChat Pay (no money moves). */
  mode: z.enum(['wechatpay', 'local-simulator']),
  jsapi: jsapiParamsSchema,
});
export type PayOrder = z.infer<typeof payOrderSchema>;

export const offlinePaymentInputSchema = z.strictObject({
  userId: userIdSchema,
  months: z.array(monthSchema).check(z.minLength(1, '至少选择一个月份'), z.maxLength(12, '一次最多登记 12 个月')),
  method: z.enum(['cash', 'transfer']),
  voluntaryExtraFen: z.optional(voluntaryFenSchema),
  reference: z.optional(z.string().check(z.trim(), z.maxLength(64, '收据号不能超过 64 字'))),
  note: z.optional(z.string().check(z.trim(), z.maxLength(100, '备注不能超过 100 字'))),
  clientRequestId: clientRequestIdSchema,
});
export type OfflinePaymentInput = z.infer<typeof offlinePaymentInputSchema>;

export const hardshipInputSchema = z
  .strictObject({
    userId: userIdSchema,
    fromMonth: monthSchema,
    toMonth: monthSchema,
    monthlyAmountFen: fenSchema,
    reason: shortText(200, '请填写困难情况'),
    approvalRef: shortText(64, '请填写批准文号或会议记录'),
    clientRequestId: clientRequestIdSchema,
  })
  .check(z.refine((input) => input.fromMonth <= input.toMonth, { message: '结束月份不能早于开始月份', path: ['toMonth'] }));
export type HardshipInput = z.infer<typeof hardshipInputSchema>;

export const hardshipSchema = z.object({
  id: z.string(),
  userId: z.string(),
  name: z.string(),
  branchId: z.string(),
  fromMonth: z.string(),
  toMonth: z.string(),
  monthlyAmountFen: z.number(),
  reason: z.string(),
  approvalRef: z.string(),
  approvedBy: z.string(),
  approvedAt: z.string(),
  ledgerSeq: z.number(),
});
export type Hardship = z.infer<typeof hardshipSchema>;

export const paymentAnomalySchema = z.object({
  id: z.string(),
  kind: z.enum(['amount-mismatch', 'unknown-order', 'bill-already-paid', 'merchant-mismatch']),
  /** Money WeChat Pay took that paid no bill: finance refunds it (and is sent a notice when it is recorded). */
  status: z.literal('refund-needed'),
  outTradeNo: z.string(),
  transactionId: z.string(),
  expectedFen: z.optional(z.number()),
  receivedFen: z.number(),
  userId: z.optional(z.string()),
  month: z.optional(z.string()),
  at: z.string(),
});
export type PaymentAnomaly = z.infer<typeof paymentAnomalySchema>;

// ---- ledger ------------------------------------------------------------------------------------

export const LEDGER_KINDS = ['payment', 'offline-payment', 'reversal', 'hardship-adjustment'] as const;
export type LedgerKind = (typeof LEDGER_KINDS)[number];
export const LEDGER_KIND_LABELS: Record<LedgerKind, string> = {
  payment: '在线缴纳',
  'offline-payment': '线下缴纳',
  reversal: '冲正更正',
  'hardship-adjustment': '困难减免',
};

export const ledgerEntrySchema = z.object({
  seq: z.number(),
  prevHash: z.string(),
  hash: z.string(),
  kind: z.enum(LEDGER_KINDS),
  at: z.string(),
  userId: z.string(),
  branchId: z.string(),
  months: z.array(z.string()),
  /** Dues part of the event in fen: positive for money received, negative for a reversal or reduction. */
  amountFen: z.number(),
  voluntaryFen: z.number(),
  /** Voluntary part that goes wholly to the central committee (a single voluntary payment over the threshold). */
  toCentreFen: z.number(),
  method: z.optional(z.enum(PAYMENT_METHODS)),
  reference: z.optional(z.string()),
  recordedBy: z.string(),
  correctsSeq: z.optional(z.number()),
  note: z.optional(z.string()),
});
export type LedgerEntry = z.infer<typeof ledgerEntrySchema>;

export const ledgerBreakSchema = z.object({
  seq: z.number(),
  reason: z.enum(['hash', 'link', 'gap', 'checkpoint']),
  message: z.string(),
});
export type LedgerBreak = z.infer<typeof ledgerBreakSchema>;

export const checkpointSchema = z.object({ day: z.string(), count: z.number(), headHash: z.string(), at: z.string() });
export type Checkpoint = z.infer<typeof checkpointSchema>;

export const ledgerVerificationSchema = z.object({
  ok: z.boolean(),
  count: z.number(),
  headHash: z.string(),
  checkpointsChecked: z.number(),
  firstBroken: z.optional(ledgerBreakSchema),
  elapsedMs: z.number(),
});
export type LedgerVerification = z.infer<typeof ledgerVerificationSchema>;

export const myLedgerSchema = z.object({
  entries: z.array(
    z.object({
      entry: ledgerEntrySchema,
      /** The hash recomputed from the entry's content matches. */
      contentOk: z.boolean(),
      /** The entries before and after it in the whole chain link to it. */
      linkOk: z.boolean(),
    }),
  ),
  allOk: z.boolean(),
  latestCheckpoint: z.optional(checkpointSchema),
});
export type MyLedger = z.infer<typeof myLedgerSchema>;

// ---- arrears and reports -----------------------------------------------------------------------

export const arrearsSchema = z.object({
  branchId: z.string(),
  flagMonths: z.number(),
  members: z.array(
    z.object({
      userId: z.string(),
      name: z.string(),
      unpaidMonths: z.array(z.string()),
      outstandingFen: z.number(),
      consecutiveMonths: z.number(),
      /** Unpaid for at least `flagMonths` consecutive months: for the branch to talk to, never removed by the platform. */
      flagged: z.boolean(),
    }),
  ),
});
export type Arrears = z.infer<typeof arrearsSchema>;

const collectionFiguresSchema = z.object({
  members: z.number(),
  dueFen: z.number(),
  paidFen: z.number(),
  outstandingFen: z.number(),
  voluntaryFen: z.number(),
  /** paid / due in basis points (10000 = 100 %). */
  collectionRateBp: z.number(),
});
export type CollectionFigures = z.infer<typeof collectionFiguresSchema>;

export const duesReportSchema = z.object({
  year: z.number(),
  /** For the whole group: when the figures were last counted (a background job, `refreshReport`); absent when live. */
  asOf: z.optional(z.string()),
  rows: z.array(z.extend(collectionFiguresSchema, { branchId: z.string(), branchName: z.string() })),
  total: collectionFiguresSchema,
});
export type DuesReport = z.infer<typeof duesReportSchema>;

export const publicSummarySchema = z.extend(collectionFiguresSchema, {
  year: z.number(),
  branchId: z.string(),
  branchName: z.string(),
  toCentreFen: z.number(),
  byMonth: z.array(z.object({ month: z.string(), dueFen: z.number(), paidFen: z.number() })),
  publishedAt: z.optional(z.string()),
  publishedBy: z.optional(z.string()),
});
export type PublicSummary = z.infer<typeof publicSummarySchema>;

// ---- endpoints ---------------------------------------------------------------------------------

const FINANCE = ['finance', 'admin'] as const;
const BRANCH_STAFF = ['finance', 'admin', 'secretary'] as const;
const fn = 'dues' as const;
const feature = 'dues' as const;

/** Answer to a WeChat Pay notification, in WeChat Pay's own format. */
export const wechatpayAckSchema = z.object({ code: z.enum(['SUCCESS', 'FAIL']), message: z.string() });

const appendOnly = (method: 'PUT' | 'PATCH' | 'DELETE') =>
  endpoint({ fn, method, path: '/api/v1/dues/ledger/entries/{seq}', access: 'member', feature, response: z.never() });

export const duesApi = {
  rules: endpoint({ fn, method: 'GET', path: '/api/v1/dues/rules', access: 'member', feature, response: duesRulesSchema }),
  updateRules: endpoint({ fn, method: 'PUT', path: '/api/v1/dues/rules', access: FINANCE, feature, body: duesRulesSchema, response: duesRulesSchema }),
  listBases: endpoint({
    fn,
    method: 'GET',
    path: '/api/v1/dues/bases',
    access: BRANCH_STAFF,
    feature,
    query: z.strictObject({ branchId: z.optional(orgIdSchema), year: yearSchema }),
    response: z.object({ bases: z.array(duesBaseSchema), missing: z.array(memberRefSchema) }),
  }),
  setBase: endpoint({
    fn,
    method: 'PUT',
    path: '/api/v1/dues/bases/{userId}',
    access: FINANCE,
    feature,
    body: baseInputSchema,
    response: z.object({ base: duesBaseSchema }),
  }),
  importBases: endpoint({
    fn,
    method: 'POST',
    path: '/api/v1/dues/bases/import',
    access: FINANCE,
    feature,
    rawBody: 'text/csv',
    maxBodyBytes: 2 * 1024 * 1024,
    response: baseImportResultSchema,
  }),
  generateBills: endpoint({
    fn,
    method: 'POST',
    path: '/api/v1/dues/bills/generate',
    access: FINANCE,
    feature,
    body: z.strictObject({ month: monthSchema }),
    // Starts the job (one unit per group of branches, in the background) and answers at once with its run.
    response: jobRunSchema,
  }),
  duesRun: endpoint({
    fn,
    method: 'GET',
    path: '/api/v1/dues/runs/{runId}',
    access: FINANCE,
    feature,
    params: { runId: runIdParamSchema },
    response: jobRunSchema,
  }),
  refreshReport: endpoint({
    fn,
    method: 'POST',
    path: '/api/v1/dues/reports/refresh',
    access: FINANCE,
    feature,
    body: z.strictObject({ year: yearSchema }),
    response: jobRunSchema,
  }),
  listBills: endpoint({
    fn,
    method: 'GET',
    path: '/api/v1/dues/bills',
    access: 'member',
    feature,
    query: z.strictObject({ year: yearSchema, userId: z.optional(userIdSchema) }),
    response: z.object({ bills: z.array(billSchema) }),
  }),
  pay: endpoint({
    fn,
    method: 'POST',
    path: '/api/v1/dues/bills/{month}/pay',
    access: 'member',
    feature: 'dues.online-payment',
    body: z.strictObject({
      /** Whose bill: absent for one's own; paying for another (代缴) needs to be allowed. */
      userId: z.optional(userIdSchema),
      voluntaryExtraFen: z.optional(voluntaryFenSchema),
      /** The payer's WeChat openid for the mini-program (JSAPI); not needed by the local simulator. */
      payerOpenId: z.optional(z.string().check(z.regex(/^[A-Za-z0-9_-]{1,128}$/, 'openid 格式不正确'))),
    }),
    response: payOrderSchema,
  }),
  wechatpayNotify: endpoint({
    fn,
    method: 'POST',
    path: '/api/v1/dues/notify/wechatpay',
    access: 'public',
    rawBody: 'application/json',
    maxBodyBytes: 64 * 1024,
    response: wechatpayAckSchema,
  }),
  localPay: endpoint({
    fn,
    method: 'POST',
    path: '/api/v1/dues/local-pay/{outTradeNo}',
    access: 'member',
    localOnly: true,
    feature: 'dues.online-payment',
    response: z.object({ notified: z.boolean(), status: z.number(), answer: wechatpayAckSchema }),
  }),
  recordOfflinePayment: endpoint({
    fn,
    method: 'POST',
    path: '/api/v1/dues/offline-payments',
    access: BRANCH_STAFF,
    feature,
    body: offlinePaymentInputSchema,
    response: z.object({ entry: ledgerEntrySchema, bills: z.array(billSchema) }),
  }),
  listHardships: endpoint({
    fn,
    method: 'GET',
    path: '/api/v1/dues/hardships',
    access: BRANCH_STAFF,
    feature,
    query: z.strictObject({ branchId: z.optional(orgIdSchema) }),
    response: z.object({ hardships: z.array(hardshipSchema) }),
  }),
  approveHardship: endpoint({
    fn,
    method: 'POST',
    path: '/api/v1/dues/hardships',
    access: BRANCH_STAFF,
    feature,
    body: hardshipInputSchema,
    response: z.object({ hardship: hardshipSchema, entry: ledgerEntrySchema }),
  }),
  myLedger: endpoint({ fn, method: 'GET', path: '/api/v1/dues/ledger/mine', access: 'member', feature, response: myLedgerSchema }),
  listLedger: endpoint({
    fn,
    method: 'GET',
    path: '/api/v1/dues/ledger',
    access: FINANCE,
    feature,
    query: z.strictObject({ afterSeq: z.optional(z.coerce.number().check(z.int(), z.minimum(0))), limit: z.optional(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(200))) }),
    response: z.object({ entries: z.array(ledgerEntrySchema), nextAfterSeq: z.optional(z.number()) }),
  }),
  verifyLedger: endpoint({ fn, method: 'GET', path: '/api/v1/dues/ledger/verify', access: BRANCH_STAFF, feature, response: ledgerVerificationSchema }),
  checkpoints: endpoint({
    fn,
    method: 'GET',
    path: '/api/v1/dues/ledger/checkpoints',
    access: 'member',
    feature,
    response: z.object({ checkpoints: z.array(checkpointSchema) }),
  }),
  correctEntry: endpoint({
    fn,
    method: 'POST',
    path: '/api/v1/dues/ledger/corrections',
    access: FINANCE,
    feature,
    body: z.strictObject({ correctsSeq: seqSchema, reason: shortText(200, '请填写更正原因'), clientRequestId: clientRequestIdSchema }),
    response: z.object({ entry: ledgerEntrySchema }),
  }),
  /** Entries are append-only: these exist only to say so clearly (405 LEDGER_APPEND_ONLY). */
  replaceEntry: appendOnly('PUT'),
  editEntry: appendOnly('PATCH'),
  deleteEntry: appendOnly('DELETE'),
  anomalies: endpoint({
    fn,
    method: 'GET',
    path: '/api/v1/dues/anomalies',
    access: FINANCE,
    feature,
    response: z.object({ anomalies: z.array(paymentAnomalySchema) }),
  }),
  arrears: endpoint({
    fn,
    method: 'GET',
    path: '/api/v1/dues/arrears',
    access: BRANCH_STAFF,
    feature,
    query: z.strictObject({ branchId: z.optional(orgIdSchema) }),
    response: arrearsSchema,
  }),
  report: endpoint({
    fn,
    method: 'GET',
    path: '/api/v1/dues/reports',
    access: BRANCH_STAFF,
    feature,
    query: z.strictObject({ year: yearSchema }),
    response: duesReportSchema,
  }),
  exportReport: endpoint({
    fn,
    method: 'GET',
    path: '/api/v1/dues/reports/export',
    access: FINANCE,
    feature,
    query: z.strictObject({ year: yearSchema }),
    response: z.object({ filename: z.string(), csv: z.string() }),
  }),
  summary: endpoint({
    fn,
    method: 'GET',
    path: '/api/v1/dues/summaries',
    access: 'member',
    feature,
    query: z.strictObject({ year: yearSchema, branchId: z.optional(orgIdSchema) }),
    response: z.object({ summary: publicSummarySchema }),
  }),
  publishSummary: endpoint({
    fn,
    method: 'POST',
    path: '/api/v1/dues/summaries/publish',
    access: BRANCH_STAFF,
    feature,
    body: z.strictObject({ year: yearSchema, branchId: z.optional(orgIdSchema) }),
    response: z.object({ summary: publicSummarySchema }),
  }),
} as const;
