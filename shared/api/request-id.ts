import * as z from 'zod/mini';

/** The client-made id of a write a weak network may repeat: the same id twice has one effect. */
export const clientRequestIdSchema = z.string({ error: '缺少请求编号' }).check(
  z.regex(/^[A-Za-z0-9_-]{8,64}$/, '请求编号应为 8–64 位字母、数字、下划线或短横线'),
);
