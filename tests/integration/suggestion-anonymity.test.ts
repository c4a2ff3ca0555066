import { createHash, createHmac, randomBytes } from 'node:crypto';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { handler as identityHandler } from '../../functions/identity/handler';
import { LOCAL_DEV_SUGGESTION_AUTHOR_KEY, resetConfigForTests } from '../../shared/runtime/config';
import { db, tableName } from '../../shared/runtime/db';
import { logger } from '../../shared/runtime/logger';
import { call } from '../support/api';
import { as, memberById, submit, tokenOf } from '../support/suggestions';
import { useSeededTable } from '../support/table';

// The function's own secret key, as on a deployed stage (an admin does not have it), in force before the
// demo data is seeded: with the local default key anyone could recompute the tags.
process.env.SUGGESTION_AUTHOR_KEY = randomBytes(32).toString('base64url');
useSeededTable();

const AUTHOR = 'm0023';

afterAll(() => {
  delete process.env.SUGGESTION_AUTHOR_KEY;
  resetConfigForTests();
});

/** Every way an admin could try to name the author from something they saw: the id, the name, hashes of the id. */
function fingerprints(userId: string): string[] {
  const digests = [createHash('sha256').update(userId), createHmac('sha256', LOCAL_DEV_SUGGESTION_AUTHOR_KEY).update(`author\u0000${userId}`)].map((h) => h.digest());
  return [userId, memberById(userId).name, ...digests.flatMap((d) => [d.toString('hex'), d.toString('base64'), d.toString('base64url')])];
}

function capturedLogs(): { lines: string[]; stop: () => void } {
  const lines: string[] = [];
  const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((method) =>
    jest.spyOn(console, method).mockImplementation((...args: unknown[]) => void lines.push(args.map(String).join(' '))),
  );
  logger.setLogLevel('DEBUG');
  return {
    lines,
    stop: () => {
      logger.setLogLevel('SILENT');
      spies.forEach((spy) => spy.mockRestore());
    },
  };
}

describe('an anonymous suggestion', () => {
  it('reveals its author in no response, admin view, export or log line, while the author still sees it', async () => {
    const logs = capturedLogs();
    const views: unknown[] = [];
    let id: string;
    let heldId: string;
    try {
      const posted = await submit(AUTHOR, { title: '匿名反映食堂问题', content: '食堂卫生条件差，希望整改。', anonymous: true });
      expect(posted.status).toBe(201);
      views.push(posted.body);
      id = posted.body.suggestion.id;
      const held = await submit(AUTHOR, { title: '匿名待审', content: '有人说中共腐败的问题要重视。', anonymous: true });
      views.push(held.body);
      heldId = held.body.suggestion.id;

      views.push((await as('demo-admin', 'GET', '/api/v1/suggestions', { query: { status: 'open', limit: '100' } })).body);
      views.push((await as('demo-admin', 'GET', `/api/v1/suggestions/${id}`)).body);
      views.push((await as('demo-admin', 'GET', '/api/v1/suggestions/export')).body);
      views.push((await as('demo-reviewer', 'GET', '/api/v1/suggestions/review-queue')).body);
      views.push((await as('demo-reviewer', 'POST', `/api/v1/suggestions/${heldId}/review`, { body: { decision: 'approve' } })).body);
      views.push((await as('demo-admin', 'POST', `/api/v1/suggestions/${id}/reply`, { body: { text: '已安排整改。' } })).body);
      views.push((await as(AUTHOR, 'POST', `/api/v1/suggestions/mine/${id}/rating`, { body: { rating: 5 } })).body);
      views.push((await as('demo-admin', 'GET', `/api/v1/suggestions/${id}`)).body);
      views.push((await as('demo-admin', 'GET', '/api/v1/moderation/alerts')).body);
    } finally {
      logs.stop();
    }

    const seen = JSON.stringify(views);
    const admin = (await as('demo-admin', 'GET', `/api/v1/suggestions/${id}`)).body;
    expect(admin.suggestion.author).toEqual({ anonymous: true });
    expect(admin.history.find((e: { action: string }) => e.action === 'submitted').actorName).toBeUndefined();
    expect(admin.history.find((e: { action: string }) => e.action === 'rated').actorName).toBeUndefined();
    expect(seen).toContain('匿名');
    const logText = logs.lines.join('\n');
    expect(logText).toContain('suggestion stored');
    for (const print of fingerprints(AUTHOR)) {
      expect(seen).not.toContain(print);
      expect(logText).not.toContain(print);
    }

    const mine = await as(AUTHOR, 'GET', '/api/v1/suggestions/mine');
    expect(mine.body.items.map((s: { id: string }) => s.id)).toEqual(expect.arrayContaining([id, heldId]));
    expect(mine.body.items.find((s: { id: string }) => s.id === id)).toMatchObject({ anonymous: true, status: 'replied', rating: 5 });
  });

  it('cannot be traced to its author even with the whole table and the whole roster in hand', async () => {
    await submit(AUTHOR, { title: '匿名建议二', content: '希望领导多到一线看看。', anonymous: true });
    // Everything an admin can list: every member id on the roster.
    const roster: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await call(identityHandler, 'GET', '/api/v1/members', { token: await tokenOf('demo-admin'), query: { limit: '200', ...(cursor ? { cursor } : {}) } });
      roster.push(...page.body.items.map((m: { userId: string }) => m.userId));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(roster).toContain(AUTHOR);

    // Everything stored about suggestions (a Scan is fine in a test: it stands for someone reading the table).
    const items: Record<string, unknown>[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await db().send(new ScanCommand({ TableName: tableName(), ExclusiveStartKey: start }));
      items.push(...(page.Items ?? []).filter((item) => String(item.pk).startsWith('SUGG')));
      start = page.LastEvaluatedKey;
    } while (start);
    const anonymousItems = items.filter((item) => item.type === 'suggestion' && item.anonymous === true);
    expect(anonymousItems.length).toBeGreaterThanOrEqual(3);
    for (const item of anonymousItems) {
      expect(item.authorId).toBeUndefined();
      expect(item.authorName).toBeUndefined();
    }
    // The author's traces: anonymous suggestions (without the handlers' own reply, review and assignment), the
    // author's events on them, and every pointer, request and rate-limit item (all keyed by tags).
    const anonymousIds = new Set(anonymousItems.map((item) => String(item.id)));
    const traces = [
      ...anonymousItems.map(({ reply: _reply, review: _review, assignee: _assignee, ...rest }) => rest),
      ...items.filter((item) => item.type === 'suggestion-event' && anonymousIds.has(String(item.pk).slice('SUGG#'.length)) && ['submitted', 'held', 'rated'].includes(String(item.action))),
      ...items.filter((item) => /^SUGG-(AUTHOR|REQ|RATE)#/.test(String(item.pk))),
    ];
    expect(traces.some((item) => item.action === 'rated')).toBe(true);
    const stored = JSON.stringify(traces);
    // Try every member: no id, name or hash of any of them appears among the anonymous traces.
    for (const userId of roster) {
      for (const print of fingerprints(userId)) expect(stored).not.toContain(print);
    }
  });
});
