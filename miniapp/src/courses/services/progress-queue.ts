import Taro from '@tarojs/taro';
import { coursesApi, type ProgressInput, type ProgressResult } from '@shared/api';
import { ApiError, call } from '../../services/api';

/**
 * Progress reports that could not be sent (a ranger out of signal) wait in storage and are sent later in
 * order, each with its clientRequestId and the time it happened, so a late or repeated send has one effect
 * and hours count in the year they were earned. A report the server refuses (4xx) is dropped: retrying
 * cannot change the answer.
 */
const QUEUE_KEY = 'fpp.courses.progress-queue';
const MAX_QUEUED = 200;

function queued(): ProgressInput[] {
  try {
    const value = Taro.getStorageSync(QUEUE_KEY) as ProgressInput[] | '';
    return Array.isArray(value) ? value : [];
  } catch {
    return [];
  }
}

function save(reports: ProgressInput[]): void {
  Taro.setStorageSync(QUEUE_KEY, reports.slice(-MAX_QUEUED));
}

const isOffline = (error: unknown) => error instanceof ApiError && (error.code === 'NETWORK' || error.status >= 500);

function requestId(): string {
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`;
}

export type ProgressOutcome = { sent: true; result: ProgressResult } | { sent: false };

/** Sends a report now, or keeps it for later when the network is down. */
export async function reportProgress(report: Omit<ProgressInput, 'clientRequestId' | 'occurredAt'>): Promise<ProgressOutcome> {
  const body: ProgressInput = { ...report, clientRequestId: requestId(), occurredAt: new Date().toISOString() };
  await flushProgressQueue();
  try {
    return { sent: true, result: await call(coursesApi.recordProgress, { body }) };
  } catch (error) {
    if (!isOffline(error)) throw error;
    save([...queued(), body]);
    return { sent: false };
  }
}

/** Sends what waits, oldest first; stops at the first network failure. Answers how many are still waiting. */
export async function flushProgressQueue(): Promise<number> {
  const waiting = queued();
  while (waiting.length > 0) {
    try {
      await call(coursesApi.recordProgress, { body: waiting[0]! });
    } catch (error) {
      if (isOffline(error)) break;
    }
    waiting.shift();
    save(waiting);
  }
  return waiting.length;
}

export function waitingReports(): number {
  return queued().length;
}
