import { coursesApi, type ProgressInput, type ProgressResult } from '@shared/api';
import { call } from '../../services/api';
import { sendOrQueue } from '../../services/outbox';
import { newRequestId } from '../../services/request-id';

/**
 * Progress reports go through the app's offline outbox: sent now, or kept on the phone (a ranger out of
 * signal) with their clientRequestId and the time they happened, so a late or repeated send has one effect
 * and hours count in the year they were earned.
 */
export type ProgressOutcome = { sent: true; result: ProgressResult } | { sent: false };

export function reportProgress(report: Omit<ProgressInput, 'clientRequestId' | 'occurredAt'>, courseTitle: string): Promise<ProgressOutcome> {
  // Device time: the outbox turns it into the server's time when it is sent (a phone's clock may be off).
  const body: ProgressInput = { ...report, clientRequestId: newRequestId('prog'), occurredAt: new Date().toISOString() };
  const label = `${courseTitle} ${report.completed ? '完成学习' : `${report.progress}%`}`;
  return sendOrQueue({ kind: 'progress', body }, label, () => call(coursesApi.recordProgress, { body }));
}
