import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { commitLexiconEdit, lexiconVersion } from '../../shared/moderation/lexicon-store';
import { resetConfigForTests } from '../../shared/runtime/config';
import { db, tableName } from '../../shared/runtime/db';
import { keys } from '../../shared/runtime/table';
import { startFakeMsgSecCheck, type FakeMsgSecCheck } from '../support/fake-wechat-sec-check';
import { as, submit } from '../support/suggestions';
import { useSeededTable } from '../support/table';

useSeededTable();

const check = (userId: string, text: string) => as(userId, 'POST', '/api/v1/moderation/check', { body: { text } });

beforeAll(() => {
  process.env.MODERATION_CACHE_TTL_SECONDS = '1';
  resetConfigForTests();
});
afterAll(() => {
  delete process.env.MODERATION_CACHE_TTL_SECONDS;
  resetConfigForTests();
});

describe('lexicon administration', () => {
  it('versions and audits every edit: add, change level, allow-list, remove', async () => {
    const start = (await as('demo-admin', 'GET', '/api/v1/moderation/lexicon', { query: { q: '偷运木材' } })).body;
    expect(start.items).toEqual([]);

    const added = await as('demo-admin', 'PUT', '/api/v1/moderation/lexicon/words', { body: { word: '偷运木材', level: 'block', categories: ['illegal'], reason: '近期盗运案件' } });
    expect(added.status).toBe(200);
    expect(added.body.version).toBe(start.version + 1);
    expect((await check('demo-admin', '有人夜里偷 运 木 材')).body).toMatchObject({ verdict: 'block', categories: ['illegal'], message: expect.stringMatching(/违法犯罪信息/) });

    const unchanged = await as('demo-admin', 'PUT', '/api/v1/moderation/lexicon/words', { body: { word: '偷运木材', level: 'block', categories: ['illegal'] } });
    expect(unchanged.body.version).toBe(added.body.version);

    const lowered = await as('demo-admin', 'PUT', '/api/v1/moderation/lexicon/words', { body: { word: '偷运木材', level: 'review', categories: ['illegal'] } });
    expect(lowered.body.version).toBe(added.body.version + 1);
    expect((await check('demo-reviewer', '有人偷运木材')).body.verdict).toBe('review');

    const allowed = await as('demo-admin', 'PUT', '/api/v1/moderation/allow-list', { body: { phrase: '严查偷运木材', reason: '宣传口号' } });
    expect(allowed.body.version).toBe(lowered.body.version + 1);
    expect((await check('demo-admin', '我们要严查偷运木材行为')).body.verdict).toBe('pass');
    expect((await check('demo-admin', '有人偷运木材')).body.verdict).toBe('review');

    const removed = await as('demo-admin', 'DELETE', `/api/v1/moderation/lexicon/words/${encodeURIComponent('偷运木材')}`);
    expect(removed.body.version).toBe(allowed.body.version + 1);
    expect((await check('demo-admin', '有人偷运木材')).body.verdict).toBe('pass');
    const disallowed = await as('demo-admin', 'DELETE', `/api/v1/moderation/allow-list/${encodeURIComponent('严查偷运木材')}`);
    expect(disallowed.status).toBe(200);

    const audit = (await as('demo-admin', 'GET', '/api/v1/moderation/lexicon/audit', { query: { limit: '5' } })).body.items;
    expect(audit.map((a: { action: string }) => a.action)).toEqual(['allow-removed', 'word-removed', 'allow-added', 'word-set', 'word-set']);
    expect(audit[3]).toMatchObject({ text: '偷运木材', before: { level: 'block', categories: ['illegal'] }, after: { level: 'review', categories: ['illegal'] }, actorName: '杨管理' });
    expect(audit[4]).toMatchObject({ before: null, after: { level: 'block' }, reason: '近期盗运案件' });
  });

  it('lets admins change a word of the shipped lexicon and lists it as edited', async () => {
    const before = (await as('demo-admin', 'GET', '/api/v1/moderation/lexicon', { query: { q: '中共腐败' } })).body;
    expect(before.items.find((item: { word: string }) => item.word === '中共腐败')).toMatchObject({ level: 'review', source: 'default' });
    await as('demo-admin', 'PUT', '/api/v1/moderation/lexicon/words', { body: { word: '中共腐败', level: 'block', categories: ['politics'] } });
    const after = (await as('demo-admin', 'GET', '/api/v1/moderation/lexicon', { query: { q: '中共腐败' } })).body;
    expect(after.items.find((item: { word: string }) => item.word === '中共腐败')).toMatchObject({ level: 'block', source: 'edited' });
    await as('demo-admin', 'PUT', '/api/v1/moderation/lexicon/words', { body: { word: '中共腐败', level: 'review', categories: ['politics'] } });
  });

  it('gives every concurrent edit its own version', async () => {
    const start = await lexiconVersion();
    const replies = await Promise.all(
      ['并发词一', '并发词二', '并发词三'].map((word) => as('demo-admin', 'PUT', '/api/v1/moderation/lexicon/words', { body: { word, level: 'review', categories: ['other'] } })),
    );
    expect(replies.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(replies.map((r) => r.body.version).sort((a, b) => a - b)).toEqual([start + 1, start + 2, start + 3]);
  });

  it('refuses bad edits with clear errors, and edits from anyone but an admin', async () => {
    const tooShort = await as('demo-admin', 'PUT', '/api/v1/moderation/lexicon/words', { body: { word: '党', level: 'block', categories: ['politics'] } });
    expect(tooShort.status).toBe(400);
    expect(tooShort.body.error.message).toMatch(/单个字/);
    const badCategory = await as('demo-admin', 'PUT', '/api/v1/moderation/lexicon/words', { body: { word: '某某词', level: 'block', categories: ['rumour'] } });
    expect(badCategory.status).toBe(400);
    const missing = await as('demo-admin', 'DELETE', `/api/v1/moderation/lexicon/words/${encodeURIComponent('从来没有的词')}`);
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('LEXICON_ENTRY_NOT_FOUND');
    for (const userId of ['demo-reviewer', 'demo-secretary', 'm0013']) {
      expect((await as(userId, 'PUT', '/api/v1/moderation/lexicon/words', { body: { word: '某某词', level: 'block', categories: ['other'] } })).status).toBe(403);
    }
    expect((await check('m0013', '随便一句话')).status).toBe(403);
  });

  it('reaches a running copy within its cache TTL while the old lexicon keeps serving meanwhile', async () => {
    const probe = '林区禁语甲乙';
    // Warm this copy's cache, then edit as another copy would (straight to the table, not through this copy).
    expect((await submit('m0024', { content: `测试：${probe}` })).status).toBe(201);
    const version = await lexiconVersion();
    const at = new Date().toISOString();
    await commitLexiconEdit(
      version,
      { kind: 'word', form: probe, text: probe, state: 'active', level: 'block', categories: ['other'], updatedAt: at },
      { action: 'word-set', text: probe, before: null, after: { level: 'block', categories: ['other'] }, actorId: 'demo-admin', actorName: '杨管理', at },
    );
    const edited = Date.now();
    let blockedAfterMs: number | undefined;
    while (Date.now() - edited < 10_000) {
      const reply = await submit('m0025', { content: `测试：${probe}` });
      if (reply.status === 422) {
        blockedAfterMs = Date.now() - edited;
        break;
      }
      expect(reply.status).toBe(201);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(blockedAfterMs).toBeDefined();
    expect(blockedAfterMs!).toBeLessThan(5_000);
  });
});

describe('early warning', () => {
  // See suggestion-warning.test.ts for alerts; this file keeps the lexicon's TTL short.
  it('is not visible to ordinary members', async () => {
    expect((await as('m0013', 'GET', '/api/v1/moderation/alerts')).status).toBe(403);
  });
});

describe('WeChat msgSecCheck as a second opinion', () => {
  let wechat: FakeMsgSecCheck;
  beforeAll(async () => {
    wechat = await startFakeMsgSecCheck('wx-party-app', 'wechat-app-secret');
    wechat.verdicts.set('微商团队', { suggest: 'risky', label: 10001 });
    await db().send(new UpdateCommand({ TableName: tableName(), Key: keys.member('m0026'), UpdateExpression: 'SET wechatOpenId = :o', ExpressionAttributeValues: { ':o': 'o-wechat-m0026' } }));
  });
  afterAll(async () => {
    await wechat.close();
    for (const name of ['MSG_SEC_CHECK_ENABLED', 'WECHAT_BASE_URL', 'WECHAT_APP_ID', 'WECHAT_APP_SECRET']) delete process.env[name];
    resetConfigForTests();
  });
  const enable = (on: boolean) => {
    Object.assign(process.env, { MSG_SEC_CHECK_ENABLED: String(on), WECHAT_BASE_URL: wechat.baseUrl, WECHAT_APP_ID: 'wx-party-app', WECHAT_APP_SECRET: 'wechat-app-secret' });
    resetConfigForTests();
  };

  it('is off by default: WeChat is never called', async () => {
    enable(false);
    const reply = await submit('m0026', { content: '欢迎加入我的微商团队，月入过万。' });
    expect(reply.body.suggestion.status).toBe('open');
    expect(wechat.checks).toHaveLength(0);
  });

  it('when on, holds for review what WeChat finds risky although our filter passes it', async () => {
    enable(true);
    const reply = await submit('m0026', { content: '欢迎加入我的微商团队，月入过万。' });
    expect(reply.status).toBe(201);
    expect(reply.body.suggestion.status).toBe('pending_review');
    expect(wechat.checks.at(-1)).toMatchObject({ openid: 'o-wechat-m0026', version: 2 });
    const detail = await as('demo-reviewer', 'GET', `/api/v1/suggestions/${reply.body.suggestion.id}`);
    expect(detail.body.suggestion.moderation).toMatchObject({ verdict: 'review', categories: ['ads'] });

    const plain = await submit('m0026', { content: '建议冬季巡护配发防寒手套。' });
    expect(plain.body.suggestion.status).toBe('open');
  });

  it('renews a revoked token once, and lets our own verdict stand when WeChat cannot answer', async () => {
    enable(true);
    expect((await submit('m0026', { content: '建议冬季巡护配发防寒帽。' })).body.suggestion.status).toBe('open');
    wechat.expireTokenOnce();
    const tokens = wechat.tokenRequests;
    expect((await submit('m0026', { content: '再次欢迎加入微商团队。' })).body.suggestion.status).toBe('pending_review');
    expect(wechat.tokenRequests).toBe(tokens + 1);

    process.env.WECHAT_BASE_URL = 'http://127.0.0.1:9';
    resetConfigForTests();
    const offline = await submit('m0026', { content: '欢迎加入我的微商团队。' });
    expect(offline.status).toBe(201);
    expect(offline.body.suggestion.status).toBe('open');
  });

  it('asks WeChat nothing for a member without a WeChat openid', async () => {
    enable(true);
    const before = wechat.checks.length;
    const reply = await submit('m0027', { content: '欢迎加入我的微商团队。' });
    expect(reply.body.suggestion.status).toBe('open');
    expect(wechat.checks).toHaveLength(before);
  });
});
