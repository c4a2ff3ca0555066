import { randomUUID } from 'node:crypto';
import { httpHandler as handler } from '../../functions/course-push/handler';
import { demoMembers } from '../../scripts/local/demo-data';
import { issueSession } from '../../shared/runtime/session';
import { call } from '../support/api';
import { useSeededTable } from '../support/table';

// Seeding every capability's demo data takes a while on a busy machine.
jest.setTimeout(180_000);
useSeededTable();

const tokenOf = async (userId: string) => (await issueSession(demoMembers().find((member) => member.userId === userId)!)).token;
const report = (token: string, body: Record<string, unknown>) =>
  call(handler, 'POST', '/api/v1/learning/progress', { token, body: { clientRequestId: randomUUID(), ...body } });
const thisYear = Number(new Intl.DateTimeFormat('en', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date()));

describe('learning progress', () => {
  let ranger: string;
  let office: string;
  beforeAll(async () => {
    [ranger, office] = await Promise.all([tokenOf('demo-ranger'), tokenOf('demo-office')]);
  });

  it('credits a course hours once on completion and shows them against the 32-hour requirement', async () => {
    const before = (await call(handler, 'GET', '/api/v1/learning/me', { token: ranger })).body;
    expect(before).toMatchObject({ year: thisYear, requiredHours: 32 });
    expect(before.requiredCourses.map((course: { courseId: string }) => course.courseId)).toEqual(expect.arrayContaining(['fire-season-rules', 'rules-constitution']));
    expect(before.requiredCourses.map((course: { courseId: string }) => course.courseId)).not.toContain('law-forest-law');

    expect((await report(ranger, { courseId: 'safety-winter', progress: 50 })).body).toMatchObject({ completedNow: false, record: { progress: 50, completed: false } });
    const done = await report(ranger, { courseId: 'safety-winter', progress: 100, completed: true, quizScore: 90, rating: 5 });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ completedNow: true, replayed: false, yearHours: before.completedHours + 1, record: { completed: true, creditedHours: 1, quizScore: 90 } });

    const again = await report(ranger, { courseId: 'safety-winter', progress: 100, completed: true });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ completedNow: false, yearHours: before.completedHours + 1 });

    const after = (await call(handler, 'GET', '/api/v1/learning/me', { token: ranger })).body;
    expect(after.completedHours).toBe(before.completedHours + 1);
    expect(after.remainingHours).toBe(32 - after.completedHours);
    expect(after.completed.filter((course: { courseId: string }) => course.courseId === 'safety-winter')).toHaveLength(1);
  });

  it('gives a repeated clientRequestId (a retry from the offline queue) the first answer and no second effect', async () => {
    const body = { clientRequestId: 'offline-retry-0001', courseId: 'econ-blueberry', progress: 100, completed: true };
    const first = await call(handler, 'POST', '/api/v1/learning/progress', { token: office, body });
    const second = await call(handler, 'POST', '/api/v1/learning/progress', { token: office, body });
    expect(first.body).toMatchObject({ completedNow: true, replayed: false });
    expect(second.body).toEqual({ ...first.body, replayed: true });
    const study = (await call(handler, 'GET', '/api/v1/learning/me', { token: office })).body;
    expect(study.completed.filter((course: { courseId: string }) => course.courseId === 'econ-blueberry')).toHaveLength(1);
  });

  it('counts a completion sent late from an offline queue in the year it happened', async () => {
    const lastYearsEve = `${thisYear - 1}-12-31T20:00:00+08:00`;
    const late = await report(office, { courseId: 'carbon-basics', progress: 100, completed: true, occurredAt: lastYearsEve });
    expect(late.body.record.completedAt).toBe(new Date(lastYearsEve).toISOString());
    const lastYear = (await call(handler, 'GET', '/api/v1/learning/me', { token: office, query: { year: String(thisYear - 1) } })).body;
    expect(lastYear.completed.map((course: { courseId: string }) => course.courseId)).toEqual(['carbon-basics']);
    expect(lastYear.completedHours).toBe(1.5);
    const now = (await call(handler, 'GET', '/api/v1/learning/me', { token: office })).body;
    expect(now.completed.map((course: { courseId: string }) => course.courseId)).not.toContain('carbon-basics');
  });

  it('refuses progress over 100, a quiz score out of range and a completion below 100 %, naming the field', async () => {
    const over = await report(ranger, { courseId: 'fire-drone', progress: 120 });
    expect(over.status).toBe(400);
    expect(over.body.error.details).toEqual([{ path: 'body.progress', message: '进度不能超过 100' }]);
    const quiz = await report(ranger, { courseId: 'fire-drone', progress: 100, completed: true, quizScore: 101 });
    expect(quiz.body.error.details).toEqual([{ path: 'body.quizScore', message: '测验成绩应在 0–100 之间' }]);
    const negative = await report(ranger, { courseId: 'fire-drone', progress: 10, quizScore: -5 });
    expect(negative.status).toBe(400);
    const early = await report(ranger, { courseId: 'fire-drone', progress: 80, completed: true });
    expect(early.body.error.details).toEqual([{ path: 'body.progress', message: '完成学习时进度应为 100' }]);
    expect((await call(handler, 'GET', '/api/v1/courses/fire-drone', { token: ranger })).body.progress).toBeUndefined();
  });

  it('refuses progress that goes backwards and keeps the higher progress', async () => {
    expect((await report(ranger, { courseId: 'fire-community', progress: 70 })).status).toBe(200);
    const back = await report(ranger, { courseId: 'fire-community', progress: 30 });
    expect(back.status).toBe(409);
    expect(back.body.error).toEqual({ code: 'PROGRESS_BACKWARDS', message: '学习进度不能倒退，已保留更高的进度', details: [{ path: 'body.progress', message: '当前进度已是 70%' }] });
    expect((await call(handler, 'GET', '/api/v1/courses/fire-community', { token: ranger })).body.progress.progress).toBe(70);
  });

  it('settles simultaneous reports from two devices without losing the higher one or answering 500', async () => {
    const replies = await Promise.all([40, 60, 50].map((progress) => report(office, { courseId: 'mgmt-digital', progress })));
    for (const reply of replies) expect([200, 409]).toContain(reply.status);
    expect((await call(handler, 'GET', '/api/v1/courses/mgmt-digital', { token: office })).body.progress.progress).toBe(
      Math.max(...replies.filter((reply) => reply.status === 200).map((reply) => reply.body.record.progress)),
    );
  });

  it('refuses a completion for an unknown or archived course', async () => {
    const unknown = await report(ranger, { courseId: 'no-such-course', progress: 100, completed: true });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toEqual({ code: 'COURSE_NOT_FOUND', message: '没有找到这门课程' });

    const admin = await tokenOf('demo-admin');
    const course = (await call(handler, 'GET', '/api/v1/courses/fire-law-cases', { token: admin })).body.course;
    const { courseId: _id, publishedAt: _p, updatedAt: _u, ...input } = course;
    expect((await call(handler, 'PUT', '/api/v1/courses/fire-law-cases', { token: admin, body: { ...input, status: 'archived' } })).status).toBe(200);
    const archived = await report(ranger, { courseId: 'fire-law-cases', progress: 100, completed: true });
    expect(archived.status).toBe(409);
    expect(archived.body.error).toEqual({ code: 'COURSE_ARCHIVED', message: '这门课程已下架，不能再记录学习进度' });
  });
});

describe('branch study summary', () => {
  it('gives the secretary branch totals and required-course completion, never a list of people', async () => {
    const secretary = await tokenOf('demo-secretary');
    const before = (await call(handler, 'GET', '/api/v1/learning/branch-summary', { token: secretary })).body;
    expect(before).toMatchObject({ branchId: 'songling-zhuangzhi', year: thisYear, requiredHours: 32 });
    expect(before.memberCount).toBe(14);
    expect(before.totalHours).toBeGreaterThan(0);
    expect(Object.keys(before).sort()).toEqual(['averageHours', 'branchId', 'memberCount', 'membersMeetingRequirement', 'requiredCourses', 'requiredHours', 'totalHours', 'year']);
    const text = JSON.stringify(before);
    for (const member of demoMembers().filter((m) => m.branchId === 'songling-zhuangzhi')) {
      expect(text).not.toContain(member.userId);
      expect(text).not.toContain(member.name);
    }
    const fireRules = before.requiredCourses.find((course: { courseId: string }) => course.courseId === 'fire-season-rules');
    const frontLine = demoMembers().filter((m) => m.branchId === 'songling-zhuangzhi' && ['ranger', 'production'].includes(m.category));
    expect(fireRules.eligibleMembers).toBe(frontLine.length);

    const ranger = await tokenOf('demo-ranger');
    await report(ranger, { courseId: 'fire-season-rules', progress: 100, completed: true });
    const after = (await call(handler, 'GET', '/api/v1/learning/branch-summary', { token: secretary })).body;
    const updated = after.requiredCourses.find((course: { courseId: string }) => course.courseId === 'fire-season-rules');
    expect(updated.completedMembers).toBe(fireRules.completedMembers + 1);
    expect(updated.completionRate).toBeCloseTo(updated.completedMembers / frontLine.length, 3);
    expect(after.totalHours).toBe(before.totalHours + 2);
  });

  it('keeps secretaries to their own branch and members out', async () => {
    const secretary = await tokenOf('demo-secretary');
    expect((await call(handler, 'GET', '/api/v1/learning/branch-summary', { token: secretary, query: { branchId: 'xinlin-office' } })).status).toBe(403);
    expect((await call(handler, 'GET', '/api/v1/learning/branch-summary', { token: await tokenOf('demo-ranger') })).status).toBe(403);
    const admin = await tokenOf('demo-admin');
    expect((await call(handler, 'GET', '/api/v1/learning/branch-summary', { token: admin, query: { branchId: 'xinlin-office' } })).body.branchId).toBe('xinlin-office');
  });
});
