import { createHash } from 'node:crypto';
import type { CourseInput } from '../../shared/api/courses';
import type { Member, MemberCategory } from '../../shared/api/identity-model';
import { shanghaiDay, shanghaiYear } from '../../functions/course-push/calendar';
import { storedCourse } from '../../functions/course-push/catalogue';
import { rebuildModel } from '../../functions/course-push/model';
import { listAllCourses, putCourses, type StoredCourse } from '../../functions/course-push/store/catalogue-store';
import { putRecords, type StoredRecord } from '../../functions/course-push/store/learning-store';
import { SEED_COURSES } from './course-catalogue';
import { SEED_CONTENT } from './course-content';
import { demoMembers } from './demo-data';

/**
 * Demo catalogue (88 courses) and some learning history, so members of different posts get different
 * recommendations from the first start: rangers have studied fire prevention, office staff policy and
 * management. Idempotent: a table that already has courses is left as it is.
 */
const DAY_MS = 86_400_000;

/** Topics each category leans to when the demo history is drawn. */
const INTERESTS: Record<MemberCategory, string[]> = {
  ranger: ['森林防火', '病虫害防治', '安全生产'],
  production: ['安全生产', '林下经济', '病虫害防治'],
  office: ['政策法规', '企业管理', '碳汇'],
  retiree: ['党史', '理论学习'],
  probationary: ['党章党规', '理论学习'],
  mobile: ['党章党规', '林下经济'],
};

/** The demo accounts' own history: [course, progress, rating, quiz score, days ago]. */
const DEMO_HISTORY: Record<string, Array<[string, number, number?, number?, number?]>> = {
  'demo-ranger': [['fire-lookout-practice', 100, 5, 95, 20], ['fire-behaviour-basics', 100, 4, 88, 12], ['rules-constitution', 100, 4, undefined, 30], ['fire-season-rules', 40]],
  'demo-office': [['law-state-forest-reform', 100, 5, 92, 18], ['mgmt-internal-control', 100, 4, 85, 9], ['rules-constitution', 100, 4, undefined, 25], ['law-forest-law', 60]],
  'demo-secretary': [['rules-branch-work', 100, 5, 90, 15], ['safety-chainsaw', 100, 4, undefined, 8]],
};

/** A deterministic stream of numbers in [0, 1) per seed, so every start seeds the same history. */
function random(seed: string): () => number {
  let counter = 0;
  return () => {
    counter += 1;
    return createHash('sha256').update(`${seed}#${counter}`).digest().readUInt32LE(0) / 2 ** 32;
  };
}

/** A due date `days` from now, kept within this Shanghai year so it shows among this year's required courses. */
function dueDate(days: number, now: Date): string {
  const year = shanghaiYear(now);
  const day = shanghaiDay(new Date(now.getTime() + days * DAY_MS));
  return day < `${year}-01-01` ? `${year}-01-01` : day > `${year}-12-31` ? `${year}-12-31` : day;
}

function seedInput([courseId, title, summary, type, hours, tags, targetCategories, targetPosts, due]: (typeof SEED_COURSES)[number], now: Date): CourseInput {
  const content = SEED_CONTENT[courseId];
  return {
    title, summary, type, hours, tags, targetCategories, targetPosts, required: due !== undefined, status: 'published',
    chapters: content?.chapters ?? [],
    ...(content?.quiz ? { quiz: content.quiz } : {}),
    ...(due !== undefined ? { dueDate: dueDate(due, now) } : {}),
  };
}

function record(member: Member, course: StoredCourse, progress: number, at: Date, extra: { rating?: number; quizScore?: number } = {}): StoredRecord {
  const completed = progress === 100;
  return {
    userId: member.userId,
    branchId: member.branchId,
    category: member.category,
    courseId: course.courseId,
    progress,
    completed,
    creditedHours: completed ? course.hours : 0,
    // Demo history stands for study done before measuring existed: its time is the course's hours.
    studiedSeconds: completed ? course.hours * 3600 : 0,
    chapters: {},
    startedAt: new Date(at.getTime() - 3 * DAY_MS).toISOString(),
    updatedAt: at.toISOString(),
    version: 1,
    ...(completed ? { completedAt: at.toISOString() } : {}),
    ...extra,
  };
}

function history(members: Member[], courses: StoredCourse[], now: Date): StoredRecord[] {
  const courseOf = new Map(courses.map((course) => [course.courseId, course]));
  const yearStart = Date.parse(`${shanghaiYear(now)}-01-02T00:00:00+08:00`);
  const daysAgo = (days: number) => new Date(Math.max(yearStart, now.getTime() - days * DAY_MS));
  const records: StoredRecord[] = [];
  for (const member of members) {
    const own = DEMO_HISTORY[member.userId];
    if (own) {
      for (const [courseId, progress, rating, quizScore, days] of own) {
        records.push(record(member, courseOf.get(courseId)!, progress, daysAgo(days ?? 2), { ...(rating ? { rating } : {}), ...(quizScore ? { quizScore } : {}) }));
      }
      continue;
    }
    if (member.userId.startsWith('demo-')) continue;
    const next = random(member.userId);
    const liked = courses.filter((course) => course.tags.some((tag) => INTERESTS[member.category].includes(tag)) || course.targetPosts.some((post) => member.postTags.includes(post)));
    const count = 2 + Math.floor(next() * 4);
    const chosen = new Set<StoredCourse>();
    while (chosen.size < count && chosen.size < liked.length) chosen.add(liked[Math.floor(next() * liked.length)]!);
    for (const course of chosen) {
      const progress = next() < 0.8 ? 100 : 20 + 10 * Math.floor(next() * 6);
      records.push(record(member, course, progress, daysAgo(1 + Math.floor(next() * 40)), next() < 0.5 ? { rating: 3 + Math.floor(next() * 3) } : {}));
    }
  }
  return records;
}

export async function seedCourses(now = new Date()): Promise<string> {
  if ((await listAllCourses()).length > 0) return 'catalogue kept';
  // Publication times spread over the past half year; the last few courses are new this fortnight.
  const courses = await Promise.all(
    SEED_COURSES.map((tuple, index) => storedCourse(tuple[0], seedInput(tuple, now), new Date(now.getTime() - ((SEED_COURSES.length - index) * 2 + 1) * DAY_MS))),
  );
  await putCourses(courses);
  const records = history(demoMembers(), courses, now);
  await putRecords(records);
  await rebuildModel(now);
  return `${courses.length} courses, ${records.length} learning records`;
}
