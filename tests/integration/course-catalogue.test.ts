import { httpHandler as handler } from '../../functions/course-push/handler';
import { demoMembers } from '../../scripts/local/demo-data';
import { issueSession } from '../../shared/runtime/session';
import { call } from '../support/api';
import { useSeededTable } from '../support/table';

// Seeding every capability's demo data takes a while on a busy machine.
jest.setTimeout(180_000);
useSeededTable();

const tokenOf = async (userId: string) => (await issueSession(demoMembers().find((member) => member.userId === userId)!)).token;
const newCourse = {
  title: '林区防火检查站工作规范',
  summary: '防火检查站入山登记、火源收缴和车辆检查的工作流程。',
  type: 'video',
  hours: 1.5,
  tags: ['森林防火'],
  targetCategories: ['ranger'],
  targetPosts: ['护林'],
  required: false,
};

describe('the course catalogue', () => {
  let member: string;
  let admin: string;
  beforeAll(async () => {
    [member, admin] = await Promise.all([tokenOf('demo-ranger'), tokenOf('demo-admin')]);
  });

  it('lists the seeded catalogue of at least 80 courses, required ones first, with the member own progress', async () => {
    const reply = await call(handler, 'GET', '/api/v1/courses', { token: member, query: { limit: '200' } });
    expect(reply.status).toBe(200);
    expect(reply.body.total).toBeGreaterThanOrEqual(80);
    expect(reply.body.items[0].course.required).toBe(true);
    const tags = new Set(reply.body.items.flatMap((item: { course: { tags: string[] } }) => item.course.tags));
    for (const tag of ['森林防火', '病虫害防治', '政策法规', '企业管理', '党史', '党章党规', '安全生产', '林下经济', '碳汇']) expect(tags).toContain(tag);
    const lookout = reply.body.items.find((item: { course: { courseId: string } }) => item.course.courseId === 'fire-lookout-practice');
    expect(lookout.progress).toMatchObject({ completed: true, progress: 100 });
  });

  it('filters by tag, type, required/elective and words', async () => {
    const byTag = await call(handler, 'GET', '/api/v1/courses', { token: member, query: { tag: '碳汇' } });
    expect(byTag.body.items.length).toBeGreaterThan(3);
    expect(byTag.body.items.every((item: { course: { tags: string[] } }) => item.course.tags.includes('碳汇'))).toBe(true);
    const required = await call(handler, 'GET', '/api/v1/courses', { token: member, query: { kind: 'required', type: 'video' } });
    expect(required.body.items.every((item: { course: { required: boolean; type: string; dueDate: string } }) => item.course.required && item.course.type === 'video' && item.course.dueDate)).toBe(true);
    const words = await call(handler, 'GET', '/api/v1/courses', { token: member, query: { q: '蓝莓' } });
    expect(words.body.items.map((item: { course: { title: string } }) => item.course.title)).toEqual(['蓝莓种植与采收技术']);
  });

  it('lets an admin create, edit and archive a course; archived courses leave the member list and refuse progress', async () => {
    const created = await call(handler, 'POST', '/api/v1/courses', { token: admin, body: newCourse });
    expect(created.status).toBe(201);
    const { courseId } = created.body.course;
    expect(created.body.course).toMatchObject({ ...newCourse, status: 'published' });

    const edited = await call(handler, 'PUT', `/api/v1/courses/${courseId}`, { token: admin, body: { ...newCourse, hours: 2, status: 'archived' } });
    expect(edited.status).toBe(200);
    expect(edited.body.course).toMatchObject({ hours: 2, status: 'archived', publishedAt: created.body.course.publishedAt });

    const list = await call(handler, 'GET', '/api/v1/courses', { token: member, query: { limit: '200' } });
    expect(list.body.items.some((item: { course: { courseId: string } }) => item.course.courseId === courseId)).toBe(false);
    const archived = await call(handler, 'GET', '/api/v1/courses', { token: admin, query: { status: 'archived' } });
    expect(archived.body.items.map((item: { course: { courseId: string } }) => item.course.courseId)).toContain(courseId);
    expect((await call(handler, 'GET', `/api/v1/courses/${courseId}`, { token: member })).body.error.code).toBe('COURSE_NOT_FOUND');
  });

  it('refuses catalogue changes from members and invalid courses with field messages in Chinese', async () => {
    expect((await call(handler, 'POST', '/api/v1/courses', { token: member, body: newCourse })).status).toBe(403);
    expect((await call(handler, 'GET', '/api/v1/courses', { token: member, query: { status: 'all' } })).status).toBe(403);
    const bad = await call(handler, 'POST', '/api/v1/courses', { token: admin, body: { ...newCourse, hours: 0.3, required: true, tags: [] } });
    expect(bad.status).toBe(400);
    const messages = bad.body.error.details.map((detail: { path: string; message: string }) => `${detail.path}:${detail.message}`).join('|');
    expect(messages).toContain('body.hours:学时应为 0.5 的倍数');
    expect(messages).toContain('body.tags:至少填写 1 个标签');
    const noDue = await call(handler, 'POST', '/api/v1/courses', { token: admin, body: { ...newCourse, required: true } });
    expect(noDue.body.error.details).toEqual([{ path: 'body.dueDate', message: '必修课需要填写截止日期' }]);
    expect((await call(handler, 'PUT', '/api/v1/courses/no-such-course', { token: admin, body: newCourse })).body.error.code).toBe('COURSE_NOT_FOUND');
  });

  it('imports a CSV with Chinese headings and labels, and imports it again without duplicates', async () => {
    const csv = [
      '课程编号,课程名称,简介,类型,学时,标签,适用类别,适用岗位,必修,截止日期,状态',
      'csv-fire-roads,防火通道维护,防火通道和隔离带的维护标准,线下培训,2,森林防火；安全生产,护林员、生产一线,护林,选修,,上架',
      'csv-policy-2026,年度林业政策汇编,本年度新出台的林业政策汇编,图文课,1,政策法规,机关,,必修,2026-11-30,上架',
    ].join('\n');
    const first = await call(handler, 'POST', '/api/v1/courses/import', { token: admin, rawBody: csv, headers: { 'content-type': 'text/csv' } });
    expect(first.body).toEqual({ imported: 2, created: 2, updated: 0 });
    const again = await call(handler, 'POST', '/api/v1/courses/import', { token: admin, rawBody: csv, headers: { 'content-type': 'text/csv' } });
    expect(again.body).toEqual({ imported: 2, created: 0, updated: 2 });
    const course = await call(handler, 'GET', '/api/v1/courses/csv-fire-roads', { token: member });
    expect(course.body.course).toMatchObject({ type: 'offline', tags: ['森林防火', '安全生产'], targetCategories: ['ranger', 'production'], targetPosts: ['护林'], required: false });
  });

  it('imports course content (chapters and quiz) from the CSV, keeps it when a later sheet has no content, and names a bad chapter', async () => {
    const cell = (value: unknown) => `"${JSON.stringify(value).replace(/"/g, '""')}"`;
    const chapters = [
      { chapterId: 'intro', title: '隔离带的作用', kind: 'text', body: '## 为什么开隔离带\n阻断林火蔓延。', readMinutes: 6 },
      { chapterId: 'film', title: '开设示范', kind: 'video', url: 'https://media.example.cn/firebreak.mp4', durationSeconds: 420 },
      { chapterId: 'spec', title: '技术规程', kind: 'pdf', url: 'https://media.example.cn/firebreak.pdf', readMinutes: 10 },
    ];
    const quiz = [{ question: '隔离带的主要作用是？', options: ['阻断林火蔓延', '运输木材'], answer: 0 }];
    const header = '课程编号,课程名称,类型,学时,标签,必修,章节,测验';
    const withContent = [header, `csv-firebreak,防火隔离带开设,视频课,1,森林防火,选修,${cell(chapters)},${cell(quiz)}`].join('\n');
    expect((await call(handler, 'POST', '/api/v1/courses/import', { token: admin, rawBody: withContent, headers: { 'content-type': 'text/csv' } })).body).toMatchObject({ created: 1 });
    const seen = (await call(handler, 'GET', '/api/v1/courses/csv-firebreak', { token: member })).body.course;
    expect(seen.chapters).toEqual(chapters);
    expect(seen.quiz).toEqual([{ question: '隔离带的主要作用是？', options: ['阻断林火蔓延', '运输木材'] }]);

    const listingOnly = [header, 'csv-firebreak,防火隔离带开设与维护,视频课,1,森林防火,选修,,'].join('\n');
    expect((await call(handler, 'POST', '/api/v1/courses/import', { token: admin, rawBody: listingOnly, headers: { 'content-type': 'text/csv' } })).body).toMatchObject({ updated: 1 });
    const kept = (await call(handler, 'GET', '/api/v1/courses/csv-firebreak', { token: admin })).body.course;
    expect(kept).toMatchObject({ title: '防火隔离带开设与维护', chapters, quiz });

    const noDuration = [header, `csv-bad-content,缺时长的视频课,视频课,1,森林防火,选修,${cell([chapters[0], { ...chapters[1], durationSeconds: undefined }])},`].join('\n');
    const refused = await call(handler, 'POST', '/api/v1/courses/import', { token: admin, rawBody: noDuration, headers: { 'content-type': 'text/csv' } });
    expect(refused.status).toBe(400);
    expect(refused.body.error.details).toEqual([{ row: 2, message: '第 2 行：章节第 2 节：音视频章节需要时长（秒）' }]);
    const notJson = [header, 'csv-bad-json,内容不是数组,图文课,1,森林防火,选修,第一节,'].join('\n');
    expect((await call(handler, 'POST', '/api/v1/courses/import', { token: admin, rawBody: notJson, headers: { 'content-type': 'text/csv' } })).body.error.details[0].message).toMatch(/章节一栏应为 JSON 数组/);
  });

  it('refuses a CSV with bad rows as a whole, naming each row and field', async () => {
    const csv = [
      'courseId,title,type,hours,tags,required,dueDate',
      'ok-course,正常的课程,video,1,党史,选修,',
      'Bad Id,缺截止日期的必修课,video,1,党史,必修,',
      'ok-course,重复编号,录像,abc,,也许,',
    ].join('\n');
    const reply = await call(handler, 'POST', '/api/v1/courses/import', { token: admin, rawBody: csv, headers: { 'content-type': 'text/csv' } });
    expect(reply.status).toBe(400);
    expect(reply.body.error.code).toBe('COURSE_CSV_INVALID');
    const [second, third] = reply.body.error.details;
    expect(second.row).toBe(3);
    expect(second.message).toMatch(/课程编号应为.*截止日期：必修课需要填写截止日期/);
    expect(third.row).toBe(4);
    expect(third.message).toMatch(/与第 2 行重复.*必修一栏应填/);
    expect((await call(handler, 'GET', '/api/v1/courses/ok-course', { token: admin })).status).toBe(404);
  });
});
