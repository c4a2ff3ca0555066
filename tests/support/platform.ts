import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { freePort } from './ports';

export interface RunningPlatform {
  webUrl: string;
  apiUrl: string;
  /** DynamoDB Local of this platform and its table, for benchmarks that read everything back. */
  dynamoEndpoint: string;
  tableName: string;
  /** What `npm start` has printed so far (its log, the scheduled jobs' lines). */
  output(): string;
  /** Ports of the API and of Lambda's invoke endpoint (also the work queues' SQS API). */
  ports: { api: number; lambda: number };
  stop(): Promise<void>;
}

/**
 * Runs `npm start`'s own script on free ports with an in-memory database, and waits for its ready line. Scheduled
 * jobs are off unless `settings` turns them on (LOCAL_SCHEDULES), so a browser test sees only what it does.
 */
export async function startPlatform(settings: Record<string, string> = {}): Promise<RunningPlatform> {
  const [api, web, dynamo, lambda] = [await freePort(), await freePort(), await freePort(), await freePort()];
  const root = join(__dirname, '..', '..');
  const child: ChildProcess = spawn(process.execPath, [join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(root, 'scripts', 'start.ts')], {
    cwd: root,
    env: { ...process.env, API_PORT: String(api), WEB_PORT: String(web), DYNAMODB_PORT: String(dynamo), LAMBDA_PORT: String(lambda), DYNAMODB_IN_MEMORY: '1', TABLE_NAME: 'party-platform-e2e', LOCAL_SCHEDULES: 'off', ...settings },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes(`ready: api http://localhost:${api}/api/v1`)) resolve();
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`npm start exited (${code}) before it was ready:\n${output.slice(-4000)}`)));
  });
  return {
    webUrl: `http://localhost:${web}`,
    apiUrl: `http://localhost:${api}/api/v1`,
    dynamoEndpoint: `http://127.0.0.1:${dynamo}`,
    tableName: 'party-platform-e2e',
    output: () => output,
    ports: { api, lambda },
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGINT');
        setTimeout(() => {
          try {
            process.kill(-child.pid!, 'SIGKILL');
          } catch {
            // already gone
          }
        }, 10_000).unref();
      }),
  };
}
