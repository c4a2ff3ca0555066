import { randomUUID } from 'node:crypto';
import { meetingRotation } from '../../functions/org-life/settings';
import { meetingBundle } from '../../functions/org-life/store';
import { signupRotation } from '../../functions/signup/settings';
import { issueCheckinToken } from '../../shared/runtime/checkin/token';
import { config } from '../../shared/runtime/config';
import { pdfPages } from '../support/pdf-text';
import { useSeededTable } from '../support/table';
import { BRANCH, HOUR, meetingBody, orgLife, planAs, runJob, useFakeWecom } from './org-life-fixtures';

useSeededTable();
const wecom = useFakeWecom();

describe('rhythm, committee and the year plan', () => {
  it('starts from the regulations with the demo committee, and keeps what the secretary sets', async () => {
    const initial = await orgLife('demo-secretary', 'GET', '/settings');
    expect(initial.status).toBe(200);
    expect(initial.body).toMatchObject({ branchId: BRANCH, rhythm: { 'branch-assembly': { period: 'quarter', times: 1 }, 'party-day': { day: 15 } } });
    expect(initial.body.committeeIds).toContain('demo-secretary');

    const body = {
      rhythm: { ...initial.body.rhythm, lecture: { period: 'quarter', times: 2 } },
      committeeIds: ['demo-secretary', 'm0013', 'm0014'],
      groups: [{ id: 'g1', name: '第一党小组', memberIds: ['m0015', 'm0016', 'demo-ranger'] }],
    };
    const saved = await orgLife('demo-secretary', 'PUT', '/settings', { body });
    expect(saved.status).toBe(200);
    expect((await orgLife('demo-secretary', 'GET', '/settings')).body).toMatchObject(body);
    const plan = await orgLife('demo-secretary', 'GET', '/plans/2026');
    expect(plan.body.edited).toBe(false);
    expect(plan.body.entries.filter((e: { type: string }) => e.type === 'lecture')).toHaveLength(8);
  });

  it('refuses members, other branches and strangers in the committee, and stores nothing then', async () => {
    expect((await orgLife('demo-ranger', 'GET', '/settings')).status).toBe(403);
    const other = await orgLife('demo-secretary', 'GET', '/settings', { query: { branchId: 'xinlin-office' } });
    expect(other.status).toBe(403);
    expect(other.body.error.code).toBe('MEETING_NOT_MANAGED');
    const before = (await orgLife('demo-secretary', 'GET', '/settings')).body;
    const stranger = await orgLife('demo-secretary', 'PUT', '/settings', { body: { rhythm: before.rhythm, committeeIds: ['demo-secretary', 'm0001'], groups: [] } });
    expect(stranger.status).toBe(400);
    expect(stranger.body.error.message).toContain('不是本支部党员');
    expect((await orgLife('demo-secretary', 'GET', '/settings')).body.committeeIds).toEqual(before.committeeIds);
    expect((await orgLife('demo-admin', 'GET', '/settings', { query: { branchId: BRANCH } })).status).toBe(200);
  });

  it('keeps an edited plan and refuses a day outside its period', async () => {
    const wrong = await orgLife('demo-secretary', 'PUT', '/plans/2026', { body: { entries: [{ type: 'branch-assembly', period: '2026-Q2', plannedDay: '2026-07-02' }] } });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.message).toBe('计划日期应在 2026-Q2 内');
    const entries = [
      { type: 'party-day', period: '2026-05', plannedDay: '2026-05-20', topic: '学习防火条例' },
      { type: 'branch-assembly', period: '2026-Q2', plannedDay: '2026-06-30' },
    ];
    expect((await orgLife('demo-secretary', 'PUT', '/plans/2026', { body: { entries } })).status).toBe(200);
    const plan = await orgLife('demo-secretary', 'GET', '/plans/2026');
    expect(plan.body).toMatchObject({ edited: true, entries: [entries[0], entries[1]] });
    expect((await orgLife('demo-ranger', 'PUT', '/plans/2026', { body: { entries } })).status).toBe(403);
  });
});

describe("a meeting's life", () => {
  it('notifies the attendees once, however often the secretary repeats the request', async () => {
    const body = meetingBody({ type: 'committee', audience: 'committee', topic: '研究护林员冬季补贴发放' });
    const first = await orgLife('demo-secretary', 'POST', '/meetings', { body });
    expect(first.status).toBe(201);
    expect(first.body.meeting).toMatchObject({ type: 'committee', attendeeCount: 3, status: 'planned', branchName: '壮志林场党支部' });
    const again = await orgLife('demo-secretary', 'POST', '/meetings', { body });
    expect(again.status).toBe(200);
    expect(again.body.meeting.id).toBe(first.body.meeting.id);
    const notices = wecom.current().delivered.filter((n) => n.contentItems.some((item) => item.value === '研究护林员冬季补贴发放'));
    expect(notices).toHaveLength(1);
    expect(notices[0]!.toUsers.sort()).toEqual(['m0013', 'm0014']);
    expect(notices[0]).toMatchObject({ title: '组织生活通知', description: '支部委员会安排' });
    expect(wecom.current().violations).toEqual([]);
    // Not on the committee: the meeting does not exist for them.
    expect((await orgLife('m0015', 'GET', `/meetings/${first.body.meeting.id}`)).status).toBe(404);
  });

  it('refuses members planning, a meeting ending before it starts and an unknown party group', async () => {
    expect((await orgLife('demo-ranger', 'POST', '/meetings', { body: meetingBody() })).status).toBe(403);
    const backwards = await orgLife('demo-secretary', 'POST', '/meetings', { body: meetingBody({ endAt: new Date(Date.now() - HOUR).toISOString() }) });
    expect(backwards.status).toBe(400);
    expect(backwards.body.error.message).toBe('结束时间应晚于开始时间');
    const group = await orgLife('demo-secretary', 'POST', '/meetings', { body: meetingBody({ audience: 'group', groupId: 'nope' }) });
    expect(group.status).toBe(400);
  });

  it('checks members in with the current code, refuses an old one and one from sign-up, and takes 请假 and 补学', async () => {
    const id = await planAs('demo-secretary', { type: 'branch-assembly', topic: '讨论林场年度护林计划' });
    expect((await orgLife('m0013', 'GET', `/meetings/${id}/checkin-token`)).status).toBe(403);
    const current = await orgLife('demo-secretary', 'GET', `/meetings/${id}/checkin-token`);
    expect(current.body.code).toMatch(/^\d{6}$/);

    const old = await issueCheckinToken(config().JWT_SECRET, id, new Date(Date.now() - 5 * 60_000), meetingRotation());
    const refused = await orgLife('m0013', 'POST', `/meetings/${id}/check-ins`, { body: { token: old.token, clientRequestId: `ck-${randomUUID()}` } });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('CHECKIN_TOKEN_EXPIRED');
    // Scanned ten minutes ago without network, sent now: counted as of the scan, with the code current then.
    const scannedAt = new Date(Date.now() - 10 * 60_000);
    const offline = await issueCheckinToken(config().JWT_SECRET, id, scannedAt, meetingRotation());
    const queued = await orgLife('m0024', 'POST', `/meetings/${id}/check-ins`, { body: { token: offline.code, scannedAt: scannedAt.toISOString(), clientRequestId: 'ck-offline-m0024' } });
    expect(queued.body).toEqual({ checkedInAt: expect.any(String), alreadyCheckedIn: false });
    const backdated = await orgLife('m0023', 'POST', `/meetings/${id}/check-ins`, { body: { token: current.body.token, scannedAt: new Date(Date.now() - 3 * 60_000).toISOString(), clientRequestId: 'ck-backdated' } });
    expect(backdated.body.error.code).toBe('CHECKIN_TOKEN_INVALID');
    const signupToken = await issueCheckinToken(config().JWT_SECRET, id, new Date(), signupRotation());
    expect((await orgLife('m0013', 'POST', `/meetings/${id}/check-ins`, { body: { token: signupToken.token, clientRequestId: `ck-${randomUUID()}` } })).body.error.code).toBe('CHECKIN_TOKEN_INVALID');

    for (const member of ['m0013', 'm0014', 'm0015', 'm0017', 'm0018', 'm0019']) {
      const checked = await orgLife(member, 'POST', `/meetings/${id}/check-ins`, { body: { token: current.body.token, clientRequestId: `ck-${randomUUID()}` } });
      expect(checked.status).toBe(200);
      expect(checked.body.alreadyCheckedIn).toBe(false);
    }
    expect((await orgLife('m0013', 'POST', `/meetings/${id}/check-ins`, { body: { token: current.body.code, clientRequestId: `ck-${randomUUID()}` } })).body.alreadyCheckedIn).toBe(true);
    expect((await orgLife('m0001', 'POST', `/meetings/${id}/check-ins`, { body: { token: current.body.token, clientRequestId: `ck-${randomUUID()}` } })).status).toBe(404);

    const leave = await orgLife('m0021', 'POST', `/meetings/${id}/leave`, { body: { reason: '在望火楼值守', clientRequestId: 'leave-m0021' } });
    expect(leave.body.attendance).toMatchObject({ status: 'leave', leaveReason: '在望火楼值守' });
    const afterCheckin = await orgLife('m0013', 'POST', `/meetings/${id}/leave`, { body: { reason: '临时有事', clientRequestId: 'leave-m0013' } });
    expect(afterCheckin.status).toBe(409);
    expect(afterCheckin.body.error.code).toBe('MEETING_LEAVE_CLOSED');

    expect((await orgLife('m0013', 'POST', `/meetings/${id}/makeup`, { body: { userId: 'm0021', note: '已自学会议精神' } })).status).toBe(403);
    expect((await orgLife('demo-secretary', 'POST', `/meetings/${id}/makeup`, { body: { userId: 'm0013', note: '已自学会议精神' } })).status).toBe(409);
    const makeup = await orgLife('demo-secretary', 'POST', `/meetings/${id}/makeup`, { body: { userId: 'm0021', note: '书记上门送学，已学习会议精神' } });
    expect(makeup.body.attendance).toMatchObject({ status: 'makeup', leaveReason: '在望火楼值守', makeupNote: '书记上门送学，已学习会议精神' });

    // The branch has 14 members, none probationary: a vote needs 8 present (six above and the one checked in offline).
    const detail = await orgLife('demo-secretary', 'GET', `/meetings/${id}`);
    expect(detail.body.quorum).toMatchObject({ entitled: 14, present: 7, met: false });
    expect(detail.body.quorum.rule).toContain('未超过半数');
    await orgLife('m0022', 'POST', `/meetings/${id}/check-ins`, { body: { token: current.body.token, clientRequestId: `ck-${randomUUID()}` } });
    expect((await orgLife('demo-secretary', 'GET', `/meetings/${id}`)).body.quorum).toMatchObject({ present: 8, met: true });
  });

  it('records minutes once, shows them to who attended or made up, and makes tasks that remind their owners', async () => {
    const id = await planAs('demo-secretary', { type: 'party-day', topic: '主题党日：清理林下可燃物' });
    const token = (await orgLife('demo-secretary', 'GET', `/meetings/${id}/checkin-token`)).body.token;
    await orgLife('m0013', 'POST', `/meetings/${id}/check-ins`, { body: { token, clientRequestId: `ck-${randomUUID()}` } });

    const notOnAgenda = await orgLife('demo-secretary', 'PUT', `/meetings/${id}/record`, {
      body: { minutes: '会议记录', resolutions: [{ text: '决议', suggestionId: 'a1b2c3d4-0000-0000-0000-000000000000' }] },
    });
    expect(notOnAgenda.status).toBe(400);
    const stranger = await orgLife('demo-secretary', 'PUT', `/meetings/${id}/record`, {
      body: { minutes: '会议记录', resolutions: [{ text: '决议', task: { title: '任务', ownerId: 'm0001', dueDate: '2026-12-30' } }] },
    });
    expect(stranger.body.error.message).toBe('任务负责人应为本支部党员');
    const bundle = await meetingBundle(id);
    expect([bundle!.meeting.status, bundle!.tasks.length]).toEqual(['planned', 0]);

    const tomorrow = new Date(Date.now() + 8 * HOUR + 24 * HOUR).toISOString().slice(0, 10);
    const recorded = await orgLife('demo-secretary', 'PUT', `/meetings/${id}/record`, {
      body: {
        minutes: '张书记传达森林防火条例，党员分三组清理 12 林班林下可燃物。',
        resolutions: [{ text: '每月第二周清理一次防火隔离带', task: { title: '组织清理防火隔离带', ownerId: 'm0013', dueDate: tomorrow } }],
      },
    });
    expect(recorded.status).toBe(200);
    expect(recorded.body.meeting.status).toBe('held');
    expect(recorded.body.tasks).toEqual([expect.objectContaining({ ownerId: 'm0013', status: 'open', overdue: false })]);
    expect((await orgLife('demo-secretary', 'PUT', `/meetings/${id}/record`, { body: { minutes: '再记一次', resolutions: [] } })).body.error.code).toBe('MEETING_ALREADY_RECORDED');

    expect((await orgLife('m0013', 'GET', `/meetings/${id}`)).body.minutes).toContain('林下可燃物');
    const absent = await orgLife('m0014', 'GET', `/meetings/${id}`);
    expect(absent.body.myAttendance.status).toBe('absent');
    expect(absent.body.minutes).toBeUndefined();
    expect(absent.body.attendance).toBeUndefined();

    const before = wecom.current().delivered.length;
    await runJob('remindOrgLife');
    const ofThisTask = () => wecom.current().delivered.slice(before).filter((n) => n.contentItems.some((item) => item.value === '组织清理防火隔离带'));
    expect(ofThisTask()).toEqual([expect.objectContaining({ title: '会议任务即将到期', toUsers: ['m0013'] })]);
    await runJob('remindOrgLife');
    expect(ofThisTask()).toHaveLength(1);

    const mine = await orgLife('m0013', 'GET', '/tasks', { query: { mine: 'true' } });
    const taskId = mine.body.items.find((t: { meetingId: string }) => t.meetingId === id).id;
    expect((await orgLife('m0014', 'POST', `/meetings/${id}/tasks/${taskId}/done`, { body: { note: '已完成' } })).status).toBe(404);
    const done = await orgLife('m0013', 'POST', `/meetings/${id}/tasks/${taskId}/done`, { body: { note: '已清理 3 公里隔离带' } });
    expect(done.body).toMatchObject({ task: { status: 'done', doneNote: '已清理 3 公里隔离带' }, suggestionReplied: false });
    expect((await orgLife('m0013', 'POST', `/meetings/${id}/tasks/${taskId}/done`, { body: { note: '再办结' } })).body.error.code).toBe('TASK_ALREADY_DONE');
  });

  it('prints the 会议记录 as a PDF with the Chinese text, attendance, absences with reasons and resolutions', async () => {
    const id = await planAs('demo-secretary', { type: 'lecture', topic: '党课：学习支部工作条例' });
    const token = (await orgLife('demo-secretary', 'GET', `/meetings/${id}/checkin-token`)).body.token;
    await orgLife('m0013', 'POST', `/meetings/${id}/check-ins`, { body: { token, clientRequestId: `ck-${randomUUID()}` } });
    await orgLife('m0016', 'POST', `/meetings/${id}/leave`, { body: { reason: '外出务工（流动党员）', clientRequestId: 'leave-pdf' } });
    await orgLife('demo-secretary', 'PUT', `/meetings/${id}/record`, { body: { minutes: '张书记讲授支部工作条例第三章。', resolutions: [{ text: '下季度党课由党小组长讲授' }] } });
    expect((await orgLife('m0013', 'GET', `/meetings/${id}/record/pdf`)).status).toBe(403);
    const reply = await orgLife('demo-secretary', 'GET', `/meetings/${id}/record/pdf`);
    expect(reply.status).toBe(200);
    const pdf = Buffer.from(reply.body.base64, 'base64');
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = (await pdfPages(pdf)).join('\n');
    for (const expected of ['壮志林场党支部党课会议记录', '党课：学习支部工作条例', '外出务工（流动党员）', '张书记讲授支部工作条例第三章', '下季度党课由党小组长讲授', '请假']) {
      expect(text.replace(/\s+/g, '')).toContain(expected.replace(/\s+/g, ''));
    }
  });
});

describe("the committee's view", () => {
  it('counts due against held for the year, lists open tasks, and exports the year as CSV', async () => {
    const year = String(new Date(Date.now() + 8 * HOUR).getUTCFullYear());
    const view = await orgLife('demo-secretary', 'GET', '/overview', { query: { year } });
    expect(view.status).toBe(200);
    expect(view.body.rows.length).toBeGreaterThan(0);
    expect(view.body.rows.every((row: { due: number; held: number }) => row.due >= 1 && row.held >= 0)).toBe(true);
    expect(view.body.totals.held).toBeGreaterThanOrEqual(2);
    expect((await orgLife('demo-ranger', 'GET', '/overview')).status).toBe(403);
    expect((await orgLife('demo-secretary', 'GET', '/overview', { query: { branchId: 'xinlin-office' } })).status).toBe(403);
    const csv = await orgLife('demo-secretary', 'GET', '/overview/export', { query: { year } });
    expect(csv.body.filename).toContain('壮志林场党支部');
    expect(csv.body.csv).toContain('日期,类型,议题,状态,应到,出席,请假,缺席已补学,缺席');
    expect(csv.body.csv).toContain('党课：学习支部工作条例');
  });
});
