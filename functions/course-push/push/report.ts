import type { PushReport } from '../../../shared/api/courses';
import { failedNotices } from '../../../shared/runtime/outbound';
import { shanghaiDay } from '../calendar';
import { usageTotals } from '../store/metrics-store';
import { recentRuns } from '../store/push-store';

const METRIC_DAYS = 30;
const ratio = (part: number, whole: number) => (whole === 0 ? 0 : Math.round((part / whole) * 1000) / 1000);

/** For the admins' push page: recent runs, notices that failed for good, and the push's rates from the feedback metrics. */
export async function pushReport(now = new Date()): Promise<PushReport> {
  const since = shanghaiDay(new Date(now.getTime() - (METRIC_DAYS - 1) * 86_400_000));
  const [runs, failed, usage] = await Promise.all([recentRuns(8), failedNotices(100), usageTotals('courses.push', since)]);
  const sent = usage['push-sent'] ?? 0;
  const clicks = usage['push-click'] ?? 0;
  const completions = usage.completed ?? 0;
  return {
    runs: runs.map(({ cursor: _cursor, ...run }) => run),
    failedNotices: failed
      .filter((record) => record.key.startsWith('course-push#'))
      .map((record) => ({ key: record.key, recipients: record.notice.toUsers.length, attempts: record.attempts, ...(record.lastError ? { lastError: record.lastError } : {}) })),
    metrics: { days: METRIC_DAYS, sent, clicks, completions, clickThroughRate: ratio(clicks, sent), completionRate: ratio(completions, sent) },
  };
}
