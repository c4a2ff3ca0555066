import { parse } from 'csv-parse/sync';
import { checkIn } from '../../functions/signup/checkin';
import { issueCheckinToken } from '../../shared/runtime/checkin/token';
import { register } from '../../functions/signup/registration';
import { signupRotation } from '../../functions/signup/settings';
import { config } from '../../shared/runtime/config';
import type { Caller } from '../../shared/runtime/session';
import { useSeededTable } from '../support/table';
import { BRANCH, HOUR, activityBody, api, createActivityAs, demo, member, registerAs, storeActivity, tokenOf } from './signup-fixtures';

useSeededTable();

let secretary: string;
let admin: string;
let otherSecretary: string;
let ranger: string;

beforeAll(async () => {
  secretary = await tokenOf(demo('demo-secretary'));
  admin = await tokenOf(demo('demo-admin'));
  otherSecretary = await tokenOf(member('sec-xinlin', { branchId: 'xinlin-office', roles: ['member', 'secretary'] }));
  ranger = await tokenOf(demo('demo-ranger'));
});

describe('creating activities', () => {
  it('creates once per request: the same clientRequestId again answers the same activity', async () => {
    const body = activityBody({ title: '主题党日：重温入党誓词', type: 'party-day' });
    const first = await api('POST', '/activities', { token: secretary, body });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      canManage: true,
      eligible: true,
      signupState: 'open',
      activity: { title: '主题党日：重温入党誓词', branchIds: [BRANCH], organiser: { userId: 'demo-secretary', name: '张书记' }, seatsLeft: 2 },
    });
    const again = await api('POST', '/activities', { token: secretary, body });
    expect(again.status).toBe(200);
    expect(again.body.activity.id).toBe(first.body.activity.id);
  });

  it('refuses ordinary members, and secretaries organising for another branch', async () => {
    expect((await api('POST', '/activities', { token: ranger, body: activityBody() })).body.error.code).toBe('FORBIDDEN');
    const foreign = await api('POST', '/activities', { token: secretary, body: activityBody({ branchIds: ['xinlin-office'] }) });
    expect(foreign.status).toBe(403);
    expect(foreign.body.error).toEqual({ code: 'ACTIVITY_NOT_MANAGED', message: '支部书记只能为本支部组织活动' });
  });

  it('lets an admin open an activity to several branches, or to everyone, but not to a branch that does not exist', async () => {
    const several = await api('POST', '/activities', { token: admin, body: activityBody({ branchIds: ['xinlin-office', BRANCH] }) });
    expect(several.status).toBe(201);
    const everyone = await api('POST', '/activities', { token: admin, body: activityBody({ branchIds: [], title: '集团党委专题学习' }) });
    const retireeView = await api('GET', '/activities', { token: await tokenOf(demo('demo-retiree')) });
    const ids = retireeView.body.items.map((item: { activity: { id: string } }) => item.activity.id);
    expect(ids).toContain(everyone.body.activity.id);
    expect(ids).not.toContain(several.body.activity.id);
    const unknown = await api('POST', '/activities', { token: admin, body: activityBody({ branchIds: ['no-such-branch'] }) });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details[0].message).toBe('支部 no-such-branch 不存在');
  });

  it('puts the organiser\'s text through the moderation filter before any member sees it', async () => {
    const reply = await api('POST', '/activities', { token: secretary, body: activityBody({ description: '活动结束后有人出售冰毒' }) });
    expect(reply.status).toBe(422);
    expect(reply.body.error.code).toBe('CONTENT_BLOCKED');
    expect(reply.body.error.message).not.toMatch(/冰毒/);
    const id = await createActivityAs(secretary);
    expect((await api('PATCH', `/activities/${id}`, { token: secretary, body: { place: '出售冰毒的地方' } })).status).toBe(422);
    expect((await api('GET', `/activities/${id}`, { token: ranger })).body.activity.place).toBe('林场 12 林班');
  });

  it('explains every problem with the times in Chinese', async () => {
    const now = Date.now();
    const iso = (ms: number) => new Date(ms).toISOString();
    const reply = await api('POST', '/activities', {
      token: secretary,
      body: activityBody({ startAt: iso(now + 10 * HOUR), endAt: iso(now + 9 * HOUR), signupDeadline: iso(now + 11 * HOUR) }),
    });
    expect(reply.status).toBe(400);
    expect(reply.body.error.details.map((d: { message: string }) => d.message)).toEqual(['结束时间应晚于开始时间', '报名截止时间不能晚于活动开始时间']);
    const past = await api('POST', '/activities', { token: secretary, body: activityBody({ signupDeadline: iso(now - HOUR), signupOpensAt: iso(now - 2 * HOUR) }) });
    expect(past.body.error.details).toEqual([{ path: 'body.signupDeadline', message: '报名截止时间已经过去' }]);
    const badFields = await api('POST', '/activities', { token: secretary, body: { ...activityBody(), capacity: 0, title: '', extra: 1 } });
    expect(badFields.status).toBe(400);
    expect(badFields.body.error.details.map((d: { path: string }) => d.path)).toEqual(expect.arrayContaining(['body.capacity', 'body.title']));
  });
});

describe('editing and cancelling activities', () => {
  it('refuses a member or another branch editing someone else\'s activity, and changes nothing', async () => {
    const id = await createActivityAs(secretary, { title: '原来的名称' });
    const byMember = await api('PATCH', `/activities/${id}`, { token: ranger, body: { title: '被人改了' } });
    expect(byMember.status).toBe(403);
    const byOther = await api('PATCH', `/activities/${id}`, { token: otherSecretary, body: { title: '被人改了' } });
    expect(byOther.status).toBe(403);
    expect(byOther.body.error).toEqual({ code: 'ACTIVITY_NOT_MANAGED', message: '您只能管理本支部组织的活动' });
    expect((await api('POST', `/activities/${id}/cancel`, { token: otherSecretary, body: { reason: '不想办了' } })).status).toBe(403);
    const unchanged = await api('GET', `/activities/${id}`, { token: ranger });
    expect(unchanged.body.activity).toMatchObject({ title: '原来的名称', status: 'open' });
    expect(unchanged.body.canManage).toBe(false);
  });

  it('refuses a capacity below the members already confirmed, with the numbers', async () => {
    const id = await createActivityAs(secretary, { capacity: 3, waitlistSize: 2 });
    await registerAs(await tokenOf(member('cap-1')), id);
    await registerAs(await tokenOf(member('cap-2')), id);
    const reply = await api('PATCH', `/activities/${id}`, { token: secretary, body: { capacity: 1 } });
    expect(reply.status).toBe(409);
    expect(reply.body.error).toEqual({ code: 'ACTIVITY_CAPACITY_BELOW_CONFIRMED', message: '已有 2 人报名成功，名额不能少于 2 人' });
    const ok = await api('PATCH', `/activities/${id}`, { token: secretary, body: { capacity: 2, title: '义务植树（改期）' } });
    expect(ok.status).toBe(200);
    expect(ok.body.activity).toMatchObject({ capacity: 2, confirmedCount: 2, seatsLeft: 0, title: '义务植树（改期）' });
    await registerAs(await tokenOf(member('cap-3')), id);
    const waitlist = await api('PATCH', `/activities/${id}`, { token: secretary, body: { waitlistSize: 0 } });
    expect(waitlist.body.error).toEqual({ code: 'ACTIVITY_WAITLIST_BELOW_CURRENT', message: '已有 1 人在候补，候补名额不能少于 1 人' });
  });

  it('moves the activity in the lists when its start changes, and tells registrants', async () => {
    const id = await createActivityAs(secretary, { capacity: 5 });
    await registerAs(await tokenOf(member('move-1')), id);
    const later = new Date(Date.now() + 96 * HOUR).toISOString();
    const reply = await api('PATCH', `/activities/${id}`, { token: secretary, body: { startAt: later, endAt: new Date(Date.now() + 98 * HOUR).toISOString() } });
    expect(reply.status).toBe(200);
    expect(reply.body.activity.startAt).toBe(later);
    const list = await api('GET', '/activities', { token: await tokenOf(member('move-2')) });
    const listed = list.body.items.find((item: { activity: { id: string } }) => item.activity.id === id);
    expect(listed.activity.startAt).toBe(later);
    const { getOutboxRecord } = await import('../../shared/runtime/outbound');
    const notice = await getOutboxRecord(`signup-changed#${id}#${reply.body.activity.updatedAt}`);
    expect(notice?.notice).toMatchObject({ toUsers: ['move-1'], title: '活动安排有变' });
  });

  it('lists what a secretary organised, and everything for an admin', async () => {
    const id = await createActivityAs(secretary);
    const mine = await api('GET', '/activities/organised', { token: secretary });
    expect(mine.body.items.map((item: { activity: { id: string } }) => item.activity.id)).toContain(id);
    expect(mine.body.items.every((item: { activity: { organiser: { branchId: string } } }) => item.activity.organiser.branchId === BRANCH)).toBe(true);
    const other = await api('GET', '/activities/organised', { token: otherSecretary });
    expect(other.body.items.map((item: { activity: { id: string } }) => item.activity.id)).not.toContain(id);
    const all = await api('GET', '/activities/organised', { token: admin });
    expect(all.body.items.map((item: { activity: { id: string } }) => item.activity.id)).toContain(id);
    expect((await api('GET', '/activities/organised', { token: ranger })).status).toBe(403);
  });
});

describe('attendance', () => {
  const caller = (userId: string, name: string, branchId = BRANCH): Caller => ({ userId, name, branchId, category: 'ranger', roles: ['member'] });

  /** An activity held yesterday: registrations and a check-in made at the times they happened. */
  async function heldYesterday(): Promise<string> {
    const start = Date.now() - 26 * HOUR;
    const id = await storeActivity({ signupOpensAt: start - 72 * HOUR, signupDeadline: start - 24 * HOUR, startAt: start, endAt: start + 3 * HOUR }, { title: '=森林防火扑救应急演练', branchIds: [BRANCH, 'xinlin-office'] });
    const before = new Date(start - 48 * HOUR);
    await register(id, caller('att-wang', '王长林'), 'att-request-1', before);
    await register(id, caller('att-li', '李秀兰'), 'att-request-2', before);
    await register(id, caller('att-zhao', '=HYPERLINK("x")', 'xinlin-office'), 'att-request-3', before);
    const during = new Date(start + HOUR);
    const { token } = await issueCheckinToken(config().JWT_SECRET, id, during, signupRotation());
    await checkIn(caller('att-wang', '王长林'), id, token, during);
    return id;
  }

  it('counts registered, checked in and absent per activity, listing people by name and never ranking them', async () => {
    const id = await heldYesterday();
    const reply = await api('GET', `/activities/${id}/attendance`, { token: secretary });
    expect(reply.status).toBe(200);
    expect(reply.body.summary).toEqual({ registered: 3, checkedIn: 1, absent: 2, waitlisted: 0, ended: true });
    expect(reply.body.members.map((m: { userId: string }) => m.userId)).toEqual(['att-zhao', 'att-li', 'att-wang']);
    expect(reply.body.members.find((m: { userId: string }) => m.userId === 'att-wang').checkInMethod).toBe('qr');
    expect((await api('GET', `/activities/${id}/attendance`, { token: ranger })).status).toBe(403);
  });

  it('exports the activity attendance as CSV that spreadsheets open safely', async () => {
    const id = await heldYesterday();
    const reply = await api('GET', `/activities/${id}/attendance/export`, { token: secretary });
    expect(reply.status).toBe(200);
    expect(reply.body.filename).toBe('=森林防火扑救应急演练-出勤.csv');
    expect(reply.body.csv.startsWith('\uFEFF')).toBe(true);
    const rows = parse(reply.body.csv.slice(1), { relax_column_count: true }) as string[][];
    expect(rows[0]).toEqual(['姓名', '所在支部', '报名状态', '候补位次', '签到时间', '签到方式', '出勤']);
    const wang = rows.find((row) => row[0] === '王长林')!;
    expect(wang.slice(1, 3)).toEqual(['壮志林场党支部', '报名成功']);
    expect(wang.slice(5)).toEqual(['扫码', '出勤']);
    expect(rows.find((row) => row[0] === '李秀兰')![6]).toBe('缺勤');
    expect(rows.some((row) => row[0] === `'=HYPERLINK("x")`)).toBe(true);
    expect(rows.find((row) => row[0] === `'=HYPERLINK("x")`)![1]).toBe('新林林业局机关党支部');
  });

  it('sums a branch over a period, counting only its own members, and exports it', async () => {
    const id = await heldYesterday();
    const day = (offset: number) => new Date(Date.now() + 8 * HOUR + offset * 24 * HOUR).toISOString().slice(0, 10);
    const reply = await api('GET', '/activities/reports/attendance', { token: secretary, query: { from: day(-3), to: day(0) } });
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ branchId: BRANCH, branchName: '壮志林场党支部' });
    const row = reply.body.activities.find((a: { id: string }) => a.id === id);
    expect(row).toMatchObject({ registered: 2, checkedIn: 1, absent: 1, type: 'drill' });
    expect(reply.body.totals.activities).toBe(reply.body.activities.length);
    expect(JSON.stringify(reply.body)).not.toContain('att-wang');

    const office = await api('GET', '/activities/reports/attendance', { token: admin, query: { branchId: 'xinlin-office', from: day(-3), to: day(0) } });
    expect(office.body.activities.find((a: { id: string }) => a.id === id)).toMatchObject({ registered: 1, checkedIn: 0, absent: 1 });

    const csv = await api('GET', '/activities/reports/attendance/export', { token: secretary, query: { from: day(-3), to: day(0) } });
    expect(csv.body.filename).toBe(`壮志林场党支部-活动出勤-${day(-3)}-${day(0)}.csv`);
    const rows = parse(csv.body.csv.slice(1)) as string[][];
    expect(rows[0]).toEqual(['活动', '类型', '开始时间', '状态', '本支部报名成功', '已签到', '缺勤']);
    expect(rows.at(-1)![0]).toBe('合计');
  });

  it('refuses another branch\'s report to a secretary, and a period that runs backwards', async () => {
    const foreign = await api('GET', '/activities/reports/attendance', { token: secretary, query: { branchId: 'xinlin-office', from: '2026-01-01', to: '2026-01-31' } });
    expect(foreign.status).toBe(403);
    const backwards = await api('GET', '/activities/reports/attendance', { token: secretary, query: { from: '2026-02-01', to: '2026-01-01' } });
    expect(backwards.status).toBe(400);
    expect(backwards.body.error.details[0].message).toBe('结束日期不能早于开始日期');
    const malformed = await api('GET', '/activities/reports/attendance', { token: secretary, query: { from: '1月1日', to: '2026-01-01' } });
    expect(malformed.body.error.details[0]).toEqual({ path: 'query.from', message: '日期格式应为 YYYY-MM-DD' });
  });
});
