import { httpHandler as handler } from '../../functions/course-push/handler';
import { demoMembers } from '../../scripts/local/demo-data';
import type { Recommendation } from '../../shared/api/courses';
import { issueSession } from '../../shared/runtime/session';
import { call } from '../support/api';
import { studyAndComplete } from '../support/course-study';
import { useSeededTable } from '../support/table';

// Seeding every capability's demo data takes a while on a busy machine.
jest.setTimeout(180_000);
useSeededTable();

const tokenOf = async (userId: string) => (await issueSession(demoMembers().find((member) => member.userId === userId)!)).token;
const recommended = async (token: string, limit = 10): Promise<Recommendation[]> =>
  (await call(handler, 'GET', '/api/v1/courses/recommended', { token, query: { limit: String(limit) } })).body.items;
const ids = (items: Recommendation[]) => items.map((item) => item.course.courseId);

describe('为你推荐', () => {
  it('gives a ranger and an office member different lists, each course with a short Chinese reason', async () => {
    const [ranger, office] = await Promise.all([recommended(await tokenOf('demo-ranger')), recommended(await tokenOf('demo-office'))]);
    expect(ranger).toHaveLength(10);
    expect(office).toHaveLength(10);
    for (const item of [...ranger, ...office]) {
      expect(item.reasons.length).toBeGreaterThan(0);
      for (const reason of item.reasons) expect(reason).toMatch(/^[\u4e00-\u9fff《》“”…，%0-9A-Za-z：·、]{4,24}$/);
    }
    const rangerTags = ranger.slice(0, 5).flatMap((item) => item.course.tags);
    const officeTags = office.slice(0, 5).flatMap((item) => item.course.tags);
    expect(rangerTags).toContain('森林防火');
    expect(officeTags).not.toContain('森林防火');
    expect(officeTags.some((tag) => ['政策法规', '企业管理'].includes(tag))).toBe(true);
    expect(ids(ranger.slice(0, 5))).not.toEqual(ids(office.slice(0, 5)));
    expect(ranger.flatMap((item) => item.reasons)).toEqual(expect.arrayContaining([expect.stringMatching(/^适合.*岗位$/), expect.stringMatching(/^与您学过的《.+》相关$/)]));
  });

  it('puts required courses not yet done first, by due date, and never lists finished ones', async () => {
    const items = await recommended(await tokenOf('demo-ranger'), 20);
    const required = items.filter((item) => item.kind === 'required');
    expect(required.length).toBeGreaterThan(1);
    expect(items.slice(0, required.length).every((item) => item.kind === 'required')).toBe(true);
    const dues = required.map((item) => item.course.dueDate!);
    expect([...dues].sort()).toEqual(dues);
    expect(required[0]!.reasons[0]).toMatch(/^必修课，(\d+月\d+日前完成|已过截止日期)$/);
    expect(ids(items)).not.toContain('fire-lookout-practice');
    expect(ids(items)).not.toContain('rules-constitution');
    const continuing = items.find((item) => item.course.courseId === 'fire-season-rules');
    expect(continuing?.progress).toBe(40);
  });

  it('keeps one tag from filling the list', async () => {
    const items = await recommended(await tokenOf('demo-ranger'), 10);
    const electives = items.filter((item) => item.kind !== 'required');
    const mainTags = electives.map((item) => item.course.tags[0]);
    for (const tag of new Set(mainTags)) expect(mainTags.filter((t) => t === tag).length).toBeLessThanOrEqual(3);
  });

  it('drops a course from the list once the member completes it', async () => {
    const token = await tokenOf('demo-office');
    const [first] = await recommended(token, 5);
    const done = await studyAndComplete(first!.course.courseId, (body) => call(handler, 'POST', '/api/v1/learning/progress', { token, body }));
    expect(done.body.completedNow).toBe(true);
    expect(ids(await recommended(token, 20))).not.toContain(first!.course.courseId);
  });

  it('recommends to a member without any history from post and category alone (cold start)', async () => {
    const retiree = await recommended(await tokenOf('demo-retiree'), 5);
    expect(retiree).toHaveLength(5);
    expect(retiree.flatMap((item) => item.reasons).some((reason) => reason === '适合离退休党员' || reason === '适合老党员岗位')).toBe(true);
  });

  it('refuses a limit out of range', async () => {
    const reply = await call(handler, 'GET', '/api/v1/courses/recommended', { token: await tokenOf('demo-ranger'), query: { limit: '500' } });
    expect(reply.status).toBe(400);
    expect(reply.body.error.details[0].path).toBe('query.limit');
  });
});
