import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { HttpApiCors, LocalFunction } from './functions';
import type { Invocation } from './pool';

/** A route of the HTTP API: `METHOD /path/{param}`, and the function it invokes. */
export interface GatewayRoute {
  fn: LocalFunction;
  method: string;
  path: string;
  routeKey: string;
  pattern: RegExp;
  paramNames: string[];
}

export function gatewayRoutes(functions: LocalFunction[]): GatewayRoute[] {
  const routes = functions.flatMap((fn) =>
    fn.routes.map((route) => {
      const paramNames: string[] = [];
      const source = route.path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{([^}]+)\\?\}/g, (_whole, name: string) => {
        paramNames.push(name);
        return '([^/]+)';
      });
      return { fn, method: route.method, path: route.path, routeKey: `${route.method} ${route.path}`, pattern: new RegExp(`^${source}$`), paramNames };
    }),
  );
  // The gateway prefers the most specific route: `/activities/mine` before `/activities/{id}`.
  return routes.sort((a, b) => a.paramNames.length - b.paramNames.length);
}

export function matchGatewayRoute(routes: GatewayRoute[], method: string, path: string) {
  for (const route of routes) {
    if (route.method !== method && route.method !== 'ANY') continue;
    const found = route.pattern.exec(path);
    if (!found) continue;
    const params = Object.fromEntries(route.paramNames.map((name, index) => [name, decoded(found[index + 1]!)]));
    return { route, params };
  }
  return undefined;
}

/** A malformed escape stays as it came; the function's own validation refuses it with a 4xx. */
function decoded(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

const TEXT_TYPES = /^(text\/|application\/(json|x-www-form-urlencoded|xml|javascript)|[^;]*\+(json|xml))/i;

/** The HTTP API's payload 2.0 event for a request. */
export function gatewayEvent(request: IncomingMessage, body: Buffer, route: GatewayRoute, params: Record<string, string>): APIGatewayProxyEventV2 {
  const url = new URL(request.url ?? '/', 'http://localhost');
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined && name !== 'cookie') headers[name] = Array.isArray(value) ? value.join(',') : value;
  }
  const query: Record<string, string> = {};
  for (const [name, value] of url.searchParams) query[name] = query[name] === undefined ? value : `${query[name]},${value}`;
  const cookies = request.headers.cookie?.split(';').map((cookie) => cookie.trim()).filter(Boolean);
  const isText = body.length === 0 || TEXT_TYPES.test(headers['content-type'] ?? 'application/json');
  const now = new Date();
  return {
    version: '2.0',
    routeKey: route.routeKey,
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    ...(cookies?.length ? { cookies } : {}),
    headers,
    ...(Object.keys(query).length > 0 ? { queryStringParameters: query } : {}),
    ...(route.paramNames.length > 0 ? { pathParameters: params } : {}),
    requestContext: {
      accountId: 'offline',
      apiId: 'local',
      domainName: headers.host ?? 'localhost',
      domainPrefix: 'localhost',
      http: {
        method: request.method ?? 'GET',
        path: url.pathname,
        protocol: `HTTP/${request.httpVersion}`,
        sourceIp: request.socket.remoteAddress ?? '127.0.0.1',
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: randomUUID(),
      routeKey: route.routeKey,
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
    },
    ...(body.length > 0 ? { body: isText ? body.toString('utf8') : body.toString('base64') } : {}),
    isBase64Encoded: body.length > 0 && !isText,
  };
}

export interface GatewayAnswer {
  status: number;
  headers: Record<string, string | string[]>;
  body: Buffer;
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}): GatewayAnswer => ({
  status,
  headers: { 'content-type': 'application/json', ...headers },
  body: Buffer.from(JSON.stringify(body)),
});

/** Seconds a client should wait before sending again after the local runtime turned a request away. */
export const RETRY_AFTER_SECONDS = 1;

/**
 * What the gateway answers for an invocation. A function that returned is answered as HTTP API payload 2.0
 * says (an object without `statusCode` is a 200 with that object as JSON). Anything else is a gateway error
 * with the gateway's own body — never a 200: a timeout or a copy turned away is a 503 with Retry-After (the
 * request may be sent again as it is), a function error or a dead copy a 502.
 */
export function gatewayAnswer(invocation: Invocation): GatewayAnswer {
  switch (invocation.kind) {
    case 'returned':
      return functionAnswer(invocation.value);
    case 'timed-out':
    case 'throttled':
      return json(503, { message: 'Service Unavailable' }, { 'retry-after': String(RETRY_AFTER_SECONDS) });
    case 'failed':
    case 'crashed':
      return json(502, { message: 'Internal Server Error' });
  }
}

interface StructuredResult {
  statusCode: number;
  headers?: Record<string, string | number | boolean>;
  cookies?: string[];
  body?: string;
  isBase64Encoded?: boolean;
}

function isStructured(value: unknown): value is StructuredResult {
  return typeof value === 'object' && value !== null && typeof (value as StructuredResult).statusCode === 'number';
}

function functionAnswer(value: unknown): GatewayAnswer {
  if (!isStructured(value)) return json(200, value ?? null);
  if (value.body !== undefined && typeof value.body !== 'string') return json(502, { message: 'Internal Server Error' });
  const headers: Record<string, string | string[]> = {};
  for (const [name, header] of Object.entries(value.headers ?? {})) headers[name.toLowerCase()] = String(header);
  if (value.cookies?.length) headers['set-cookie'] = value.cookies;
  const body = value.body === undefined ? Buffer.alloc(0) : Buffer.from(value.body, value.isBase64Encoded ? 'base64' : 'utf8');
  return { status: value.statusCode, headers, body };
}

export const NOT_FOUND = json(404, { message: 'Not Found' });

/**
 * The gateway's CORS (`provider.httpApi.cors`): it answers a preflight itself, without invoking a function, and
 * adds the allow-origin and exposed headers to every answer for an allowed origin.
 */
export function corsHeaders(cors: HttpApiCors | null, request: IncomingMessage): Record<string, string> {
  const origin = request.headers.origin;
  if (!cors || !origin) return {};
  const allowed = cors.allowedOrigins.includes('*') || cors.allowedOrigins.includes(origin);
  if (!allowed) return {};
  const headers: Record<string, string> = { 'access-control-allow-origin': origin };
  if (cors.exposedResponseHeaders.length > 0) headers['access-control-expose-headers'] = cors.exposedResponseHeaders.join(',');
  if (request.method === 'OPTIONS') {
    headers['access-control-allow-methods'] = request.headers['access-control-request-method'] ?? '*';
    if (cors.allowedHeaders.length > 0) headers['access-control-allow-headers'] = cors.allowedHeaders.join(',');
    if (cors.maxAge !== undefined) headers['access-control-max-age'] = String(cors.maxAge);
  }
  return headers;
}

export function isPreflight(request: IncomingMessage): boolean {
  return request.method === 'OPTIONS' && request.headers['access-control-request-method'] !== undefined;
}

export function writeAnswer(response: ServerResponse, answer: GatewayAnswer, extraHeaders: Record<string, string>): void {
  response.writeHead(answer.status, { ...answer.headers, ...extraHeaders, 'content-length': String(answer.body.length) });
  response.end(answer.body);
}
