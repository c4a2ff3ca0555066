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

const yearHoursOf = async (token: string) => (await call(handler, 'GET', '/api/v1/learning/me', { token })).body.completedHours as number;
const read = (token: string, courseId: string, chapterId: string, readSeconds: number, extra: Record<string, unknown> = {}) =>
  report(token, { courseId, chapterId, readSeconds, ...extra });

describe('learning progress measured from what was read and played', () => {
  let ranger: string;
  let office: string;
  let secretary: string;
  let admin: string;
  beforeAll(async () => {
    [ranger, office, secretary, admin] = await Promise.all([tokenOf('demo-ranger'), tokenOf('demo-office'), tokenOf('demo-secretary'), tokenOf('demo-admin')]);
  });

  it('credits 0 hours for completing a course without reading it, and the measured hours once it is studied', async () => {
    const before = await call(handler, 'GET', '/api/v1/learning/me', { token: ranger });
    expect(before.body).toMatchObject({ year: thisYear, requiredHours: 32 });

    // Exactly what the old 完成学习 button sent (an older app's offline queue may still hold it).
    const tapped = await report(ranger, { courseId: 'fire-patrol-routes', progress: 100, completed: true });
    expect(tapped.status).toBe(200);
    expect(tapped.body).toMatchObject({ completedNow: false, record: { completed: false, creditedHours: 0, progress: 0 } });
    expect(tapped.body.missing).toEqual([
      '「按林班规划巡护路线」已阅读 0 秒，需阅读至少 60 秒',
      '「巡护日志怎么写」已阅读 0 秒，需阅读至少 60 秒',
    ]);
    expect(await yearHoursOf(ranger)).toBe(before.body.completedHours);

    // A glance at one chapter is not study either.
    expect((await read(ranger, 'fire-patrol-routes', 'planning', 20)).body.record.progress).toBe(16);
    const glance = await report(ranger, { courseId: 'fire-patrol-routes', completed: true });
    expect(glance.body.completedNow).toBe(false);
    expect(glance.body.missing).toHaveLength(2);

    // Both chapters read: 20 + 580 + 700 seconds, each counted up to its 10-minute reading time: 1,200 s = 0.3 h of the course's 1.
    await read(ranger, 'fire-patrol-routes', 'planning', 580);
    expect((await read(ranger, 'fire-patrol-routes', 'log', 700)).body.record).toMatchObject({ progress: 100, studiedSeconds: 1200, completed: false });
    const done = await report(ranger, { courseId: 'fire-patrol-routes', completed: true });
    expect(done.body).toMatchObject({ completedNow: true, missing: [], record: { completed: true, creditedHours: 0.3 } });
    expect(done.body.yearHours).toBeCloseTo(before.body.completedHours + 0.3, 5);
    expect(await yearHoursOf(ranger)).toBeCloseTo(before.body.completedHours + 0.3, 5);
    const again = await report(ranger, { courseId: 'fire-patrol-routes', completed: true });
    expect(again.body).toMatchObject({ completedNow: false, missing: [], yearHours: done.body.yearHours });
    const mine = (await call(handler, 'GET', '/api/v1/learning/me', { token: ranger })).body;
    expect(mine.completed.filter((course: { courseId: string }) => course.courseId === 'fire-patrol-routes')).toEqual([
      expect.objectContaining({ hours: 0.3 }),
    ]);
  });

  it('counts a video by the merged intervals played: replaying does not count twice, 90 % covers it, hours capped at the course', async () => {
    const created = await call(handler, 'POST', '/api/v1/courses', {
      token: admin,
      body: {
        title: '扑火机具操作示范', summary: '风力灭火机的启动、背负和操作。', type: 'video', hours: 0.5, tags: ['森林防火'], targetCategories: [], targetPosts: [], required: false,
        chapters: [{ chapterId: 'demo', title: '操作示范', kind: 'video', url: 'https://media.example.cn/fire/blower.mp4', durationSeconds: 3600 }],
      },
    });
    expect(created.status).toBe(201);
    const courseId = created.body.course.courseId;
    const play = (played: number[][], extra: Record<string, unknown> = {}) => report(office, { courseId, chapterId: 'demo', played, ...extra });

    await play([[0, 1800]]);
    const replayed = await play([[0, 900], [900, 1800]]);
    expect(replayed.body.record).toMatchObject({ progress: 55, studiedSeconds: 1800, chapters: { demo: { played: [[0, 1800]] } } });
    const early = await report(office, { courseId, completed: true });
    expect(early.body).toMatchObject({ completedNow: false, record: { creditedHours: 0 }, missing: ['「操作示范」已播放 50%，需播放至少 90%'] });

    const covered = await play([[1700, 3300]], { completed: true });
    expect(covered.body).toMatchObject({ completedNow: true, record: { progress: 100, studiedSeconds: 3300, creditedHours: 0.5 } });

    const text = await report(office, { courseId, chapterId: 'demo', readSeconds: 60 });
    expect(text.status).toBe(400);
    expect(text.body.error.details).toEqual([{ path: 'body.readSeconds', message: '音视频章节按播放区间记录' }]);
  });

  it('requires a passed quiz when the course has one, at the pass mark the admin sets, and never shows members the answers', async () => {
    const course = (await call(handler, 'GET', '/api/v1/courses/rules-constitution', { token: secretary })).body.course;
    expect(course.quiz).toHaveLength(3);
    for (const question of course.quiz) expect(question).not.toHaveProperty('answer');
    const answers = (await call(handler, 'GET', '/api/v1/courses/rules-constitution', { token: admin })).body.course.quiz.map((question: { answer: number }) => question.answer);

    for (const chapterId of ['duties', 'rights', 'organisation']) await read(secretary, 'rules-constitution', chapterId, 900);
    const noQuiz = await report(secretary, { courseId: 'rules-constitution', completed: true });
    expect(noQuiz.body).toMatchObject({ completedNow: false, missing: ['需要通过课程测验（60 分及格）'] });
    const oneRight = answers.map((answer: number, index: number) => (index === 0 ? answer : (answer + 1) % 3));
    const failed = await report(secretary, { courseId: 'rules-constitution', completed: true, quizAnswers: oneRight });
    expect(failed.body).toMatchObject({ completedNow: false, record: { quizScore: 33, creditedHours: 0 }, missing: ['测验得分 33 分，未达到及格线 60 分'] });

    const settings = (await call(handler, 'GET', '/api/v1/courses/push/settings', { token: admin })).body;
    expect(settings.study).toEqual({ minChapterReadSeconds: 60, mediaCoverage: 0.9, quizPassMark: 60 });
    const twoRight = answers.map((answer: number, index: number) => (index < 2 ? answer : (answer + 1) % 3));
    expect((await call(handler, 'PUT', '/api/v1/courses/push/settings', { token: admin, body: { ...settings, study: { ...settings.study, quizPassMark: 80 } } })).status).toBe(200);
    try {
      const notEnough = await report(secretary, { courseId: 'rules-constitution', completed: true, quizAnswers: twoRight });
      expect(notEnough.body).toMatchObject({ completedNow: false, missing: ['测验得分 67 分，未达到及格线 80 分'] });
      const passed = await report(secretary, { courseId: 'rules-constitution', completed: true, quizAnswers: answers });
      // Three chapters of 15 minutes read: 0.75 h, credited in whole tenths.
      expect(passed.body).toMatchObject({ completedNow: true, record: { quizScore: 100, creditedHours: 0.7 } });
    } finally {
      await call(handler, 'PUT', '/api/v1/courses/push/settings', { token: admin, body: settings });
    }
    const tooLow = await call(handler, 'PUT', '/api/v1/courses/push/settings', { token: admin, body: { ...settings, study: { ...settings.study, mediaCoverage: 0.5 } } });
    expect(tooLow.status).toBe(400);
    expect(tooLow.body.error.details).toEqual([{ path: 'body.study.mediaCoverage', message: '音视频至少要播放 90%' }]);
  });

  it('gives a repeated clientRequestId (a retry from the offline queue) the first answer and no second reading time', async () => {
    const body = { clientRequestId: 'offline-retry-0001', courseId: 'safety-winter', chapterId: 'cold', readSeconds: 300 };
    const first = await call(handler, 'POST', '/api/v1/learning/progress', { token: office, body });
    const second = await call(handler, 'POST', '/api/v1/learning/progress', { token: office, body });
    expect(first.body).toMatchObject({ replayed: false, record: { studiedSeconds: 300 } });
    expect(second.body).toEqual({ ...first.body, replayed: true });
    expect((await call(handler, 'GET', '/api/v1/courses/safety-winter', { token: office })).body.progress.chapters.cold.readSeconds).toBe(300);
  });

  it('counts study queued offline and its completion in the year it happened', async () => {
    const lastYearsEve = `${thisYear - 1}-12-31T20:00:00+08:00`;
    await read(office, 'safety-winter', 'roads', 600, { occurredAt: lastYearsEve });
    const late = await report(office, { courseId: 'safety-winter', completed: true, occurredAt: lastYearsEve });
    expect(late.body.completedNow).toBe(true);
    expect(late.body.record.completedAt).toBe(new Date(lastYearsEve).toISOString());
    const lastYear = (await call(handler, 'GET', '/api/v1/learning/me', { token: office, query: { year: String(thisYear - 1) } })).body;
    expect(lastYear.completed).toEqual([expect.objectContaining({ courseId: 'safety-winter', hours: 0.2 })]);
    expect(lastYear.completedHours).toBe(0.2);
    const now = (await call(handler, 'GET', '/api/v1/learning/me', { token: office })).body;
    expect(now.completed.map((course: { courseId: string }) => course.courseId)).not.toContain('safety-winter');
  });

  it('refuses reports that do not fit the course, naming the field, and records nothing', async () => {
    const unknownChapter = await read(ranger, 'fire-law-cases', 'no-such-chapter', 30);
    expect(unknownChapter.status).toBe(400);
    expect(unknownChapter.body.error.details).toEqual([{ path: 'body.chapterId', message: '这门课程没有这个章节' }]);
    const playedText = await report(ranger, { courseId: 'fire-law-cases', chapterId: 'articles', played: [[0, 30]] });
    expect(playedText.body.error.details).toEqual([{ path: 'body.played', message: '图文和 PDF 章节按阅读时长记录' }]);
    const tooLong = await read(ranger, 'fire-law-cases', 'articles', 7200);
    expect(tooLong.body.error.details).toEqual([{ path: 'body.readSeconds', message: '一次最多记录 3600 秒阅读' }]);
    const backwards = await report(ranger, { courseId: 'fire-law-cases', chapterId: 'articles', played: [[30, 10]] });
    expect(backwards.status).toBe(400);
    const noChapter = await report(ranger, { courseId: 'fire-law-cases', readSeconds: 30 });
    expect(noChapter.body.error.details).toEqual([{ path: 'body.chapterId', message: '请注明章节' }]);
    const noQuiz = await report(ranger, { courseId: 'fire-law-cases', completed: true, quizAnswers: [0] });
    expect(noQuiz.body.error.details).toEqual([{ path: 'body.quizAnswers', message: '这门课程没有测验' }]);
    expect((await call(handler, 'GET', '/api/v1/courses/fire-law-cases', { token: ranger })).body.progress).toBeUndefined();
  });

  it('says why a course without content to study cannot be completed in the app', async () => {
    const live = await report(ranger, { courseId: 'fire-lightning', completed: true });
    expect(live.body).toMatchObject({ completedNow: false, record: { creditedHours: 0 }, missing: ['这门课程没有可在线学习的内容，学时由组织按实际参加情况登记'] });
  });

  it('settles simultaneous reading reports from two devices without losing one or answering 500', async () => {
    const replies = await Promise.all([40, 60, 50].map((seconds) => read(office, 'fire-law-cases', 'cases', seconds)));
    for (const reply of replies) expect([200, 409]).toContain(reply.status);
    const stored = (await call(handler, 'GET', '/api/v1/courses/fire-law-cases', { token: office })).body.progress.chapters.cases.readSeconds;
    const accepted = [40, 60, 50].filter((_, index) => replies[index]!.status === 200).reduce((sum, seconds) => sum + seconds, 0);
    expect(stored).toBe(accepted);
  });

  it('refuses a completion for an unknown or archived course', async () => {
    const unknown = await report(ranger, { courseId: 'no-such-course', completed: true });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toEqual({ code: 'COURSE_NOT_FOUND', message: '没有找到这门课程' });

    const course = (await call(handler, 'GET', '/api/v1/courses/fire-law-cases', { token: admin })).body.course;
    const { courseId: _id, publishedAt: _p, updatedAt: _u, ...input } = course;
    expect((await call(handler, 'PUT', '/api/v1/courses/fire-law-cases', { token: admin, body: { ...input, status: 'archived' } })).status).toBe(200);
    const archived = await report(ranger, { courseId: 'fire-law-cases', completed: true });
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
    const admin = await tokenOf('demo-admin');
    const answers = (await call(handler, 'GET', '/api/v1/courses/fire-season-rules', { token: admin })).body.course.quiz.map((question: { answer: number }) => question.answer);
    for (const chapterId of ['entering', 'fire-use', 'sources']) await report(ranger, { courseId: 'fire-season-rules', chapterId, readSeconds: 480 });
    expect((await report(ranger, { courseId: 'fire-season-rules', completed: true, quizAnswers: answers })).body.completedNow).toBe(true);
    const after = (await call(handler, 'GET', '/api/v1/learning/branch-summary', { token: secretary })).body;
    const updated = after.requiredCourses.find((course: { courseId: string }) => course.courseId === 'fire-season-rules');
    expect(updated.completedMembers).toBe(fireRules.completedMembers + 1);
    expect(updated.completionRate).toBeCloseTo(updated.completedMembers / frontLine.length, 3);
    // Three chapters of 8 minutes read: 0.4 h of the course's 2.
    expect(after.totalHours).toBeCloseTo(before.totalHours + 0.4, 5);
  });

  it('keeps secretaries to their own branch and members out', async () => {
    const secretary = await tokenOf('demo-secretary');
    expect((await call(handler, 'GET', '/api/v1/learning/branch-summary', { token: secretary, query: { branchId: 'xinlin-office' } })).status).toBe(403);
    expect((await call(handler, 'GET', '/api/v1/learning/branch-summary', { token: await tokenOf('demo-ranger') })).status).toBe(403);
    const admin = await tokenOf('demo-admin');
    expect((await call(handler, 'GET', '/api/v1/learning/branch-summary', { token: admin, query: { branchId: 'xinlin-office' } })).body.branchId).toBe('xinlin-office');
  });
});
