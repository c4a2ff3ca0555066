/**
 * Fanned-out jobs on the work queue as the local runtime (and SQS with its event source mapping) delivers them:
 * a unit that fails is retried alone, one that keeps failing ends in the dead letters and is counted on its run,
 * a unit delivered twice counts once, and a run started twice hands its units out once.
 */
import { randomUUID } from 'node:crypto';
import type { Context } from 'aws-lambda';
import { dropTable, ensureTable } from '../../scripts/local/table';
import { resetConfigForTests } from '../../shared/runtime/config';
import { resetDbForTests } from '../../shared/runtime/db';
import { fanOut, readRun, unitConsumer, unitRecords, type UnitHandler } from '../../shared/runtime/fanout';
import { withJobs } from '../../shared/runtime/jobs';
import { useWorkQueue } from '../support/work-queue';

const attempts = new Map<string, number>();
const processed: string[] = [];
/** A job's unit: adds its numbers; the unit named in `failTimes` fails that many deliveries first. */
const sumUnit: UnitHandler = async (unit) => {
  const { numbers, failTimes = 0 } = unit.input as { numbers: number[]; failTimes?: number };
  const seen = (attempts.get(`${unit.runId}/${unit.unit}`) ?? 0) + 1;
  attempts.set(`${unit.runId}/${unit.unit}`, seen);
  if (seen <= failTimes) throw new Error(`unit ${unit.unit} is not ready (delivery ${seen})`);
  processed.push(`${unit.runId}/${unit.unit}`);
  return { counts: { sum: numbers.reduce((a, b) => a + b, 0) }, listed: numbers.map(String) };
};
const handler = withJobs(async () => ({ statusCode: 404 }), {}, unitConsumer({ sum: sumUnit }));
const work = useWorkQueue(() => handler as (event: unknown, context: Context) => Promise<unknown>, { maxReceives: 3 });

beforeAll(async () => {
  process.env.TABLE_NAME = `test-${randomUUID()}`;
  resetConfigForTests();
  resetDbForTests();
  await ensureTable(process.env.DYNAMODB_ENDPOINT!, process.env.TABLE_NAME);
});
afterAll(async () => dropTable(process.env.DYNAMODB_ENDPOINT!, process.env.TABLE_NAME!));

const plan = (runId: string, failing: Record<string, number> = {}) => ({
  job: 'sum',
  runId,
  input: {},
  units: [1, 2, 3, 4].map((n) => ({ unit: `u${n}`, input: { numbers: [n, n * 10], failTimes: failing[`u${n}`] ?? 0 } })),
});

it('runs every unit once and adds their counts to the run', async () => {
  const run = await fanOut(plan('sum.ok'));
  expect(run).toMatchObject({ total: 4, dispatched: true });
  await work().drained();
  expect(await readRun('sum.ok')).toMatchObject({ status: 'finished', done: 4, failed: 0, counts: { sum: 110 } });
  expect((await unitRecords('sum.ok')).flatMap((unit) => unit.listed).sort()).toEqual(['1', '10', '2', '20', '3', '30', '4', '40']);
});

it('retries a failing unit alone, and the run finishes once it succeeds', async () => {
  processed.length = 0;
  await fanOut(plan('sum.retry', { u2: 2 }));
  await work().drained();
  expect(attempts.get('sum.retry/u2')).toBe(3);
  expect(['u1', 'u3', 'u4'].map((unit) => attempts.get(`sum.retry/${unit}`))).toEqual([1, 1, 1]);
  expect(await readRun('sum.retry')).toMatchObject({ status: 'finished', done: 4, failed: 0, counts: { sum: 110 } });
});

it('sends a unit that fails its last delivery to the dead letters and counts it failed on its run', async () => {
  const before = work().queue.deadLetters.length;
  await fanOut(plan('sum.dead', { u3: 99 }));
  await work().drained();
  expect(work().queue.deadLetters.length).toBe(before + 1);
  expect(JSON.parse(work().queue.deadLetters.at(-1)!.body)).toMatchObject({ runId: 'sum.dead', unit: 'u3' });
  expect(await readRun('sum.dead')).toMatchObject({ status: 'finished-with-failures', done: 3, failed: 1, counts: { sum: 77 } });
  const failed = (await unitRecords('sum.dead')).find((unit) => unit.unit === 'u3');
  expect(failed).toMatchObject({ outcome: 'failed', error: 'unit u3 is not ready (delivery 3)' });
});

it('counts a unit delivered twice once, and hands out a run started twice once', async () => {
  processed.length = 0;
  const [first, second] = await Promise.all([fanOut(plan('sum.twice')), fanOut(plan('sum.twice'))]);
  expect([first.dispatched, second.dispatched].sort()).toEqual([false, true]);
  await work().drained();
  expect(processed.filter((id) => id.startsWith('sum.twice/'))).toHaveLength(4);
  // SQS delivers at least once: the same unit's message again changes nothing.
  work().queue.send(JSON.stringify({ job: 'sum', runId: 'sum.twice', unit: 'u1', input: { numbers: [1, 10] } }));
  await work().drained();
  expect(processed.filter((id) => id.startsWith('sum.twice/'))).toHaveLength(4);
  expect(await readRun('sum.twice')).toMatchObject({ done: 4, counts: { sum: 110 } });
});

it('keeps a message that is not a unit out of the way: retried, then dead-lettered', async () => {
  const before = work().queue.deadLetters.length;
  work().queue.send('{"job":"sum"}');
  await work().drained();
  expect(work().queue.deadLetters.length).toBe(before + 1);
});
