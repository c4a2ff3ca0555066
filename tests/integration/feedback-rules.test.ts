import { handler } from '../../functions/feedback/handler';
import { STARTER_RULES } from '../../functions/feedback/seed';
import { issueSession } from '../../shared/runtime/session';
import { DEMO_ACCOUNTS } from '../../scripts/local/demo-data';
import { call } from '../support/api';
import { useSeededTable } from '../support/table';

useSeededTable();

let admin: string;
let ranger: string;
beforeAll(async () => {
  admin = (await issueSession(DEMO_ACCOUNTS.find((a) => a.userId === 'demo-admin')!)).token;
  ranger = (await issueSession(DEMO_ACCOUNTS.find((a) => a.userId === 'demo-ranger')!)).token;
});

const guardrail = STARTER_RULES[0]!;

describe('rules and ratings', () => {
  it('lists the starter rules and lets an admin create, change and delete a rule', async () => {
    const list = await call(handler, 'GET', '/api/v1/feedback/rules', { token: admin });
    expect(list.body.rules.map((r: { name: string }) => r.name)).toEqual(STARTER_RULES.map((r) => r.name));

    const created = await call(handler, 'POST', '/api/v1/feedback/rules', { token: admin, body: { ...guardrail, name: '党费错误率', feature: 'dues' } });
    expect(created.status).toBe(201);
    const id = created.body.rule.id;
    const changed = await call(handler, 'PUT', `/api/v1/feedback/rules/${id}`, { token: admin, body: { ...guardrail, name: '党费错误率', feature: 'dues', threshold: 8 } });
    expect(changed.body.rule).toMatchObject({ id, threshold: 8 });
    expect((await call(handler, 'DELETE', `/api/v1/feedback/rules/${id}`, { token: admin })).body).toEqual({ deleted: true });
    expect((await call(handler, 'DELETE', `/api/v1/feedback/rules/${id}`, { token: admin })).body.error.code).toBe('RULE_NOT_FOUND');
  });

  it('refuses a rule with an unknown metric', async () => {
    const reply = await call(handler, 'POST', '/api/v1/feedback/rules', { token: admin, body: { ...guardrail, metric: 'online-minutes' } });
    expect(reply.status).toBe(400);
    expect(reply.body.error.details).toEqual([{ path: 'body.metric', message: '未知的指标' }]);
  });

  it('refuses rules that cannot be evaluated, and rules from non-admins', async () => {
    const grouped = await call(handler, 'POST', '/api/v1/feedback/rules', { token: admin, body: { ...guardrail, groupBy: 'branch' } });
    expect(grouped.status).toBe(400);
    expect(grouped.body.error.code).toBe('RULE_INVALID');
    expect(grouped.body.error.details.map((d: { path: string }) => d.path)).toEqual(['body.groupBy', 'body.groupBy']);
    expect((await call(handler, 'POST', '/api/v1/feedback/rules', { token: ranger, body: guardrail })).status).toBe(403);
  });

  it('refuses ratings out of range', async () => {
    for (const rating of [0, 6, 3.5]) {
      const reply = await call(handler, 'POST', '/api/v1/feedback/ratings', { token: ranger, body: { feature: 'dues', rating, clientRequestId: 'rating-range-1' } });
      expect(reply.status).toBe(400);
      expect(reply.body.error.details[0].path).toBe('body.rating');
    }
  });

  it('counts one rating per member, feature and day: a second replaces the first, a resend counts once', async () => {
    const rate = (rating: number, clientRequestId: string, comment?: string) =>
      call(handler, 'POST', '/api/v1/feedback/ratings', { token: ranger, body: { feature: 'courses', rating, clientRequestId, ...(comment ? { comment } : {}) } });
    expect((await rate(2, 'rating-first-1')).body).toEqual({ rating: 2, commentStatus: 'none', replaced: false });
    expect((await rate(2, 'rating-first-1')).body.replaced).toBe(false);
    expect((await rate(5, 'rating-second-1', '课程内容很实用，离线也能看')).body).toEqual({ rating: 5, commentStatus: 'published', replaced: true });
    const board = await call(handler, 'GET', '/api/v1/feedback/dashboard/courses', { token: admin, query: { days: '7' } });
    expect(board.body.totals).toMatchObject({ ratings: 1, avgRating: 5 });
    expect(board.body.comments).toEqual([expect.objectContaining({ rating: 5, category: 'ranger', text: '课程内容很实用，离线也能看' })]);
    expect(JSON.stringify(board.body.comments)).not.toContain('demo-ranger');
  });

  it('refuses a blocked comment with a clear message and records nothing of it', async () => {
    const reply = await call(handler, 'POST', '/api/v1/feedback/ratings', {
      token: ranger,
      body: { feature: 'signup', rating: 1, comment: '这里有人出售冰毒', clientRequestId: 'rating-blocked-1' },
    });
    expect(reply.status).toBe(422);
    expect(reply.body.error.code).toBe('CONTENT_BLOCKED');
    const board = await call(handler, 'GET', '/api/v1/feedback/dashboard/signup', { token: admin, query: { days: '7' } });
    expect(board.body.totals.ratings).toBe(0);
  });
});
