import { coursesApi, type ProgressInput, type ProgressResult } from '@shared/api';
import { call } from '../../services/api';
import { toServerTime } from '../../services/clock';
import { sendOrQueue, type Delivery } from '../../services/outbox';
import { newRequestId } from '../../services/request-id';

export type ProgressReportBody = Omit<ProgressInput, 'clientRequestId' | 'occurredAt'>;

function labelOf(report: ProgressReportBody, courseTitle: string): string {
  if (report.completed) return `${courseTitle} 完成学习`;
  if (report.readSeconds !== undefined) return `${courseTitle} 阅读 ${report.readSeconds} 秒`;
  if (report.played) return `${courseTitle} 播放 ${report.played.reduce((sum, [start, end]) => sum + end - start, 0)} 秒`;
  return `${courseTitle} 评价`;
}

/**
 * Progress reports go through the app's offline outbox: sent now, or kept on the phone (a ranger out of
 * signal) with their clientRequestId and the time they happened, so a late or repeated send has one effect
 * and hours count in the year they were earned.
 */
export function reportProgress(report: ProgressReportBody, courseTitle: string): Promise<Delivery<ProgressResult>> {
  // Device time, turned into the server's time when it is sent, now or later (a phone's clock may be off).
  const occurredAt = new Date().toISOString();
  const body: ProgressInput = { ...report, clientRequestId: newRequestId('prog'), occurredAt };
  return sendOrQueue({ kind: 'progress', body }, labelOf(report, courseTitle), () => call(coursesApi.recordProgress, { body: { ...body, occurredAt: toServerTime(occurredAt) } }));
}
