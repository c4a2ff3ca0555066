import { AppError } from '../../shared/runtime/app-error';
import { forgetCatalogue, storedCourse } from './catalogue';
import { parseCourseCsv } from './catalogue-csv';
import { listAllCourses, putCourses } from './store/catalogue-store';

/**
 * Imports an admin's catalogue CSV: all rows validated first, one bad row means nothing is written.
 * Rows are upserts keyed by course id (a course keeps its first publication time), so uploading the
 * same file again is harmless.
 */
export async function importCourses(csvText: string, now = new Date()): Promise<{ imported: number; created: number; updated: number }> {
  const parsed = parseCourseCsv(csvText);
  if (parsed.errors.length > 0) throw new AppError(400, 'COURSE_CSV_INVALID', undefined, parsed.errors);
  const existing = new Map((await listAllCourses()).map((course) => [course.courseId, course]));
  const courses = await Promise.all(
    parsed.rows.map((row) => {
      const before = existing.get(row.courseId);
      // A catalogue sheet without content columns updates the listing, never erases what members study.
      const input = row.keepsContent && before ? { ...row.input, chapters: before.chapters, ...(before.quiz ? { quiz: before.quiz } : {}) } : row.input;
      return storedCourse(row.courseId, input, now, before);
    }),
  );
  await putCourses(courses);
  forgetCatalogue();
  const updated = courses.filter((course) => existing.has(course.courseId)).length;
  return { imported: courses.length, created: courses.length - updated, updated };
}
