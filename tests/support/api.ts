import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import type { HttpHandler } from '../../shared/runtime/http';

export interface CallOptions {
  body?: unknown;
  rawBody?: string;
  token?: string;
  headers?: Record<string, string>;
  query?: Record<string, string>;
}

export interface CallResult<T = unknown> {
  status: number;
  headers: Record<string, string>;
  body: T;
}

/** An API Gateway HTTP API (payload v2) event, as the gateway would send it. */
export function apiEvent(method: string, path: string, options: CallOptions = {}): APIGatewayProxyEventV2 {
  const headers: Record<string, string> = { host: 'localhost', origin: 'http://localhost:10086', ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let body: string | undefined;
  if (options.rawBody !== undefined) body = options.rawBody;
  else if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['content-type'] ??= 'application/json';
  }
  const query = options.query ?? {};
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: path,
    rawQueryString: new URLSearchParams(query).toString(),
    headers,
    queryStringParameters: Object.keys(query).length > 0 ? query : undefined,
    requestContext: {
      accountId: 'local',
      apiId: 'local',
      domainName: 'localhost',
      domainPrefix: 'localhost',
      http: { method, path, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'jest' },
      requestId: `req-${Math.random().toString(36).slice(2)}`,
      routeKey: '$default',
      stage: '$default',
      time: new Date().toUTCString(),
      timeEpoch: Date.now(),
    },
    body,
    isBase64Encoded: false,
  };
}

const lambdaContext = (): Context => ({
  callbackWaitsForEmptyEventLoop: false,
  functionName: 'test',
  functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws:lambda:cn-north-1:000000000000:function:test',
  memoryLimitInMB: '512',
  awsRequestId: `aws-${Math.random().toString(36).slice(2)}`,
  logGroupName: '/aws/lambda/test',
  logStreamName: 'test',
  getRemainingTimeInMillis: () => 10_000,
  done: () => undefined,
  fail: () => undefined,
  succeed: () => undefined,
});

/** Invokes a real handler with a gateway event and decodes its JSON answer. */
export async function call<T = any>(handler: HttpHandler, method: string, path: string, options: CallOptions = {}): Promise<CallResult<T>> {
  const result = await handler(apiEvent(method, path, options), lambdaContext());
  const headers = Object.fromEntries(Object.entries(result.headers ?? {}).map(([k, v]) => [k.toLowerCase(), String(v)]));
  return { status: result.statusCode ?? 200, headers, body: (result.body ? JSON.parse(result.body) : undefined) as T };
}
