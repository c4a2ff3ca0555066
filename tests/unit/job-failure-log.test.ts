/**
 * The alarm on a failed scheduled job counts a structured log line (a CloudWatch metric filter on
 * `$.message`, by `$.service` and `$.job`, scripts/deploy/operations.ts): a job that throws must write it,
 * with those fields, and still fail the invocation so Lambda retries it and then hands it to the failure queue.
 */
import type { Context } from 'aws-lambda';
import { JOB_FAILED_MESSAGE } from '../../shared/runtime/log-messages';

type WithJobs = typeof import('../../shared/runtime/jobs').withJobs;

function loadWithJobs(): WithJobs {
  let loaded: WithJobs | undefined;
  jest.isolateModules(() => {
    loaded = (require('../../shared/runtime/jobs') as { withJobs: WithJobs }).withJobs;
  });
  return loaded!;
}

describe('a scheduled job that fails', () => {
  const saved = { level: process.env.LOG_LEVEL, service: process.env.POWERTOOLS_SERVICE_NAME };
  let lines: string[];
  let spies: jest.SpyInstance[];

  beforeEach(() => {
    process.env.LOG_LEVEL = 'INFO';
    process.env.POWERTOOLS_SERVICE_NAME = 'dues';
    lines = [];
    const capture = (...args: unknown[]) => void lines.push(args.map(String).join(' '));
    spies = (['log', 'info', 'warn', 'error'] as const).map((method) => jest.spyOn(console, method).mockImplementation(capture));
  });

  afterEach(() => {
    for (const spy of spies) spy.mockRestore();
    process.env.LOG_LEVEL = saved.level;
    process.env.POWERTOOLS_SERVICE_NAME = saved.service;
  });

  const logged = () => lines.map((line) => JSON.parse(line) as Record<string, unknown>);
  const http = async () => 'http';

  it('logs the line the job alarm counts, and rethrows so Lambda retries and then dead-letters it', async () => {
    const handler = loadWithJobs()(http, { generateBills: async () => Promise.reject(new Error('table unavailable')) });
    await expect(handler({ job: 'generateBills' }, {} as Context)).rejects.toThrow('table unavailable');
    const failure = logged().find((line) => line.message === JOB_FAILED_MESSAGE);
    expect(failure).toMatchObject({ message: JOB_FAILED_MESSAGE, job: 'generateBills', service: 'dues', level: 'ERROR' });
  });

  it('counts an unknown job as a failed one, and a job that succeeds not at all', async () => {
    const handler = loadWithJobs()(http, { ledgerCheckpoint: async () => 'done' });
    await expect(handler({ job: 'ledgerCheckpoint' }, {} as Context)).resolves.toBe('done');
    expect(logged().some((line) => line.message === JOB_FAILED_MESSAGE)).toBe(false);
    await expect(handler({ job: 'noSuchJob' }, {} as Context)).rejects.toThrow('unknown job noSuchJob');
    expect(logged().find((line) => line.message === JOB_FAILED_MESSAGE)).toMatchObject({ job: 'noSuchJob', service: 'dues' });
  });
});
