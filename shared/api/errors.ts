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
  CONFLICT: '操作与当前状态冲突，请刷新后重试',
  WECOM_CODE_INVALID: '企业微信登录凭证无效或已过期，请重新进入小程序',
  WECOM_CORP_MISMATCH: '该企业微信账号不属于本单位，无法登录',
  WECOM_UNAVAILABLE: '企业微信服务暂时无法连接，请稍后重试',
  MEMBER_NOT_FOUND: '您还不在党员名册中，请联系所在支部书记',
  CSV_INVALID: '名册文件有错误，未导入任何数据，请按提示修改后重新上传',
  FEATURE_DISABLED: '该功能暂未向您开放',
  NOT_AVAILABLE_YET: '该功能正在建设中，敬请期待',
  RATE_LIMITED: '操作太频繁，请稍后再试',
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
