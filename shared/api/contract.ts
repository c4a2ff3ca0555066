import * as z from 'zod/mini';
import type { FeatureKey } from './features';
import type { Role } from './identity-model';

/** The Lambda function (one per capability) that serves an endpoint. */
export type FunctionName = 'identity' | 'suggestionBox' | 'dues' | 'signup' | 'feedback' | 'coursePush' | 'assistant' | 'orgLife' | 'assessment' | 'membership';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * One endpoint of the API: the single description that the handler's router, serverless.ts
 * (API Gateway routes) and the mini-program's client all read.
 */
export interface Endpoint<
  Body extends z.ZodMiniType = z.ZodMiniType,
  Query extends z.ZodMiniType = z.ZodMiniType,
  Res extends z.ZodMiniType = z.ZodMiniType,
> {
  fn: FunctionName;
  method: HttpMethod;
  /** API Gateway path, with `{name}` parameters. */
  path: string;
  /** `public`: no session; `member`: any signed-in member; a role list: any of those roles. */
  access: 'public' | 'member' | readonly Role[];
  /** The toggle this endpoint belongs to: when it is off for the caller, 403 FEATURE_DISABLED. */
  feature?: FeatureKey;
  /** Only routed on the local stage (demo sign-in). */
  localOnly?: boolean;
  /**
   * Body carried as raw text of this media type instead of parsed JSON: a CSV upload, or JSON whose exact
   * bytes matter (a signed payment notification is verified over the raw body before it is parsed).
   */
  rawBody?: 'text/csv' | 'application/json';
  /** A larger body limit than the default, for uploads such as rosters. */
  maxBodyBytes?: number;
  body?: Body;
  query?: Query;
  /**
   * Schemas of path parameters whose values are not identifiers (e.g. a lexicon word); every other `{name}` of
   * the path gets `identifierParamSchema`. Either way each value is checked, and bounded, before the handler runs.
   */
  params?: Readonly<Record<string, z.ZodMiniType<string, string>>>;
  response: Res;
}

/** Keeps the literal shape of a definition, so whether it has a body, a query or a raw body is in its type. */
export function endpoint<const E extends Endpoint>(definition: E): E {
  return definition;
}

/** What the handler receives as body: text for raw uploads, the parsed schema otherwise, `undefined` without one. */
export type BodyOf<E> = E extends { rawBody: string }
  ? string
  : E extends { body: infer S extends z.ZodMiniType }
    ? z.infer<S>
    : undefined;
export type QueryOf<E> = E extends { query: infer S extends z.ZodMiniType } ? z.infer<S> : Record<string, string | undefined>;
export type ResponseOf<E> = E extends { response: infer S extends z.ZodMiniType } ? z.infer<S> : never;
/** What a client sends as body (before defaults and transforms). */
export type BodyInputOf<E> = E extends { body: infer S extends z.ZodMiniType } ? z.input<S> : never;
export type QueryInputOf<E> = E extends { query: infer S extends z.ZodMiniType } ? z.input<S> : never;

/**
 * Longest path parameter any endpoint accepts by default: DynamoDB refuses keys over 2,048 bytes (and a 500 would
 * follow), while the identifiers of this API (WeCom userids ≤ 64, UUIDs, months, feature keys) are far shorter.
 */
export const PATH_PARAM_MAX_LENGTH = 128;

/**
 * The default schema of a path parameter: an identifier of letters, digits and `. _ : @ -`, as WeCom userids,
 * UUIDs, months, sequence numbers and feature keys are. No `#` (the table's key separator), no space or control
 * character, no slash.
 */
export const identifierParamSchema = z.string().check(
  z.minLength(1, '不能为空'),
  z.maxLength(PATH_PARAM_MAX_LENGTH, `不能超过 ${PATH_PARAM_MAX_LENGTH} 个字符`),
  z.regex(/^[A-Za-z0-9._:@-]+$/, '只能包含字母、数字和 . _ : @ -'),
);

/** The `{name}` (and greedy `{name+}`) parameters of an endpoint path, in order. */
export function pathParamNames(path: string): string[] {
  return [...path.matchAll(/\{(\w+)\+?\}/g)].map((match) => match[1]!);
}

/** The schema of each path parameter of an endpoint: its own where it declares one, the identifier schema otherwise. */
export function pathParamSchemas(definition: Pick<Endpoint, 'path' | 'params'>): Record<string, z.ZodMiniType<string, string>> {
  return Object.fromEntries(pathParamNames(definition.path).map((name) => [name, definition.params?.[name] ?? identifierParamSchema]));
}

/** Fills `{name}` parameters of an endpoint path. */
export function pathFor(path: string, params: Record<string, string> = {}): string {
  return path.replace(/\{(\w+)\+?\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`missing path parameter ${name}`);
    return encodeURIComponent(value);
  });
}
