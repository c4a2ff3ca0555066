import { randomUUID } from 'node:crypto';
import { useSeededTable } from '../support/table';
import { BRANCH, HOUR, meetingBody, orgLife, planAs, useFakeWecom } from './org-life-fixtures';

useSeededTable();
const wecom = useFakeWecom();

const DAY = 24 * HOUR;
const inDays = (days: number, hours = 2) => ({ startAt: new Date(Date.now() + days * DAY).toISOString(), endAt: new Date(Date.now() + days * DAY + hours * HOUR).toISOString() });
const noticesSince = (count: number) => wecom.current().delivered.slice(count);
const sent = () => wecom.current().delivered.length;

/** The current quarter in Asia/Shanghai, as the committee's view names it. */
function shanghaiQuarter(now = new Date()): string {
  const [year, month] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit' }).format(now).split('-');
  return `${year}-Q${Math.ceil(Number(month) / 3)}`;
}

async function lectureRow() {
  const view = await orgLife('demo-secretary', 'GET', '/overview');
  return view.body.rows.find((row: { type: string; period: string }) => row.type === 'lecture' && row.period === shanghaiQuarter());
}

describe('editing a planned meeting', () => {
  it('changes topic, time and place, tells the attendees once per change, and moves who attends', async () => {
    const id = await planAs('demo-secretary', { type: 'committee', audience: 'committee', topic: '研究冬季防火', ...inDays(2) });
    const before = sent();
    const later = inDays(3, 1);
    const edited = await orgLife('demo-secretary', 'PATCH', `/meetings/${id}`, { body: { topic: '研究冬季防火巡护排班', place: '场部二楼会议室', ...later } });
    expect(edited.status).toBe(200);
    expect(edited.body.meeting).toMatchObject({ topic: '研究冬季防火巡护排班', place: '场部二楼会议室', startAt: later.startAt, endAt: later.endAt, status: 'planned' });
    expect((await orgLife('demo-secretary', 'GET', `/meetings/${id}`)).body.meeting.topic).toBe('研究冬季防火巡护排班');
    const changed = noticesSince(before);
    expect(changed).toEqual([expect.objectContaining({ title: '会议变更通知' })]);
    expect(changed[0]!.contentItems).toContainEqual({ key: '地点', value: '场部二楼会议室' });

    // The same change again tells nobody anything new.
    await orgLife('demo-secretary', 'PATCH', `/meetings/${id}`, { body: { topic: '研究冬季防火巡护排班' } });
    expect(sent()).toBe(before + 1);

    // The whole branch is asked, then only the committee again: the others hear they need not come.
    const all = await orgLife('demo-secretary', 'PATCH', `/meetings/${id}`, { body: { audience: 'all' } });
    expect(all.body.meeting.attendeeCount).toBe(14);
    expect((await orgLife('m0020', 'GET', `/meetings/${id}`)).status).toBe(200);
    const beforeNarrowing = sent();
    const committee = await orgLife('demo-secretary', 'PATCH', `/meetings/${id}`, { body: { audience: 'committee' } });
    expect(committee.body.meeting.attendeeCount).toBeLessThan(14);
    const dropped = noticesSince(beforeNarrowing).find((notice) => notice.title === '会议参会人员调整');
    expect(dropped?.toUsers).toContain('m0020');
    expect((await orgLife('m0020', 'GET', `/meetings/${id}`)).status).toBe(404);
  });

  it('refuses members, other branches and bad input, and changes nothing then', async () => {
    const id = await planAs('demo-secretary', { topic: '党课：森林防火条例', ...inDays(4) });
    const member = await orgLife('m0013', 'PATCH', `/meetings/${id}`, { body: { topic: '改个题目' } });
    expect(member.status).toBe(403);
    const other = await orgLife('demo-secretary-cuigang', 'PATCH', `/meetings/${id}`, { body: { topic: '改个题目' } });
    expect(other.status).toBe(403);
    expect(other.body.error.code).toBe('MEETING_NOT_MANAGED');
    expect((await orgLife('demo-secretary', 'PATCH', '/meetings/0000000000000000', { body: { topic: '改个题目' } })).status).toBe(404);

    const empty = await orgLife('demo-secretary', 'PATCH', `/meetings/${id}`, { body: {} });
    expect(empty.status).toBe(400);
    expect(empty.body.error.message).toBe('请填写要修改的内容');
    const backwards = await orgLife('demo-secretary', 'PATCH', `/meetings/${id}`, { body: { topic: '新题目', endAt: new Date(Date.now() + DAY).toISOString() } });
    expect(backwards.status).toBe(400);
    expect(backwards.body.error.message).toBe('结束时间应晚于开始时间');
    const noGroup = await orgLife('demo-secretary', 'PATCH', `/meetings/${id}`, { body: { audience: 'group' } });
    expect(noGroup.status).toBe(400);
    const unknown = await orgLife('demo-secretary', 'PATCH', `/meetings/${id}`, { body: { photoRequired: true } });
    expect(unknown.status).toBe(400);
    expect((await orgLife('demo-secretary', 'GET', `/meetings/${id}`)).body.meeting).toMatchObject({ topic: '党课：森林防火条例', attendeeCount: 14 });
    expect((await orgLife('demo-admin', 'PATCH', `/meetings/${id}`, { body: { place: '林业局党校' } })).body.meeting.place).toBe('林业局党校');
  });
});

describe('a held meeting is history', () => {
  it('cannot be cancelled or moved once its minutes are recorded', async () => {
    const id = await planAs('demo-secretary', { topic: '支部党员大会：发展党员表决', type: 'branch-assembly' });
    expect((await orgLife('demo-secretary', 'PUT', `/meetings/${id}/record`, { body: { minutes: '会议表决通过。', resolutions: [] } })).status).toBe(200);

    const moved = await orgLife('demo-secretary', 'PATCH', `/meetings/${id}`, { body: inDays(1) });
    expect(moved.status).toBe(409);
    expect(moved.body.error).toMatchObject({ code: 'MEETING_HELD', message: '会议已召开，不能修改时间' });
    const retitled = await orgLife('demo-secretary', 'PATCH', `/meetings/${id}`, { body: { topic: '改写历史' } });
    expect(retitled.status).toBe(409);
    expect(retitled.body.error.message).toBe('会议已召开并记录，不能取消或修改');
    const cancelled = await orgLife('demo-secretary', 'POST', `/meetings/${id}/cancel`, { body: { reason: '记错了' } });
    expect(cancelled.status).toBe(409);
    expect(cancelled.body.error.code).toBe('MEETING_HELD');
    expect((await orgLife('demo-secretary', 'GET', `/meetings/${id}`)).body.meeting).toMatchObject({ status: 'held', topic: '支部党员大会：发展党员表决' });
  });
});

describe('cancelling a meeting', () => {
  it('tells the attendees why, refuses check-ins, and counts as not held in the committee view', async () => {
    const rowBefore = await lectureRow();
    const planning = sent();
    const id = await planAs('demo-secretary', { type: 'lecture', topic: '党课：林区安全生产' });
    // 党课 is the shortest type name: its notice still fits WeCom's description limits.
    expect(noticesSince(planning)).toEqual([expect.objectContaining({ title: '组织生活通知', description: '党课安排' })]);
    expect((await lectureRow()).planned).toBe(rowBefore.planned + 1);

    expect((await orgLife('m0013', 'POST', `/meetings/${id}/cancel`, { body: { reason: '有事' } })).status).toBe(403);
    expect((await orgLife('demo-secretary-cuigang', 'POST', `/meetings/${id}/cancel`, { body: { reason: '有事' } })).status).toBe(403);
    const short = await orgLife('demo-secretary', 'POST', `/meetings/${id}/cancel`, { body: { reason: ' ' } });
    expect(short.status).toBe(400);
    expect(JSON.stringify(short.body.error)).toContain('请填写取消原因');
    expect((await orgLife('demo-secretary', 'GET', `/meetings/${id}`)).body.meeting.status).toBe('planned');

    const before = sent();
    const cancelled = await orgLife('demo-secretary', 'POST', `/meetings/${id}/cancel`, { body: { reason: '森林防火紧急任务，改期召开' } });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.meeting).toMatchObject({ status: 'cancelled', cancelReason: '森林防火紧急任务，改期召开' });
    const notices = noticesSince(before);
    expect(notices).toEqual([expect.objectContaining({ title: '会议取消通知' })]);
    expect(notices[0]!.toUsers).toContain('m0013');
    expect(notices[0]!.contentItems).toContainEqual({ key: '原因', value: '森林防火紧急任务，改期召开' });

    const again = await orgLife('demo-secretary', 'POST', `/meetings/${id}/cancel`, { body: { reason: '再取消一次' } });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('MEETING_CANCELLED');
    expect((await orgLife('demo-secretary', 'PATCH', `/meetings/${id}`, { body: { topic: '复活' } })).body.error.code).toBe('MEETING_CANCELLED');
    const checkIn = await orgLife('m0013', 'POST', `/meetings/${id}/check-ins`, { body: { token: '123456', clientRequestId: `ck-${randomUUID()}` } });
    expect(checkIn.status).toBe(409);
    expect(checkIn.body.error.code).toBe('MEETING_CANCELLED');

    const rowAfter = await lectureRow();
    expect(rowAfter).toMatchObject({ planned: rowBefore.planned, held: rowBefore.held, due: rowBefore.due });
    const upcoming = await orgLife('m0013', 'GET', '/meetings', { query: { scope: 'upcoming' } });
    expect(upcoming.body.items.find((item: { meeting: { id: string } }) => item.meeting.id === id).meeting).toMatchObject({ status: 'cancelled', cancelReason: '森林防火紧急任务，改期召开' });
    expect((await orgLife('demo-secretary', 'GET', '/meetings', { query: { scope: 'branch', branchId: BRANCH } })).body.items.some((item: { meeting: { id: string } }) => item.meeting.id === id)).toBe(true);
  });

  it('sends the same planned meeting body twice without planning it twice after a cancel', async () => {
    const body = meetingBody({ topic: '组织生活会：对照检查', type: 'life-meeting', ...inDays(5) });
    const first = await orgLife('demo-secretary', 'POST', '/meetings', { body });
    await orgLife('demo-secretary', 'POST', `/meetings/${first.body.meeting.id}/cancel`, { body: { reason: '上级统一安排改期' } });
    const repeated = await orgLife('demo-secretary', 'POST', '/meetings', { body });
    expect(repeated.status).toBe(200);
    expect(repeated.body.meeting).toMatchObject({ id: first.body.meeting.id, status: 'cancelled' });
  });
});

describe('closing the 民主评议', () => {
  const year = '2024';
  const subjects = ['demo-ranger', 'demo-secretary', ...Array.from({ length: 12 }, (_, i) => `m${String(13 + i).padStart(4, '0')}`)];
  const ballotOf = (voter: string) => ({ grades: subjects.filter((s) => s !== voter).map((userId) => ({ userId, grade: 'qualified' })) });

  it('takes no ballot after the secretary closes it, and keeps the results', async () => {
    expect((await orgLife('demo-secretary', 'POST', `/appraisals/${year}/close`, { body: {} })).status).toBe(404);
    expect((await orgLife('demo-secretary', 'POST', `/appraisals/${year}`, { body: {} })).status).toBe(201);
    expect((await orgLife('m0013', 'POST', `/appraisals/${year}/ballots`, { body: ballotOf('m0013') })).status).toBe(201);

    expect((await orgLife('m0013', 'POST', `/appraisals/${year}/close`, { body: {} })).status).toBe(403);
    expect((await orgLife('demo-secretary-cuigang', 'POST', `/appraisals/${year}/close`, { body: { branchId: BRANCH } })).status).toBe(403);
    expect((await orgLife('demo-secretary', 'POST', '/appraisals/24/close', { body: {} })).status).toBe(400);
    expect((await orgLife('demo-secretary', 'POST', `/appraisals/${year}/close`, { body: { note: 'x' } })).status).toBe(400);
    expect((await orgLife('m0015', 'GET', `/appraisals/${year}`)).body.status).toBe('open');

    const closed = await orgLife('demo-secretary', 'POST', `/appraisals/${year}/close`, { body: {} });
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ status: 'closed', ballots: 1 });
    const late = await orgLife('m0015', 'POST', `/appraisals/${year}/ballots`, { body: ballotOf('m0015') });
    expect(late.status).toBe(409);
    expect(late.body.error).toMatchObject({ code: 'APPRAISAL_CLOSED', message: '本年度民主评议已经结束' });
    expect((await orgLife('demo-secretary', 'POST', `/appraisals/${year}/close`, { body: {} })).body.error.code).toBe('APPRAISAL_CLOSED');

    const results = await orgLife('demo-secretary', 'GET', `/appraisals/${year}/results`);
    expect(results.body.ballots).toBe(1);
    expect(results.body.branch.qualified).toBe(13);
    expect((await orgLife('m0015', 'GET', `/appraisals/${year}`)).body).toMatchObject({ status: 'closed', iHaveVoted: false });
  });
});
