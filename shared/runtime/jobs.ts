import type { Context } from 'aws-lambda';
import { configReady } from './config';
import { JOB_FAILED_MESSAGE } from './log-messages';
import { logger } from './logger';

/** What EventBridge sends for a scheduled job: the `input` set in the function's deployment.ts. */
export interface JobEvent {
  job: string;
  [key: string]: unknown;
}

export type Job = (event: JobEvent) => Promise<unknown>;

function isJobEvent(event: unknown): event is JobEvent {
  return typeof event === 'object' && event !== null && typeof (event as { job?: unknown }).job === 'string';
}

/**
 * One Lambda serves both its HTTP routes and its scheduled jobs. Jobs must be safe when two copies run
 * them at once (conditional writes), since EventBridge delivers at least once.
 */
export function withJobs<E, R>(
  http: (event: E, context: Context) => Promise<R>,
  jobs: Record<string, Job>,
): ((event: E, context: Context) => Promise<R>) & ((event: JobEvent, context: Context) => Promise<unknown>) {
  const dispatch = async (event: E | JobEvent, context: Context): Promise<unknown> => {
    if (!isJobEvent(event)) return http(event, context);
    const job = jobs[event.job];
    const started = Date.now();
    try {
      if (!job) throw new Error(`unknown job ${event.job}`);
      // A deployed copy reads its secrets first; a missing one fails the job by name (and so alarms).
      await configReady();
      const result = await job(event);
      logger.info('job done', { job: event.job, ms: Date.now() - started });
      return result;
    } catch (error) {
      // Counted per job by a metric filter and alarmed on; Lambda then retries, then the failure queue keeps it.
      logger.error(JOB_FAILED_MESSAGE, { job: event.job, ms: Date.now() - started, error });
      throw error;
    }
  };
  // An HTTP event always gets the HTTP handler's answer; the union return type is only for jobs.
  return dispatch as ((event: E, context: Context) => Promise<R>) & ((event: JobEvent, context: Context) => Promise<unknown>);
}
