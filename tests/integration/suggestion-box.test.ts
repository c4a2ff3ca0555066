import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { resetConfigForTests } from '../../shared/runtime/config';
import { db, tableName } from '../../shared/runtime/db';
import { metricKey, shanghaiDay } from '../../shared/runtime/feedback-signals';
import { startFakeWecomMessages, type FakeWecomMessages } from '../support/fake-wecom-messages';
import { as, submit, requestId } from '../support/suggestions';
import { useSeededTable } from '../support/table';

useSeededTable();

// A phrase of the curated lexicon at level block (drugs) and one at level review (politics).
const BLOCKED = '出售冰毒';
const HELD = '中共腐败';

describe('submitting a suggestion', () => {
  it('stores it once per clientRequestId and shows it in the member’s own list as 待处理', async () => {
    const clientRequestId = requestId();
    const body = { title: '瞭望塔需要太阳能充电', content: '巡山时手机没电，建议在瞭望塔安装太阳能充电设备。', category: 'work', clientRequestId };
    const first = await as('m0013', 'POST', '/api/v1/suggestions', { body });
    expect(first.status).toBe(201);
    expect(first.body.suggestion).toMatchObject({ title: body.title, status: 'open', anonymous: false, category: 'work' });
    const again = await as('m0013', 'POST', '/api/v1/suggestions', { body });
    expect(again.status).toBe(200);
    expect(again.body.suggestion.id).toBe(first.body.suggestion.id);

    const mine = await as('m0013', 'GET', '/api/v1/suggestions/mine');
    expect(mine.body.items.filter((s: { title: string }) => s.title === body.title)).toHaveLength(1);
    const one = await as('m0013', 'GET', `/api/v1/suggestions/mine/${first.body.suggestion.id}`);
    expect(one.body.suggestion.content).toBe(body.content);
  });

  it('refuses blocked text with 422 CONTENT_BLOCKED naming the kind of content, never the word, and stores nothing', async () => {
    const before = (await as('m0014', 'GET', '/api/v1/suggestions/mine')).body.items.length;
    for (const content of [`有人在林场附近${BLOCKED}`, `有人在林场附近出\u200b售冰*毒`, '有人在林場附近出售冰毒']) {
      const reply = await submit('m0014', { content });
      expect(reply.status).toBe(422);
      expect(reply.body.error.code).toBe('CONTENT_BLOCKED');
      expect(reply.body.error.message).toMatch(/涉毒信息/);
      expect(reply.body.error.message).not.toMatch(/冰毒/);
    }
    expect((await as('m0014', 'GET', '/api/v1/suggestions/mine')).body.items).toHaveLength(before);
  });

  it('checks the title too', async () => {
    const reply = await submit('m0014', { title: `求购${BLOCKED}` });
    expect(reply.status).toBe(422);
  });

  it('passes the field’s everyday words straight to the branch, and holds the same kind of word offered for sale', async () => {
    const field = await submit('m0015', {
      title: '防火期物资',
      content: '护林员夜巡要带信号弹，砍刀和油锯也该换了；买断工龄的同志问医保，食堂冰糖的采购价格希望公开，肉牛肉羊冬天饲草不足。',
    });
    expect(field.status).toBe(201);
    expect(field.body.suggestion.status).toBe('open');
    // A weapon word alone is evidence, not a verdict; beside a price and a WeChat contact a reviewer looks.
    expect((await submit('m0015', { content: '有人打听气枪，请大家注意。' })).body.suggestion.status).toBe('open');
    const offered = await submit('m0015', { content: '有人在群里打听气枪的价格，还留了微信。' });
    expect(offered.status).toBe(201);
    expect(offered.body.suggestion.status).toBe('pending_review');
    expect((await submit('m0015', { content: '有人在群里出售仿真枪，还留了微信。' })).body.error.code).toBe('CONTENT_BLOCKED');
  });

  it('holds text with review-level words for a reviewer instead of publishing it', async () => {
    const reply = await submit('m0015', { content: `有人在群里说${HELD}，大家议论纷纷。` });
    expect(reply.status).toBe(201);
    expect(reply.body.suggestion.status).toBe('pending_review');
  });
});

describe('bad input', () => {
  const expectInvalid = async (fields: Record<string, unknown>, path: string) => {
    const reply = await submit('m0016', fields);
    expect(reply.status).toBe(400);
    expect(reply.body.error.code).toBe('VALIDATION_FAILED');
    const detail = reply.body.error.details.find((d: { path: string }) => d.path === path);
    expect(detail?.message).toMatch(/[\u4e00-\u9fff]/);
  };

  it('refuses empty, too short and oversized content with Chinese messages', async () => {
    await expectInvalid({ content: '' }, 'body.content');
    await expectInvalid({ content: '   ' }, 'body.content');
    await expectInvalid({ content: '好' }, 'body.content');
    await expectInvalid({ content: '长'.repeat(2001) }, 'body.content');
    await expectInvalid({ title: '' }, 'body.title');
    await expectInvalid({ title: '题'.repeat(41) }, 'body.title');
  });

  it('refuses an unknown category and unknown fields', async () => {
    await expectInvalid({ category: 'gossip' }, 'body.category');
    const extra = await submit('m0016', { authorId: 'demo-admin' });
    expect(extra.status).toBe(400);
  });

  it('removes control and zero-width characters: they neither fill a text nor hide a word', async () => {
    await expectInvalid({ content: '\u200b\u200c\u200d\u2060\ufeff\u0007\u0000' }, 'body.content');
    const cleaned = await submit('m0016', { content: '护林\u0007站的\u200b网络\u202e很差，需要改善。' });
    expect(cleaned.status).toBe(201);
    expect(cleaned.body.suggestion.content).toBe('护林站的网络很差，需要改善。');
  });

  it('stores HTML and script as plain text, returned exactly as written', async () => {
    const content = '<script>alert("x")</script><b>加粗</b> & 其他';
    const reply = await submit('m0016', { content });
    expect(reply.status).toBe(201);
    expect(reply.body.suggestion.content).toBe(content);
    const one = await as('m0016', 'GET', `/api/v1/suggestions/mine/${reply.body.suggestion.id}`);
    expect(one.body.suggestion.content).toBe(content);
  });

  it('answers a bad paging cursor with 400, not 500', async () => {
    const reply = await as('m0016', 'GET', '/api/v1/suggestions/mine', { query: { cursor: 'not-a-cursor' } });
    expect(reply.status).toBe(400);
  });
});

describe('rate limit', () => {
  beforeAll(() => {
    process.env.SUGGESTION_RATE_LIMIT_PER_HOUR = '3';
    resetConfigForTests();
  });
  afterAll(() => {
    delete process.env.SUGGESTION_RATE_LIMIT_PER_HOUR;
    resetConfigForTests();
  });

  it('answers 429 with a Chinese message once a member passes the hourly limit, counting blocked attempts too', async () => {
    expect((await submit('m0017')).status).toBe(201);
    expect((await submit('m0017', { content: `据说有人${BLOCKED}` })).status).toBe(422);
    expect((await submit('m0017', { anonymous: true })).status).toBe(201);
    const over = await submit('m0017');
    expect(over.status).toBe(429);
    expect(over.body.error).toMatchObject({ code: 'RATE_LIMITED' });
    expect(over.body.error.message).toMatch(/每小时最多提交 3 条/);
    expect((await submit('m0017', { anonymous: true })).status).toBe(429);
    // Another member is not affected.
    expect((await submit('m0018')).status).toBe(201);
  });
});

describe('human review', () => {
  it('lists held suggestions oldest first with the hits, and records approval and rejection for the author to see', async () => {
    const first = await submit('m0019', { title: '第一条待审', content: `听说${HELD}的事情，不知真假。` });
    const second = await submit('m0020', { title: '第二条待审', content: `${HELD}这种说法不对。` });
    const queue = await as('demo-reviewer', 'GET', '/api/v1/suggestions/review-queue', { query: { limit: '100' } });
    expect(queue.status).toBe(200);
    const ids = queue.body.items.map((s: { id: string }) => s.id);
    expect(ids.indexOf(first.body.suggestion.id)).toBeLessThan(ids.indexOf(second.body.suggestion.id));
    const item = queue.body.items.find((s: { id: string }) => s.id === first.body.suggestion.id);
    const hit = item.moderation.contentHits[0];
    expect(item.content.slice(hit.start, hit.end)).toBe(HELD);
    expect(hit).toMatchObject({ level: 'review', categories: ['politics'] });

    const approved = await as('demo-reviewer', 'POST', `/api/v1/suggestions/${first.body.suggestion.id}/review`, { body: { decision: 'approve', reason: '属于正常反映问题' } });
    expect(approved.status).toBe(200);
    expect(approved.body.suggestion.status).toBe('open');
    const twice = await as('demo-reviewer', 'POST', `/api/v1/suggestions/${first.body.suggestion.id}/review`, { body: { decision: 'reject', reason: '改主意了' } });
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe('REVIEW_ALREADY_DECIDED');

    const noReason = await as('demo-reviewer', 'POST', `/api/v1/suggestions/${second.body.suggestion.id}/review`, { body: { decision: 'reject' } });
    expect(noReason.status).toBe(400);
    const rejected = await as('demo-reviewer', 'POST', `/api/v1/suggestions/${second.body.suggestion.id}/review`, { body: { decision: 'reject', reason: '内容含不实信息' } });
    expect(rejected.body.suggestion.status).toBe('rejected');

    const seenByAuthor = await as('m0020', 'GET', `/api/v1/suggestions/mine/${second.body.suggestion.id}`);
    expect(seenByAuthor.body.suggestion).toMatchObject({ status: 'rejected', review: { decision: 'reject', reason: '内容含不实信息' } });
    const approvedSeen = await as('m0019', 'GET', `/api/v1/suggestions/mine/${first.body.suggestion.id}`);
    expect(approvedSeen.body.suggestion.status).toBe('open');

    const history = await as('demo-admin', 'GET', `/api/v1/suggestions/${first.body.suggestion.id}`);
    expect(history.body.history.map((e: { action: string }) => e.action)).toEqual(['submitted', 'held', 'approved']);
    expect(history.body.history[2]).toMatchObject({ actorName: '刘审核', note: '属于正常反映问题' });
  });

  it('decides an item once even when two reviewers decide at the same moment', async () => {
    const held = await submit('m0021', { content: `${HELD}的传言要澄清。` });
    const id = held.body.suggestion.id;
    const results = await Promise.all([
      as('demo-reviewer', 'POST', `/api/v1/suggestions/${id}/review`, { body: { decision: 'approve' } }),
      as('demo-reviewer', 'POST', `/api/v1/suggestions/${id}/review`, { body: { decision: 'reject', reason: '不予通过' } }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
  });

  it('refuses review calls from anyone without the reviewer role', async () => {
    const held = await submit('m0022', { content: `${HELD}要查清楚。` });
    for (const userId of ['m0022', 'demo-secretary', 'demo-admin']) {
      const queue = await as(userId, 'GET', '/api/v1/suggestions/review-queue');
      expect(queue.status).toBe(403);
      const decide = await as(userId, 'POST', `/api/v1/suggestions/${held.body.suggestion.id}/review`, { body: { decision: 'approve' } });
      expect(decide.status).toBe(403);
      expect(decide.body.error.code).toBe('FORBIDDEN');
    }
  });
});

describe('handling', () => {
  let wecom: FakeWecomMessages;
  beforeAll(async () => {
    wecom = await startFakeWecomMessages('ww-forest-group', 'wecom-app-secret');
    Object.assign(process.env, { WECOM_BASE_URL: wecom.baseUrl, WECOM_CORP_ID: 'ww-forest-group', WECOM_APP_SECRET: 'wecom-app-secret' });
    resetConfigForTests();
  });
  afterAll(async () => {
    await wecom.close();
    for (const name of ['WECOM_BASE_URL', 'WECOM_CORP_ID', 'WECOM_APP_SECRET']) delete process.env[name];
    resetConfigForTests();
  });

  it('names whoever replied to an unassigned suggestion as its handler (办理人), in the answer and on reopening', async () => {
    const mine = await submit('m0014', { title: '防火期巡护', content: '建议防火期夜间巡护增加一个班次。', category: 'work' });
    const id = mine.body.suggestion.id;
    expect(mine.body.suggestion.assignee).toBeUndefined();
    const replied = await as('demo-secretary', 'POST', `/api/v1/suggestions/${id}/reply`, { body: { text: '已安排，下周起夜间增加一个班次。' } });
    expect(replied.body.suggestion).toMatchObject({ status: 'replied', assignee: { userId: 'demo-secretary', name: '张书记' } });
    const reopened = await as('demo-secretary', 'GET', `/api/v1/suggestions/${id}`);
    expect(reopened.body.suggestion.assignee).toEqual({ userId: 'demo-secretary', name: '张书记' });
  });

  it('lets a secretary handle their branch only, an admin every branch, and the member see the reply and rate it', async () => {
    const mine = await submit('m0013', { title: '食堂伙食', content: '扑火队员体力消耗大，建议改善食堂伙食。', category: 'life' });
    const id = mine.body.suggestion.id;
    const other = await submit('m0001', { title: '机关文件太多', content: '希望精简文件，减少形式主义。', category: 'work' });

    const branchList = await as('demo-secretary', 'GET', '/api/v1/suggestions', { query: { status: 'open', limit: '100' } });
    expect(branchList.status).toBe(200);
    expect(branchList.body.items.every((s: { branchId: string }) => s.branchId === 'songling-zhuangzhi')).toBe(true);
    expect(branchList.body.items.map((s: { id: string }) => s.id)).toContain(id);
    expect((await as('demo-secretary', 'GET', '/api/v1/suggestions', { query: { branchId: 'songling-office' } })).status).toBe(403);
    expect((await as('demo-secretary', 'GET', `/api/v1/suggestions/${other.body.suggestion.id}`)).status).toBe(403);
    expect((await as('demo-secretary', 'POST', `/api/v1/suggestions/${other.body.suggestion.id}/reply`, { body: { text: '收到' } })).status).toBe(403);

    const byCategory = await as('demo-admin', 'GET', '/api/v1/suggestions', { query: { status: 'open', category: 'work', limit: '100' } });
    expect(byCategory.body.items.map((s: { id: string }) => s.id)).toContain(other.body.suggestion.id);
    expect(byCategory.body.items.every((s: { category: string }) => s.category === 'work')).toBe(true);

    const refusedAssignee = await as('demo-secretary', 'POST', `/api/v1/suggestions/${id}/assign`, { body: { assigneeId: 'm0013' } });
    expect(refusedAssignee.status).toBe(400);
    const assigned = await as('demo-admin', 'POST', `/api/v1/suggestions/${id}/assign`, { body: { assigneeId: 'demo-secretary' } });
    expect(assigned.body.suggestion).toMatchObject({ status: 'in_progress', assignee: { userId: 'demo-secretary', name: '张书记' } });
    expect(wecom.delivered.find((n) => n.toUsers.includes('demo-secretary'))).toMatchObject({ title: '意见待您处理', page: `suggestions/pages/handling/detail?id=${id}` });

    const early = await as('m0013', 'POST', `/api/v1/suggestions/mine/${id}/rating`, { body: { rating: 5 } });
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('SUGGESTION_NOT_RATABLE');

    const replied = await as('demo-secretary', 'POST', `/api/v1/suggestions/${id}/reply`, { body: { text: '已与食堂沟通，下周起增加肉菜供应。' } });
    expect(replied.body.suggestion.status).toBe('replied');
    expect((await as('demo-admin', 'POST', `/api/v1/suggestions/${id}/reply`, { body: { text: '再答复一次' } })).body.error.code).toBe('SUGGESTION_NOT_REPLIABLE');

    expect(wecom.delivered.find((n) => n.toUsers.includes('m0013'))).toMatchObject({ title: '您的意见已答复', contentItems: [{ key: '标题', value: '食堂伙食' }] });
    expect(wecom.violations).toEqual([]);
    const seen = await as('m0013', 'GET', `/api/v1/suggestions/mine/${id}`);
    expect(seen.body.suggestion).toMatchObject({ status: 'replied', reply: { text: '已与食堂沟通，下周起增加肉菜供应。', byName: '张书记' } });

    expect((await as('m0013', 'POST', `/api/v1/suggestions/mine/${id}/rating`, { body: { rating: 6 } })).status).toBe(400);
    const rated = await as('m0013', 'POST', `/api/v1/suggestions/mine/${id}/rating`, { body: { rating: 4 } });
    expect(rated.body.suggestion.rating).toBe(4);
    expect((await as('m0013', 'POST', `/api/v1/suggestions/mine/${id}/rating`, { body: { rating: 5 } })).body.error.code).toBe('SUGGESTION_ALREADY_RATED');

    // The rating reached the feedback loop as an aggregate of branch and member category.
    const member = { branchId: 'songling-zhuangzhi', category: 'ranger' as const };
    const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: (({ pk, sk }) => ({ pk, sk }))(metricKey('suggestions', shanghaiDay(new Date()), member.branchId, member.category)) }));
    expect(Item?.['feedback.handling-rating']).toBeGreaterThanOrEqual(1);
    expect(Item?.['ratings.sum']).toBeGreaterThanOrEqual(4);
  });

  it('refuses a blocked reply like any other text', async () => {
    const mine = await submit('m0014', { title: '路灯', content: '林场宿舍门口路灯坏了，晚上看不清路。' });
    const reply = await as('demo-secretary', 'POST', `/api/v1/suggestions/${mine.body.suggestion.id}/reply`, { body: { text: `有人${BLOCKED}` } });
    expect(reply.status).toBe(422);
  });

  it('feeds a named platform-feature suggestion to the feedback loop under the feature it names', async () => {
    const reply = await submit('demo-office', { title: '党费提醒', content: '希望党费缴纳前一天提醒我。', category: 'platform', feature: 'dues' });
    expect(reply.status).toBe(201);
    const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: (({ pk, sk }) => ({ pk, sk }))(metricKey('dues', shanghaiDay(new Date()), 'xinlin-office', 'office')) }));
    expect(Item?.['feedback.suggestion']).toBeGreaterThanOrEqual(1);
  });
});

describe('someone else’s suggestion', () => {
  it('is a 404 through "my suggestions" and a 403 through the handling endpoints for an ordinary member', async () => {
    const mine = await submit('m0013', { title: '别人的意见', content: '这是一条别人不该看到的意见。' });
    const id = mine.body.suggestion.id;
    const asOther = await as('m0014', 'GET', `/api/v1/suggestions/mine/${id}`);
    expect(asOther.status).toBe(404);
    expect(asOther.body.error.code).toBe('SUGGESTION_NOT_FOUND');
    expect((await as('m0014', 'POST', `/api/v1/suggestions/mine/${id}/rating`, { body: { rating: 1 } })).status).toBe(404);
    expect((await as('m0014', 'GET', `/api/v1/suggestions/${id}`)).status).toBe(403);
    expect((await as('m0014', 'GET', '/api/v1/suggestions')).status).toBe(403);
    expect((await as('m0014', 'GET', '/api/v1/suggestions/export')).status).toBe(403);
  });
});
