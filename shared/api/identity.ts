import * as z from 'zod/mini';
import { endpoint } from './contract';
import {
  memberSchema,
  memberUpdateSchema,
  memberCategorySchema,
  orgIdSchema,
  orgTreeNodeSchema,
  orgUnitSchema,
  roleSchema,
  userIdSchema,
} from './identity-model';

export const sessionSchema = z.object({
  token: z.string(),
  /** ISO-8601 UTC instant after which the token is refused. */
  expiresAt: z.string(),
  member: memberSchema,
});
export type Session = z.infer<typeof sessionSchema>;

export const meSchema = z.object({
  member: memberSchema,
  branch: orgUnitSchema,
  company: z.optional(orgUnitSchema),
});
export type Me = z.infer<typeof meSchema>;

export const devAccountSchema = z.object({
  userId: userIdSchema,
  name: z.string(),
  roles: z.array(roleSchema),
  category: memberCategorySchema,
  branchName: z.string(),
});
export type DevAccount = z.infer<typeof devAccountSchema>;

export const memberListQuerySchema = z.strictObject({
  branchId: z.optional(orgIdSchema),
  category: z.optional(memberCategorySchema),
  limit: z.optional(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(200))),
  cursor: z.optional(z.string().check(z.maxLength(512))),
});

export const memberPageSchema = z.object({
  items: z.array(memberSchema),
  nextCursor: z.optional(z.string()),
});

export const rosterImportResultSchema = z.object({
  imported: z.number(),
  created: z.number(),
  updated: z.number(),
});
export type RosterImportResult = z.infer<typeof rosterImportResultSchema>;

export const healthSchema = z.object({ status: z.literal('ok'), stage: z.string(), time: z.string() });

export const identityApi = {
  health: endpoint({ fn: 'identity', method: 'GET', path: '/api/v1/health', access: 'public', response: healthSchema }),
  wecomLogin: endpoint({
    fn: 'identity',
    method: 'POST',
    path: '/api/v1/auth/wecom-login',
    access: 'public',
    body: z.strictObject({ code: z.string().check(z.minLength(1, '缺少登录凭证'), z.maxLength(256)) }),
    response: sessionSchema,
  }),
  devAccounts: endpoint({
    fn: 'identity',
    method: 'GET',
    path: '/api/v1/auth/dev-accounts',
    access: 'public',
    localOnly: true,
    response: z.object({ accounts: z.array(devAccountSchema) }),
  }),
  devLogin: endpoint({
    fn: 'identity',
    method: 'POST',
    path: '/api/v1/auth/dev-login',
    access: 'public',
    localOnly: true,
    body: z.strictObject({ userId: userIdSchema }),
    response: sessionSchema,
  }),
  me: endpoint({ fn: 'identity', method: 'GET', path: '/api/v1/me', access: 'member', response: meSchema }),
  orgTree: endpoint({
    fn: 'identity',
    method: 'GET',
    path: '/api/v1/org/tree',
    access: 'member',
    response: z.object({ root: orgTreeNodeSchema }),
  }),
  listMembers: endpoint({
    fn: 'identity',
    method: 'GET',
    path: '/api/v1/members',
    access: ['admin', 'secretary'],
    query: memberListQuerySchema,
    response: memberPageSchema,
  }),
  updateMember: endpoint({
    fn: 'identity',
    method: 'PATCH',
    path: '/api/v1/members/{userId}',
    access: ['admin', 'secretary'],
    body: memberUpdateSchema,
    response: z.object({ member: memberSchema }),
  }),
  importRoster: endpoint({
    fn: 'identity',
    method: 'POST',
    path: '/api/v1/members/import',
    access: ['admin'],
    rawBody: 'text/csv',
    maxBodyBytes: 2 * 1024 * 1024,
    response: rosterImportResultSchema,
  }),
} as const;
