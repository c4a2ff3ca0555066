import { handler as feedback } from '../../functions/feedback/handler';
import { seedFeedbackActivity } from '../../functions/feedback/demo-activity';
import { handler as signup } from '../../functions/signup/handler';
import { shanghaiDay } from '../../shared/runtime/feedback-signals';
import { issueSession } from '../../shared/runtime/session';
import { DEMO_ACCOUNTS, demoMembers } from '../../scripts/local/demo-data';
import { call } from '../support/api';
import { useSeededTable } from '../support/table';

useSeededTable();

const tokenOf = async (userId: string) => (await issueSession(DEMO_ACCOUNTS.find((account) => account.userId === userId)!)).token;
const DAY = 86_400_000;

describe('demo data that looks like a branch’s life', () => {
  it('registers the demo ranger for some activities and leaves others to join', async () => {
    const reply = await call(signup, 'GET', '/api/v1/activities', { token: await tokenOf('demo-ranger'), query: { scope: 'upcoming' } });
    expect(reply.status).toBe(200);
    const items = reply.body.items as Array<{ activity: { title: string }; myStatus?: string }>;
    const registered = items.filter((item) => item.myStatus === 'confirmed' || item.myStatus === 'waitlisted');
    const open = items.filter((item) => item.myStatus === undefined);
    expect(registered.length).toBeGreaterThan(0);
    expect(open.map((item) => item.activity.title)).toContain('义务植树：更新造林地块补植');
    expect(registered.map((item) => item.activity.title)).toContain('专题学习：森林防火条例与野外用火管理');
  });

  it('gives the secretary an attendance report with a party day already held: who came and who was absent', async () => {
    const now = Date.now();
    const query = { from: shanghaiDay(new Date(now - 90 * DAY)), to: shanghaiDay(new Date(now)) };
    const reply = await call(signup, 'GET', '/api/v1/activities/reports/attendance', { token: await tokenOf('demo-secretary'), query });
    expect(reply.status).toBe(200);
    const held = (reply.body.activities as Array<{ title: string; registered: number; checkedIn: number; absent: number }>).find((row) => row.title === '主题党日：防火期动员与岗位承诺');
    expect(held).toMatchObject({ registered: 9, checkedIn: 7, absent: 2 });
    expect(reply.body.totals.checkedIn).toBeGreaterThanOrEqual(7);
  });

  it('fills the feedback screens: members opening features over the fortnight, ratings with comments', async () => {
    const seeded = await seedFeedbackActivity(demoMembers());
    expect(seeded.ratings).toBeGreaterThan(10);
    const admin = await tokenOf('demo-admin');
    const courses = await call(feedback, 'GET', '/api/v1/feedback/dashboard/courses', { token: admin, query: { days: '14' } });
    expect(courses.status).toBe(200);
    const days = courses.body.days as Array<{ opens: number }>;
    expect(days.filter((day) => day.opens > 0).length).toBeGreaterThanOrEqual(5);
    expect(courses.body.totals.ratings).toBeGreaterThanOrEqual(3);
    expect(courses.body.comments.map((comment: { text: string }) => comment.text)).toContain('课程短小，巡护间隙就能学完一节。');
    const overview = await call(feedback, 'GET', '/api/v1/feedback/overview', { token: admin, query: { days: '14' } });
    const rated = (overview.body.features as Array<{ feature: string; totals: { ratings: number } }>).filter((row) => row.totals.ratings > 0);
    expect(rated.map((row) => row.feature)).toEqual(expect.arrayContaining(['courses', 'signup', 'dues', 'suggestions']));
  }, 180_000);
});
