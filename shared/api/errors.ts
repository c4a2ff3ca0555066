import * as z from 'zod/mini';

/**
 * Stable error codes of the API contract. Clients branch on `code`, never on the message;
 * the message is the Chinese sentence a member reads.
 */
export const ERROR_MESSAGES = {
  VALIDATION_FAILED: '提交的内容不符合要求，请检查后重试',
  INVALID_JSON: '请求内容不是有效的 JSON',
  UNSUPPORTED_MEDIA_TYPE: '请求格式不受支持，请使用 application/json',
  PAYLOAD_TOO_LARGE: '提交的内容过大',
  UNAUTHENTICATED: '登录已失效，请重新登录',
  FORBIDDEN: '您没有权限进行此操作',
  NOT_FOUND: '要找的内容不存在',
  ROUTE_NOT_FOUND: '请求的接口不存在',
  INVALID_CURSOR: '翻页参数无效，请从第一页重新查看',
  CONFLICT: '操作与当前状态冲突，请刷新后重试',
  WECOM_CODE_INVALID: '企业微信登录凭证无效或已过期，请重新进入小程序',
  WECOM_CORP_MISMATCH: '该企业微信账号不属于本单位，无法登录',
  WECOM_UNAVAILABLE: '企业微信服务暂时无法连接，请稍后重试',
  MEMBER_NOT_FOUND: '您还不在党员名册中，请联系所在支部书记',
  CSV_INVALID: '名册文件有错误，未导入任何数据，请按提示修改后重新上传',
  FEATURE_DISABLED: '该功能暂未向您开放',
  RATE_LIMITED: '操作太频繁，请稍后再试',
  ACTIVITY_NOT_FOUND: '没有找到这个活动，可能已被删除',
  ACTIVITY_CANCELLED: '该活动已取消',
  ACTIVITY_ENDED: '该活动已经结束',
  ACTIVITY_FULL: '名额和候补名额都已报满',
  ACTIVITY_CAPACITY_BELOW_CONFIRMED: '名额不能少于已报名成功的人数',
  ACTIVITY_WAITLIST_BELOW_CURRENT: '候补名额不能少于正在候补的人数',
  ACTIVITY_NOT_MANAGED: '您只能管理本支部组织的活动',
  SIGNUP_NOT_OPEN: '报名还没有开始',
  SIGNUP_CLOSED: '报名已经截止',
  SIGNUP_NOT_ELIGIBLE: '该活动不面向您所在的支部或党员类别',
  SIGNUP_ALREADY_REGISTERED: '您已经报过名了，无需重复报名',
  SIGNUP_NOT_REGISTERED: '您没有报名成功这个活动',
  SIGNUP_CANCEL_CLOSED: '报名截止后不能在线取消，如有变动请联系活动组织人',
  SIGNUP_BUSY: '报名的人较多，请稍后再试（重试不会重复报名）',
  CHECKIN_NOT_REQUIRED: '该活动无需签到',
  CHECKIN_CLOSED: '现在不在签到时间内',
  CHECKIN_TOKEN_EXPIRED: '签到码已过期，请扫描现场正在显示的二维码',
  CHECKIN_TOKEN_INVALID: '签到码不正确，请扫描现场的二维码或核对签到码',
  DUES_BASES_CSV_INVALID: '党费基数文件有错误，未导入任何数据，请按提示修改后重新上传',
  DUES_NO_BASE: '尚未核定您的党费基数，请联系党费管理员',
  DUES_BILL_NOT_FOUND: '该月份还没有党费账单',
  DUES_ALREADY_PAID: '该月份的党费已经缴纳，无需重复缴纳',
  DUES_NOTHING_TO_PAY: '该月份按批准的困难减免无需缴纳',
  DUES_BACK_PAY_LIMIT: '超出可补缴的月份范围，请联系支部办理',
  DUES_MONTH_NOT_OPEN: '该月份还不能缴纳',
  DUES_PAY_NOT_ALLOWED: '您不能代他人缴纳党费，请由本人或所在支部办理',
  DUES_PAYMENT_UNAVAILABLE: '微信支付暂时无法连接，请稍后重试或线下缴纳',
  DUES_HARDSHIP_OVERLAP: '该党员在这段时间已有困难减免记录',
  DUES_NOT_CORRECTABLE: '这条记录不能冲正（只能冲正尚未冲正的缴费记录）',
  LEDGER_APPEND_ONLY: '党费账本只能追加，不能修改或删除；如需更正，请登记一条更正记录',
  WECHATPAY_SIGNATURE_INVALID: '支付通知签名验证失败',
  WECHATPAY_TIMESTAMP_STALE: '支付通知时间戳超出允许范围',
  WECHATPAY_NOTIFICATION_INVALID: '支付通知内容无法解析',
  COURSE_NOT_FOUND: '没有找到这门课程',
  COURSE_ARCHIVED: '这门课程已下架，不能再记录学习进度',
  PROGRESS_BACKWARDS: '学习进度不能倒退，已保留更高的进度',
  COURSE_CSV_INVALID: '课程文件有错误，未导入任何课程，请按提示修改后重新上传',
  PUSH_RUN_BUSY: '本周课程推送正在进行中，请稍后查看结果',
  PUSH_NOT_FOUND: '没有找到这条课程推送',
  EVENT_TIME_INVALID: '事件时间不正确，请检查手机的日期和时间设置',
  FEATURE_NOT_FOUND: '没有这个功能',
  TOGGLE_VERSION_CONFLICT: '该功能开关刚被其他人修改，请刷新后重试',
  RULE_INVALID: '规则设置有误，请按提示修改',
  RULE_NOT_FOUND: '没有找到这条规则，可能已被删除',
  PROPOSAL_NOT_FOUND: '没有找到这条调整建议',
  PROPOSAL_NOT_OPEN: '这条调整建议已经处理过了，请刷新后查看',
  CONTENT_BLOCKED: '内容含有不当信息，未能提交，请修改后再提交',
  SUGGESTION_NOT_FOUND: '没有找到这条意见',
  REVIEW_ALREADY_DECIDED: '这条意见已经审核过了，请刷新后查看',
  SUGGESTION_NOT_REPLIABLE: '这条意见当前不能答复（可能正在审核、未通过或已答复）',
  SUGGESTION_NOT_RATABLE: '意见答复后才能评价',
  SUGGESTION_ALREADY_RATED: '您已经评价过这条意见的办理情况',
  LEXICON_ENTRY_NOT_FOUND: '词库中没有这个词',
  LEXICON_VERSION_CONFLICT: '词库刚被其他人修改，请刷新后重试',
  ALERT_NOT_FOUND: '没有找到这条预警',
  INTERNAL: '系统繁忙，请稍后重试',
} as const;

export type ErrorCode = keyof typeof ERROR_MESSAGES;

export const errorDetailSchema = z.object({
  path: z.optional(z.string()),
  row: z.optional(z.number()),
  message: z.string(),
});
export type ErrorDetail = z.infer<typeof errorDetailSchema>;

export const errorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.optional(z.array(errorDetailSchema)),
  }),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;
