import { randomUUID } from 'node:crypto';
import type { ProgressReport } from '../../functions/course-push/learning';
import { isMediaKind, type Chapter } from '../../shared/api/courses';

/** The reports a member's app sends while studying every chapter whole: each text read for its reading time, each media played through. */
export function wholeStudyReports(courseId: string, chapters: readonly Chapter[]): ProgressReport[] {
  return chapters.map((chapter) => ({
    clientRequestId: randomUUID(),
    courseId,
    chapterId: chapter.chapterId,
    ...(isMediaKind(chapter.kind) ? { played: [[0, chapter.durationSeconds!] as [number, number]] } : { readSeconds: chapter.readMinutes! * 60 }),
  }));
}
