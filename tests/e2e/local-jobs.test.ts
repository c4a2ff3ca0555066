/**
 * Scheduled work on `npm start`: the jobs fire on a local cadence (LOCAL_SCHEDULES=every:<s>) through the same
 * handlers and work queues as deployed, and `npm run job -- <name>` runs one now and waits for its units.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { startPlatform, type RunningPlatform } from '../support/platform';
import { demoToken } from '../support/e2e';

const ROOT = join(__dirname, '..', '..');
let platform: RunningPlatform;

beforeAll(async () => {
  platform = await startPlatform({ LOCAL_SCHEDULES: 'every:20' });
}, 600_000);
afterAll(async () => platform?.stop());

function runJob(name: string): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(ROOT, 'scripts', 'job.ts'), name],
      { cwd: ROOT, env: { ...process.env, API_PORT: String(platform.ports.api), LAMBDA_PORT: String(platform.ports.lambda) }, timeout: 240_000 },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, output: stdout + stderr }),
    );
  });
}

it('runs the dues bills now, fanned out on the work queue, and finance reads the finished run', async () => {
  const { code, output } = await runJob('generateBills');
  expect([code, output]).toEqual([0, expect.stringContaining('every unit consumed')]);
  const runId = /"runId":"([^"]+)"/.exec(output)![1]!;
  const token = await demoToken(platform.apiUrl, 'demo-finance');
  const run = (await (await fetch(`${platform.apiUrl}/dues/runs/${runId}`, { headers: { authorization: `Bearer ${token}` } })).json()) as { status: string; done: number; total: number };
  expect(run).toMatchObject({ status: 'finished', done: run.total });
}, 300_000);

it('says which jobs exist when asked for one that does not', async () => {
  const { code, output } = await runJob('no-such-job');
  expect(code).toBe(1);
  expect(output).toContain('no scheduled job "no-such-job"');
  expect(output).toContain('arrearsReminders (dues, cron(0 1 20 * ? *))');
}, 120_000);

it('fires every scheduled job on the local cadence, as EventBridge would deployed', async () => {
  const jobs = ['generateBills', 'arrearsReminders', 'refreshReport', 'ledgerCheckpoint', 'deliverNotices'];
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline && !jobs.every((job) => new RegExp(`\\[schedule\\] \\w+ ${job}: done`).test(platform.output()))) {
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
  for (const job of jobs) expect([job, new RegExp(`\\[schedule\\] \\w+ ${job}: done`).test(platform.output())]).toEqual([job, true]);
}, 180_000);
