/**
 * The local API: the handlers of `serverless.ts`, bundled as deployed, behind a small HTTP API (payload 2.0)
 * gateway on API_PORT and the Lambda invoke endpoint on LAMBDA_PORT. It replaces serverless-offline 13, which
 * answered a timed-out or failed function with HTTP 200 (`{"errorType":"LambdaTimeoutError"}`), started a copy
 * of a function per concurrent request, and went on handing requests to copies it had stopped.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { join } from 'node:path';
import { bundleHandlers } from './bundle';
import { localService, type LocalFunction } from './functions';
import { corsHeaders, gatewayAnswer, gatewayEvent, gatewayRoutes, isPreflight, matchGatewayRoute, NOT_FOUND, writeAnswer } from './gateway';
import { FunctionPool, type Invocation } from './pool';
import { LocalQueue } from './queue';
import { answerSqs, isSqsRequest } from './sqs-api';

export interface LocalApiOptions {
  root: string;
  httpPort: number;
  lambdaPort: number;
  /** Copies of each function that may run at once (LOCAL_FUNCTION_COPIES, 2): a burst waits in line instead of starting hundreds. */
  copiesPerFunction: number;
  /** Copies consuming each work queue at once (LOCAL_QUEUE_COPIES, 2), beside the ones serving requests, as in AWS. */
  queueCopies?: number;
  /** Delay before a failed unit is delivered again (the queue's visibility timeout, shortened locally). */
  queueRetryDelayMs?: number;
}

export interface LocalApi {
  functions: LocalFunction[];
  /** Each function's work queue by function key (fanned-out jobs). */
  queues: Map<string, LocalQueue>;
  /** Invokes a function as Lambda's asynchronous invocation would (a scheduled job's event). */
  invoke(fnKey: string, event: unknown): Promise<Invocation>;
  stop(): Promise<void>;
}

/** API Gateway's integration timeout: nothing waits on the gateway longer. */
const GATEWAY_TIMEOUT_MS = 30_000;

/**
 * Longer than any client keeps an idle connection (undici: 4 s), so the client always closes first and never
 * sends a request on a connection the server is closing at that moment (Node's default is 5 s, a race under load).
 */
const KEEP_ALIVE_MS = 65_000;

/** Lambda caps a request payload at 6 MB; the gateway refuses more with 413. */
const MAX_PAYLOAD_BYTES = 6 * 1024 * 1024;

async function readBody(request: IncomingMessage): Promise<Buffer | 'too-large'> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_PAYLOAD_BYTES) return 'too-large';
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function listen(server: Server, port: number): Promise<void> {
  server.keepAliveTimeout = KEEP_ALIVE_MS;
  server.headersTimeout = KEEP_ALIVE_MS + 1_000;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '0.0.0.0', () => resolve());
  });
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

export async function startLocalApi(options: LocalApiOptions): Promise<LocalApi> {
  const service = localService();
  const bundles = await bundleHandlers(options.root, join(options.root, '.esbuild', 'local'), service.functions, service.bundle);
  const extraPools: FunctionPool[] = [];
  const pools = new Map(
    service.functions.map((fn) => [
      fn.key,
      // A request waits for a copy for at most half the gateway's 30 s, leaving the other half to run: then, like
      // the HTTP API, the gateway answers 503 rather than keep a client waiting longer. Not the function's own
      // timeout: dues (300 s) and course push (900 s) have long ones for their jobs, and a page's few concurrent
      // reads of them must queue behind two busy copies rather than be turned away after a second.
      new FunctionPool(fn, bundles.handlers.get(fn.key)!, {
        copies: options.copiesPerFunction,
        maxWaitMs: GATEWAY_TIMEOUT_MS / 2,
        region: service.region,
        runtime: bundles.runtime,
      }),
    ]),
  );
  const routes = gatewayRoutes(service.functions);
  const queues = new Map<string, LocalQueue>();
  for (const fn of service.functions) {
    if (!fn.workQueue) continue;
    // In AWS the queue's consumers are copies of their own, beside those serving requests: a long job never
    // makes a member's request wait behind it.
    const consumers = new FunctionPool(fn, bundles.handlers.get(fn.key)!, { copies: options.queueCopies ?? 2, maxWaitMs: 86_400_000, region: service.region, runtime: bundles.runtime });
    extraPools.push(consumers);
    const queue = new LocalQueue(
      { name: fn.workQueue.name, region: service.region, batchSize: fn.workQueue.batchSize, concurrency: Math.min(options.queueCopies ?? 2, fn.workQueue.maximumConcurrency), maxReceives: fn.workQueue.maxReceives, retryDelayMs: options.queueRetryDelayMs ?? 5_000 },
      async (event) => {
        const invocation = await consumers.invoke(event);
        report(fn, invocation);
        if (invocation.kind === 'returned') return { kind: 'returned', value: invocation.value };
        return { kind: 'failed', reason: invocation.kind };
      },
      (message) => console.error(`[queue] ${fn.key}: a unit failed ${message.receives} times and went to the dead letters: ${message.body.slice(0, 300)}`),
    );
    queues.set(fn.key, queue);
  }
  const queuesByName = new Map([...queues.values()].map((queue) => [queue.settings.name, queue]));

  const gateway = createServer(answering(async (request, response) => {
    const cors = corsHeaders(service.cors, request);
    if (isPreflight(request)) {
      response.writeHead(204, cors).end();
      return;
    }
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    const matched = matchGatewayRoute(routes, request.method ?? 'GET', path);
    const body = await readBody(request);
    if (!matched) return writeAnswer(response, NOT_FOUND, cors);
    if (body === 'too-large') return writeAnswer(response, { status: 413, headers: { 'content-type': 'application/json' }, body: Buffer.from('{"message":"Request Entity Too Large"}') }, cors);
    const invocation = await pools.get(matched.route.fn.key)!.invoke(gatewayEvent(request, body, matched.route, matched.params));
    report(matched.route.fn, invocation);
    writeAnswer(response, gatewayAnswer(invocation), cors);
  }));

  // The Lambda API's Invoke (`aws lambda invoke --endpoint-url http://localhost:<LAMBDA_PORT>`), to run a
  // scheduled job by hand: locally no schedule fires. A function error comes back with X-Amz-Function-Error.
  const byName = new Map(service.functions.flatMap((fn) => [[fn.name, fn], [fn.key, fn]]));
  const invoker = createServer(answering(async (request, response) => {
    const target = request.headers['x-amz-target'];
    if (isSqsRequest(typeof target === 'string' ? target : undefined)) {
      const body = await readBody(request);
      const answer = body === 'too-large' ? { status: 413, body: '{}' } : answerSqs(String(target), body.toString('utf8'), queuesByName);
      return writeAnswer(response, { status: answer.status, headers: { 'content-type': 'application/x-amz-json-1.0' }, body: Buffer.from(answer.body) }, {});
    }
    const found = /^\/2015-03-31\/functions\/([^/]+)\/invocations$/.exec(new URL(request.url ?? '/', 'http://localhost').pathname);
    const fn = found && request.method === 'POST' ? byName.get(decodeURIComponent(found[1]!)) : undefined;
    const body = await readBody(request);
    if (!fn) return writeAnswer(response, { status: 404, headers: { 'content-type': 'application/json' }, body: Buffer.from('{"Type":"User","message":"Function not found"}') }, {});
    if (body === 'too-large') return writeAnswer(response, { status: 413, headers: {}, body: Buffer.alloc(0) }, {});
    let event: unknown = {};
    try {
      if (body.length > 0) event = JSON.parse(body.toString('utf8'));
    } catch {
      return writeAnswer(response, { status: 400, headers: { 'content-type': 'application/json' }, body: Buffer.from('{"Type":"User","message":"Could not parse request body into json"}') }, {});
    }
    const invocation = await pools.get(fn.key)!.invoke(event);
    report(fn, invocation);
    if (invocation.kind === 'returned') return writeAnswer(response, { status: 200, headers: { 'content-type': 'application/json' }, body: Buffer.from(JSON.stringify(invocation.value ?? null)) }, {});
    if (invocation.kind === 'throttled') return writeAnswer(response, { status: 429, headers: { 'content-type': 'application/json' }, body: Buffer.from('{"Reason":"ReservedFunctionConcurrentInvocationLimitExceeded","message":"Rate Exceeded."}') }, {});
    const error = invocation.kind === 'timed-out' ? { errorType: 'Sandbox.Timedout', errorMessage: `Task timed out after ${fn.timeoutMs / 1000} seconds` } : invocation.error;
    writeAnswer(response, { status: 200, headers: { 'content-type': 'application/json', 'x-amz-function-error': 'Unhandled' }, body: Buffer.from(JSON.stringify(error)) }, {});
  }));

  await listen(gateway, options.httpPort);
  await listen(invoker, options.lambdaPort);
  return {
    functions: service.functions,
    queues,
    async invoke(fnKey, event) {
      const pool = pools.get(fnKey);
      if (!pool) throw new Error(`no function ${fnKey}`);
      const invocation = await pool.invoke(event);
      report(service.functions.find((fn) => fn.key === fnKey)!, invocation);
      return invocation;
    },
    async stop() {
      for (const queue of queues.values()) queue.close();
      await Promise.all([close(gateway), close(invoker)]);
      await Promise.all([...pools.values(), ...extraPools].map((pool) => pool.close()));
    },
  };
}

/**
 * A request the server itself could not handle (the client went away mid-body) is answered 502 if it still can
 * be, and never takes the whole API down as an unhandled rejection would.
 */
function answering(serve: (request: IncomingMessage, response: ServerResponse) => Promise<void>) {
  return (request: IncomingMessage, response: ServerResponse) => {
    serve(request, response).catch((error: unknown) => {
      console.error(`[api] ${request.method} ${request.url}: ${error instanceof Error ? error.message : String(error)}`);
      if (!response.headersSent) response.writeHead(502, { 'content-type': 'application/json' });
      response.end('{"message":"Internal Server Error"}');
    });
  };
}

/** What went wrong, in the terminal (a handler's own logs go there from its copy). */
function report(fn: LocalFunction, invocation: Invocation): void {
  if (invocation.kind === 'timed-out') console.error(`[api] ${fn.key}: timed out after ${fn.timeoutMs / 1000} s; that copy was stopped`);
  else if (invocation.kind === 'throttled') console.error(`[api] ${fn.key}: every copy stayed busy; request turned away (503)`);
  else if (invocation.kind === 'failed' || invocation.kind === 'crashed') {
    console.error(`[api] ${fn.key}: ${invocation.kind === 'crashed' ? 'the copy died' : 'the handler failed'}: ${invocation.error.stack ?? `${invocation.error.errorType}: ${invocation.error.errorMessage}`}`);
  }
}
