import type { Context } from 'aws-lambda';
import { handler } from '../../functions/feedback/handler';
import type { Member } from '../../shared/api/identity-model';
import { DEFAULT_TOGGLE } from '../../shared/toggles/evaluate';
import { resetConfigForTests } from '../../shared/runtime/config';
import { issueSession } from '../../shared/runtime/session';
import { DEMO_ACCOUNTS } from '../../scripts/local/demo-data';
import { call } from '../support/api';
import { startFakeWecom, type FakeWecom } from '../support/fake-wecom';
import { useSeededTable } from '../support/table';

useSeededTable();

const FEATURE = 'signup.qr-checkin';
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

interface Simulated {
  member: Member;
  token: string;
}

/** Members the test plays: rangers of 壮志林场 and office staff of 新林机关 (sessions only; no profile needed). */
async function simulatedMembers(prefix: string, branchId: string, category: Member['category'], count: number): Promise<Simulated[]> {
  return Promise.all(
    Array.from({ length: count }, async (_, index) => {
      const member: Member = { userId: `${prefix}${index}`, name: `模拟${index}`, branchId, category, postTags: [], roles: ['member'], updatedAt: new Date().toISOString() };
      return { member, token: (await issueSession(member)).token };
    }),
  );
}

const qrCheckinOn = async (who: Simulated) => (await call(handler, 'GET', '/api/v1/toggles', { token: who.token })).body.features[FEATURE] as boolean;

async function inRollout(members: Simulated[]): Promise<Simulated[]> {
  const states = await Promise.all(members.map(qrCheckinOn));
  return members.filter((_, index) => states[index]);
}

async function use(who: Simulated, opens: number, errors: number, rating: number): Promise<void> {
  const at = new Date().toISOString();
  const events = [
    ...Array.from({ length: opens }, (_, i) => ({ id: `${who.member.userId}-open-${i}`, feature: FEATURE, action: 'opened', at })),
    ...Array.from({ length: errors }, (_, i) => ({ id: `${who.member.userId}-error-${i}`, feature: FEATURE, action: 'error', at })),
  ];
  expect((await call(handler, 'POST', '/api/v1/events', { token: who.token, body: { events } })).status).toBe(200);
  const rated = await call(handler, 'POST', '/api/v1/feedback/ratings', { token: who.token, body: { feature: FEATURE, rating, clientRequestId: `${who.member.userId}-rating` } });
  expect(rated.status).toBe(200);
}

const scheduledRun = () => handler({ job: 'evaluate-rules' }, {} as Context) as Promise<{ paused: string[]; proposed: number }>;
const qrToggle = async () => (await call(handler, 'GET', '/api/v1/feedback/toggles', { token: admin })).body.toggles.find((t: { feature: string }) => t.feature === FEATURE);

describe('the feedback loop, end to end', () => {
  it('pauses a 10% rollout that errors, proposes turning it off for the unhappy group, and applies the admin’s choice', async () => {
    // 1. The admin rolls 扫码签到 out to 10% of members.
    const rollout = await call(handler, 'PUT', `/api/v1/feedback/toggles/${FEATURE}`, { token: admin, body: { ...DEFAULT_TOGGLE, rolloutPercent: 10, expectedVersion: 0, note: '扫码签到先向一成党员试点' } });
    expect(rollout.status).toBe(200);

    const rangers = await inRollout(await simulatedMembers('sim-ranger-', 'songling-zhuangzhi', 'ranger', 400));
    const office = await inRollout(await simulatedMembers('sim-office-', 'xinlin-office', 'office', 200));
    expect(rangers.length).toBeGreaterThanOrEqual(25);
    expect(rangers.length).toBeLessThanOrEqual(60);
    expect(office.length).toBeGreaterThan(5);

    // 2. Rangers meet errors and rate it poorly; office staff are happy.
    for (const who of rangers) await use(who, 5, 2, who.member.userId.endsWith('1') ? 2 : 1);
    for (const who of office) await use(who, 5, 0, 5);

    // 3. The scheduled evaluation: the guardrail pauses it at once and tells the admins.
    const run = await scheduledRun();
    expect(run.paused).toEqual([FEATURE]);
    const paused = await qrToggle();
    expect(paused).toMatchObject({ killSwitch: true, rolloutPercent: 10, killReason: '规则「错误率过高自动暂停」自动暂停', updatedBy: { kind: 'rule', ruleName: '错误率过高自动暂停' } });
    expect(await qrCheckinOn(office[0]!)).toBe(false);
    const notice = wecom.messages.find((m) => JSON.stringify(m).includes('功能自动暂停'));
    expect(notice).toMatchObject({ touser: 'demo-admin', msgtype: 'miniprogram_notice' });

    const audit = await call(handler, 'GET', '/api/v1/feedback/audit', { token: admin, query: { feature: FEATURE } });
    const pauseEntry = audit.body.items[0];
    expect(pauseEntry).toMatchObject({ actor: { kind: 'rule' }, before: { killSwitch: false }, after: { killSwitch: true } });
    expect(pauseEntry.evidence).toMatchObject({ metric: 'error-rate', comparator: '>', threshold: 5, minSample: 20, window: { unit: 'hour', size: 1 } });
    // Members, not events: each member of the rollout counts once, however many times they opened it or met an error.
    const members = rangers.length + office.length;
    expect(pauseEntry.evidence).toMatchObject({ sample: members, members, errorMembers: rangers.length, serverErrors: 0 });
    expect(pauseEntry.evidence.value).toBeCloseTo((rangers.length / members) * 100, 1);
    // The server saw no errors here: the pause rests on the many rangers (at least 30) who reported them.
    expect(pauseEntry.evidence.basis).toBe('many-members');

    // 4. A proposal with its evidence: turn it off for rangers only.
    const inbox = await call(handler, 'GET', '/api/v1/feedback/proposals', { token: admin });
    const proposals = inbox.body.items.filter((p: { feature: string }) => p.feature === FEATURE);
    expect(proposals).toHaveLength(1);
    const proposal = proposals[0];
    expect(proposal.summary).toBe('对护林员关闭「扫码签到」');
    expect(proposal.evidence).toMatchObject({
      metric: 'avg-rating',
      comparator: '<',
      threshold: 3,
      sample: rangers.length,
      minSample: 20,
      window: { unit: 'day', size: 7 },
      group: { kind: 'category', value: 'ranger' },
      rolloutPercent: 10,
    });
    expect(proposal.evidence.value).toBeLessThan(2);

    // 5. The admin applies it, and lifts the pause for everyone else.
    const applied = await call(handler, 'POST', `/api/v1/feedback/proposals/${proposal.id}/apply`, { token: admin });
    expect(applied.status).toBe(200);
    expect(applied.body.toggle.targeting.excludedCategories).toEqual(['ranger']);
    expect((await call(handler, 'POST', `/api/v1/feedback/proposals/${proposal.id}/apply`, { token: admin })).body.error.code).toBe('PROPOSAL_NOT_OPEN');
    const current = await qrToggle();
    const resumed = await call(handler, 'PUT', `/api/v1/feedback/toggles/${FEATURE}`, {
      token: admin,
      body: { ...DEFAULT_TOGGLE, rolloutPercent: 10, targeting: current.targeting, expectedVersion: current.version, note: '问题已修复，恢复机关党员的灰度' },
    });
    expect(resumed.status).toBe(200);

    // 6. The affected members' toggles changed: rangers of the rollout lost it, office staff have it again.
    expect((await Promise.all(rangers.map(qrCheckinOn))).every((on) => !on)).toBe(true);
    expect((await Promise.all(office.map(qrCheckinOn))).every(Boolean)).toBe(true);

    // The admin's decision stands: the guardrail does not pause again within its window.
    expect((await scheduledRun()).paused).toEqual([]);

    const history = await call(handler, 'GET', '/api/v1/feedback/audit', { token: admin, query: { feature: FEATURE } });
    expect(history.body.items.map((e: { actor: { kind: string } }) => e.actor.kind)).toEqual(['admin', 'admin', 'rule', 'admin']);
    expect(history.body.items[1]).toMatchObject({ proposalId: proposal.id, evidence: { metric: 'avg-rating' } });
  }, 300_000);
});
