import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { pathParamSchemas, type BodyOf, type Endpoint, type QueryOf, type ResponseOf } from '../../api/contract';
import { AppError, badRequest, forbidden } from '../app-error';
import { config } from '../config';
import { assertFeatureEnabled } from '../feature-gate';
import { withCursorScope } from '../page-cursor';
import { verifySession, type Caller } from '../session';
import { jsonBodyOf, textBodyOf } from './body';
import { validate, validateParams } from './validation';

export interface RouteContext<E extends Endpoint> {
  body: BodyOf<E>;
  query: QueryOf<E>;
  params: Record<string, string>;
  caller: E['access'] extends 'public' ? Caller | undefined : Caller;
  event: APIGatewayProxyEventV2;
}

export interface RouteReply<T> {
  status: number;
  body: T;
  headers?: Record<string, string>;
}

export interface Route {
  method: Endpoint['method'] | 'ANY';
  /** Route key for logs: method and path pattern, never the concrete path. */
  key: string;
  localOnly: boolean;
  /** The feature the endpoint belongs to, if any (its toggle, and its share of server errors). */
  feature?: Endpoint['feature'];
  matcher: RegExp;
  paramNames: string[];
  run(event: APIGatewayProxyEventV2, params: Record<string, string>): Promise<RouteReply<unknown>>;
}

/** `/api/v1/members/{userId}` → a RegExp that captures each `{name}` (and `{name+}` greedily). */
function compilePath(path: string): { matcher: RegExp; paramNames: string[] } {
  const paramNames: string[] = [];
  const pattern = path.replace(/[.*?^$()|[\]\\]/g, '\\$&').replace(/\{(\w+)(\+?)\}/g, (_, name: string, greedy: string) => {
    paramNames.push(name);
    return greedy ? '(.+)' : '([^/]+)';
  });
  return { matcher: new RegExp(`^${pattern}/?$`), paramNames };
}

async function authenticate(event: APIGatewayProxyEventV2): Promise<Caller> {
  const header = event.headers?.authorization ?? event.headers?.Authorization;
  const match = header?.match(/^Bearer\s+(\S+)$/i);
  if (!match) throw new AppError(401, 'UNAUTHENTICATED', '请先登录');
  return verifySession(match[1]!);
}

/** Binds a contract endpoint to its implementation, with the edge checks done before it runs. */
export function route<E extends Endpoint>(
  endpoint: E,
  handle: (context: RouteContext<E>) => Promise<ResponseOf<E> | RouteReply<ResponseOf<E>>>,
): Route {
  const { matcher, paramNames } = compilePath(endpoint.path);
  const paramSchemas = pathParamSchemas(endpoint);
  return {
    method: endpoint.method,
    key: `${endpoint.method} ${endpoint.path}`,
    localOnly: endpoint.localOnly ?? false,
    ...(endpoint.feature ? { feature: endpoint.feature } : {}),
    matcher,
    paramNames,
    async run(event, params) {
      const caller = endpoint.access === 'public' ? undefined : await authenticate(event);
      if (caller && Array.isArray(endpoint.access) && !endpoint.access.some((role) => caller.roles.includes(role))) {
        throw forbidden();
      }
      if (endpoint.feature) await assertFeatureEnabled(endpoint.feature, caller);
      const checkedParams = validateParams(paramSchemas, params);
      const maxBytes = endpoint.maxBodyBytes ?? config().MAX_BODY_BYTES;
      const body = endpoint.rawBody
        ? textBodyOf(event, endpoint.rawBody, maxBytes)
        : endpoint.body
          ? validate(endpoint.body, jsonBodyOf(event, maxBytes) ?? {}, 'body')
          : undefined;
      const rawQuery = event.queryStringParameters ?? {};
      const query = endpoint.query ? validate(endpoint.query, rawQuery, 'query') : rawQuery;
      const context = { body, query, params: checkedParams, caller, event } as RouteContext<E>;
      const result = await withCursorScope(cursorScope(endpoint, checkedParams, query), () => handle(context));
      return isReply(result) ? result : { status: 200, body: result };
    },
  };
}

/**
 * The list a paging cursor belongs to: the route, its path parameters and its filters (all of the query but the
 * cursor and the page size). A cursor handed out for one list is refused by any other (see page-cursor.ts).
 */
function cursorScope(endpoint: Endpoint, params: Record<string, string>, query: unknown): string {
  const filters = typeof query === 'object' && query !== null ? Object.entries(query).filter(([name]) => name !== 'cursor' && name !== 'limit') : [];
  const sorted = (entries: [string, unknown][]) => entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify([endpoint.method, endpoint.path, sorted(Object.entries(params)), sorted(filters)]);
}

function isReply<T>(value: T | RouteReply<T>): value is RouteReply<T> {
  return typeof value === 'object' && value !== null && 'status' in value && 'body' in value && Object.keys(value).length <= 3;
}

/** A percent-encoded path segment; a broken escape (`%E0%A4%A`) is the caller's mistake, not a 500. */
function decodePathParam(name: string, raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    throw badRequest([{ path: `path.${name}`, message: '编码无效' }], `路径参数 ${name} 无效：编码无效`);
  }
}

/** Finds the route for a request by method and path, ignoring local-only routes outside the local stage. */
export function matchRoute(routes: Route[], event: APIGatewayProxyEventV2): { route: Route; params: Record<string, string> } {
  const method = event.requestContext.http.method.toUpperCase();
  const path = event.rawPath;
  const isLocal = config().STAGE === 'local';
  for (const candidate of routes) {
    if (candidate.method !== 'ANY' && candidate.method !== method) continue;
    if (candidate.localOnly && !isLocal) continue;
    const found = candidate.matcher.exec(path);
    if (!found) continue;
    const params: Record<string, string> = {};
    candidate.paramNames.forEach((name, index) => {
      params[name] = decodePathParam(name, found[index + 1]!);
    });
    return { route: candidate, params };
  }
  throw new AppError(404, 'ROUTE_NOT_FOUND');
}
