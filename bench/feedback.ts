/**
 * `npm run bench:feedback [-- --events 1000000] [--seconds 10]`
 *
 * 1. Ingests usage events in batches of 100 through the real feedback handler against DynamoDB Local (started
 *    here, in memory, on a free port) and prints events/s and the DynamoDB write units consumed per event
 *    (ReturnConsumedCapacity on every write).
 * 2. Serves GET /api/v1/toggles, a bare handler returning a constant, and the constant through each layer of the
 *    platform's handler stack, each through the same small HTTP adapter in a child process; loads each with
 *    autocannon (50 connections) and prints p50/p99, throughput, the server's CPU time per request and the ratios.
 */
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import type { MyToggles } from '../shared/api/feedback';
import type { Member } from '../shared/api/identity-model';
import { FEATURE_KEYS } from '../shared/api/features';
import { MAX_EVENTS_PER_MEMBER_PER_HOUR } from '../functions/feedback/events';
import { db } from '../shared/runtime/db';
import { issueSession } from '../shared/runtime/session';
import { startDynamoDb } from '../scripts/local/dynamodb';
import { ensureTable } from '../scripts/local/table';
import { apiEvent } from '../tests/support/api';
import { freePort } from '../tests/support/ports';

const argument = (name: string, fallback: number) => {
  const index = process.argv.indexOf(`--${name}`);
  return index > 0 ? Number(process.argv[index + 1]) : fallback;
};
const TOTAL_EVENTS = argument('events', 1_000_000);
const LOAD_SECONDS = argument('seconds', 10);
const BATCH = 100;
const IN_FLIGHT = 8;
const CONNECTIONS = 50;

// Each member stays within the hourly allowance of events (a member over it is refused with 429).
const MEMBERS = Math.max(2_000, Math.ceil(TOTAL_EVENTS / MAX_EVENTS_PER_MEMBER_PER_HOUR));
const BRANCHES = ['songling-zhuangzhi', 'songling-fire', 'xinlin-cuigang', 'xinlin-office', 'songling-office', 'xinlin-retirees'];
const CATEGORIES: Member['category'][] = ['ranger', 'production', 'office', 'retiree', 'probationary', 'mobile'];

/** The part of autocannon's API used here (the package ships no types). */
interface LoadResult {
  latency: { p50: number; p99: number; average: number };
  requests: { average: number };
  non2xx: number;
  errors: number;
}
type Autocannon = (options: {
  url: string;
  connections: number;
  duration: number;
  requests: Array<{ method: 'GET'; headers: Record<string, string> }>;
}) => Promise<LoadResult>;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const autocannon = require('autocannon') as Autocannon;

const context = {} as Context;
const member = (index: number): Member => ({
  userId: `bench${index}`,
  name: `压测${index}`,
  branchId: BRANCHES[index % BRANCHES.length]!,
  category: CATEGORIES[index % CATEGORIES.length]!,
  postTags: [],
  roles: ['member'],
  updatedAt: new Date().toISOString(),
});

/** Sums the write capacity DynamoDB reports for every write the handler makes. */
function countWriteUnits(): { units: number; items: number } {
  const total = { units: 0, items: 0 };
  db().middlewareStack.add(
    (next) => async (args) => {
      const input = args.input as Record<string, unknown>;
      if ('TransactItems' in input || 'UpdateExpression' in input || 'Item' in input) {
        input.ReturnConsumedCapacity = 'TOTAL';
        total.items += Array.isArray(input.TransactItems) ? input.TransactItems.length : 1;
      }
      const result = await next(args);
      const consumed = (result.output as { ConsumedCapacity?: { CapacityUnits?: number } | Array<{ CapacityUnits?: number }> }).ConsumedCapacity;
      for (const entry of Array.isArray(consumed) ? consumed : consumed ? [consumed] : []) total.units += entry.CapacityUnits ?? 0;
      return result;
    },
    { step: 'initialize', name: 'benchWriteUnits' },
  );
  return total;
}

/** One member's batch: a member opens a few features, acts, sometimes sees an error — within the last hour. */
function batchOf(serial: number): unknown[] {
  const now = Date.now();
  return Array.from({ length: BATCH }, (_, i) => ({
    id: `b${serial}-${i}-${randomUUID().slice(0, 8)}`,
    feature: FEATURE_KEYS[(serial + Math.floor(i / 34)) % FEATURE_KEYS.length],
    action: i % 20 === 0 ? 'error' : i % 3 === 0 ? 'action' : 'opened',
    at: new Date(now - ((serial * 7 + i) % 3_000) * 1000).toISOString(),
  }));
}

async function ingest(handler: (event: ReturnType<typeof apiEvent>, context: Context) => Promise<unknown>): Promise<void> {
  const tokens = await Promise.all(Array.from({ length: MEMBERS }, async (_, index) => (await issueSession(member(index))).token));
  const batches = Math.ceil(TOTAL_EVENTS / BATCH);
  const writes = countWriteUnits();
  let next = 0;
  let failed = 0;
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: IN_FLIGHT }, async () => {
      while (next < batches) {
        const serial = next++;
        const reply = (await handler(apiEvent('POST', '/api/v1/events', { token: tokens[serial % MEMBERS]!, body: { events: batchOf(serial) } }), context)) as APIGatewayProxyStructuredResultV2;
        if (reply.statusCode !== 200) failed += 1;
        if (serial > 0 && serial % 1000 === 0) process.stdout.write(`  ${serial * BATCH} events…\n`);
      }
    }),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const events = batches * BATCH;
  console.log(`ingest: ${events.toLocaleString('en')} events in ${batches.toLocaleString('en')} batches of ${BATCH}, ${failed} failed`);
  console.log(`ingest: ${(events / seconds).toFixed(0)} events/s (${seconds.toFixed(1)} s, ${IN_FLIGHT} batches in flight)`);
  console.log(`ingest: ${writes.units.toFixed(0)} write units consumed = ${(writes.units / events).toFixed(3)} write units per event (target: well under 1)`);
  console.log(`ingest: ${writes.items.toLocaleString('en')} items written = ${(writes.items / events).toFixed(3)} item writes per event (aggregated per batch)`);
  // DynamoDB Local under-reports transactions; on AWS each transactional write of an item under 1 KB costs 2 units.
  console.log(`ingest: on AWS ≈ ${((2 * writes.items) / events).toFixed(3)} write units per event (2 per item written in a transaction)`);
}

/**
 * The handlers compared, each served alone by a child process through the same small HTTP adapter: from a
 * naked function returning a constant, up the platform's handler stack layer by layer, to the real route.
 */
const LADDER = {
  bare: 'bare handler returning a constant',
  'middy-core': 'constant through middy core alone',
  'middy-logger': 'constant through middy core + logger context',
  stack: "constant through the platform's whole stack",
  'stack-auth': 'constant through the whole stack + session',
  toggles: 'GET /api/v1/toggles',
} as const;
type Mode = keyof typeof LADDER;

/** The adapter's own path for the parent to read the child's CPU time (so the figures are per request). */
const CPU_PATH = '/__bench/cpu';

async function serve(mode: Mode): Promise<void> {
  const constantBody: MyToggles = { features: Object.fromEntries(FEATURE_KEYS.map((f) => [f, true])), home: { order: [], more: [] }, version: 'x' };
  const constant = JSON.stringify(constantBody);
  const bare = async (): Promise<APIGatewayProxyStructuredResultV2> => ({ statusCode: 200, headers: { 'content-type': 'application/json; charset=utf-8' }, body: constant });
  type Served = (e: unknown, c: Context) => Promise<APIGatewayProxyStructuredResultV2>;
  const { default: middy } = await import('@middy/core');
  const { injectLambdaContext } = await import('@aws-lambda-powertools/logger/middleware');
  const { logger } = await import('../shared/runtime/logger');
  const { httpApi, route, unchangingAnswer } = await import('../shared/runtime/http');
  const { endpoint } = await import('../shared/api/contract');
  const { myTogglesSchema } = await import('../shared/api/feedback');
  const constantEndpoint = (access: 'public' | 'member') => endpoint({ fn: 'feedback', method: 'GET', path: '/api/v1/toggles', access, response: myTogglesSchema });
  const constantRoute = (access: 'public' | 'member') => httpApi([route(constantEndpoint(access), async () => unchangingAnswer(constantBody))]);
  const middyCore = () => middy<unknown, APIGatewayProxyStructuredResultV2>(bare, { timeoutEarlyInMillis: 0 });
  const handlers: Record<Mode, () => Promise<unknown>> = {
    bare: async () => bare,
    'middy-core': async () => middyCore(),
    'middy-logger': async () => middyCore().use(injectLambdaContext(logger)),
    stack: async () => constantRoute('public'),
    'stack-auth': async () => constantRoute('member'),
    toggles: async () => (await import('../functions/feedback/handler')).handler,
  };
  const handler = (await handlers[mode]()) as Served;
  const port = await freePort();
  createServer((request, response) => {
    if (request.url === CPU_PATH) return void response.end(JSON.stringify(process.cpuUsage()));
    const headers = Object.fromEntries(Object.entries(request.headers).map(([k, v]) => [k, String(v)]));
    void handler(apiEvent(request.method ?? 'GET', (request.url ?? '/').split('?')[0]!, { headers }), context).then((result) => {
      response.writeHead(result.statusCode ?? 200, result.headers as Record<string, string>);
      response.end(result.body);
    });
  }).listen(port, '127.0.0.1', () => console.log(`listening ${port}`));
}

interface Figures {
  p50: number;
  p99: number;
  mean: number;
  rps: number;
  /** The serving process's CPU time (user + system, so the kernel's share of loopback writes too) per request. */
  cpuMicros: number;
}

async function load(mode: Mode, tokens: string[]): Promise<Figures> {
  const child = spawn(process.execPath, [join(__dirname, '..', 'node_modules', 'tsx', 'dist', 'cli.mjs'), '--conditions=import', __filename, '--serve', mode], { env: process.env, stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve) => child.stdout.on('data', (chunk: Buffer) => {
    const match = /listening (\d+)/.exec(chunk.toString());
    if (match) resolve(Number(match[1]));
  }));
  const cpuMicros = async () => {
    const usage = (await (await fetch(`http://127.0.0.1:${port}${CPU_PATH}`)).json()) as NodeJS.CpuUsage;
    return usage.user + usage.system;
  };
  try {
    const run = (duration: number) =>
      autocannon({
        url: `http://127.0.0.1:${port}/api/v1/toggles`,
        connections: CONNECTIONS,
        duration,
        requests: tokens.map((token) => ({ method: 'GET' as const, headers: { authorization: `Bearer ${token}` } })),
      });
    await run(2); // warm-up: JIT, first configuration read
    const cpuBefore = await cpuMicros();
    const result = await run(LOAD_SECONDS);
    const cpuUsed = (await cpuMicros()) - cpuBefore;
    if (result.non2xx > 0 || result.errors > 0) throw new Error(`${mode}: ${result.non2xx} non-2xx answers, ${result.errors} errors`);
    const served = result.requests.average * LOAD_SECONDS;
    return { p50: result.latency.p50, p99: result.latency.p99, mean: result.latency.average, rps: result.requests.average, cpuMicros: cpuUsed / served };
  } finally {
    child.kill();
  }
}

async function main(): Promise<void> {
  const serveIndex = process.argv.indexOf('--serve');
  if (serveIndex > 0) return serve(process.argv[serveIndex + 1] as Mode);

  const dynamo = await startDynamoDb({ port: await freePort() });
  try {
    process.env.DYNAMODB_ENDPOINT = dynamo.endpoint;
    process.env.TABLE_NAME = `bench-feedback-${Date.now()}`;
    process.env.STAGE = 'local';
    process.env.LOG_LEVEL = 'SILENT';
    await ensureTable(dynamo.endpoint, process.env.TABLE_NAME);
    const { handler } = await import('../functions/feedback/handler');
    console.log(`bench:feedback — ${TOTAL_EVENTS.toLocaleString('en')} events (use --events N for another count)`);
    if (TOTAL_EVENTS > 0) await ingest(handler as unknown as (event: ReturnType<typeof apiEvent>, context: Context) => Promise<unknown>);

    // A realistic configuration to evaluate: a 10% rollout, a category excluded, home usage computed.
    const admin = (await issueSession({ ...member(0), userId: 'bench-admin', roles: ['member', 'admin'] })).token;
    const base = { enabled: true, killSwitch: false, expectedVersion: 0, note: '基准测试的开关配置', targeting: { branches: [], categories: [], roles: [], excludedBranches: [], excludedCategories: [] } };
    for (const [feature, body] of [
      ['signup.qr-checkin', { ...base, rolloutPercent: 10 }],
      ['dues.online-payment', { ...base, rolloutPercent: 100, targeting: { ...base.targeting, excludedCategories: ['retiree'] } }],
    ] as const) {
      const reply = (await handler(apiEvent('PUT', `/api/v1/feedback/toggles/${feature}`, { token: admin, body }), context)) as APIGatewayProxyStructuredResultV2;
      if (reply.statusCode !== 200) throw new Error(`could not set up ${feature}: ${String(reply.body)}`);
    }
    await (handler as unknown as (event: unknown, context: Context) => Promise<unknown>)({ job: 'refresh-home-usage' }, context);

    const tokens = await Promise.all(Array.from({ length: 20 }, async (_, index) => (await issueSession(member(index))).token));
    const figures = {} as Record<Mode, Figures>;
    for (const mode of Object.keys(LADDER) as Mode[]) figures[mode] = await load(mode, tokens);
    console.log(`GET /api/v1/toggles under ${CONNECTIONS} concurrent clients, ${LOAD_SECONDS} s each (same HTTP adapter for all):`);
    for (const mode of Object.keys(LADDER) as Mode[]) {
      const r = figures[mode];
      console.log(`  ${LADDER[mode].padEnd(46)} p50 ${String(r.p50).padStart(3)} ms  p99 ${String(r.p99).padStart(4)} ms  mean ${r.mean.toFixed(2).padStart(6)} ms  ${r.rps.toFixed(0).padStart(6)} req/s  server ${r.cpuMicros.toFixed(1).padStart(5)} µs CPU/request`);
    }
    const ratio = (a: number, b: number) => (b > 0 ? a / b : a > 0 ? Infinity : 1);
    // autocannon reports percentiles in whole milliseconds, so a bare handler's p50 reads 0 ms: the mean (with
    // decimals), the throughput and the server's CPU per request are the figures that compare.
    const ratios = (base: Figures, of: Figures = figures.toggles) =>
      `mean ${ratio(of.mean, base.mean).toFixed(2)}  p50 ${ratio(of.p50, base.p50).toFixed(2)}  p99 ${ratio(of.p99, base.p99).toFixed(2)}  throughput ${(base.rps / of.rps).toFixed(2)}  CPU/request ${ratio(of.cpuMicros, base.cpuMicros).toFixed(2)}`;
    console.log(`ratio GET /api/v1/toggles vs bare handler returning a constant: ${ratios(figures.bare)}  (target ≤ 1.5)`);
    console.log(`ratio GET /api/v1/toggles vs a constant through the platform's whole stack: ${ratios(figures.stack)}`);
    console.log(`ratio middy core + logger context alone (no route, no headers) vs bare handler: ${ratios(figures.bare, figures['middy-logger'])}`);
  } finally {
    await dynamo.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
