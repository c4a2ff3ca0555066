import type { ProgressResult } from '../../shared/api/courses';
import { AppError } from '../../shared/runtime/app-error';
import type { Caller } from '../../shared/runtime/session';
import { shanghaiYear } from './calendar';
import { reportCompletion } from './push/signals';
import { getCourse } from './store/catalogue-store';
import { commitProgress, getRecord, memberRecords, publicRecord, rememberedResult, type StoredRecord } from './store/learning-store';
import { hoursInYear } from './study-hours';

export interface ProgressReport {
  courseId: string;
  progress: number;
  completed: boolean;
  quizScore?: number;
  rating?: number;
  clientRequestId: string;
  occurredAt?: string;
}

/** An offline queue may deliver months later; a device clock may be wrong. Reports count within this window. */
const MAX_LATE_MS = 366 * 86_400_000;
const ATTEMPTS = 4;

function occurredAt(reported: string | undefined, now: Date): string {
  const at = reported ? Date.parse(reported) : now.getTime();
  return new Date(Math.min(now.getTime(), Math.max(now.getTime() - MAX_LATE_MS, at))).toISOString();
}

/**
 * Records a member's progress on a course. Progress never goes backwards, a completion is counted once
 * (its hours credited at the time it happened, even when reported late), and the same clientRequestId
 * twice has one effect. Archived and unknown courses are refused.
 */
export async function recordProgress(caller: Caller, report: ProgressReport, now = new Date()): Promise<ProgressResult> {
  const remembered = await rememberedResult(caller.userId, report.clientRequestId);
  if (remembered) return { ...remembered, replayed: true };
  const course = await getCourse(report.courseId);
  if (!course) throw new AppError(404, 'COURSE_NOT_FOUND');
  if (course.status === 'archived') throw new AppError(409, 'COURSE_ARCHIVED');

  for (let attempt = 1; attempt <= ATTEMPTS; attempt += 1) {
    const current = await getRecord(caller.userId, report.courseId);
    if (current && report.progress < current.progress) {
      throw new AppError(409, 'PROGRESS_BACKWARDS', undefined, [{ path: 'body.progress', message: `当前进度已是 ${current.progress}%` }]);
    }
    const at = occurredAt(report.occurredAt, now);
    const completedNow = report.completed && !current?.completed;
    const completedAt = completedNow ? at : current?.completedAt;
    const quizScore = report.quizScore ?? current?.quizScore;
    const rating = report.rating ?? current?.rating;
    const next: StoredRecord = {
      userId: caller.userId,
      branchId: caller.branchId,
      category: caller.category,
      courseId: report.courseId,
      progress: report.progress,
      completed: report.completed || (current?.completed ?? false),
      creditedHours: completedNow ? course.hours : (current?.creditedHours ?? 0),
      startedAt: current?.startedAt ?? at,
      updatedAt: now.toISOString(),
      version: (current?.version ?? 0) + 1,
      ...(completedAt ? { completedAt } : {}),
      ...(quizScore !== undefined ? { quizScore } : {}),
      ...(rating !== undefined ? { rating } : {}),
    };
    const others = (await memberRecords(caller.userId)).filter((record) => record.courseId !== report.courseId);
    const result: ProgressResult = { record: publicRecord(next), completedNow, replayed: false, yearHours: hoursInYear([...others, next], shanghaiYear(now)) };
    const outcome = await commitProgress(next, current?.version, report.clientRequestId, result, now);
    if (outcome === 'request-seen') return { ...((await rememberedResult(caller.userId, report.clientRequestId)) ?? result), replayed: true };
    if (outcome === 'committed') {
      if (completedNow) await reportCompletion(caller, report.courseId, now);
      return result;
    }
    // Another report for this course landed between our read and write: decide again against it.
  }
  throw new AppError(409, 'CONFLICT', '学习进度正在从其他设备同步，请稍后重试');
}
