import { randomUUID } from 'node:crypto';
import { dropTable, ensureTable } from '../../scripts/local/table';
import { seedDemo } from '../../scripts/local/seed';
import { resetConfigForTests } from '../../shared/runtime/config';
import { resetDbForTests } from '../../shared/runtime/db';

/** Gives the calling test file a table of its own on the run's DynamoDB Local, seeded with the demo organisation. */
export function useSeededTable(): void {
  beforeAll(async () => {
    const endpoint = process.env.DYNAMODB_ENDPOINT;
    if (!endpoint) throw new Error('DynamoDB Local is not running: the jest global setup did not start it');
    process.env.TABLE_NAME = `test-${randomUUID()}`;
    resetConfigForTests();
    resetDbForTests();
    await ensureTable(endpoint, process.env.TABLE_NAME);
    await seedDemo();
    // Every capability's demo data is seeded; on a loaded 2-core machine that can take a minute.
  }, 180_000);
  afterAll(async () => {
    const endpoint = process.env.DYNAMODB_ENDPOINT;
    if (endpoint && process.env.TABLE_NAME) await dropTable(endpoint, process.env.TABLE_NAME);
  });
}
