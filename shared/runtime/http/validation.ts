import * as z from 'zod/mini';
import { zhCN } from 'zod/locales';
import { badRequest } from '../app-error';
import type { ErrorDetail } from '../../api/errors';

z.config(zhCN());

/** Validates input against a contract schema; failures become 400 VALIDATION_FAILED with per-field details. */
export function validate<S extends z.ZodMiniType>(schema: S, input: unknown, where: 'body' | 'query'): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const details: ErrorDetail[] = result.error.issues.map((issue) => ({
    path: [where, ...issue.path.map(String)].join('.'),
    message: issue.message,
  }));
  throw badRequest(details);
}
