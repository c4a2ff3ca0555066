/**
 * The local stage's EventBridge: each function's scheduled jobs (its `schedule` events in serverless.ts, disabled
 * on the local stage's rules) are invoked by `npm start` when EventBridge would invoke them, or at a faster local
 * cadence. Like an asynchronous invocation, a failed job is tried again twice, after a pause.
 */
import { parseSchedule, type Schedule } from './schedule-expression';

export interface ScheduledJob {
  fn: string;
  job: string;
  expression: string;
}

/** `on`: EventBridge's own schedules (UTC); `off`: none; `every:<seconds>`: every job at that cadence. */
export type ScheduleMode = { kind: 'on' } | { kind: 'off' } | { kind: 'every'; ms: number };

export function scheduleMode(setting: string | undefined): ScheduleMode {
  const value = (setting ?? 'on').trim();
  if (value === 'on' || value === '') return { kind: 'on' };
  if (value === 'off') return { kind: 'off' };
  const every = /^every:(\d+)$/.exec(value);
  if (every && Number(every[1]) > 0) return { kind: 'every', ms: Number(every[1]) * 1000 };
  throw new Error(`LOCAL_SCHEDULES must be on, off or every:<seconds>, not "${value}"`);
}

export type JobOutcome = { ok: true; value: unknown } | { ok: false; reason: string };

export interface SchedulerOptions {
  mode: ScheduleMode;
  invoke: (fn: string, event: { job: string }) => Promise<JobOutcome>;
  log: (line: string) => void;
  /** Attempts after the first, as Lambda's asynchronous invocation (JOB_RETRY_ATTEMPTS). */
  retries: number;
  retryDelayMs: number;
}

export interface RunningScheduler {
  /** When each job fires next. */
  upcoming(): Array<{ fn: string; job: string; at: Date }>;
  stop(): void;
}

const MAX_TIMER_MS = 2 ** 31 - 1;

export function startScheduler(jobs: readonly ScheduledJob[], options: SchedulerOptions): RunningScheduler {
  const timers = new Set<ReturnType<typeof setTimeout>>();
  const nextAt = new Map<ScheduledJob, Date>();
  let stopped = false;
  const later = (ms: number, action: () => void) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      if (!stopped) action();
    }, Math.min(Math.max(0, ms), MAX_TIMER_MS));
    timer.unref?.();
    timers.add(timer);
  };

  const fire = async (job: ScheduledJob) => {
    for (let attempt = 0; attempt <= options.retries && !stopped; attempt += 1) {
      const outcome = await options.invoke(job.fn, { job: job.job });
      if (outcome.ok) {
        options.log(`${job.fn} ${job.job}: done ${summary(outcome.value)}`);
        return;
      }
      options.log(`${job.fn} ${job.job}: failed (${outcome.reason})${attempt < options.retries ? `; trying again in ${options.retryDelayMs / 1000} s` : '; giving up until its next time'}`);
      if (attempt < options.retries) await new Promise((resolve) => later(options.retryDelayMs, () => resolve(undefined)));
    }
  };

  const plan = (job: ScheduledJob, schedule: Schedule | undefined, after: Date, offsetMs = 0) => {
    const at = options.mode.kind === 'every' ? new Date(after.getTime() + options.mode.ms + offsetMs) : schedule!.next(after);
    nextAt.set(job, at);
    const wait = at.getTime() - Date.now();
    // Timers cannot wait longer than ~24.8 days: a job further out is planned again when that much has passed.
    if (wait > MAX_TIMER_MS) later(MAX_TIMER_MS, () => plan(job, schedule, new Date(Date.now())));
    else later(wait, () => {
      void fire(job);
      plan(job, schedule, at);
    });
  };

  if (options.mode.kind !== 'off') {
    // Spread over the cadence in `every` mode, so the jobs do not all start in the same second.
    jobs.forEach((job, index) => plan(job, options.mode.kind === 'on' ? parseSchedule(job.expression) : undefined, new Date(), options.mode.kind === 'every' ? Math.floor((index * options.mode.ms) / Math.max(1, jobs.length)) - options.mode.ms + 1000 : 0));
  }
  return {
    upcoming: () => [...nextAt.entries()].map(([job, at]) => ({ fn: job.fn, job: job.job, at })).sort((a, b) => a.at.getTime() - b.at.getTime()),
    stop() {
      stopped = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
    },
  };
}

function summary(value: unknown): string {
  const text = JSON.stringify(value) ?? '';
  return text.length > 160 ? `${text.slice(0, 157)}...` : text;
}
