import { baselineDays } from '../../functions/suggestion-box/early-warning-rules';
import { addWarningHits } from '../../functions/suggestion-box/store';
import { resetConfigForTests } from '../../shared/runtime/config';
import { startFakeWecomMessages, type FakeWecomMessages } from '../support/fake-wecom-messages';
import { as, submit } from '../support/suggestions';
import { useSeededTable } from '../support/table';

useSeededTable();

const CORP = 'ww-forest-group';
const SECRET = 'wecom-app-secret';
let wecom: FakeWecomMessages;

const settings = (overrides: Record<string, string>) => {
  Object.assign(process.env, {
    WECOM_BASE_URL: wecom.baseUrl,
    WECOM_CORP_ID: CORP,
    WECOM_APP_SECRET: SECRET,
    EARLY_WARNING_RECIPIENTS: 'demo-admin,demo-reviewer',
    EARLY_WARNING_WINDOW_MINUTES: '60',
    SUGGESTION_RATE_LIMIT_PER_HOUR: '100',
    ...overrides,
  });
  resetConfigForTests();
};

beforeAll(async () => {
  wecom = await startFakeWecomMessages(CORP, SECRET);
});
afterAll(async () => {
  await wecom.close();
  for (const name of ['WECOM_BASE_URL', 'WECOM_CORP_ID', 'WECOM_APP_SECRET', 'EARLY_WARNING_RECIPIENTS', 'EARLY_WARNING_WINDOW_MINUTES', 'EARLY_WARNING_THRESHOLD', 'EARLY_WARNING_MIN_HITS', 'EARLY_WARNING_SURGE_MULTIPLE', 'SUGGESTION_RATE_LIMIT_PER_HOUR']) {
    delete process.env[name];
  }
  resetConfigForTests();
});

const alertsOf = async (branchId: string) =>
  (await as('demo-admin', 'GET', '/api/v1/moderation/alerts', { query: { limit: '100' } })).body.items.filter((a: { branchId: string }) => a.branchId === branchId);

describe('early warning (舆情预警)', () => {
  it('raises one alert when a branch’s window reaches the threshold, lists it for admins and pushes it once through WeCom', async () => {
    settings({ EARLY_WARNING_THRESHOLD: '3', EARLY_WARNING_MIN_HITS: '3', EARLY_WARNING_SURGE_MULTIPLE: '3' });
    for (const userId of ['m0025', 'm0026']) expect((await submit(userId, { content: '有人在林区吸冰毒' })).status).toBe(422);
    expect(await alertsOf('songling-fire')).toHaveLength(0);
    expect((await submit('m0027', { content: '林区有人吸冰毒' })).status).toBe(422);

    const alerts = await alertsOf('songling-fire');
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ branchName: '松岭森林消防大队党支部', category: 'drugs', reason: 'threshold', blocked: 3, held: 0, windowMinutes: 60 });
    const notices = wecom.delivered.filter((n) => n.contentItems.some((item) => item.value === '松岭森林消防大队党支部'));
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ title: '舆情预警提醒', toUsers: ['demo-admin', 'demo-reviewer'] });
    expect(notices[0]!.contentItems).toEqual(expect.arrayContaining([{ key: '类别', value: '涉毒信息' }, { key: '近60分钟', value: '拦截3条，待审0条' }]));
    expect(wecom.violations).toEqual([]);

    // More hits in the same window: no second alert, no second notice.
    expect((await submit('m0028', { content: '又有人在吸冰毒' })).status).toBe(422);
    expect(await alertsOf('songling-fire')).toHaveLength(1);
    expect(wecom.delivered.filter((n) => n.contentItems.some((item) => item.value === '松岭森林消防大队党支部'))).toHaveLength(1);
  });

  it('raises a surge alert when a window reaches a multiple of its recent baseline, below the threshold', async () => {
    settings({ EARLY_WARNING_THRESHOLD: '50', EARLY_WARNING_MIN_HITS: '3', EARLY_WARNING_SURGE_MULTIPLE: '3' });
    const now = new Date();
    // Two held texts per hour on each of the last seven days: a baseline of 2 per 60-minute window.
    for (const day of baselineDays(now, 7)) {
      await addWarningHits({ bucketStart: `${day}T00:00:00.000Z`, day, branchId: 'xinlin-cuigang', category: 'politics' }, { blocked: 0, held: 48 });
    }
    for (let i = 0; i < 5; i += 1) expect((await submit('m0049', { content: `第${i}次：有人说中共腐败。` })).body.suggestion.status).toBe('pending_review');
    expect(await alertsOf('xinlin-cuigang')).toHaveLength(0);
    await submit('m0050', { content: '又有人说中共腐败。' });
    const alerts = await alertsOf('xinlin-cuigang');
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ category: 'politics', reason: 'surge', held: 6, baseline: 2 });
  });

  it('lets an admin or reviewer acknowledge an alert, and nobody else see alerts', async () => {
    const [alert] = await alertsOf('songling-fire');
    const acknowledged = await as('demo-reviewer', 'POST', `/api/v1/moderation/alerts/${alert.id}/acknowledge`);
    expect(acknowledged.body.alert.acknowledged).toMatchObject({ byName: '刘审核' });
    const again = await as('demo-admin', 'POST', `/api/v1/moderation/alerts/${alert.id}/acknowledge`);
    expect(again.body.alert.acknowledged.byName).toBe('刘审核');
    expect((await as('demo-admin', 'POST', '/api/v1/moderation/alerts/no-such-alert/acknowledge')).status).toBe(404);
    expect((await as('demo-secretary', 'GET', '/api/v1/moderation/alerts')).status).toBe(403);
  });
});
