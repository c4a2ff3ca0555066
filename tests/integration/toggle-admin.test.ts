import { handler } from '../../functions/feedback/handler';
import { DEFAULT_TOGGLE } from '../../shared/toggles/evaluate';
import { issueSession } from '../../shared/runtime/session';
import { DEMO_ACCOUNTS } from '../../scripts/local/demo-data';
import { call } from '../support/api';
import { useSeededTable } from '../support/table';

useSeededTable();

const tokens: Record<string, string> = {};
beforeAll(async () => {
  for (const account of DEMO_ACCOUNTS) tokens[account.userId] = (await issueSession(account)).token;
});

const settings = (overrides: Record<string, unknown> = {}) => ({ ...DEFAULT_TOGGLE, expectedVersion: 0, note: '试点调整', ...overrides });
const put = (feature: string, body: unknown, token = tokens['demo-admin']) => call(handler, 'PUT', `/api/v1/feedback/toggles/${feature}`, { token, body });
const myToggles = (userId: string, headers: Record<string, string> = {}) => call(handler, 'GET', '/api/v1/toggles', { token: tokens[userId], headers });
const rate = (userId: string, feature = 'dues') =>
  call(handler, 'POST', '/api/v1/feedback/ratings', { token: tokens[userId], body: { feature, rating: 4, clientRequestId: `rate-${userId}-${Date.now()}` } });

describe('feature toggles', () => {
  it('gives each member their evaluated toggles and home order, small and cacheable', async () => {
    const reply = await myToggles('demo-ranger');
    expect(reply.status).toBe(200);
    // Everything on by default, except the opt-in 大字模式 (an admin turns it on for a group).
    expect(Object.entries(reply.body.features).filter(([feature]) => feature !== 'ui.large-text').every(([, on]) => on)).toBe(true);
    expect(reply.body.features['ui.large-text']).toBe(false);
    // Seeded demo usage: rangers open courses and sign-ups most.
    expect(reply.body.home.order.slice(0, 2)).toEqual(['courses', 'signup']);
    expect(reply.headers['cache-control']).toBe('private, no-cache');
    expect(JSON.stringify(reply.body).length).toBeLessThan(600);
    const again = await myToggles('demo-ranger', { 'if-none-match': reply.headers.etag! });
    expect(again.status).toBe(304);
    const office = await myToggles('demo-office');
    expect(office.body.home.order[0]).toBe('dues');
  });

  it('lets an admin turn a feature off for a category: those members lose it, at once and server-side', async () => {
    const reply = await put('dues', settings({ targeting: { ...DEFAULT_TOGGLE.targeting, excludedCategories: ['ranger'] }, note: '护林员暂不开放' }));
    expect(reply.status).toBe(200);
    expect(reply.body.toggle).toMatchObject({ version: 1, updatedBy: { kind: 'admin', userId: 'demo-admin', name: '杨管理' } });

    const ranger = await myToggles('demo-ranger');
    expect(ranger.body.features.dues).toBe(false);
    expect(ranger.body.features['dues.online-payment']).toBe(false);
    expect(ranger.body.home.order).not.toContain('dues');
    expect((await myToggles('demo-office')).body.features.dues).toBe(true);

    const audit = await call(handler, 'GET', '/api/v1/feedback/audit', { token: tokens['demo-admin'], query: { feature: 'dues' } });
    expect(audit.body.items[0]).toMatchObject({
      feature: 'dues',
      actor: { kind: 'admin', name: '杨管理' },
      before: { targeting: { excludedCategories: [] } },
      after: { targeting: { excludedCategories: ['ranger'] } },
      note: '护林员暂不开放',
    });
  });

  it('answers 403 FEATURE_DISABLED from an endpoint whose feature is off for the caller', async () => {
    expect((await rate('demo-ranger')).status).toBe(200);
    expect((await put('feedback', settings({ targeting: { ...DEFAULT_TOGGLE.targeting, roles: ['secretary', 'admin'] } }))).status).toBe(200);
    const refused = await rate('demo-ranger');
    expect(refused.status).toBe(403);
    expect(refused.body.error).toEqual({ code: 'FEATURE_DISABLED', message: '「功能反馈」功能暂未向您开放' });
    expect((await rate('demo-secretary')).status).toBe(200);
  });

  it('pauses everything with the kill switch and records why', async () => {
    expect((await put('courses', settings({ killSwitch: true }))).body.toggle.killReason).toBe('管理员手动暂停');
    const ranger = await myToggles('demo-ranger');
    expect([ranger.body.features.courses, ranger.body.features['courses.push']]).toEqual([false, false]);
  });

  it('refuses a non-admin changing a toggle', async () => {
    for (const userId of ['demo-ranger', 'demo-secretary', 'demo-reviewer']) {
      const reply = await put('signup', settings({ enabled: false }), tokens[userId]);
      expect(reply.status).toBe(403);
      expect(reply.body.error.code).toBe('FORBIDDEN');
    }
    expect((await myToggles('demo-ranger')).body.features.signup).toBe(true);
  });

  it('refuses a change without 调整说明, saving nothing', async () => {
    const before = (await call(handler, 'GET', '/api/v1/feedback/toggles', { token: tokens['demo-admin'] })).body.toggles.find((t: { feature: string }) => t.feature === 'courses');
    const { note: _note, ...withoutNote } = settings({ enabled: false, expectedVersion: before.version });
    for (const body of [withoutNote, { ...withoutNote, note: '' }, { ...withoutNote, note: '   ' }]) {
      const reply = await put('courses', body);
      expect(reply.status).toBe(400);
      expect(reply.body.error).toMatchObject({ code: 'TOGGLE_NOTE_REQUIRED', message: '请填写调整说明：为什么这样调整（记入调整记录）' });
    }
    const after = (await call(handler, 'GET', '/api/v1/feedback/toggles', { token: tokens['demo-admin'] })).body.toggles.find((t: { feature: string }) => t.feature === 'courses');
    expect(after).toEqual(before);
    const audit = await call(handler, 'GET', '/api/v1/feedback/audit', { token: tokens['demo-admin'], query: { feature: 'courses' } });
    expect(audit.body.items).toHaveLength(before.version);
  });

  it('refuses a percentage outside 0–100', async () => {
    for (const rolloutPercent of [-1, 101, 12.5]) {
      const reply = await put('signup', settings({ rolloutPercent }));
      expect(reply.status).toBe(400);
      expect(reply.body.error.details[0].path).toBe('body.rolloutPercent');
      expect(reply.body.error.details[0].message).toMatch(/开放比例/);
    }
  });

  it('refuses an unknown feature, an unknown branch and a stale version', async () => {
    expect((await put('leaderboard', settings())).body.error.code).toBe('FEATURE_NOT_FOUND');
    const branch = await put('signup', settings({ targeting: { ...DEFAULT_TOGGLE.targeting, branches: ['no-such-branch'] } }));
    expect(branch.status).toBe(400);
    expect(branch.body.error.details[0].message).toContain('no-such-branch');
    expect((await put('signup', settings({ rolloutPercent: 50 }))).status).toBe(200);
    const stale = await put('signup', settings({ rolloutPercent: 20 }));
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('TOGGLE_VERSION_CONFLICT');
  });

  it('rolls out by percentage with sticky buckets across reads', async () => {
    const list = await call(handler, 'GET', '/api/v1/feedback/toggles', { token: tokens['demo-admin'] });
    const signup = list.body.toggles.find((t: { feature: string }) => t.feature === 'signup');
    expect(signup).toMatchObject({ rolloutPercent: 50, version: 1 });
    const first = await Promise.all(DEMO_ACCOUNTS.map((a) => myToggles(a.userId)));
    const second = await Promise.all(DEMO_ACCOUNTS.map((a) => myToggles(a.userId)));
    expect(second.map((r) => r.body.features.signup)).toEqual(first.map((r) => r.body.features.signup));
  });

  it('lets an admin pin and hide home entries per category', async () => {
    const reply = await call(handler, 'PUT', '/api/v1/feedback/home-layouts/retiree', {
      token: tokens['demo-admin'],
      body: { pinned: ['suggestions'], hidden: ['signup'] },
    });
    expect(reply.status).toBe(200);
    const retiree = await myToggles('demo-retiree');
    expect(retiree.body.home.order[0]).toBe('suggestions');
    expect(retiree.body.home.more).toEqual(['signup']);
    expect((await call(handler, 'PUT', '/api/v1/feedback/home-layouts/astronaut', { token: tokens['demo-admin'], body: { pinned: [], hidden: [] } })).status).toBe(404);
  });
});
