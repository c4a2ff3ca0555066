import { isMediaKind, type ProgressInput, type ProgressResult, type StudyRules } from '../../shared/api/courses';
import { AppError } from '../../shared/runtime/app-error';
import type { Caller } from '../../shared/runtime/session';
import { shanghaiYear } from './calendar';
import { currentSettings } from './course-settings';
import { reportCompletion } from './push/signals';
import { getCourse, type StoredCourse } from './store/catalogue-store';
import { commitProgress, getRecord, memberRecords, publicRecord, rememberedResult, type StoredRecord } from './store/learning-store';
import { hoursInYear } from './study-hours';
import { addToChapter, creditedHours, emptyStudy, measureCourse, quizScore } from './study-measure';

export type ProgressReport = Omit<ProgressInput, 'completed'> & { completed?: boolean };

/** An offline queue may deliver months later; a device clock may be wrong. Reports count within this window. */
const MAX_LATE_MS = 366 * 86_400_000;
const ATTEMPTS = 4;

function occurredAt(reported: string | undefined, now: Date): string {
  const at = reported ? Date.parse(reported) : now.getTime();
  return new Date(Math.min(now.getTime(), Math.max(now.getTime() - MAX_LATE_MS, at))).toISOString();
}

const invalid = (path: string, message: string) => new AppError(400, 'VALIDATION_FAILED', undefined, [{ path, message }]);

/** A report must fit the course: a chapter it has, reading for text and PDF, playing for audio and video, one answer per question. */
function checkAgainstCourse(course: StoredCourse, report: ProgressReport): void {
  if (report.chapterId !== undefined) {
    const chapter = course.chapters.find((candidate) => candidate.chapterId === report.chapterId);
    if (!chapter) throw invalid('body.chapterId', '这门课程没有这个章节');
    if (report.played && !isMediaKind(chapter.kind)) throw invalid('body.played', '图文和 PDF 章节按阅读时长记录');
    if (report.readSeconds !== undefined && isMediaKind(chapter.kind)) throw invalid('body.readSeconds', '音视频章节按播放区间记录');
  }
  if (report.quizAnswers) {
    if (!course.quiz) throw invalid('body.quizAnswers', '这门课程没有测验');
    if (report.quizAnswers.length !== course.quiz.length) throw invalid('body.quizAnswers', `请回答全部 ${course.quiz.length} 道题`);
  }
}

/** Why the course cannot be counted yet (Chinese, one line each); empty when it can. */
function missingForCompletion(course: StoredCourse, unfinished: string[], bestScore: number | undefined, rules: StudyRules): string[] {
  if (course.chapters.length === 0) return ['这门课程没有可在线学习的内容，学时由组织按实际参加情况登记'];
  const missing = [...unfinished];
  if (course.quiz && (bestScore ?? -1) < rules.quizPassMark) {
    missing.push(bestScore === undefined ? `需要通过课程测验（${rules.quizPassMark} 分及格）` : `测验得分 ${bestScore} 分，未达到及格线 ${rules.quizPassMark} 分`);
  }
  return missing;
}

/** The record after one report, and what the member is told about a completion that is not granted. */
function nextRecord(caller: Caller, course: StoredCourse, current: StoredRecord | undefined, report: ProgressReport, rules: StudyRules, now: Date) {
  const at = occurredAt(report.occurredAt, now);
  const chapters = { ...(current?.chapters ?? {}) };
  if (report.chapterId !== undefined && (report.readSeconds !== undefined || report.played !== undefined)) {
    chapters[report.chapterId] = addToChapter(chapters[report.chapterId] ?? emptyStudy(), report);
  }
  const measure = measureCourse(course.chapters, chapters, rules);
  const score = report.quizAnswers && course.quiz ? quizScore(course.quiz, report.quizAnswers) : undefined;
  const bestScore = Math.max(score ?? -1, current?.quizScore ?? -1);
  const quizScoreKept = bestScore >= 0 ? bestScore : undefined;
  const missing = missingForCompletion(course, measure.unfinished, quizScoreKept, rules);
  const wasCompleted = current?.completed ?? false;
  const completedNow = !wasCompleted && (report.completed ?? false) && missing.length === 0;
  const completed = wasCompleted || completedNow;
  const completedAt = completedNow ? at : current?.completedAt;
  const rating = report.rating ?? current?.rating;
  const record: StoredRecord = {
    userId: caller.userId,
    branchId: caller.branchId,
    category: caller.category,
    courseId: course.courseId,
    // Seeded or earlier records may carry progress the chapters do not show: progress never goes backwards.
    progress: Math.max(measure.progress, current?.progress ?? 0),
    completed,
    creditedHours: completed ? Math.max(current?.creditedHours ?? 0, creditedHours(measure.studiedSeconds, course.hours)) : 0,
    studiedSeconds: measure.studiedSeconds,
    chapters,
    startedAt: current?.startedAt ?? at,
    updatedAt: now.toISOString(),
    version: (current?.version ?? 0) + 1,
    ...(completedAt ? { completedAt } : {}),
    ...(quizScoreKept !== undefined ? { quizScore: quizScoreKept } : {}),
    ...(rating !== undefined ? { rating } : {}),
  };
  return { record, completedNow, missing: report.completed && !wasCompleted ? missing : [] };
}

/**
 * Records what a member read, played or answered of a course. Progress and study time are measured by the
 * server from those reports (media intervals merged, so replaying adds nothing); a completion is granted only
 * when every chapter is studied and a required quiz passed, and then credits the measured hours, capped at the
 * course's hours, in the year it happened (even when reported late). The same clientRequestId twice has one
 * effect. Archived and unknown courses are refused.
 */
export async function recordProgress(caller: Caller, report: ProgressReport, now = new Date()): Promise<ProgressResult> {
  const remembered = await rememberedResult(caller.userId, report.clientRequestId);
  if (remembered) return { ...remembered, replayed: true };
  const course = await getCourse(report.courseId);
  if (!course) throw new AppError(404, 'COURSE_NOT_FOUND');
  if (course.status === 'archived') throw new AppError(409, 'COURSE_ARCHIVED');
  checkAgainstCourse(course, report);
  const rules = (await currentSettings(now.getTime())).study;

  for (let attempt = 1; attempt <= ATTEMPTS; attempt += 1) {
    const current = await getRecord(caller.userId, report.courseId);
    const { record, completedNow, missing } = nextRecord(caller, course, current, report, rules, now);
    const others = (await memberRecords(caller.userId)).filter((other) => other.courseId !== report.courseId);
    const result: ProgressResult = { record: publicRecord(record), completedNow, replayed: false, missing, yearHours: hoursInYear([...others, record], shanghaiYear(now)) };
    const outcome = await commitProgress(record, current?.version, report.clientRequestId, result, now);
    if (outcome === 'request-seen') return { ...((await rememberedResult(caller.userId, report.clientRequestId)) ?? result), replayed: true };
    if (outcome === 'committed') {
      if (completedNow) await reportCompletion(caller, report.courseId, now);
      return result;
    }
    // Another report for this course landed between our read and write: decide again against it.
  }
  throw new AppError(409, 'CONFLICT', '学习进度正在从其他设备同步，请稍后重试');
}
