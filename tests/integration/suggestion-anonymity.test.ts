import { createHash, createHmac, randomBytes } from 'node:crypto';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { handler as identityHandler } from '../../functions/identity/handler';
import { ownerHash } from '../../functions/suggestion-box/author';
import { demoMembers } from '../../scripts/local/demo-data';
import { LOCAL_DEV_SUGGESTION_AUTHOR_KEY, resetConfigForTests } from '../../shared/runtime/config';
import { db, tableName } from '../../shared/runtime/db';
import { logger } from '../../shared/runtime/logger';
import { call } from '../support/api';
import { startFakeWecomMessages, type FakeWecomMessages } from '../support/fake-wecom-messages';
import { anonymousLookup, as, memberById, newOwnerSecret, submit, tokenOf } from '../support/suggestions';
import { useSeededTable } from '../support/table';

// The function's own secret key, as on a deployed stage (an admin does not have it), in force before the
// demo data is seeded. The design must not depend on it: the fingerprints below also try the public local key.
process.env.SUGGESTION_AUTHOR_KEY = randomBytes(32).toString('base64url');
useSeededTable();

const AUTHOR = 'm0023';
const BRANCH = memberById(AUTHOR).branchId;
const BRANCH_MEMBERS = demoMembers()
  .filter((m) => m.branchId === BRANCH)
  .map((m) => m.userId);
/** Another member of the author's branch, writing named suggestions beside the author. */
const PEER = BRANCH_MEMBERS.find((id) => id !== AUTHOR)!;

let wecom: FakeWecomMessages;
beforeAll(async () => {
  wecom = await startFakeWecomMessages('ww-forest-group', 'wecom-app-secret');
  Object.assign(process.env, { WECOM_BASE_URL: wecom.baseUrl, WECOM_CORP_ID: 'ww-forest-group', WECOM_APP_SECRET: 'wecom-app-secret' });
  resetConfigForTests();
});
afterAll(async () => {
  await wecom.close();
  for (const name of ['SUGGESTION_AUTHOR_KEY', 'WECOM_BASE_URL', 'WECOM_CORP_ID', 'WECOM_APP_SECRET']) delete process.env[name];
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

type Item = Record<string, unknown>;

/** Everything stored (a Scan is fine in a test: it stands for someone reading the table or a backup). */
async function scanAll(): Promise<Item[]> {
  const items: Item[] = [];
  let start: Item | undefined;
  do {
    const page = await db().send(new ScanCommand({ TableName: tableName(), ExclusiveStartKey: start }));
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
}

const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

/** The values of an item, and the parts of composite keys and paths (`SUGG-AUTHOR#<tag>`, `…?id=<id>`). */
function tokensOf(value: unknown): string[] {
  if (typeof value === 'string') {
    const parts = value.split(/[#?&=/\s]+/);
    // Dotted keys (`sugg.reply.<id>`) are split too, but never a time: its parts would be coarser times.
    return [value, ...parts, ...parts.flatMap((part) => (ISO.test(part) ? [] : part.split('.')))].filter((t) => t.length >= 6);
  }
  if (typeof value === 'number') return value >= 1e9 ? [String(value)] : [];
  if (Array.isArray(value)) return value.flatMap(tokensOf);
  if (value && typeof value === 'object') return Object.values(value).flatMap(tokensOf);
  return [];
}

/** A time that says only the hour (an ISO time or epoch seconds on the hour) correlates with nothing finer. */
const isHourOnly = (token: string) => /T\d\d:00:00\.000Z$/.test(token) || (/^\d{10}$/.test(token) && Number(token) % 3600 === 0);

/** Every time an item holds, as the interval it names: an ISO time its millisecond, epoch seconds (ttl) their second. */
function timesOf(item: Item): Array<[number, number]> {
  return tokensOf(item).flatMap((t): Array<[number, number]> => (ISO.test(t) ? [[Date.parse(t), Date.parse(t)]] : /^\d{10}$/.test(t) ? [[Number(t) * 1000, Number(t) * 1000 + 999]] : []));
}

/** Runs one act of the author and remembers when it happened (wall clock around the call). */
async function timed<T>(acts: Array<[number, number]>, act: () => Promise<T>): Promise<T> {
  const start = Date.now();
  const result = await act();
  acts.push([start, Date.now()]);
  return result;
}

describe('an anonymous suggestion', () => {
  it('reveals its author in no response, admin view, export or log line, while the author still sees and rates it with the secret', async () => {
    const logs = capturedLogs();
    const views: unknown[] = [];
    const secret = newOwnerSecret();
    const heldSecret = newOwnerSecret();
    let id: string;
    let heldId: string;
    try {
      const posted = await submit(AUTHOR, { title: '匿名反映食堂问题', content: '食堂卫生条件差，希望整改。', anonymous: true, ownerSecret: secret });
      expect(posted.status).toBe(201);
      views.push(posted.body);
      id = posted.body.suggestion.id;
      const again = await submit(AUTHOR, { title: '匿名反映食堂问题', content: '食堂卫生条件差，希望整改。', anonymous: true, ownerSecret: secret });
      expect(again.status).toBe(200);
      expect(again.body.suggestion.id).toBe(id);
      const held = await submit(AUTHOR, { title: '匿名待审', content: '有人说中共腐败的问题要重视。', anonymous: true, ownerSecret: heldSecret });
      views.push(held.body);
      heldId = held.body.suggestion.id;

      views.push((await as('demo-admin', 'GET', '/api/v1/suggestions', { query: { status: 'open', limit: '100' } })).body);
      views.push((await as('demo-admin', 'GET', `/api/v1/suggestions/${id}`)).body);
      views.push((await as('demo-admin', 'GET', '/api/v1/suggestions/export')).body);
      views.push((await as('demo-reviewer', 'GET', '/api/v1/suggestions/review-queue')).body);
      views.push((await as('demo-reviewer', 'POST', `/api/v1/suggestions/${heldId}/review`, { body: { decision: 'approve' } })).body);
      views.push((await as('demo-admin', 'POST', `/api/v1/suggestions/${id}/reply`, { body: { text: '已安排整改。' } })).body);
      views.push((await as(AUTHOR, 'POST', '/api/v1/suggestions/anonymous/rating', { body: { ownerSecret: secret, rating: 5 } })).body);
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
    expect(admin.history.map((e: { action: string }) => e.action)).toEqual(['submitted', 'replied', 'rated']);
    expect(seen).toContain('匿名');
    const logText = logs.lines.join('\n');
    expect(logText).toContain('suggestion stored');
    for (const print of [...fingerprints(AUTHOR), secret, ownerHash(secret), heldSecret, ownerHash(heldSecret)]) {
      expect(seen).not.toContain(print);
      expect(logText).not.toContain(print);
    }
    // A log line's time is exact: the author's acts log no id; only the reviewer's decision names the held one.
    expect(logText).not.toContain(id);
    expect(logs.lines.filter((line) => line.includes(heldId)).every((line) => line.includes('review decided'))).toBe(true);

    // The author finds both with the secrets on their phone (each answer names the secret that found it)…
    const mine = await anonymousLookup(AUTHOR, [newOwnerSecret(), heldSecret, secret]);
    expect(mine.status).toBe(200);
    expect(mine.body.items).toHaveLength(2);
    expect(mine.body.items.find((i: { secretIndex: number }) => i.secretIndex === 2).suggestion).toMatchObject({ id, anonymous: true, status: 'replied', rating: 5, reply: { text: '已安排整改。' } });
    expect(mine.body.items.find((i: { secretIndex: number }) => i.secretIndex === 1).suggestion).toMatchObject({ id: heldId, status: 'open' });
    // …while the member's named list and the by-id routes know nothing of them, and a rating needs the secret.
    const named = await as(AUTHOR, 'GET', '/api/v1/suggestions/mine', { query: { limit: '100' } });
    expect(named.body.items.map((s: { id: string }) => s.id)).not.toContain(id);
    expect((await as(AUTHOR, 'GET', `/api/v1/suggestions/mine/${id}`)).status).toBe(404);
    expect((await as(AUTHOR, 'POST', `/api/v1/suggestions/mine/${heldId}/rating`, { body: { rating: 1 } })).status).toBe(404);
    const twice = await as(AUTHOR, 'POST', '/api/v1/suggestions/anonymous/rating', { body: { ownerSecret: secret, rating: 1 } });
    expect(twice.body.error.code).toBe('SUGGESTION_ALREADY_RATED');
    const stranger = await as('m0030', 'POST', '/api/v1/suggestions/anonymous/rating', { body: { ownerSecret: newOwnerSecret(), rating: 1 } });
    expect(stranger.status).toBe(404);
    const badSecret = await as(AUTHOR, 'POST', '/api/v1/suggestions/anonymous/lookup', { body: { ownerSecrets: ['short'] } });
    expect(badSecret.status).toBe(400);
    const noSecret = await as(AUTHOR, 'POST', '/api/v1/suggestions', { body: { title: '匿名', content: '没有凭据的匿名意见。', category: 'life', anonymous: true, clientRequestId: 'no-secret-0001' } });
    expect(noSecret.status).toBe(400);
    expect(noSecret.body.error.details[0].message).toMatch(/凭据/);
  });

  it('shares no stored value with anything that names its author, and stores no moment the author acted', async () => {
    const baseline = new Set((await scanAll()).flatMap(tokensOf));
    for (const print of fingerprints(AUTHOR)) baseline.delete(print);
    const acts: Array<[number, number]> = [];
    const secret = newOwnerSecret();
    const heldSecret = newOwnerSecret();
    const named = (await submit(AUTHOR, { title: '实名：宿舍供暖', content: '宿舍暖气片不热，希望尽快检修。' })).body.suggestion.id;
    const anon = await timed(acts, () => submit(AUTHOR, { title: '匿名：账目公开', content: '食堂账目一直不公开，希望按月公示。', anonymous: true, ownerSecret: secret }));
    const held = await timed(acts, () => submit(AUTHOR, { title: '匿名：澄清传言', content: '有人说中共腐败，希望组织学习澄清。', anonymous: true, ownerSecret: heldSecret }));
    const peer = (await submit(PEER, { title: '实名：林道修整', content: '林场道路坑洼不平，希望修整。' })).body.suggestion.id;
    const ids = [anon.body.suggestion.id, held.body.suggestion.id];
    expect(held.body.suggestion.status).toBe('pending_review');
    expect((await as('demo-reviewer', 'POST', `/api/v1/suggestions/${ids[1]}/review`, { body: { decision: 'approve' } })).status).toBe(200);
    for (const [id, text] of [[named, '下周安排检修暖气。'], [ids[0], '账目下月起按月公示。'], [peer, '已报林业局修整道路。']] as const) {
      expect((await as('demo-admin', 'POST', `/api/v1/suggestions/${id}/reply`, { body: { text } })).status).toBe(200);
    }
    expect((await as(AUTHOR, 'POST', `/api/v1/suggestions/mine/${named}/rating`, { body: { rating: 4 } })).status).toBe(200);
    const rated = await timed(acts, () => as(AUTHOR, 'POST', '/api/v1/suggestions/anonymous/rating', { body: { ownerSecret: secret, rating: 5 } }));
    expect(rated.status).toBe(200);
    const found = await timed(acts, () => anonymousLookup(AUTHOR, [secret, heldSecret]));
    expect(found.body.items).toHaveLength(2);

    const items = await scanAll();
    const text = (item: Item) => JSON.stringify(item);
    const isAnonymous = (item: Item) => ids.some((id) => text(item).includes(id));
    const anonymousItems = items.filter(isAnonymous);
    // The suggestions, their events (the author's rating among them) and whatever else points at them.
    expect(anonymousItems.filter((item) => item.sk === 'SUGGESTION')).toHaveLength(2);
    expect(anonymousItems.some((item) => item.action === 'rated')).toBe(true);
    for (const item of anonymousItems) for (const print of fingerprints(AUTHOR)) expect(text(item)).not.toContain(print);

    // What names the author: anything that mentions them — except a notice to their whole branch, which names
    // no more than the suggestion's own branch does — and, transitively, anything sharing a distinctive value with it.
    const namesWholeBranch = (item: Item) => BRANCH_MEMBERS.every((id) => text(item).includes(`"${id}"`));
    const mentionsAuthor = (item: Item) => text(item).includes(AUTHOR) || text(item).includes(memberById(AUTHOR).name);
    const distinctive = (token: string) => !baseline.has(token) && !isHourOnly(token);
    const candidates = items.filter((item) => !isAnonymous(item) && !namesWholeBranch(item));
    const naming = new Set(candidates.filter(mentionsAuthor));
    expect([...naming].some((item) => item.authorId === AUTHOR)).toBe(true);
    const linked = new Set([...naming].flatMap(tokensOf).filter(distinctive));
    for (let grew = true; grew; ) {
      grew = false;
      for (const item of candidates) {
        if (naming.has(item) || !tokensOf(item).some((t) => linked.has(t))) continue;
        naming.add(item);
        tokensOf(item).filter(distinctive).forEach((t) => linked.add(t));
        grew = true;
      }
    }
    const shared = anonymousItems.flatMap((item) => tokensOf(item).filter((t) => distinctive(t) && linked.has(t)).map((t) => `${String(item.pk)} ${String(item.sk)}: ${t}`));
    expect(shared).toEqual([]);

    // No stored time of the anonymous suggestions falls within a moment the author acted on them.
    const actedAt = ([from, to]: [number, number]) => acts.some(([start, end]) => from <= end && to >= start);
    const exact = anonymousItems.flatMap((item) => timesOf(item).filter(actedAt).map(([from]) => `${String(item.pk)} ${String(item.sk)}: ${new Date(from).toISOString()}`));
    expect(exact).toEqual([]);
  });

  it('announces a reply to the author’s whole branch, naming no suggestion, and the author’s app finds the reply', async () => {
    const secret = newOwnerSecret();
    const id = (await submit(AUTHOR, { title: '匿名：值班轮换', content: '节假日值班总是同几个人，希望轮换。', anonymous: true, ownerSecret: secret })).body.suggestion.id;
    const before = wecom.delivered.length;
    expect((await as('demo-secretary', 'POST', `/api/v1/suggestions/${id}/reply`, { body: { text: '下月起排班表公开轮换。' } })).status).toBe(BRANCH === 'songling-zhuangzhi' ? 200 : 403);
    if (BRANCH !== 'songling-zhuangzhi') expect((await as('demo-admin', 'POST', `/api/v1/suggestions/${id}/reply`, { body: { text: '下月起排班表公开轮换。' } })).status).toBe(200);
    const notices = wecom.delivered.slice(before);
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ title: '匿名意见已答复', page: 'suggestions/pages/index/index' });
    expect([...notices[0]!.toUsers].sort()).toEqual([...BRANCH_MEMBERS].sort());
    expect(JSON.stringify(notices[0])).not.toContain(id);
    expect(JSON.stringify(notices[0])).not.toContain('值班');
    expect(wecom.violations).toEqual([]);
    const mine = await anonymousLookup(AUTHOR, [secret]);
    expect(mine.body.items[0].suggestion).toMatchObject({ id, status: 'replied', reply: { text: '下月起排班表公开轮换。' } });
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

    const items = (await scanAll()).filter((item) => String(item.pk).startsWith('SUGG'));
    const anonymousItems = items.filter((item) => item.type === 'suggestion' && item.anonymous === true);
    expect(anonymousItems.length).toBeGreaterThanOrEqual(3);
    for (const item of anonymousItems) {
      expect(item.authorId).toBeUndefined();
      expect(item.authorName).toBeUndefined();
    }
    // The author's traces: anonymous suggestions (without the handlers' own reply, review and assignment), the
    // author's events on them, and every owner entry and rate-limit counter.
    const anonymousIds = new Set(anonymousItems.map((item) => String(item.id)));
    const traces = [
      ...anonymousItems.map(({ reply: _reply, review: _review, assignee: _assignee, ...rest }) => rest),
      ...items.filter((item) => item.type === 'suggestion-event' && anonymousIds.has(String(item.pk).slice('SUGG#'.length)) && ['submitted', 'held', 'rated'].includes(String(item.action))),
      ...items.filter((item) => /^SUGG-(OWNER|COUNT)#/.test(String(item.pk))),
    ];
    expect(traces.some((item) => item.action === 'rated')).toBe(true);
    expect(traces.some((item) => String(item.pk).startsWith('SUGG-OWNER#'))).toBe(true);
    const stored = JSON.stringify(traces);
    // Try every member: no id, name or hash of any of them appears among the anonymous traces.
    for (const userId of roster) {
      for (const print of fingerprints(userId)) expect(stored).not.toContain(print);
    }
  });
});
