import { randomUUID } from 'node:crypto';
import type { Course, CourseInput, CourseWithProgress } from '../../shared/api/courses';
import { AppError, forbidden } from '../../shared/runtime/app-error';
import type { Caller } from '../../shared/runtime/session';
import { courseTerms } from './recommender/text';
import { prepareCatalogue, type Catalogue } from './recommender/rank';
import { getCourse, listAllCourses, saveCourse, type StoredCourse } from './store/catalogue-store';
import { memberRecords, publicRecord } from './store/learning-store';

/** The catalogue changes a few times a day: each Lambda copy keeps it a minute, and forgets it on its own writes. */
const CATALOGUE_TTL_MS = 60_000;
let cached: { at: number; courses: StoredCourse[]; published: Catalogue } | undefined;

export function forgetCatalogue(): void {
  cached = undefined;
}

export async function catalogue(now = Date.now()): Promise<{ courses: StoredCourse[]; published: Catalogue }> {
  if (!cached || now - cached.at > CATALOGUE_TTL_MS) {
    const courses = await listAllCourses();
    cached = { at: now, courses, published: prepareCatalogue(courses.filter((course) => course.status === 'published')) };
  }
  return cached;
}

/** A course as the API shows it; members never see the quiz's answers, admins (who edit them) do. */
export function publicCourse(course: StoredCourse, withAnswers = false): Course {
  const { titleTerms: _t, summaryTerms: _s, quiz, ...view } = course;
  if (!quiz) return view;
  return { ...view, quiz: withAnswers ? quiz : quiz.map(({ answer: _a, ...question }) => question) };
}

const isAdmin = (caller: Caller) => caller.roles.includes('admin');

export interface CourseQuery {
  tag?: string;
  type?: string;
  kind?: 'required' | 'elective';
  q?: string;
  status?: 'published' | 'archived' | 'all';
  limit?: number;
  offset?: number;
}

/** The catalogue as a member sees it (published only), with their own progress on each course; admins may see archived ones. */
export async function listCoursesFor(caller: Caller, query: CourseQuery): Promise<{ items: CourseWithProgress[]; total: number }> {
  const status = query.status ?? 'published';
  if (status !== 'published' && !isAdmin(caller)) throw forbidden('只有管理员可以查看已下架的课程');
  const [{ courses }, records] = await Promise.all([catalogue(), memberRecords(caller.userId)]);
  const progressOf = new Map(records.map((record) => [record.courseId, publicRecord(record)]));
  const words = query.q?.toLowerCase();
  const matching = courses
    .filter((course) => status === 'all' || course.status === status)
    .filter((course) => !query.tag || course.tags.includes(query.tag))
    .filter((course) => !query.type || course.type === query.type)
    .filter((course) => !query.kind || course.required === (query.kind === 'required'))
    .filter((course) => !words || `${course.title} ${course.summary} ${course.tags.join(' ')}`.toLowerCase().includes(words))
    .sort((a, b) => Number(b.required) - Number(a.required) || b.publishedAt.localeCompare(a.publishedAt) || a.courseId.localeCompare(b.courseId));
  const offset = query.offset ?? 0;
  const page = matching.slice(offset, offset + (query.limit ?? 50));
  return {
    total: matching.length,
    items: page.map((course) => {
      const progress = progressOf.get(course.courseId);
      return { course: publicCourse(course, isAdmin(caller)), ...(progress ? { progress } : {}) };
    }),
  };
}

export async function courseFor(caller: Caller, courseId: string): Promise<CourseWithProgress> {
  const [course, records] = await Promise.all([getCourse(courseId), memberRecords(caller.userId)]);
  const progress = records.find((record) => record.courseId === courseId);
  // An archived course stays visible to whoever studied it, so their history keeps making sense.
  if (!course || (course.status === 'archived' && !progress && !isAdmin(caller))) throw new AppError(404, 'COURSE_NOT_FOUND');
  return { course: publicCourse(course, isAdmin(caller)), ...(progress ? { progress: publicRecord(progress) } : {}) };
}

/** A course as stored, with its title and summary segmented for the recommender. */
export async function storedCourse(courseId: string, input: CourseInput, now: Date, existing?: StoredCourse): Promise<StoredCourse> {
  const { dueDate, quiz, ...fields } = input;
  return {
    courseId,
    ...fields,
    ...(dueDate ? { dueDate } : {}),
    ...(quiz ? { quiz } : {}),
    tags: [...new Set(input.tags)],
    targetCategories: [...new Set(input.targetCategories)],
    targetPosts: [...new Set(input.targetPosts)],
    publishedAt: existing?.publishedAt ?? now.toISOString(),
    updatedAt: now.toISOString(),
    ...(await courseTerms(input.title, input.summary)),
  };
}

export async function createCourse(input: CourseInput, now = new Date()): Promise<Course> {
  const course = await storedCourse(`c-${randomUUID().slice(0, 8)}`, input, now);
  await saveCourse(course);
  forgetCatalogue();
  return publicCourse(course, true);
}

/** Replaces a course; archiving is `status: 'archived'` (never deleted: members' records point at it). */
export async function updateCourse(courseId: string, input: CourseInput, now = new Date()): Promise<Course> {
  const existing = await getCourse(courseId);
  if (!existing) throw new AppError(404, 'COURSE_NOT_FOUND');
  const course = await storedCourse(courseId, input, now, existing);
  await saveCourse(course, existing.updatedAt);
  forgetCatalogue();
  return publicCourse(course, true);
}
