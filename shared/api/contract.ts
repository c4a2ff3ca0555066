import type * as z from 'zod/mini';
import type { FeatureKey } from './features';
import type { Role } from './identity-model';

/** The Lambda function (one per capability) that serves an endpoint. */
export type FunctionName = 'identity' | 'suggestionBox' | 'dues' | 'signup' | 'feedback' | 'coursePush';

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

/** Fills `{name}` parameters of an endpoint path. */
export function pathFor(path: string, params: Record<string, string> = {}): string {
  return path.replace(/\{(\w+)\+?\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`missing path parameter ${name}`);
    return encodeURIComponent(value);
  });
}
