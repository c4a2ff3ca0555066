import { coursesApi, type ProgressInput, type ProgressResult } from '@shared/api';
import { call } from '../../services/api';
import { toServerTime } from '../../services/clock';
import { sendOrQueue, type Delivery } from '../../services/outbox';
import { newRequestId } from '../../services/request-id';

/**
 * Progress reports go through the app's offline outbox: sent now, or kept on the phone (a ranger out of
 * signal) with their clientRequestId and the time they happened, so a late or repeated send has one effect
 * and hours count in the year they were earned.
 */
export function reportProgress(report: Omit<ProgressInput, 'clientRequestId' | 'occurredAt'>, courseTitle: string): Promise<Delivery<ProgressResult>> {
  // Device time, turned into the server's time when it is sent, now or later (a phone's clock may be off).
  const occurredAt = new Date().toISOString();
  const body: ProgressInput = { ...report, clientRequestId: newRequestId('prog'), occurredAt };
  const label = `${courseTitle} ${report.completed ? '完成学习' : `${report.progress}%`}`;
  return sendOrQueue({ kind: 'progress', body }, label, () => call(coursesApi.recordProgress, { body: { ...body, occurredAt: toServerTime(occurredAt) } }));
}
