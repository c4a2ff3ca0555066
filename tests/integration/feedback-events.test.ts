import { handler } from '../../functions/feedback/handler';
import { metricRows } from '../../functions/feedback/usage-store';
import { shanghaiDay, recordUsage } from '../../shared/runtime/feedback-signals';
import { issueSession } from '../../shared/runtime/session';
import { DEMO_ACCOUNTS } from '../../scripts/local/demo-data';
import { call } from '../support/api';
import { useSeededTable } from '../support/table';

useSeededTable();

const ranger = DEMO_ACCOUNTS.find((a) => a.userId === 'demo-ranger')!;
let token: string;
beforeAll(async () => {
  token = (await issueSession(ranger)).token;
});

const at = (minutesAgo: number) => new Date(Date.now() - minutesAgo * 60_000).toISOString();
const send = (events: unknown[], options: { token?: string } = {}) => call(handler, 'POST', '/api/v1/events', { token: options.token ?? token, body: { events } });
const today = () => shanghaiDay(new Date());

async function rangerTotals(feature: 'signup.qr-checkin' | 'courses.push') {
  const rows = await metricRows(feature, 'day-branch', today(), today());
  const row = rows.find((r) => r.branchId === 'songling-zhuangzhi' && r.category === 'ranger');
  return row?.counters ?? {};
}

describe('usage events', () => {
  it('counts a batch into the member’s branch and category, and a re-sent batch once', async () => {
    const events = [
      ...Array.from({ length: 60 }, (_, i) => ({ id: `open-${String(i).padStart(4, '0')}`, feature: 'signup.qr-checkin', action: 'opened', at: at(1) })),
      ...Array.from({ length: 30 }, (_, i) => ({ id: `act-${String(i).padStart(4, '0')}`, feature: 'signup.qr-checkin', action: 'action', at: at(2) })),
      ...Array.from({ length: 10 }, (_, i) => ({ id: `err-${String(i).padStart(4, '0')}`, feature: 'courses.push', action: 'error', at: at(3) })),
    ];
    const first = await send(events);
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ counted: 100, duplicate: false, ignored: 0 });

    const again = await send([...events].reverse());
    expect(again.body).toEqual({ counted: 0, duplicate: true, ignored: 0 });

    expect(await rangerTotals('signup.qr-checkin')).toMatchObject({ 'usage.opened': 60, 'usage.action': 30 });
    expect(await rangerTotals('courses.push')).toMatchObject({ 'usage.error': 10 });
    const byCategory = await metricRows('signup.qr-checkin', 'day-category', today(), today());
    expect(byCategory.find((r) => r.category === 'ranger')?.counters).toMatchObject({ 'usage.opened': 60 });
  });

  it('adds the signals other capabilities send to the same aggregates', async () => {
    await recordUsage({ feature: 'courses.push', action: 'error', branchId: ranger.branchId, category: ranger.category, count: 2 });
    expect(await rangerTotals('courses.push')).toMatchObject({ 'usage.error': 12 });
  });

  it('refuses a batch of more than 100 events, and changes nothing', async () => {
    const events = Array.from({ length: 101 }, (_, i) => ({ id: `big-${String(i).padStart(4, '0')}`, feature: 'courses.push', action: 'opened', at: at(1) }));
    const reply = await send(events);
    expect(reply.status).toBe(400);
    expect(reply.body.error.code).toBe('VALIDATION_FAILED');
    expect(reply.body.error.details[0]).toEqual({ path: 'body.events', message: '一次最多上报 100 条事件' });
    expect((await rangerTotals('courses.push'))['usage.opened']).toBeUndefined();
  });

  it('refuses malformed batches field by field', async () => {
    const reply = await send([{ id: 'x', feature: 'courses', action: 'stayed-online', at: 'yesterday', seconds: 3600 }]);
    expect(reply.status).toBe(400);
    const paths = reply.body.error.details.map((d: { path: string }) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['body.events.0.id', 'body.events.0.action', 'body.events.0.at', 'body.events.0']));
    expect((await call(handler, 'POST', '/api/v1/events', { token, body: { events: [] } })).status).toBe(400);
    expect((await call(handler, 'POST', '/api/v1/events', { token, rawBody: '{"events": [', headers: { 'content-type': 'application/json' } })).body.error.code).toBe('INVALID_JSON');
  });

  it('refuses unknown feature names', async () => {
    const reply = await send([{ id: 'evt-unknown-1', feature: 'leaderboard', action: 'opened', at: at(1) }]);
    expect(reply.status).toBe(400);
    expect(reply.body.error.details[0]).toEqual({ path: 'body.events.0.feature', message: '未知的功能' });
  });

  it('refuses timestamps far in the future, naming the event, and counts nothing of that batch', async () => {
    const reply = await send([
      { id: 'evt-future-1', feature: 'courses.push', action: 'opened', at: at(1) },
      { id: 'evt-future-2', feature: 'courses.push', action: 'opened', at: new Date(Date.now() + 86_400_000).toISOString() },
    ]);
    expect(reply.status).toBe(400);
    expect(reply.body.error.code).toBe('EVENT_TIME_INVALID');
    expect(reply.body.error.details[0].path).toBe('body.events.1.at');
    expect((await rangerTotals('courses.push'))['usage.opened']).toBeUndefined();
  });

  it('needs a session', async () => {
    expect((await call(handler, 'POST', '/api/v1/events', { body: { events: [] } })).status).toBe(401);
  });
});
