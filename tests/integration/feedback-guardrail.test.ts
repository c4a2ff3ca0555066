import type { Context } from 'aws-lambda';
import { handler } from '../../functions/feedback/handler';
import { metricRows } from '../../functions/feedback/usage-store';
import type { Member } from '../../shared/api/identity-model';
import { signupApi } from '../../shared/api/signup';
import { resetConfigForTests } from '../../shared/runtime/config';
import { shanghaiDay } from '../../shared/runtime/feedback-signals';
import { httpApi, route } from '../../shared/runtime/http';
import { flushServerErrors } from '../../shared/runtime/http/server-errors';
import { issueSession } from '../../shared/runtime/session';
import { DEMO_ACCOUNTS } from '../../scripts/local/demo-data';
import { call } from '../support/api';
import { startFakeWecom, type FakeWecom } from '../support/fake-wecom';
import { useSeededTable } from '../support/table';

useSeededTable();

let wecom: FakeWecom;
let admin: string;
beforeAll(async () => {
  wecom = await startFakeWecom('ww-local-corp', 'local-wecom-secret');
  process.env.WECOM_BASE_URL = wecom.baseUrl;
  resetConfigForTests();
  admin = (await issueSession(DEMO_ACCOUNTS.find((a) => a.userId === 'demo-admin')!)).token;
});
afterAll(async () => {
  delete process.env.WECOM_BASE_URL;
  await wecom.close();
});

type Action = 'opened' | 'action' | 'error';
const event = (id: string, feature: string, action: Action) => ({ id, feature, action, at: new Date().toISOString() });
const events = (prefix: string, feature: string, action: Action, count: number) => Array.from({ length: count }, (_, i) => event(`${prefix}-${String(i).padStart(4, '0')}`, feature, action));
const send = (token: string, batch: unknown[]) => call(handler, 'POST', '/api/v1/events', { token, body: { events: batch } });
const scheduledRun = () => handler({ job: 'evaluate-rules' }, {} as Context) as Promise<{ paused: string[]; proposed: number }>;
const toggleOf = async (feature: string) => (await call(handler, 'GET', '/api/v1/feedback/toggles', { token: admin })).body.toggles.find((t: { feature: string }) => t.feature === feature);
const openProposals = async (feature: string) =>
  (await call(handler, 'GET', '/api/v1/feedback/proposals', { token: admin })).body.items.filter((p: { feature: string }) => p.feature === feature);

async function member(userId: string): Promise<string> {
  const who: Member = { userId, name: '模拟党员', branchId: 'songling-zhuangzhi', category: 'ranger', postTags: [], roles: ['member'], updatedAt: new Date().toISOString() };
  return (await issueSession(who)).token;
}

describe('guardrails weigh members, not requests', () => {
  it('refuses a member’s flood of events with 429 after the hourly allowance, and one member pauses nothing', async () => {
    const token = await member('flooder');
    // What the sweep sent, twice over: 50 opened + 50 errors per batch, on the two features it reproduced.
    const batch = (n: number) => [
      ...events(`f${n}-push-open`, 'courses.push', 'opened', 25),
      ...events(`f${n}-push-err`, 'courses.push', 'error', 25),
      ...events(`f${n}-qr-open`, 'signup.qr-checkin', 'opened', 25),
      ...events(`f${n}-qr-err`, 'signup.qr-checkin', 'error', 25),
    ];
    expect((await send(token, batch(1))).body).toEqual({ counted: 100, duplicate: false, ignored: 0 });
    expect((await send(token, batch(2))).body).toEqual({ counted: 100, duplicate: false, ignored: 0 });
    const over = await send(token, batch(3));
    expect(over.status).toBe(429);
    expect(over.body.error).toEqual({ code: 'RATE_LIMITED', message: '上报的使用记录过多：每人每小时最多 200 条，请稍后再试' });
    // A re-sent batch that was counted is still recognised (not refused as a flood).
    expect((await send(token, batch(2))).body).toMatchObject({ counted: 0, duplicate: true });

    // The refused batch wrote nothing; the member counts once however many events they sent.
    const day = shanghaiDay(new Date());
    const rows = await metricRows('courses.push', 'day-category', day, day);
    expect(rows.find((row) => row.category === 'ranger')?.counters).toMatchObject({ 'usage.opened': 50, 'usage.error': 50, 'members.opened': 1, 'members.error': 1 });

    const run = await scheduledRun();
    expect(run.paused).toEqual([]);
    for (const feature of ['courses.push', 'signup.qr-checkin']) {
      expect(await toggleOf(feature)).toMatchObject({ killSwitch: false, enabled: true });
      expect(await openProposals(feature)).toEqual([]);
    }
  }, 120_000);

  it('pauses when many members meet errors the server saw too, and shows the admin why with the figures', async () => {
    const FEATURE = 'signup.qr-checkin';
    const tokens = await Promise.all(Array.from({ length: 24 }, (_, i) => member(`checkin-${i}`)));
    // A release of the check-in whose dependency fails: the real HTTP stack and the real contract endpoint.
    const brokenCheckin = httpApi([
      route(signupApi.checkIn, async () => {
        throw new Error('check-in dependency unavailable');
      }),
    ]);

    // 1. Members open 扫码签到 and report errors, but the server saw none: too few members to act on alone.
    // (The flooder of the test above is one more member who opened it and reported errors: 25 in all.)
    for (const [i, token] of tokens.entries()) {
      expect((await send(token, [event(`m${i}-open-1`, FEATURE, 'opened'), event(`m${i}-error-1`, FEATURE, 'error')])).status).toBe(200);
    }
    const reportsOnly = await scheduledRun();
    expect(reportsOnly.paused).toEqual([]);
    expect((await toggleOf(FEATURE)).killSwitch).toBe(false);
    const [proposal] = await openProposals(FEATURE);
    expect(proposal).toMatchObject({ summary: '暂停「扫码签到」（紧急关闭）', evidence: { members: 25, errorMembers: 25, serverErrors: 0, basis: 'unconfirmed' } });
    expect(proposal.evidence.reason).toContain('未自动暂停，请管理员判断');

    // 2. Each of them scans the code and the server fails.
    for (const token of tokens) {
      const failed = await call(brokenCheckin, 'POST', '/api/v1/activities/act-2026-demo/check-ins', { token, body: { token: '123456' } });
      expect(failed.status).toBe(500);
    }
    // What this copy's next request after FLUSH_EVERY_MS does (the first failure was written at once).
    await flushServerErrors({ force: true });

    // 3. The guardrail pauses, and the admin reads why.
    const run = await scheduledRun();
    expect(run.paused).toEqual([FEATURE]);
    expect(await toggleOf(FEATURE)).toMatchObject({ killSwitch: true, killReason: '规则「错误率过高自动暂停」自动暂停' });
    const audit = await call(handler, 'GET', '/api/v1/feedback/audit', { token: admin, query: { feature: FEATURE } });
    const entry = audit.body.items[0];
    expect(entry).toMatchObject({ actor: { kind: 'rule', ruleName: '错误率过高自动暂停' }, after: { killSwitch: true } });
    expect(entry.evidence).toMatchObject({ metric: 'error-rate', value: 100, sample: 25, minSample: 20, members: 25, errorMembers: 25, serverErrors: 24, basis: 'server-errors' });
    expect(entry.evidence.reason).toBe('近 1 小时有 25 名党员打开「扫码签到」，其中 25 名遇到错误（100%，阈值 > 5%，至少 20 名党员）；服务器同时记录到 24 次错误，已自动暂停。');
    expect(wecom.messages.some((m) => JSON.stringify(m).includes('功能自动暂停'))).toBe(true);
  }, 180_000);
});
