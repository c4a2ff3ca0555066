import { isMediaKind, type Chapter, type ChapterStudy, type QuizQuestion, type StudyRules } from '../../shared/api/courses';

export type Interval = readonly [number, number];

/** Sorted, non-overlapping intervals covering exactly the union of the given ones (touching ones join). */
export function mergeIntervals(intervals: readonly Interval[]): [number, number][] {
  const sorted = [...intervals].filter(([start, end]) => end > start).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const merged: [number, number][] = [];
  for (const [start, end] of sorted) {
    const last = merged[merged.length - 1];
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  return merged;
}

/** Seconds of [0, duration] the intervals cover: replaying the same seconds adds nothing. */
export function coveredSeconds(intervals: readonly Interval[], durationSeconds: number): number {
  const clipped = intervals.map(([start, end]): Interval => [Math.max(0, start), Math.min(durationSeconds, end)]);
  return mergeIntervals(clipped).reduce((sum, [start, end]) => sum + (end - start), 0);
}

export const emptyStudy = (): ChapterStudy => ({ readSeconds: 0, played: [] });

/** A chapter's study with one more report added. */
export function addToChapter(study: ChapterStudy, report: { readSeconds?: number; played?: readonly Interval[] }): ChapterStudy {
  return {
    readSeconds: study.readSeconds + (report.readSeconds ?? 0),
    played: report.played ? mergeIntervals([...study.played, ...report.played]) : study.played,
  };
}

/** Seconds of study a chapter earns: media as far as played, text and PDF as long as open, up to their reading time. */
export function chapterSeconds(chapter: Chapter, study: ChapterStudy): number {
  if (isMediaKind(chapter.kind)) return coveredSeconds(study.played, chapter.durationSeconds ?? 0);
  return Math.min(study.readSeconds, (chapter.readMinutes ?? 0) * 60);
}

/** How far a chapter is studied, 0–1: media against the coverage it needs, text against the minimum reading time. */
export function chapterShare(chapter: Chapter, study: ChapterStudy, rules: StudyRules): number {
  if (isMediaKind(chapter.kind)) {
    const duration = chapter.durationSeconds ?? 0;
    return duration === 0 ? 0 : Math.min(1, coveredSeconds(study.played, duration) / (duration * rules.mediaCoverage));
  }
  return Math.min(1, study.readSeconds / minimumReadSeconds(chapter, rules));
}

/** A text or PDF chapter needs the configured minimum, never more than its own reading time. */
export function minimumReadSeconds(chapter: Chapter, rules: StudyRules): number {
  return Math.min(rules.minChapterReadSeconds, (chapter.readMinutes ?? 1) * 60);
}

export interface CourseMeasure {
  /** 0–100, whole percent. */
  progress: number;
  studiedSeconds: number;
  /** Chapters not yet studied enough, with what they still need (Chinese). */
  unfinished: string[];
}

export function measureCourse(chapters: readonly Chapter[], studies: Readonly<Record<string, ChapterStudy>>, rules: StudyRules): CourseMeasure {
  if (chapters.length === 0) return { progress: 0, studiedSeconds: 0, unfinished: [] };
  let shares = 0;
  let studiedSeconds = 0;
  const unfinished: string[] = [];
  for (const chapter of chapters) {
    const study = studies[chapter.chapterId] ?? emptyStudy();
    const share = chapterShare(chapter, study, rules);
    shares += share;
    studiedSeconds += chapterSeconds(chapter, study);
    if (share < 1) unfinished.push(unfinishedReason(chapter, study, rules));
  }
  return { progress: Math.floor((shares / chapters.length) * 100), studiedSeconds: Math.round(studiedSeconds), unfinished };
}

function unfinishedReason(chapter: Chapter, study: ChapterStudy, rules: StudyRules): string {
  if (isMediaKind(chapter.kind)) {
    const duration = chapter.durationSeconds ?? 0;
    const played = duration === 0 ? 0 : Math.floor((coveredSeconds(study.played, duration) / duration) * 100);
    return `「${chapter.title}」已播放 ${played}%，需播放至少 ${Math.round(rules.mediaCoverage * 100)}%`;
  }
  return `「${chapter.title}」已阅读 ${Math.floor(study.readSeconds)} 秒，需阅读至少 ${minimumReadSeconds(chapter, rules)} 秒`;
}

/** Percent of questions answered right (answers given in question order). */
export function quizScore(questions: readonly QuizQuestion[], answers: readonly number[]): number {
  const right = questions.filter((question, index) => question.answer !== undefined && answers[index] === question.answer).length;
  return Math.round((right / questions.length) * 100);
}

/** Hours credited: the measured time in tenths of an hour (rounded down), never more than the course's hours. */
export function creditedHours(studiedSeconds: number, courseHours: number): number {
  return Math.min(courseHours, Math.floor(studiedSeconds / 360) / 10);
}
