import * as z from 'zod/mini';
import { endpoint } from './contract';

/** An outbox key: letters, digits and `# : . @ - _`, as the outbox itself accepts (shared/runtime/outbound/notice.ts). */
export const noticeKeySchema = z.string().check(
  z.minLength(1, '消息编号不能为空'),
  z.maxLength(200, '消息编号不超过 200 个字符'),
  z.regex(/^[\w#:.@-]+$/, '消息编号只能包含字母、数字和 # : . @ - _'),
);

export const failedNoticeSchema = z.object({
  key: z.string(),
  title: z.string(),
  description: z.string(),
  recipients: z.number(),
  attempts: z.number(),
  /** Why the last attempt failed (WeCom's answer), for the admin to judge whether a re-drive can help. */
  lastError: z.optional(z.string()),
  createdAt: z.string(),
  failedAt: z.optional(z.string()),
});
export type FailedNotice = z.infer<typeof failedNoticeSchema>;

export const REDRIVE_OUTCOMES = ['sent', 'pending', 'failed', 'busy', 'lease-lost'] as const;
export const redriveResultSchema = z.object({ key: z.string(), outcome: z.enum(REDRIVE_OUTCOMES) });
export type RedriveResult = z.infer<typeof redriveResultSchema>;

/** The outbox's failed notices (any capability's), for the admins: listed with their reason and sent again on demand. */
export const noticesApi = {
  failedNotices: endpoint({
    fn: 'coursePush', method: 'GET', path: '/api/v1/notices/failed', access: ['admin'],
    response: z.object({ notices: z.array(failedNoticeSchema) }),
  }),
  redriveNotice: endpoint({
    fn: 'coursePush', method: 'POST', path: '/api/v1/notices/redrive', access: ['admin'],
    body: z.strictObject({ key: noticeKeySchema }), response: redriveResultSchema,
  }),
};
