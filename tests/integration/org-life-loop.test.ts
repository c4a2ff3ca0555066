import { anonymousLookup, as, newOwnerSecret, submit } from '../support/suggestions';
import { remindPeriods } from '../../functions/org-life/overview';
import { useSeededTable } from '../support/table';
import { orgLife, planAs, useFakeWecom } from './org-life-fixtures';

useSeededTable();
const wecom = useFakeWecom();

/** Records a meeting whose one resolution answers the suggestion and gives m0013 its follow-up task. */
async function resolve(meetingId: string, suggestionId: string, text: string) {
  const recorded = await orgLife('demo-secretary', 'PUT', `/meetings/${meetingId}/record`, {
    body: { minutes: '支委会研究了党员提出的意见。', resolutions: [{ text, suggestionId, task: { title: '落实意见', ownerId: 'm0013', dueDate: '2026-12-31' } }] },
  });
  expect(recorded.status).toBe(200);
  return recorded.body.tasks.find((task: { suggestionId?: string }) => task.suggestionId === suggestionId).id as string;
}

describe('closing the loop with the suggestion box', () => {
  it('answers an anonymous suggestion when its task is done, telling the branch without naming the author', async () => {
    const secret = newOwnerSecret();
    const submitted = await submit('m0015', { title: '巡护车辆', content: '冬季巡护车辆防滑链不够用，建议补充。', category: 'work', anonymous: true, ownerSecret: secret });
    const suggestionId = submitted.body.suggestion.id as string;
    const meetingId = await planAs('demo-secretary', { topic: '研究党员意见建议' });

    expect((await orgLife('m0013', 'POST', `/meetings/${meetingId}/agenda`, { body: { suggestionId } })).status).toBe(403);
    const agenda = await orgLife('demo-secretary', 'POST', `/meetings/${meetingId}/agenda`, { body: { suggestionId } });
    expect(agenda.status).toBe(200);
    expect(agenda.body.agenda).toEqual([expect.objectContaining({ suggestionId, title: '巡护车辆' })]);
    // The agenda shows what was raised, never by whom.
    expect(JSON.stringify(agenda.body.agenda)).not.toMatch(/m0015|杨海燕/);
    await orgLife('demo-secretary', 'POST', `/meetings/${meetingId}/agenda`, { body: { suggestionId } });
    expect((await orgLife('demo-secretary', 'GET', `/meetings/${meetingId}`)).body.agenda).toHaveLength(1);

    const taskId = await resolve(meetingId, suggestionId, '为每辆巡护车配齐两副防滑链');
    const before = wecom.current().delivered.length;
    const done = await orgLife('m0013', 'POST', `/meetings/${meetingId}/tasks/${taskId}/done`, { body: { note: '已采购 12 副防滑链并配发' } });
    expect(done.body).toMatchObject({ suggestionReplied: true, task: { status: 'done' } });

    const mine = await anonymousLookup('m0015', [secret]);
    const reply = mine.body.items[0].suggestion.reply.text as string;
    expect(reply).toContain('为每辆巡护车配齐两副防滑链');
    expect(reply).toContain('已采购 12 副防滑链并配发');
    const notices = wecom.current().delivered.slice(before);
    expect(notices).toEqual([expect.objectContaining({ title: '匿名意见已答复' })]);
    expect(notices[0]!.toUsers.length).toBeGreaterThan(10);
    expect(JSON.stringify(notices)).not.toContain(suggestionId);
  });

  it('sends a named author their personal reply, and refuses suggestions of another branch or already answered', async () => {
    const named = await submit('m0014', { title: '学习资料', content: '希望把学习资料印成大字版。', category: 'work' });
    const suggestionId = named.body.suggestion.id as string;
    const meetingId = await planAs('demo-secretary', { topic: '研究学习资料' });
    await orgLife('demo-secretary', 'POST', `/meetings/${meetingId}/agenda`, { body: { suggestionId } });

    const elsewhere = await submit('m0001', { title: '机关文件', content: '希望精简文件。', category: 'work' });
    const refused = await orgLife('demo-secretary', 'POST', `/meetings/${meetingId}/agenda`, { body: { suggestionId: elsewhere.body.suggestion.id } });
    expect(refused.status).toBe(403);
    expect((await orgLife('demo-secretary', 'POST', `/meetings/${meetingId}/agenda`, { body: { suggestionId: '00000000-0000-0000-0000-000000000000' } })).status).toBe(404);

    const taskId = await resolve(meetingId, suggestionId, '学习资料印制大字版');
    const before = wecom.current().delivered.length;
    const done = await orgLife('demo-secretary', 'POST', `/meetings/${meetingId}/tasks/${taskId}/done`, { body: { note: '大字版已发到各党小组' } });
    expect(done.body.suggestionReplied).toBe(true);
    expect(wecom.current().delivered.slice(before)).toEqual([expect.objectContaining({ title: '您的意见已答复', toUsers: ['m0014'] })]);
    const seen = await as('m0014', 'GET', `/api/v1/suggestions/mine`);
    expect(seen.body.items.find((s: { id: string }) => s.id === suggestionId).reply.text).toContain('大字版已发到各党小组');

    // Answered: it cannot be put on another agenda.
    const later = await planAs('demo-secretary', { topic: '再议' });
    expect((await orgLife('demo-secretary', 'POST', `/meetings/${later}/agenda`, { body: { suggestionId } })).body.error.code).toBe('SUGGESTION_NOT_REPLIABLE');
  });
});

describe('a resolution that is itself the answer', () => {
  it('answers the suggestion when the minutes are recorded, if no follow-up task is needed', async () => {
    const named = await submit('demo-ranger', { title: '会议时间', content: '希望支部会议避开防火巡护高峰时段。', category: 'work' });
    const suggestionId = named.body.suggestion.id as string;
    const meetingId = await planAs('demo-secretary', { type: 'committee', topic: '研究会议时间安排' });
    await orgLife('demo-secretary', 'POST', `/meetings/${meetingId}/agenda`, { body: { suggestionId } });
    const recorded = await orgLife('demo-secretary', 'PUT', `/meetings/${meetingId}/record`, {
      body: { minutes: '支委会研究了会议时间。', resolutions: [{ text: '支部会议改在每月第二周周三下午', suggestionId }] },
    });
    expect(recorded.body.tasks).toEqual([]);
    const seen = await as('demo-ranger', 'GET', `/api/v1/suggestions/mine`);
    const mine = seen.body.items.find((s: { id: string }) => s.id === suggestionId);
    expect(mine.status).toBe('replied');
    expect(mine.reply.text).toContain('支部会议改在每月第二周周三下午');
  });
});

describe('民主评议党员', () => {
  const year = '2025';
  const subjects = ['demo-ranger', 'demo-secretary', ...Array.from({ length: 12 }, (_, i) => `m${String(13 + i).padStart(4, '0')}`)];
  const ballotOf = (voter: string, grade: (subject: string) => string) => ({ grades: subjects.filter((s) => s !== voter).map((userId) => ({ userId, grade: grade(userId) })) });

  it('takes one anonymous ballot per member and shows results to the committee and to each member their own only', async () => {
    expect((await orgLife('m0013', 'POST', `/appraisals/${year}`, { body: {} })).status).toBe(403);
    expect((await orgLife('demo-secretary', 'POST', `/appraisals/${year}`, { body: {} })).status).toBe(201);
    expect((await orgLife('demo-secretary', 'POST', `/appraisals/${year}`, { body: {} })).body.error.code).toBe('APPRAISAL_EXISTS');
    const form = await orgLife('m0013', 'GET', `/appraisals/${year}`);
    expect(form.body).toMatchObject({ status: 'open', iHaveVoted: false, voters: 14 });

    const partial = await orgLife('m0013', 'POST', `/appraisals/${year}/ballots`, { body: { grades: [{ userId: 'm0014', grade: 'excellent' }] } });
    expect(partial.status).toBe(400);
    expect(partial.body.error.message).toBe('还有 12 名党员没有评议');
    const self = await orgLife('m0013', 'POST', `/appraisals/${year}/ballots`, { body: { grades: [...ballotOf('m0013', () => 'qualified').grades, { userId: 'm0013', grade: 'excellent' }] } });
    expect(self.status).toBe(400);
    expect((await orgLife('m0013', 'GET', `/appraisals/${year}/results`)).body.ballots).toBe(0);

    const grade = (subject: string) => (subject === 'm0014' ? 'excellent' : 'qualified');
    expect((await orgLife('m0013', 'POST', `/appraisals/${year}/ballots`, { body: ballotOf('m0013', grade) })).status).toBe(201);
    const twice = await orgLife('m0013', 'POST', `/appraisals/${year}/ballots`, { body: ballotOf('m0013', () => 'unqualified') });
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe('APPRAISAL_ALREADY_VOTED');
    expect((await orgLife('m0015', 'POST', `/appraisals/${year}/ballots`, { body: ballotOf('m0015', grade) })).status).toBe(201);
    expect((await orgLife('m0013', 'GET', `/appraisals/${year}`)).body.iHaveVoted).toBe(true);

    const own = await orgLife('m0014', 'GET', `/appraisals/${year}/results`);
    expect(own.body.members).toEqual([{ userId: 'm0014', name: expect.any(String), tally: { excellent: 2, qualified: 0, basic: 0, unqualified: 0 } }]);
    expect(own.body.branch).toEqual({ excellent: 2, qualified: 24, basic: 0, unqualified: 0 });
    expect(own.body.ballots).toBe(2);
    expect((await orgLife('m0014', 'GET', `/appraisals/${year}/results`, { query: { branchId: 'songling-office' } })).status).toBe(403);

    const committee = await orgLife('demo-secretary', 'GET', `/appraisals/${year}/results`);
    expect(committee.body.members).toHaveLength(14);
    // Lines by name, never by result: the best-graded member is not put first.
    const names = committee.body.members.map((m: { name: string }) => m.name);
    expect(names).toEqual([...names].sort((a: string, b: string) => a.localeCompare(b, 'zh')));
    expect(committee.body.members.find((m: { userId: string }) => m.userId === 'm0013').tally.qualified).toBe(1);
    // No item stores a ballot: nothing in the results says who voted for what.
    expect(JSON.stringify(committee.body)).not.toContain('voter');

    expect((await orgLife('m0001', 'GET', `/appraisals/${year}`)).status).toBe(404);
  });
});

describe('the demo year of organisation life', () => {
  it("fills the committee's view with meetings held, gaps and open tasks, and gives members meetings to come", async () => {
    const view = await orgLife('demo-secretary', 'GET', '/overview');
    expect(view.body.totals.held).toBeGreaterThan(20);
    expect(view.body.totals.held).toBeLessThan(view.body.totals.due);
    expect(view.body.rows.some((row: { held: number; due: number }) => row.held < row.due)).toBe(true);
    expect(view.body.openTasks.length).toBeGreaterThan(0);
    const upcoming = await orgLife('demo-ranger', 'GET', '/meetings', { query: { scope: 'upcoming' } });
    expect(upcoming.body.items.length).toBeGreaterThan(0);
    const past = await orgLife('demo-ranger', 'GET', '/meetings', { query: { scope: 'past' } });
    const attended = past.body.items.find((item: { myStatus?: string }) => item.myStatus === 'present');
    const detail = await orgLife('demo-ranger', 'GET', `/meetings/${attended.meeting.id}`);
    expect(detail.body.minutes).toContain('主持会议');
  });
});

describe('reminders before a period ends short', () => {
  it("tells the branch's secretary once which meetings of the month and quarter are still to be held", async () => {
    // Three days before the end of Q1 2030 Beijing time: nothing of 2030 is held anywhere.
    const at = new Date('2030-03-28T02:00:00Z');
    const before = wecom.current().delivered.length;
    await remindPeriods(at);
    const reminders = wecom.current().delivered.slice(before).filter((n) => n.title === '组织生活提醒');
    // Each branch's reminder goes to its own secretary: 壮志林场's to demo-secretary, 翠岗林场's to its secretary.
    expect(reminders.every((n) => n.toUsers.length === 1 && ['demo-secretary', 'demo-secretary-cuigang'].includes(n.toUsers[0]!))).toBe(true);
    const mine = reminders.filter((n) => n.toUsers[0] === 'demo-secretary');
    const about = (type: string, period: string) => mine.filter((n) => n.contentItems.some((i) => i.value === type) && n.contentItems.some((i) => i.value === period));
    expect(about('支部党员大会', '2030-Q1')).toEqual([expect.objectContaining({ toUsers: ['demo-secretary'], description: '本期会议尚未召开' })]);
    expect(about('支部委员会', '2030-03')).toHaveLength(1);
    expect(about('支部委员会', '2030-02')).toHaveLength(0); // a month already over is for the committee's view, not a reminder
    const again = wecom.current().delivered.length;
    await remindPeriods(at);
    expect(wecom.current().delivered.length).toBe(again);
  });
});
