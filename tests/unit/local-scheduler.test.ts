import { scheduleMode, startScheduler, type JobOutcome } from '../../scripts/local/scheduler';

const jobs = [
  { fn: 'dues', job: 'generateBills', expression: 'cron(0 17 * * ? *)' },
  { fn: 'signup', job: 'deliverNotices', expression: 'rate(5 minutes)' },
];
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the local stage\'s EventBridge', () => {
  it('reads LOCAL_SCHEDULES, refusing what it does not understand', () => {
    expect(scheduleMode(undefined)).toEqual({ kind: 'on' });
    expect(scheduleMode('off')).toEqual({ kind: 'off' });
    expect(scheduleMode('every:30')).toEqual({ kind: 'every', ms: 30_000 });
    expect(() => scheduleMode('sometimes')).toThrow('LOCAL_SCHEDULES must be on, off or every:<seconds>');
  });

  it('fires every job on the local cadence, each with its own event', async () => {
    const fired: string[] = [];
    const scheduler = startScheduler(jobs, {
      mode: { kind: 'every', ms: 200 },
      invoke: async (fn, event) => {
        fired.push(`${fn}:${event.job}`);
        return { ok: true, value: null };
      },
      log: () => undefined,
      retries: 2,
      retryDelayMs: 10,
    });
    await wait(2_500);
    scheduler.stop();
    expect(fired.filter((name) => name === 'dues:generateBills').length).toBeGreaterThanOrEqual(2);
    expect(fired.filter((name) => name === 'signup:deliverNotices').length).toBeGreaterThanOrEqual(2);
  });

  it('tries a failed job twice more, as an asynchronous invocation is, then waits for its next time', async () => {
    const attempts: JobOutcome[] = [];
    const lines: string[] = [];
    const scheduler = startScheduler([jobs[0]!], {
      mode: { kind: 'every', ms: 60_000 },
      invoke: async () => {
        const outcome: JobOutcome = attempts.length < 2 ? { ok: false, reason: 'DynamoDB unavailable' } : { ok: true, value: { runId: 'r1' } };
        attempts.push(outcome);
        return outcome;
      },
      log: (line) => lines.push(line),
      retries: 2,
      retryDelayMs: 20,
    });
    await wait(1_500);
    scheduler.stop();
    expect(attempts.map((outcome) => outcome.ok)).toEqual([false, false, true]);
    expect(lines).toEqual([
      'dues generateBills: failed (DynamoDB unavailable); trying again in 0.02 s',
      'dues generateBills: failed (DynamoDB unavailable); trying again in 0.02 s',
      'dues generateBills: done {"runId":"r1"}',
    ]);
  });

  it('fires nothing when off, and tells when each job fires next when on', () => {
    let fired = 0;
    const invoke = async () => {
      fired += 1;
      return { ok: true as const, value: null };
    };
    const off = startScheduler(jobs, { mode: { kind: 'off' }, invoke, log: () => undefined, retries: 2, retryDelayMs: 10 });
    expect(off.upcoming()).toEqual([]);
    off.stop();
    const on = startScheduler(jobs, { mode: { kind: 'on' }, invoke, log: () => undefined, retries: 2, retryDelayMs: 10 });
    const upcoming = on.upcoming();
    on.stop();
    expect(upcoming.map((next) => next.job)).toEqual(expect.arrayContaining(['generateBills', 'deliverNotices']));
    const bills = upcoming.find((next) => next.job === 'generateBills')!;
    expect(bills.at.getUTCHours()).toBe(17);
    expect(fired).toBe(0);
  });
});
