import * as z from 'zod/mini';

/** `evaluator`: the independent third-party body of the party-building assessment (reads evidence, scores, exports). */
export const ROLES = ['member', 'secretary', 'reviewer', 'finance', 'admin', 'evaluator'] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

export const ROLE_LABELS: Record<Role, string> = {
  member: '党员',
  secretary: '支部书记',
  reviewer: '审核员',
  finance: '党费管理员',
  admin: '平台管理员',
  evaluator: '第三方评估',
};

export const MEMBER_CATEGORIES = ['ranger', 'production', 'office', 'retiree', 'probationary', 'mobile'] as const;
export const memberCategorySchema = z.enum(MEMBER_CATEGORIES);
export type MemberCategory = z.infer<typeof memberCategorySchema>;

export const CATEGORY_LABELS: Record<MemberCategory, string> = {
  ranger: '护林员',
  production: '生产一线',
  office: '机关',
  retiree: '离退休',
  probationary: '预备党员',
  mobile: '流动党员',
};

export const ORG_KINDS = ['group', 'company', 'branch'] as const;
export type OrgKind = (typeof ORG_KINDS)[number];

/** WeCom userid: letters, digits and `_-.@`, at most 64 characters (WeCom's own rule). */
export const userIdSchema = z.string().check(z.regex(/^[A-Za-z0-9_.@-]{1,64}$/, '账号格式不正确'));
export const orgIdSchema = z.string().check(z.regex(/^[a-z0-9-]{1,40}$/, '组织编号格式不正确'));

const nameSchema = z.string().check(z.trim(), z.minLength(1, '姓名不能为空'), z.maxLength(32, '姓名过长'));
const postTagSchema = z.string().check(z.trim(), z.minLength(1), z.maxLength(16, '岗位标签过长'));

export const memberSchema = z.object({
  userId: userIdSchema,
  name: z.string(),
  branchId: orgIdSchema,
  category: memberCategorySchema,
  postTags: z.array(z.string()),
  roles: z.array(roleSchema),
  /** Month (YYYY-MM, Asia/Shanghai) a probationary member was admitted. */
  admittedMonth: z.optional(z.string()),
  updatedAt: z.string(),
});
export type Member = z.infer<typeof memberSchema>;

export const orgUnitSchema = z.object({
  id: orgIdSchema,
  kind: z.enum(ORG_KINDS),
  name: z.string(),
  parentId: z.optional(orgIdSchema),
});
export type OrgUnit = z.infer<typeof orgUnitSchema>;

export interface OrgTreeNode extends OrgUnit {
  children: OrgTreeNode[];
}
export const orgTreeNodeSchema: z.ZodMiniType<OrgTreeNode> = z.object({
  id: orgIdSchema,
  kind: z.enum(ORG_KINDS),
  name: z.string(),
  parentId: z.optional(orgIdSchema),
  get children() {
    return z.array(orgTreeNodeSchema);
  },
});

export const monthSchema = z.string().check(z.regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式应为 YYYY-MM'));

/** Fields an admin (or a branch secretary, within limits) may change on a member. */
export const memberUpdateSchema = z.strictObject({
  name: z.optional(nameSchema),
  branchId: z.optional(orgIdSchema),
  category: z.optional(memberCategorySchema),
  postTags: z.optional(z.array(postTagSchema).check(z.maxLength(10, '岗位标签最多 10 个'))),
  roles: z.optional(z.array(roleSchema).check(z.minLength(1, '至少保留一个角色'))),
  admittedMonth: z.optional(monthSchema),
});
export type MemberUpdate = z.infer<typeof memberUpdateSchema>;

export { nameSchema as memberNameSchema, postTagSchema };
