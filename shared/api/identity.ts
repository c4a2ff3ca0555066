import * as z from 'zod/mini';
import { endpoint } from './contract';
import {
  memberSchema,
  memberUpdateSchema,
  memberCategorySchema,
  orgIdSchema,
  orgTreeNodeSchema,
  orgUnitSchema,
  ROLES,
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

/**
 * The roster and the pickers: within the caller's scope (a secretary their branch, finance their organisation's
 * branches, an admin everyone), by name, pinyin or initials (`q`), branch, category and roles. Pages hold `limit`
 * matches; a page may hold fewer while `nextCursor` is set, when the search read its share of the roster without
 * filling it.
 */
const ROLE_LIST = new RegExp(`^(${ROLES.join('|')})(,(${ROLES.join('|')})){0,${ROLES.length - 1}}$`);

export const memberListQuerySchema = z.strictObject({
  q: z.optional(z.string().check(z.trim(), z.maxLength(32, '搜索内容最多 32 个字'))),
  branchId: z.optional(orgIdSchema),
  category: z.optional(memberCategorySchema),
  /** Any of these roles, comma-separated (`secretary,admin`): who may handle a suggestion, for instance. */
  roles: z.optional(z.string().check(z.regex(ROLE_LIST, '角色不正确'))),
  limit: z.optional(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(200))),
  cursor: z.optional(z.string().check(z.maxLength(512))),
});

export const memberPageSchema = z.object({
  items: z.array(memberSchema),
  nextCursor: z.optional(z.string()),
});

export const memberDetailSchema = z.object({
  member: memberSchema,
  branch: orgUnitSchema,
  company: z.optional(orgUnitSchema),
});
export type MemberDetail = z.infer<typeof memberDetailSchema>;

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
    // Finance searches too (read only), for 代缴 and offline payments: scope in functions/identity/roster-scope.ts.
    access: ['admin', 'secretary', 'finance'],
    query: memberListQuerySchema,
    response: memberPageSchema,
  }),
  getMember: endpoint({
    fn: 'identity',
    method: 'GET',
    path: '/api/v1/members/{userId}',
    access: ['admin', 'secretary'],
    response: memberDetailSchema,
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
