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

/**
 * Checks each path parameter against its schema (contract.ts gives every one a bounded default); the first
 * refusal names the parameter in its message, every refusal is in the details.
 */
export function validateParams(schemas: Record<string, z.ZodMiniType<string, string>>, params: Record<string, string>): Record<string, string> {
  const checked: Record<string, string> = {};
  const refusals: { name: string; message: string }[] = [];
  for (const [name, schema] of Object.entries(schemas)) {
    const result = schema.safeParse(params[name] ?? '');
    if (result.success) checked[name] = result.data;
    else refusals.push(...result.error.issues.map(({ message }) => ({ name, message })));
  }
  const [first] = refusals;
  if (first) {
    const details = refusals.map(({ name, message }) => ({ path: `path.${name}`, message }));
    throw badRequest(details, `路径参数 ${first.name} 无效：${first.message}`);
  }
  return checked;
}
