/**
 * `npm run bench:feedback [-- --events 1000000] [--seconds 10]`
 *
 * 1. Ingests usage events in batches of 100 through the real feedback handler against DynamoDB Local (started
 *    here, in memory, on a free port) and prints events/s and the DynamoDB write units consumed per event
 *    (ReturnConsumedCapacity on every write).
 * 2. Serves GET /api/v1/toggles and a bare handler returning a constant through the same small HTTP adapter
 *    in a child process, loads each with autocannon (50 connections) and prints p50/p99 and their ratio.
 */
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import type { Member } from '../shared/api/identity-model';
import { FEATURE_KEYS } from '../shared/api/features';
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

const MEMBERS = 2_000;
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

/** Child process: serves one handler over HTTP, translating requests into API Gateway events. */
type Mode = 'bare' | 'stack' | 'stack-auth' | 'toggles';

async function serve(mode: Mode): Promise<void> {
  const constant = JSON.stringify({ features: Object.fromEntries(FEATURE_KEYS.map((f) => [f, true])), home: { order: [], more: [] }, version: 'x' });
  const bare = async (): Promise<APIGatewayProxyStructuredResultV2> => ({ statusCode: 200, headers: { 'content-type': 'application/json; charset=utf-8' }, body: constant });
  type Served = (e: unknown, c: Context) => Promise<APIGatewayProxyStructuredResultV2>;
  const { httpApi, route } = await import('../shared/runtime/http');
  const { endpoint } = await import('../shared/api/contract');
  const { myTogglesSchema } = await import('../shared/api/feedback');
  const constantEndpoint = (access: 'public' | 'member') => endpoint({ fn: 'feedback', method: 'GET', path: '/api/v1/toggles', access, response: myTogglesSchema });
  const handlers: Record<string, () => Promise<Served>> = {
    bare: async () => bare,
    stack: async () => httpApi([route(constantEndpoint('public'), async () => JSON.parse(constant))]) as unknown as Served,
    'stack-auth': async () => httpApi([route(constantEndpoint('member'), async () => JSON.parse(constant))]) as unknown as Served,
    toggles: async () => (await import('../functions/feedback/handler')).handler as unknown as Served,
  };
  const handler = await handlers[mode]!();
  const port = await freePort();
  createServer((request, response) => {
    const headers = Object.fromEntries(Object.entries(request.headers).map(([k, v]) => [k, String(v)]));
    void handler(apiEvent(request.method ?? 'GET', (request.url ?? '/').split('?')[0]!, { headers }), context).then((result) => {
      response.writeHead(result.statusCode ?? 200, result.headers as Record<string, string>);
      response.end(result.body);
    });
  }).listen(port, '127.0.0.1', () => console.log(`listening ${port}`));
}

async function load(mode: Mode, tokens: string[]): Promise<{ p50: number; p99: number; mean: number; rps: number }> {
  const child = spawn(process.execPath, [join(__dirname, '..', 'node_modules', 'tsx', 'dist', 'cli.mjs'), '--conditions=import', __filename, '--serve', mode], { env: process.env, stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve) => child.stdout.on('data', (chunk: Buffer) => {
    const match = /listening (\d+)/.exec(chunk.toString());
    if (match) resolve(Number(match[1]));
  }));
  try {
    const run = (duration: number) =>
      autocannon({
        url: `http://127.0.0.1:${port}/api/v1/toggles`,
        connections: CONNECTIONS,
        duration,
        requests: tokens.map((token) => ({ method: 'GET' as const, headers: { authorization: `Bearer ${token}` } })),
      });
    await run(2); // warm-up: JIT, first configuration read
    const result = await run(LOAD_SECONDS);
    if (result.non2xx > 0 || result.errors > 0) throw new Error(`${mode}: ${result.non2xx} non-2xx answers, ${result.errors} errors`);
    return { p50: result.latency.p50, p99: result.latency.p99, mean: result.latency.average, rps: result.requests.average };
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
    const base = { enabled: true, killSwitch: false, expectedVersion: 0, targeting: { branches: [], categories: [], roles: [], excludedBranches: [], excludedCategories: [] } };
    for (const [feature, body] of [
      ['signup.qr-checkin', { ...base, rolloutPercent: 10 }],
      ['dues.online-payment', { ...base, rolloutPercent: 100, targeting: { ...base.targeting, excludedCategories: ['retiree'] } }],
    ] as const) {
      const reply = (await handler(apiEvent('PUT', `/api/v1/feedback/toggles/${feature}`, { token: admin, body }), context)) as APIGatewayProxyStructuredResultV2;
      if (reply.statusCode !== 200) throw new Error(`could not set up ${feature}: ${String(reply.body)}`);
    }
    await (handler as unknown as (event: unknown, context: Context) => Promise<unknown>)({ job: 'refresh-home-usage' }, context);

    const tokens = await Promise.all(Array.from({ length: 20 }, async (_, index) => (await issueSession(member(index))).token));
    const bare = await load('bare', tokens);
    const stack = await load('stack', tokens);
    const stackAuth = await load('stack-auth', tokens);
    const toggles = await load('toggles', tokens);
    const line = (name: string, r: typeof bare) => console.log(`  ${name.padEnd(44)} p50 ${String(r.p50).padStart(3)} ms  p99 ${String(r.p99).padStart(4)} ms  mean ${r.mean.toFixed(2).padStart(6)} ms  ${r.rps.toFixed(0).padStart(6)} req/s`);
    console.log(`GET /api/v1/toggles under ${CONNECTIONS} concurrent clients, ${LOAD_SECONDS} s each (same HTTP adapter for all):`);
    line('bare handler returning a constant', bare);
    line('constant through the middy stack (public)', stack);
    line('constant through the middy stack + session', stackAuth);
    line('GET /api/v1/toggles', toggles);
    const ratio = (a: number, b: number) => (b > 0 ? a / b : a > 0 ? Infinity : 1);
    // autocannon reports percentiles in whole milliseconds, so a bare handler's p50 reads 0 ms: the mean (with
    // decimals) is the figure that compares.
    const ratios = (base: typeof bare) =>
      `mean ${ratio(toggles.mean, base.mean).toFixed(2)}  p50 ${ratio(toggles.p50, base.p50).toFixed(2)}  p99 ${ratio(toggles.p99, base.p99).toFixed(2)}  throughput ${(base.rps / toggles.rps).toFixed(2)}`;
    console.log(`ratio GET /api/v1/toggles vs bare handler returning a constant: ${ratios(bare)}  (target ≤ 1.5)`);
    console.log(`ratio GET /api/v1/toggles vs a constant through the same middy stack: ${ratios(stack)}`);
  } finally {
    await dynamo.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
