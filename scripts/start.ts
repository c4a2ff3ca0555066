/**
 * `npm start`: the whole platform on this machine — DynamoDB Local (data kept in .local-data/), the
 * table, the demo organisation, the API (the handlers of serverless.ts behind a local HTTP API gateway,
 * scripts/local/api), and the H5 app — then the URLs.
 * Ctrl-C stops everything it started. DYNAMODB_IN_MEMORY=1 keeps nothing (used by the browser tests).
 */
import type { Server } from 'node:http';
import { join } from 'node:path';
import { startDynamoDb, type RunningDynamoDb } from './local/dynamodb';
import { ensureH5Build, H5_DIST, ROOT } from './local/h5-build';
import { ensureTable } from './local/table';
import type { LocalApi } from './local/api';
import { startWebServer } from './local/web-server';
import { scheduleMode, startScheduler, type RunningScheduler } from './local/scheduler';
import { JOB_RETRY_ATTEMPTS } from './deploy/settings';
import { DEMO_ACCOUNTS } from './local/demo-data';
import { ROLE_LABELS } from '../shared/api/identity-model';

const port = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const API_PORT = port('API_PORT', 3000);
const WEB_PORT = port('WEB_PORT', 10086);
const DYNAMODB_PORT = port('DYNAMODB_PORT', 8000);
const LAMBDA_PORT = port('LAMBDA_PORT', API_PORT + 2);
const TABLE_NAME = process.env.TABLE_NAME ?? 'party-platform-local';
const inMemory = process.env.DYNAMODB_IN_MEMORY === '1';
/** Copies of each function that may run at once; more requests wait in line (scripts/local/api/pool.ts). */
const COPIES_PER_FUNCTION = Number(process.env.LOCAL_FUNCTION_COPIES ?? 2);
/** When scheduled jobs run: `on` (their EventBridge schedules), `off`, or `every:<seconds>` (scripts/local/scheduler.ts). */
const SCHEDULES = scheduleMode(process.env.LOCAL_SCHEDULES);

const log = (line: string) => console.log(`[start] ${line}`);
let dynamo: RunningDynamoDb | undefined;
let api: LocalApi | undefined;
let web: Server | undefined;
let scheduler: RunningScheduler | undefined;
let stopping = false;

async function stopAll(code: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    web?.close();
    scheduler?.stop();
    await api?.stop();
    await dynamo?.stop();
  }
  process.exit(code);
}

async function waitFor(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const answer = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (answer.ok) return;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error(`${url} did not answer within ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}

async function main(): Promise<void> {
  const started = Date.now();
  log(`Node ${process.version} (the Lambda runtime is nodejs22.x)`);
  process.on('SIGINT', () => void stopAll(0));
  process.on('SIGTERM', () => void stopAll(0));

  dynamo = await startDynamoDb({ port: DYNAMODB_PORT, dataDir: inMemory ? undefined : join(ROOT, '.local-data', 'dynamodb') });
  log(`DynamoDB Local at ${dynamo.endpoint} (${inMemory ? 'in memory' : 'data in .local-data/dynamodb'})`);
  const environment = {
    STAGE: 'local',
    TABLE_NAME,
    DYNAMODB_ENDPOINT: dynamo.endpoint,
    CORS_ORIGINS: `http://localhost:${WEB_PORT},http://127.0.0.1:${WEB_PORT}`,
  };
  Object.assign(process.env, environment);
  log(`table ${TABLE_NAME}: ${await ensureTable(dynamo.endpoint, TABLE_NAME)}`);
  const { seedDemo } = await import('./local/seed');
  const seeded = await seedDemo({ branchLife: true });
  log(`demo organisation: ${seeded.orgUnits} units, ${seeded.members} members (${seeded.membersCreated} new)`);
  for (const line of seeded.capabilities) log(`demo ${line}`);

  ensureH5Build(log);
  web = await startWebServer({ root: H5_DIST, port: WEB_PORT, apiPort: API_PORT });

  const { startLocalApi } = await import('./local/api');
  api = await startLocalApi({ root: ROOT, httpPort: API_PORT, lambdaPort: LAMBDA_PORT, copiesPerFunction: COPIES_PER_FUNCTION });
  log(`API: ${api.functions.length} functions, at most ${COPIES_PER_FUNCTION} copies of each at once (LOCAL_FUNCTION_COPIES); Lambda invoke on port ${LAMBDA_PORT}`);
  log(`work queues (fanned-out jobs, SQS API on port ${LAMBDA_PORT}): ${[...api.queues.keys()].join(', ') || 'none'}`);
  const running = api;
  scheduler = startScheduler(
    api.functions.flatMap((fn) => fn.schedules.map((schedule) => ({ fn: fn.key, job: schedule.job, expression: schedule.expression }))),
    {
      mode: SCHEDULES,
      invoke: async (fn, event) => {
        const invocation = await running.invoke(fn, event);
        return invocation.kind === 'returned' ? { ok: true, value: invocation.value } : { ok: false, reason: invocation.kind === 'failed' || invocation.kind === 'crashed' ? invocation.error.errorMessage : invocation.kind };
      },
      log: (line) => console.log(`[schedule] ${line}`),
      retries: JOB_RETRY_ATTEMPTS,
      retryDelayMs: 10_000,
    },
  );
  const upcoming = scheduler.upcoming();
  log(SCHEDULES.kind === 'off'
    ? 'scheduled jobs: off (LOCAL_SCHEDULES=off); run one with npm run job -- <name>'
    : `scheduled jobs (LOCAL_SCHEDULES=${process.env.LOCAL_SCHEDULES ?? 'on'}), next: ${upcoming.slice(0, 4).map((next) => `${next.job} ${next.at.toISOString().slice(0, 16)}Z`).join(', ')}${upcoming.length > 4 ? ` and ${upcoming.length - 4} more` : ''}; npm run job -- <name> runs one now`);

  await waitFor(`http://127.0.0.1:${API_PORT}/api/v1/health`, 180_000);
  await waitFor(`http://127.0.0.1:${WEB_PORT}/api/v1/health`, 10_000);
  await waitFor(`http://127.0.0.1:${WEB_PORT}/index.html`, 10_000);

  log(`app     http://localhost:${WEB_PORT}/  (H5 build of the mini-program)`);
  log(`demo accounts (pick one on the login page):`);
  for (const account of DEMO_ACCOUNTS) {
    log(`  ${account.name.padEnd(6, '　')} ${account.userId.padEnd(15)} ${account.roles.map((r) => ROLE_LABELS[r]).join('、')}`);
  }
  log(`started in ${((Date.now() - started) / 1000).toFixed(1)} s; Ctrl-C stops everything`);
  console.log(`ready: api http://localhost:${API_PORT}/api/v1`);
}

main().catch(async (error: unknown) => {
  console.error(`[start] ${error instanceof Error ? error.message : String(error)}`);
  await stopAll(1);
});
